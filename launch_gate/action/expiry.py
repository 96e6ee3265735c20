"""`mode: expiry-issue`: one tracking issue of decisions due soon, kept up to date.

Meant for a scheduled workflow. The issue is found again by a hidden marker in
its body, so every run edits the same one (reopening it when decisions fall due
again); a run that would not change it writes nothing; it is closed when nothing
is due. Only a manifest that cannot be read fails the step (exit 2).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TextIO

from launch_gate.action import commands, results
from launch_gate.action.comment import is_ours
from launch_gate.action.context import ActionContext
from launch_gate.action.inputs import ActionInputs
from launch_gate.action.outputs import write_outputs
from launch_gate.errors import EXIT_CANNOT_EVALUATE, EXIT_PASS, InputError
from launch_gate.findings import Due
from launch_gate.gather.deadline import Deadline, DeadlineHit, call_within
from launch_gate.gather.github.port import GitHub, GitHubError, Issue
from launch_gate.judge.expiry import due
from launch_gate.render.annotations import Annotation
from launch_gate.render.comment import COMMENT_LIMIT
from launch_gate.render.comment import marker as comment_marker
from launch_gate.render.expiry import markdown
from launch_gate.report import build as view

TITLE = "launch-gate: expiry issue"


def marker(manifest_input: str) -> str:
    return comment_marker(manifest_input, "expiry")


def body(manifest_input: str, items: Sequence[Due], within: int, run_url: str | None) -> str:
    # Owners are mentioned on purpose: the issue exists to tell them.
    lines = [
        marker(manifest_input),
        "Accepted risks that expire soon, or already have, by owner. Renew each decision "
        "with a new `expires` date, or close the gap. This issue is kept up to date by "
        "launch-gate and closed when nothing is due.",
        "",
        markdown(view.due(items), within, mention=True),
    ]
    if run_url:
        lines.append(f"<sub>Last updated by [this run]({run_url}).</sub>\n")
    return "\n".join(lines)[:COMMENT_LIMIT]


# Set on the tracking issue so a run lists only labelled issues: a page or two, not every
# issue the repository ever had (GITHUB_TOKEN has 1,000 requests an hour).
LABEL = "launch-gate"


def _ours(gh: GitHub, repository: str, mark: str) -> list[Issue]:
    """Our issues (marker and author). Labelled issues first; only when none of them is
    ours is every issue listed, which finds an issue opened before the label was set (or
    whose label someone removed)."""
    me = gh.identity()
    ours = [i for i in gh.issues(repository, LABEL) if is_ours(i.author, i.body, mark, me)]
    if not ours:
        ours = [i for i in gh.issues(repository) if is_ours(i.author, i.body, mark, me)]
    return ours


def find(gh: GitHub, repository: str, mark: str) -> Issue | None:
    """Our open issue, closing any other open one a race left (every run keeps the
    oldest, so overlapping runs agree); else our newest closed one (to reopen)."""
    ours = _ours(gh, repository, mark)
    open_ = sorted((i for i in ours if i.state == "open"), key=lambda i: i.number)
    if open_:
        for extra in open_[1:]:
            _close_as_duplicate(gh, repository, extra, open_[0].number)
        return open_[0]
    return max(ours, key=lambda i: i.number) if ours else None


def _close_as_duplicate(gh: GitHub, repository: str, extra: Issue, kept: int) -> None:
    # Issues cannot be deleted with a workflow's token: the duplicate is closed, and its
    # body loses the marker, so no later run takes it for the tracking issue.
    body = f"Duplicate of #{kept}: two launch-gate runs opened an issue at the same moment."
    try:
        gh.edit_issue(repository, extra.number, title=extra.title, body=body, state="closed")
    except GitHubError as exc:
        if exc.status not in {404, 410}:  # gone already: nothing left to close
            raise


def sync(gh: GitHub, repository: str, mark: str, text: str, *, title: str, any_due: bool) -> str:
    """Create, update, reopen or close the issue; a no-op writes nothing.

    The title follows the body: both say how many decisions are due.
    """
    issue = find(gh, repository, mark)
    if issue is None:
        if not any_due:
            return "nothing due; no issue"
        made = gh.create_issue(repository, title, text, LABEL)
        # Another run may have opened one at the same moment: settle on the oldest.
        kept = find(gh, repository, mark)
        if kept is None or kept.number == made:
            return f"opened #{made}"
        issue = kept
    wanted = "open" if any_due else "closed"
    if issue.state == wanted and issue.title == title and (issue.body == text or not any_due):
        return f"#{issue.number} unchanged"
    gh.edit_issue(repository, issue.number, title=title, body=text, state=wanted)
    return f"updated #{issue.number}" if any_due else f"closed #{issue.number}"


def _due(inputs: ActionInputs, ctx: ActionContext) -> list[Due]:
    judge = results.evaluator(inputs, ctx.today, results.Manifests(inputs, ctx))
    items: list[Due] = []
    for path in results.find_manifests(ctx.workspace, inputs.manifest):
        items += due(judge(path), inputs.expiry_window_days)
    return sorted(items, key=lambda x: (x.expires, x.file, x.check))


def run(
    inputs: ActionInputs, ctx: ActionContext, out: TextIO, token: str, deadline: Deadline
) -> int:
    hide = functools.partial(commands.redact, secret=token)
    try:
        items = _due(inputs, ctx)
    except InputError as exc:
        commands.emit(out, [Annotation("error", hide(str(exc)), title=TITLE)])
        return EXIT_CANNOT_EVALUATE
    within = inputs.expiry_window_days
    text = hide(body(inputs.manifest, items, within, ctx.run_url))
    title = f"launch-gate: {len(items)} decision(s) due within {within} day(s)"
    if not token:
        done = "no github-token: the issue is not kept"
    else:
        gh = ctx.connect(token, deadline.remaining())
        mark = marker(inputs.manifest)
        try:
            done = call_within(
                lambda: sync(gh, ctx.repository, mark, text, title=title, any_due=bool(items)),
                deadline.remaining(),
            )
        except (GitHubError, DeadlineHit) as exc:
            done = f"could not keep the issue: {type(exc).__name__}"
    failed = done.startswith(("no github-token", "could not"))
    commands.emit(out, [Annotation("warning" if failed else "notice", hide(done), title=TITLE)])
    if ctx.step_summary is not None:
        with ctx.step_summary.open("a", encoding="utf-8") as fh:
            fh.write(
                hide(markdown(view.due(items), within)) + f"\n> Tracking issue: {hide(done)}.\n"
            )
    write_outputs(ctx.output, {"due": str(len(items)), "expiry-issue": hide(done)})
    return EXIT_PASS
