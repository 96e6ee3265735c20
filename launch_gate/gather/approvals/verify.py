"""Approver proof against GitHub: each decision judged on its pull request's reviews.

The rule itself is pure (launch_gate/proof/rule.py); which decisions need it is
launch_gate/action/needs.py, and the reads launch_gate/action/reviews.py. This module puts
them together and fails closed, returning data for the evaluation
(launch_gate/rules/approval.py reports it). It never branches on a profile's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from github import Github

from launch_gate.action.context import ActionContext
from launch_gate.gather.approvals import history
from launch_gate.gather.approvals.needs import Need, unproven
from launch_gate.gather.approvals.prove import PullFacts, Review, is_team, prove
from launch_gate.gather.approvals.reviews import (
    GITHUB_ERRORS,
    failure,
    membership,
    merged_pull,
    pull_facts,
)
from launch_gate.judge.approvals import Approval, ApprovalMap
from launch_gate.render.annotations import Annotation

TITLE = "launch-gate: approvals"
SHALLOW = (
    "git history is too shallow to tell when {n} decision(s) in {path} last changed "
    "(use fetch-depth: 0 on actions/checkout); only approvals of the pull request's head "
    "count for them"
)


def warn(message: str) -> Annotation:
    return Annotation("warning", message, title=TITLE)


def judge(
    need: Need, facts: PullFacts, manifest: Path, member: Callable[[str, str], bool]
) -> Approval:
    def fresh(r: Review) -> bool:
        # A review of the head saw everything; an older one must contain the change.
        if r.commit == facts.head:
            return True
        return (
            need.changed is not None and history.contains(manifest, need.changed, r.commit) is True
        )

    def in_team(user: str) -> bool:
        return is_team(need.approver) and member(need.approver, user)

    proof, reason = prove(facts, need.approver, fresh, in_team)
    return Approval(need.check, need.approver, proof, reason)


def on_pull(
    gh: Github, repository: str, number: int, items: Sequence[Need], manifest: Path, *, head: str
) -> dict[str, Approval]:
    if not items:
        return {}
    facts = pull_facts(gh, repository, number)
    # The commit this run judged: the PR may have moved on since, and an approval
    # of a newer head says nothing about what was evaluated here.
    facts = facts._replace(head=head or facts.head)
    member = membership(gh)
    return {n.check: judge(n, facts, manifest, member) for n in items}


def on_push(
    gh: Github, repository: str, items: Sequence[Need], manifest: Path, pushed: str
) -> dict[str, Approval]:
    """Each decision through the merged PR of the commit that last changed it."""
    member = membership(gh)
    out: dict[str, Approval] = {}
    facts_by: dict[int, PullFacts] = {}
    for n in items:
        # Too shallow to find the change: the pushed commit's PR, approved on its head.
        number = merged_pull(gh, repository, n.changed or pushed)
        if number is None:
            reason = f"no merged pull request brought in {(n.changed or pushed)[:12]}"
            out[n.check] = Approval(
                n.check, n.approver, None, f"{n.approver} cannot be shown to approve: {reason}"
            )
            continue
        if number not in facts_by:
            facts_by[number] = pull_facts(gh, repository, number)
        out[n.check] = judge(n, facts_by[number], manifest, member)
    return out


def verify(
    ctx: ActionContext,
    gh: Github | None,
    manifest: Path,
    needs: Sequence[Need],
    *,
    label: str,
    warnings: list[Annotation],
) -> ApprovalMap:
    """`needs` proven on the PR (or on a push, through history); failures fail closed.

    `label` names the manifest in warnings as the run was given it.
    """
    if not needs:
        return {}
    shallow = sum(n.changed is None for n in needs)
    if shallow:
        warnings.append(warn(SHALLOW.format(n=shallow, path=label)))
    if gh is None:
        warnings.append(warn("no github-token: approvals cannot be verified"))
        return unproven(needs, "no github-token")
    try:
        if ctx.pull is not None:
            return on_pull(
                gh, ctx.repository, ctx.pull.number, needs, manifest, head=ctx.pull.head_sha
            )
        return on_push(gh, ctx.repository, needs, manifest, ctx.sha)
    except GITHUB_ERRORS as exc:
        message = f"could not verify approvals: {failure(exc)}"
        warnings.append(warn(message))
        return unproven(needs, message)
