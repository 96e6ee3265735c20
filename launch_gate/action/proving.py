"""The gather stage's GitHub half: the base manifests and the approver proof, as data.

Runs once per action run, before anything is judged, on a cheap offline judgement of each
manifest (which decisions changed does not depend on evidence). What it finds goes into the
judging pass (`approvals`) and into the sections (`baseline`), so nothing downstream calls
GitHub for them again. launch_gate/action/timed.py holds it to its share of the deadline.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from launch_gate.action.context import ActionContext
from launch_gate.action.inputs import ActionInputs
from launch_gate.action.results import Evaluator, Gathered
from launch_gate.errors import InputError
from launch_gate.gather import baseline
from launch_gate.gather.approvals import needs
from launch_gate.gather.approvals import verify as approvals
from launch_gate.gather.approvals.reviews import failure
from launch_gate.gather.github.port import GitHub, GitHubError
from launch_gate.judge.approvals import ApprovalMap
from launch_gate.judge.evaluate import Evaluation
from launch_gate.load.tree import Tree
from launch_gate.pipeline import judge_tree
from launch_gate.render.annotations import Annotation
from launch_gate.report.run import Section


class Gathering:
    """What `prepare` finds, path by path. It runs on a worker thread the deadline may
    abandon: when the time is up the run `close`s it and takes what is there, and a write
    after that is dropped, so nothing the run has read changes under it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = True
        self._found = Gathered({}, {}, [], {})
        # The decisions each manifest needs proven, known before GitHub is asked.
        self._pending: dict[str, list[needs.Need]] = {}

    def baseline(self, path: str, base: Evaluation | None) -> None:
        with self._lock:
            if self._open:
                self._found.baselines[path] = base

    def approvals(self, path: str, found: ApprovalMap) -> None:
        with self._lock:
            if self._open:
                self._found.approvals[path] = found

    def warn(self, *messages: str) -> None:
        with self._lock:
            if self._open:
                self._found.warnings.extend(messages)

    def waiting(self, path: str, found: list[needs.Need]) -> None:
        with self._lock:
            if self._open:
                self._pending[path] = found

    def close(self) -> tuple[Gathered, dict[str, list[needs.Need]]]:
        """What was found, and what was still waiting for GitHub; nothing is added after."""
        with self._lock:
            self._open = False
            found = self._found
            done = Gathered(dict(found.baselines), dict(found.approvals), list(found.warnings), {})
            return done, dict(self._pending)


def verifies(inputs: ActionInputs, ctx: ActionContext, head: Evaluation) -> bool:
    """Whether this run must prove `head`'s decisions: a PR, a merge group or a push, and
    asked to."""
    if not ctx.event.proves_approvals:
        return False
    if inputs.verify_approvals is None:
        return head.profile.verify_approvals
    return inputs.verify_approvals


def prepare(
    inputs: ActionInputs,
    ctx: ActionContext,
    gh: GitHub | None,
    paths: Sequence[str],
    offline: Evaluator,
    *,
    into: Gathering,
) -> None:
    """Fill `into` path by path, noting there what awaits GitHub, for a deadline."""
    ref = ctx.event.compared_with
    # A pull request's comment shows what the change did: the base is read here, with the
    # rest of what this run gathers, and not again by the comment.
    shown = ctx.event.pull is not None and inputs.comment != "never"
    for path in paths:
        try:
            head = offline(path)
        except InputError:
            continue  # reported by the real evaluation
        verify = verifies(inputs, ctx, head)
        base = None
        if ref and (verify or shown or inputs.fail_on == "regression"):
            try:
                base = base_evaluation(inputs, ctx, gh, path)
            except GitHubError as exc:
                # Which decisions changed is unknown: every one needs proof (fail closed).
                message = f"could not read the base manifest: {failure(exc)}"
                into.warn(message)
                if verify:
                    into.approvals(path, needs.unproven(needs.candidates(head), message))
                continue
            into.baseline(path, base)
        if verify:
            manifest = ctx.workspace / path
            # A push proves every decision; a pull request or merge group what it changed.
            found = needs.needs(head, manifest, base, all_=ctx.event.name == "push")
            into.waiting(path, found)
            try:
                where = _where(ctx, gh)
            except GitHubError as exc:
                message = f"could not read the queued pull request: {failure(exc)}"
                into.warn(message)
                into.approvals(path, needs.unproven(found, message))
                continue
            if where is None:
                message = "the merge group's branch names no pull request: approvals unproven"
                into.warn(message)
                into.approvals(path, needs.unproven(found, message))
                continue
            said: list[str] = []
            proven = approvals.verify(
                where,
                gh,
                manifest,
                found,
                label=head.loaded.file,
                warnings=said,
                allowed=approvals.Allowed(
                    head.profile.approval_permission,
                    frozenset(head.profile.approval_associations),
                ),
            )
            into.warn(*said)
            into.approvals(path, proven)


def _where(ctx: ActionContext, gh: GitHub | None) -> approvals.Where | None:
    """Whose reviews prove this run's decisions. A merge group's are its pull request's,
    read at that pull request (its head, as on the PR's own run): the queue's commit was
    never reviewed, the pull request was."""
    pull, group = ctx.event.pull, ctx.event.merge_group
    if pull is not None:
        return approvals.Where(ctx.repository, pull.number, pull.head_sha)
    if group is None:
        return approvals.Where(ctx.repository, None, ctx.event.sha)
    if group.pull_number is None:
        return None
    head = gh.pull_head(ctx.repository, group.pull_number) if gh is not None else ""
    return approvals.Where(ctx.repository, group.pull_number, head)


TITLE = "launch-gate: approvals"


def warning_annotations(gathered: Gathered) -> list[Annotation]:
    return [Annotation("warning", w, title=TITLE) for w in gathered.warnings]


def judge_from(ctx: ActionContext, gh: GitHub | None) -> Tree | None:
    """Where this run's policy files are read: None (the checkout) on runs of trusted
    commits; a pull request's or merge group's base otherwise (SECURITY.md)."""
    if not ctx.event.judged_at_base:
        return None
    return baseline.judging_tree(ctx.workspace, ctx.event.base_sha, gh, ctx.repository)


def base_evaluation(
    inputs: ActionInputs, ctx: ActionContext, gh: GitHub | None, path: str
) -> Evaluation | None:
    """The manifest at `path` as the base has it, judged offline; None when new there."""
    tree = baseline.base_tree(ctx.workspace, ctx.event.compared_with, gh, ctx.repository)
    if tree is None:
        return None
    try:
        return judge_tree(
            tree,
            path,
            profile=inputs.profile,
            today=ctx.today,
            warn_days=inputs.warn_days,
            default=ctx.default_profile,
        )
    except InputError:
        # A base that did not parse has nothing useful to compare against.
        return None


def attach(sections: Sequence[Section], gathered: Gathered) -> list[Section]:
    return [
        s.compared_with(gathered.baselines[s.path])
        if s.evaluation is not None and s.path in gathered.baselines
        else s
        for s in sections
    ]
