"""Approver proof against GitHub: each decision judged on its pull request's reviews.

The rule itself is pure (prove.py); which decisions need it is needs.py, and the
reads reviews.py. This module puts them together and fails closed, returning data
for the evaluation (judge/rules/approval.py reports it) and warnings as plain
text for the shell to show. It never branches on a profile's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from launch_gate.gather.approvals import history
from launch_gate.gather.approvals.needs import Need, unproven
from launch_gate.gather.approvals.prove import WRITE_ACCESS, by_association, prove
from launch_gate.gather.approvals.reviews import failure, membership
from launch_gate.gather.github.port import GitHub, GitHubError, PullFacts, Review
from launch_gate.judge.approvals import Approval, ApprovalMap
from launch_gate.judge.people import is_team

SHALLOW = (
    "git history is too shallow to tell when {n} decision(s) in {path} last changed "
    "(use fetch-depth: 0 on actions/checkout); only approvals of the pull request's head "
    "count for them"
)


# Repository roles from least to most; a custom role is read as its base role.
ROLES = ("none", "read", "triage", "write", "maintain", "admin")


class Allowed(NamedTuple):
    """Who may approve: the least repository role, and (only where GitHub will not say a
    reviewer's role) the review associations that count instead."""

    minimum: str = "write"
    counted: frozenset[str] = WRITE_ACCESS


DEFAULT_ALLOWED = Allowed()


def permissions(
    gh: GitHub, repository: str, allowed: Allowed, warnings: list[str]
) -> Callable[[Review], str | None]:
    """`may(review)`: why its author may not approve, by what GitHub says they may do in
    the repository; each role read once a run. An organisation member with private
    membership reviews as CONTRIBUTOR to a workflow's token, yet may well have write."""
    roles: dict[str, str | None] = {}
    fallback = by_association(allowed.counted)

    def may(r: Review) -> str | None:
        key = r.user.casefold()
        if key not in roles:
            try:
                roles[key] = gh.permission(repository, r.user)
            except GitHubError as exc:
                roles[key] = None
                warnings.append(
                    f"cannot read @{r.user}'s permission on {repository} ({failure(exc)}): "
                    f"their review is judged by its association ({r.association or 'none'})"
                )
        role = roles[key]
        if role is None:
            return fallback(r)
        if role in ROLES and ROLES.index(role) >= ROLES.index(allowed.minimum):
            return None
        return (
            f"@{r.user} approved, but has {role} access to {repository}: only people with "
            f"{allowed.minimum} access or more may approve"
        )

    return may


def judge(
    need: Need,
    facts: PullFacts,
    manifest: Path,
    member: Callable[[str, str], bool],
    may: Callable[[Review], str | None] | None = None,
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

    try:
        proof, reason = prove(facts, need.approver, fresh, in_team, may)
    except GitHubError as exc:
        if exc.status not in (403, 404):
            raise
        # This decision only: the others are judged on what GitHub did show.
        reason = (
            f"cannot read {need.approver}'s members with this token: give a token with "
            "organisation Members read (a GitHub App or fine-grained token as github-token), "
            "or name a person"
        )
        return Approval(need.check, need.approver, None, reason)
    return Approval(need.check, need.approver, proof, reason)


def on_pull(
    gh: GitHub,
    repository: str,
    number: int,
    items: Sequence[Need],
    manifest: Path,
    *,
    head: str,
    may: Callable[[Review], str | None] | None = None,
) -> dict[str, Approval]:
    if not items:
        return {}
    facts = gh.pull(repository, number)
    # The commit this run judged: the PR may have moved on since, and an approval
    # of a newer head says nothing about what was evaluated here.
    facts = facts._replace(head=head or facts.head)
    member = membership(gh)
    return {n.check: judge(n, facts, manifest, member, may) for n in items}


def on_push(
    gh: GitHub,
    repository: str,
    items: Sequence[Need],
    manifest: Path,
    pushed: str,
    *,
    may: Callable[[Review], str | None] | None = None,
) -> dict[str, Approval]:
    """Each decision through the merged PR of the commit that last changed it."""
    member = membership(gh)
    out: dict[str, Approval] = {}
    facts_by: dict[int, PullFacts] = {}
    for n in items:
        # Too shallow to find the change: the pushed commit's PR, approved on its head.
        merged = gh.pulls_with(repository, n.changed or pushed, merged=True)
        number = merged[0] if merged else None
        if number is None:
            reason = f"no merged pull request brought in {(n.changed or pushed)[:12]}"
            out[n.check] = Approval(
                n.check, n.approver, None, f"{n.approver} cannot be shown to approve: {reason}"
            )
            continue
        if number not in facts_by:
            facts_by[number] = gh.pull(repository, number)
        out[n.check] = judge(n, facts_by[number], manifest, member, may)
    return out


class Where(NamedTuple):
    """What the run is about: a pull request (number and head), or a pushed commit."""

    repository: str
    pull: int | None
    head: str  # the PR head this run judged, or the pushed commit


def verify(
    where: Where,
    gh: GitHub | None,
    manifest: Path,
    needs: Sequence[Need],
    *,
    label: str,
    warnings: list[str],
    allowed: Allowed = DEFAULT_ALLOWED,
) -> ApprovalMap:
    """`needs` proven on the PR (or on a push, through history); failures fail closed.

    `label` names the manifest in warnings as the run was given it.
    """
    if not needs:
        return {}
    shallow = sum(n.changed is None for n in needs)
    if shallow:
        warnings.append(SHALLOW.format(n=shallow, path=label))
    if gh is None:
        warnings.append("no github-token: approvals cannot be verified")
        return unproven(needs, "no github-token")
    may = permissions(gh, where.repository, allowed, warnings)
    try:
        if where.pull is not None:
            return on_pull(gh, where.repository, where.pull, needs, manifest, head=where.head,
                           may=may)  # fmt: skip
        return on_push(gh, where.repository, needs, manifest, where.head, may=may)
    except GitHubError as exc:
        message = f"could not verify approvals: {failure(exc)}"
        warnings.append(message)
        return unproven(needs, message)
