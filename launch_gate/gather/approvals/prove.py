"""The review rule, pure: does this pull request's reviews prove this decision?

A decision is proven by a review that is (1) the reviewer's latest that counts
(comments do not revoke an approval; changes requested or a dismissal do),
(2) APPROVED, (3) not by the pull request's author, (4) given on a commit that
already had the decision as it is now, and (5) by the named approver, or for
`@org/team`, by any member of that team.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from launch_gate.gather.github.port import PullFacts, Review
from launch_gate.judge.approvals import Proof
from launch_gate.judge.people import handle, is_team

# States that do not replace an earlier verdict: a comment after an approval
# leaves it standing, and a pending review is not submitted yet.
_NEUTRAL = frozenset({"COMMENTED", "PENDING"})


# Whose approval branch protection would count: people with write access. A profile may
# say otherwise (`approval_associations`).
WRITE_ACCESS = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})


def latest(reviews: Sequence[Review]) -> dict[str, Review]:
    out: dict[str, Review] = {}
    for r in reviews:
        if r.state not in _NEUTRAL:
            out[handle(r.user)] = r
    return out


def by_association(counted: frozenset[str] = WRITE_ACCESS) -> Callable[[Review], str | None]:
    """Whether a reviewer may approve, by the review's author_association alone: what is
    left when their repository permission cannot be read."""

    def may(r: Review) -> str | None:
        if not r.association or r.association in counted:
            return None
        allowed = ", ".join(sorted(a.lower() for a in counted))
        return (
            f"@{r.user} approved, but as {r.association.lower()}: only reviews by {allowed} count"
        )

    return may


def prove(
    facts: PullFacts,
    approver: str,
    fresh: Callable[[Review], bool],
    member: Callable[[str], bool],
    may: Callable[[Review], str | None] | None = None,
) -> tuple[Proof | None, str]:
    """`may(review)` is why its author may not approve (None: they may)."""
    may = may or by_association()
    """The proof, or None and why not (naming who must approve)."""
    who = f"{approver} must approve pull request #{facts.number}"
    if is_team(approver):
        who = f"a member of {approver} must approve pull request #{facts.number}"
    elif handle(approver) == handle(facts.author):
        return None, f"{who}, but they opened it: a self-approval is no proof"
    mine = latest(facts.reviews)
    candidates = list(mine.values()) if is_team(approver) else [mine.get(handle(approver))]
    reasons = []
    for r in candidates:
        if r is None:
            reasons.append("they have not reviewed it")
        elif r.state != "APPROVED":
            reasons.append(f"the latest review by @{r.user} is {r.state}")
        elif handle(r.user) == handle(facts.author):
            reasons.append(f"@{r.user} opened it: a self-approval is no proof")
        elif (refused := may(r)) is not None:
            reasons.append(refused)
        elif not fresh(r):
            reasons.append(f"@{r.user} approved {r.commit[:12]}, before the decision last changed")
        elif is_team(approver) and not member(r.user):
            reasons.append(f"@{r.user} is not a member of {approver}")
        else:
            return Proof(pull_request=facts.number, approver=f"@{r.user}", review_id=r.id), ""
    detail = "; ".join(reasons) if reasons else "no one has approved it"
    return None, f"{who} ({detail})"
