"""The pure part of approver proof: the review rule."""

from __future__ import annotations

from launch_gate.gather.approvals.prove import prove
from launch_gate.gather.github.port import PullFacts, Review
from launch_gate.judge.approvals import Proof


def facts(*reviews: Review) -> PullFacts:
    return PullFacts(8, "alice", "h" * 40, reviews)


def test_the_team_rule_takes_any_fresh_member_and_names_the_rest() -> None:
    got = prove(
        facts(Review(1, "erin", "APPROVED", "h" * 40), Review(2, "dave", "APPROVED", "o" * 40)),
        "@acme/risk",
        fresh=lambda r: r.commit == "h" * 40,
        member=lambda user: user == "dave",
    )
    assert got[0] is None
    assert "a member of @acme/risk must approve pull request #8" in got[1]
    assert "@erin is not a member" in got[1]
    assert "@dave approved oooooooooooo, before the decision last changed" in got[1]


def test_handles_compare_without_case_or_at_sign() -> None:
    proof, reason = prove(
        facts(Review(5, "Carol", "APPROVED", "h" * 40)), "carol", lambda r: True, lambda u: False
    )
    assert (proof, reason) == (Proof(pull_request=8, approver="@Carol", review_id=5), "")
