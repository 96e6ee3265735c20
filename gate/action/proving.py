"""Before the verdict: the base manifests and the approver proof, gathered as data.

Runs once per action run, ahead of the real evaluation, on a cheap offline
judgement of each manifest (which decisions changed does not depend on
evidence). Its results go into evaluation (`approvals`) and into the sections
(`baseline`), so nothing downstream calls GitHub for them again.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from github import Github

from gate.action import approvals, baseline, results, retry
from gate.action.context import ActionContext, commit_id
from gate.action.inputs import ActionInputs
from gate.action.results import Evaluator
from gate.commands.options import today_utc
from gate.deadline import Deadline, DeadlineHit, call_within
from gate.errors import InputError
from gate.evaluate import Evaluation
from gate.proof.model import ApprovalMap
from gate.render.annotations import Annotation
from gate.render.comment import Section

TITLE = "launch-gate: approvals"
# This step may use the first 30 % of timeout-seconds; evidence runs after it.
SHARE = 0.3
SHALLOW = (
    "git history is too shallow to tell when {n} decision(s) in {path} last changed "
    "(use fetch-depth: 0 on actions/checkout); only approvals of the pull request's head "
    "count for them"
)


class Prepared(NamedTuple):
    baselines: dict[str, Evaluation | None]  # by manifest path; None: new in this change
    approvals: dict[str, ApprovalMap]
    warnings: list[Annotation]


def base_ref(ctx: ActionContext) -> str:
    """The commit to compare with: the PR's base, or on a push the commit before it."""
    if ctx.pull is not None:
        return ctx.pull.base_sha
    before = commit_id(ctx.event.get("before")) if ctx.event_name == "push" else ""
    return "" if set(before) == {"0"} else before


def _verify(inputs: ActionInputs, ctx: ActionContext, head: Evaluation) -> bool:
    """Whether this run must prove `head`'s decisions: a PR or a push, and asked to."""
    if ctx.pull is None and ctx.event_name != "push":
        return False
    if inputs.verify_approvals is None:
        return head.profile.verify_approvals
    return inputs.verify_approvals


def _warn(message: str) -> Annotation:
    return Annotation("warning", message, title=TITLE)


def prepare(
    inputs: ActionInputs,
    ctx: ActionContext,
    gh: Github | None,
    paths: Sequence[str],
    offline: Evaluator,
    *,
    into: Prepared,
    pending: dict[str, list[approvals.Need]],
) -> None:
    """Fill `into` path by path; `pending` holds what awaits GitHub, for a deadline."""
    ref = base_ref(ctx)
    for path in paths:
        try:
            head = offline(Path(path), path)
        except InputError:
            continue  # reported by the real evaluation
        verify = _verify(inputs, ctx, head)
        base = None
        if ref and (verify or inputs.fail_on == "regression"):
            try:
                base = baseline.judge_base(
                    gh,
                    ctx.repository,
                    path,
                    ref=ref,
                    judge=offline,
                    temp=ctx.temp,
                    workspace=ctx.workspace,
                )
            except approvals.GITHUB_ERRORS as exc:
                # Which decisions changed is unknown: every one needs proof (fail closed).
                message = f"could not read the base manifest: {approvals.failure(exc)}"
                into.warnings.append(_warn(message))
                if verify:
                    into.approvals[path] = approvals.unproven(_candidates(head), message)
                continue
            into.baselines[path] = base
        if verify:
            needs = approvals.needs(head, ctx.workspace / path, base, all_=ctx.pull is None)
            pending[path] = needs
            into.approvals[path] = _prove(
                ctx, gh, ctx.workspace / path, head, needs, warnings=into.warnings
            )


def _prove(
    ctx: ActionContext,
    gh: Github | None,
    manifest: Path,
    head: Evaluation,
    needs: Sequence[approvals.Need],
    *,
    warnings: list[Annotation],
) -> ApprovalMap:
    if not needs:
        return {}
    shallow = sum(n.changed is None for n in needs)
    if shallow:
        warnings.append(_warn(SHALLOW.format(n=shallow, path=head.loaded.file)))
    if gh is None:
        warnings.append(_warn("no github-token: approvals cannot be verified"))
        return approvals.unproven(needs, "no github-token")
    try:
        if ctx.pull is not None:
            return approvals.on_pull(
                gh, ctx.repository, ctx.pull.number, needs, manifest, head=ctx.pull.head_sha
            )
        return approvals.on_push(gh, ctx.repository, needs, manifest, ctx.sha)
    except approvals.GITHUB_ERRORS as exc:
        message = f"could not verify approvals: {approvals.failure(exc)}"
        warnings.append(_warn(message))
        return approvals.unproven(needs, message)


def _candidates(head: Evaluation) -> list[approvals.Need]:
    """Every decision that names an approver who must prove it, whatever changed."""
    return [
        approvals.Need(r.check.id, a, None)
        for r in head.checks
        if (a := approvals.approver_of(r)) and approvals.needs_approver(r, head)
    ]


def within(
    inputs: ActionInputs,
    ctx: ActionContext,
    gh: Github | None,
    paths: Sequence[str],
    offline: Evaluator,
    *,
    seconds: float,
) -> Prepared:
    """`prepare`, held to `seconds`: what it had not finished by then is unproven."""
    done = Prepared({}, {}, [])
    pending: dict[str, list[approvals.Need]] = {}
    run = functools.partial(prepare, inputs, ctx, gh, paths, offline, into=done, pending=pending)
    try:
        call_within(run, seconds)
        return done
    except DeadlineHit:
        pass
    # The abandoned thread may still write to `done`: copy what it had finished.
    message = "GitHub did not answer in time: approvals are not proven"
    proven = dict(done.approvals)
    waiting = dict(pending)
    for path in paths:
        if path in proven:
            continue
        items = waiting.get(path)
        if items is None:  # not reached: which decisions changed is unknown
            items = _everything(inputs, ctx, offline, path)
        if items:
            proven[path] = approvals.unproven(items, message)
    return Prepared(dict(done.baselines), proven, [*list(done.warnings), _warn(message)])


def _everything(
    inputs: ActionInputs, ctx: ActionContext, offline: Evaluator, path: str
) -> list[approvals.Need]:
    try:
        head = offline(Path(path), path)
    except InputError:
        return []
    return _candidates(head) if _verify(inputs, ctx, head) else []


def step(
    inputs: ActionInputs, ctx: ActionContext, token: str, paths: Sequence[str], deadline: Deadline
) -> Prepared:
    """The action's step: offline judgements, a client, and a share of the deadline."""
    today = inputs.today or today_utc()
    offline = results.evaluator(inputs, ctx, today, None)
    budget = max(0.0, deadline.remaining() - deadline.seconds * (1.0 - SHARE))
    gh = retry.client(ctx.api_url, token, max(1, math.ceil(budget))) if token else None
    return within(inputs, ctx, gh, paths, offline, seconds=budget)


def attach(sections: Sequence[Section], prepared: Prepared) -> list[Section]:
    return [
        s._replace(baseline=prepared.baselines[s.path], compared=True)
        if s.evaluation is not None and s.path in prepared.baselines
        else s
        for s in sections
    ]
