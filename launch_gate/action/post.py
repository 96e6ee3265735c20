"""Deciding where the comment goes, and posting or saving it."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from launch_gate.action import comment
from launch_gate.action.commands import redact
from launch_gate.action.context import ActionContext
from launch_gate.action.inputs import ActionInputs
from launch_gate.errors import UsageError
from launch_gate.gather.github.port import GitHub, GitHubError
from launch_gate.render.annotations import Annotation
from launch_gate.render.comment import marker, render_comment
from launch_gate.render.summary import Links
from launch_gate.report.view import SectionView

TITLE = "launch-gate: PR comment"
READ_ONLY = (
    "the token cannot write comments (a pull request from a fork gets a read-only token); "
    "the verdict is unaffected. To comment on fork PRs, use `comment: file` and a "
    "workflow_run workflow with `comment-from` (the README's section on fork PRs)."
)


class Step(NamedTuple):
    warnings: list[Annotation]
    note: str | None  # one line for the job summary
    outputs: dict[str, str]


def _warning(message: str) -> Annotation:
    return Annotation("warning", message, title=TITLE)


def target_pull(inputs: ActionInputs, ctx: ActionContext, gh: GitHub | None) -> int | None:
    # A merge group's run edits no comment: its pull request's own run keeps that one.
    event = ctx.event
    if inputs.comment == "never" or event.merge_group is not None:
        return None
    if event.pull is not None:
        return event.pull.number
    if inputs.comment != "always" or gh is None or not event.sha:
        return None
    # On a push, `always` comments on the open PR that carries the commit, if any.
    pulls = gh.pulls_with(ctx.repository, event.sha, merged=False)
    return min(pulls) if pulls else None


def _failure(exc: GitHubError) -> str:
    if exc.status == 403 and exc.missing():
        # GitHub says which permission the token lacks (X-Accepted-GitHub-Permissions).
        return (
            f"the token lacks a permission: add `{exc.missing()}` to the workflow's "
            "permissions: block. A pull request from a fork always gets a read-only token: "
            "there, use `comment: file` and a workflow_run poster."
        )
    if exc.status == 403 and "not accessible by integration" in exc.message.lower():
        return READ_ONLY
    if exc.status is not None:
        return f"GitHub answered {exc.status} ({exc.message})"
    return exc.message


def comment_step(
    inputs: ActionInputs,
    ctx: ActionContext,
    gh: GitHub | None,
    seen: list[SectionView],
    red: str | None = None,
) -> Step:
    """Post (or save) the comment; failures become warnings, never a changed verdict."""
    try:
        number = target_pull(inputs, ctx, gh)
        if number is None:
            return Step([], None, {})
        if gh is None:
            return Step([_warning("no github-token: not commenting")], None, {})
        pull = ctx.event.pull
        links = Links(
            ctx.server_url,
            ctx.repository,
            ctx.event.head_sha,
            pull.base_ref if pull else "",
            pull.base_sha if pull else "",
        )
        body = render_comment(seen, inputs.manifest, ctx.run_url, ctx.event.sha, links, red=red)
        # The runner masks the token in logs only; a comment is posted verbatim.
        body = redact(body, inputs.github_token.get_secret_value())
        if inputs.comment == "file":
            from launch_gate.action import saved as saving  # pydantic: only for this mode

            path = ctx.temp / "launch-gate" / "comment.json"
            head = ctx.event.head_sha
            saved = saving.CommentFile(
                pull_request=number, head_sha=head, marker=marker(inputs.manifest), body=body
            )
            saving.save(path, saved)
            return Step(
                [],
                f"Comment for #{number} saved to `{ctx.on_host(path)}`.",
                {"comment-file": str(ctx.on_host(path))},
            )
        done = comment.upsert(gh, ctx.repository, number, marker(inputs.manifest), body)
        return Step([], f"PR comment on #{number}: {done}.", {})
    except GitHubError as exc:
        message = f"could not comment: {_failure(exc)}"
        return Step([_warning(message)], message, {})


def post_saved(inputs: ActionInputs, ctx: ActionContext, token: str) -> list[Annotation]:
    """`comment-from`: post what a `comment: file` run saved, after checking it."""
    from launch_gate.action import saved as saving  # pydantic: only for this mode

    source = Path(inputs.comment_from or "")
    saved = saving.load(source if source.is_absolute() else ctx.workspace / source)
    if not token:
        raise UsageError(
            "a github-token is needed to post a comment", file="inputs", key="comment-from"
        )
    gh = ctx.connect(token, inputs.timeout_seconds)
    run = ctx.payload.get("workflow_run")
    expected = run.get("head_sha", "") if isinstance(run, dict) else ""
    try:
        if not saving.head_matches(gh, ctx.repository, saved, str(expected)):
            return [
                _warning(
                    f"not posting: PR #{saved.pull_request} is not at the commit "
                    "the saved comment was made for"
                )
            ]
        comment.upsert(gh, ctx.repository, saved.pull_request, saved.marker, saved.body)
    except GitHubError as exc:
        return [_warning(f"could not comment: {_failure(exc)}")]
    return []
