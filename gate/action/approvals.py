"""Approver proof against GitHub: reviews, team membership, the PR behind a commit.

The rule itself is pure (gate/proof/rule.py); this module only fetches what it
needs, through our retry policy, and returns data for the evaluation
(gate/rules/approval.py reports it). It never branches on a profile's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from github import Github, GithubException, UnknownObjectException

from gate.action import retry
from gate.diff import compare
from gate.evaluate import CheckResult, Evaluation
from gate.proof import history
from gate.proof.model import Approval
from gate.proof.rule import PullFacts, Review, is_team, prove

# What a pull request does to a decision that needs its approver's review again.
_CHANGED = frozenset({"accepted", "not-applicable", "expiry-later", "decision-changed"})


class Need(NamedTuple):
    check: str
    approver: str
    # The commit that last changed the decision's lines; None: history cannot tell.
    changed: str | None


def approver_of(r: CheckResult) -> str | None:
    entry = r.entry
    if entry is None or r.auto_na:
        return None
    if entry.status == "accepted-risk":
        return (entry.decision.approved_by if entry.decision else None) or entry.approved_by
    if entry.status == "not-applicable" and r.required:
        return entry.approved_by
    return None


def needs_approver(r: CheckResult, ev: Evaluation) -> bool:
    if r.status == "not-applicable":
        return ev.profile.rules.not_applicable.require_approver
    return r.status == "accepted-risk"


def needs(ev: Evaluation, manifest: Path, base: Evaluation | None, *, all_: bool) -> list[Need]:
    """Decisions to prove: those the PR adds or changes, or (`all_`) every one."""
    touched = {c.check for c in compare(base, ev) if c.kind in _CHANGED}
    text = manifest.read_text(encoding="utf-8")
    out = []
    for r in ev.checks:
        approver = approver_of(r)
        # No approver named: `missing-approver` already says so where one is required.
        if not approver or not needs_approver(r, ev) or not (all_ or r.check.id in touched):
            continue
        start = ev.loaded.line("checks", r.check.id)
        changed = history.last_change(manifest, *history.entry_span(text, start)) if start else None
        out.append(Need(r.check.id, approver, changed))
    return out


def pull_facts(gh: Github, repository: str, number: int) -> PullFacts:
    pull = retry.call(lambda: gh.get_repo(repository).get_pull(number))
    reviews = retry.call(
        lambda: [
            Review(r.id, r.user.login if r.user else "", r.state, r.commit_id or "")
            for r in pull.get_reviews()
        ]
    )
    return PullFacts(number, pull.user.login, pull.head.sha, reviews)


def merged_pull(gh: Github, repository: str, sha: str) -> int | None:
    """The merged pull request that brought `sha` in, if GitHub knows one."""
    pulls = retry.call(lambda: list(gh.get_repo(repository).get_commit(sha).get_pulls()))
    merged = sorted(p.number for p in pulls if p.merged_at is not None)
    return merged[0] if merged else None


def membership(gh: Github) -> Callable[[str, str], bool]:
    """`member(team, user)`: GET /orgs/{org}/teams/{slug}/memberships/{user}, cached."""
    seen: dict[tuple[str, str], bool] = {}

    def member(team: str, user: str) -> bool:
        key = (team.casefold(), user.casefold())
        if key not in seen:
            org, slug = team.strip().lstrip("@").split("/", 1)
            try:
                found = retry.call(
                    lambda: (
                        gh.get_organization(org).get_team_by_slug(slug).get_team_membership(user)
                    )
                )
                seen[key] = found.state == "active"
            except UnknownObjectException:
                seen[key] = False
        return seen[key]

    return member


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


def unproven(items: Sequence[Need], reason: str) -> dict[str, Approval]:
    """Fail closed: when GitHub cannot be asked, nothing counts as proven."""
    return {
        n.check: Approval(
            n.check, n.approver, None, f"{n.approver} cannot be shown to approve: {reason}"
        )
        for n in items
    }


def failure(exc: BaseException) -> str:
    """Why GitHub could not be asked, for the warning and each unproven decision."""
    if isinstance(exc, GithubException):
        # A 403 that is not a rate limit (those are retried) is a token without the scope.
        scope = exc.status in (401, 403)
        hint = (
            " (the token needs pull-requests: read, and members: read for teams)" if scope else ""
        )
        return f"GitHub answered {exc.status}{hint}"
    if isinstance(exc, retry.GiveUp):
        return str(exc)
    return type(exc).__name__


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


GITHUB_ERRORS = (GithubException, retry.GiveUp, OSError)
