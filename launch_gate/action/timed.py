"""The run's one deadline (input timeout-seconds) and what is held to it: the gather stage
(`gather`: base manifests, approver proof, evidence) and the comment.

When the deadline comes, the verdict from the manifest stands: approvals not yet
proven are unproven (fail closed), evidence not yet checked is reported
unreachable (launch_gate/gather/evidence/verify.py), and a comment GitHub has not accepted
yet becomes a warning. The thread doing it is abandoned, not
waited for (launch_gate/gather/deadline.py), so the process ends on time whatever GitHub does.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from launch_gate.action import post, results
from launch_gate.action.context import ActionContext
from launch_gate.action.inputs import ActionInputs
from launch_gate.action.proving import Gathering, prepare, verifies
from launch_gate.action.results import Evaluator, Gathered
from launch_gate.errors import InputError
from launch_gate.gather.approvals import needs
from launch_gate.gather.deadline import Deadline, DeadlineHit, call_within
from launch_gate.gather.evidence.settings import Settings
from launch_gate.gather.github.port import GitHub
from launch_gate.judge.evidence import EvidenceMap
from launch_gate.pipeline import gather_all_evidence
from launch_gate.render.annotations import Annotation
from launch_gate.report.view import SectionView

# Approver proof may use the first 30 % of timeout-seconds; evidence runs after it.
PROOF_SHARE = 0.3
# Evidence may use this share of timeout-seconds; the comment gets what is left.
EVIDENCE_SHARE = 0.6
# Kept back from the comment for the local writes after it (summary, outputs, report).
FINAL_RESERVE = 2.0


def comment(
    inputs: ActionInputs,
    ctx: ActionContext,
    token: str,
    seen: list[SectionView],
    deadline: Deadline,
    *,
    red: str | None = None,
) -> post.Step:
    """The comment step, abandoned (a warning) if GitHub is still busy at the deadline;
    `red` is why the step fails when the verdict does not say it."""
    reserve = min(FINAL_RESERVE, deadline.seconds * 0.1)
    budget = deadline.remaining() - reserve
    gh = ctx.connect(token, budget) if token else None
    try:
        return call_within(lambda: post.comment_step(inputs, ctx, gh, seen, red), budget)
    except DeadlineHit:
        message = (
            f"could not comment: GitHub did not answer within timeout-seconds "
            f"({inputs.timeout_seconds} s); the verdict is unaffected"
        )
        return post.Step([Annotation("warning", message, title=post.TITLE)], message, {})


def post_saved(
    inputs: ActionInputs, ctx: ActionContext, token: str, deadline: Deadline
) -> list[Annotation]:
    try:
        return call_within(lambda: post.post_saved(inputs, ctx, token), deadline.remaining())
    except DeadlineHit:
        message = f"could not comment: GitHub did not answer within {inputs.timeout_seconds} s"
        return [Annotation("warning", message, title=post.TITLE)]


def gather(
    inputs: ActionInputs,
    ctx: ActionContext,
    token: str,
    paths: Sequence[str],
    deadline: Deadline,
    *,
    manifests: results.Manifests,
    evidence: Settings | None,
) -> Gathered:
    """Everything the verdict needs from outside the checkout, before anything is judged:
    base manifests and approver proof (up to PROOF_SHARE of the deadline), then evidence
    (until `evidence.deadline`, EVIDENCE_SHARE). What is not back by then is unproven or
    unreachable; the judging pass after this reaches nothing.
    """
    offline = results.evaluator(inputs, ctx.today, manifests)
    budget = max(0.0, deadline.remaining() - deadline.seconds * (1.0 - PROOF_SHARE))
    gh = ctx.connect(token, budget) if token else None
    proof = within(inputs, ctx, gh, paths, offline, seconds=budget)
    return proof._replace(evidence=_evidence(paths, manifests, evidence))


def _evidence(
    paths: Sequence[str], manifests: results.Manifests, settings: Settings | None
) -> dict[str, EvidenceMap]:
    if settings is None:
        return {}  # taken at its word
    loaded = {}
    for path in paths:
        try:
            loaded[path] = manifests.load(path)
        except InputError:
            continue  # reported by the judging pass
    return dict(zip(loaded, gather_all_evidence(list(loaded.values()), settings), strict=True))


def within(
    inputs: ActionInputs,
    ctx: ActionContext,
    gh: GitHub | None,
    paths: Sequence[str],
    offline: Evaluator,
    *,
    seconds: float,
) -> Gathered:
    """`prepare`, held to `seconds`: what it had not finished by then is unproven."""
    gathering = Gathering()
    run = functools.partial(prepare, inputs, ctx, gh, paths, offline, into=gathering)
    try:
        call_within(run, seconds)
        return gathering.close()[0]
    except DeadlineHit:
        pass
    # The abandoned thread may go on; closed, the gathering drops whatever it writes now.
    done, waiting = gathering.close()
    message = "GitHub did not answer in time: approvals are not proven"
    proven = dict(done.approvals)
    for path in paths:
        if path in proven:
            continue
        items = waiting.get(path)
        if items is None:  # not reached: which decisions changed is unknown
            items = _everything(inputs, ctx, offline, path)
        if items:
            proven[path] = needs.unproven(items, message)
    return Gathered(done.baselines, proven, [*done.warnings, message], {})


def _everything(
    inputs: ActionInputs, ctx: ActionContext, offline: Evaluator, path: str
) -> list[needs.Need]:
    try:
        head = offline(path)
    except InputError:
        return []
    return needs.candidates(head) if verifies(inputs, ctx, head) else []
