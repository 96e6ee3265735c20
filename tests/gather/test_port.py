"""The Action's GitHub steps against the in-memory port: comment, expiry issue, approvals."""

from __future__ import annotations

from pathlib import Path

from launch_gate.action.comment import upsert
from launch_gate.action.expiry import sync
from launch_gate.gather.approvals.needs import Need
from launch_gate.gather.approvals.verify import Where, verify
from launch_gate.gather.github.port import Comment, Issue, PullFacts
from tests.doubles import MemoryGitHub

REPO = "acme/app"
MARK = "<!-- launch-gate:readiness.yaml -->"


def test_the_comment_is_created_then_edited_never_duplicated() -> None:
    gh = MemoryGitHub()
    assert upsert(gh, REPO, 7, MARK, MARK + "\none") == "created"
    assert upsert(gh, REPO, 7, MARK, MARK + "\none") == "unchanged"
    assert upsert(gh, REPO, 7, MARK, MARK + "\ntwo") == "updated"
    assert [c.body for c in gh.posted[7]] == [MARK + "\ntwo"]


def test_a_comment_with_our_marker_by_someone_else_is_not_ours() -> None:
    gh = MemoryGitHub(posted={7: [Comment(1, "mallory", MARK + "\n# pass")]})
    assert upsert(gh, REPO, 7, MARK, MARK + "\nreal") == "created"
    assert gh.posted[7][0] == Comment(1, "mallory", MARK + "\n# pass")


def test_the_tracking_issue_title_follows_its_body() -> None:
    gh = MemoryGitHub()
    mark = "<!-- launch-gate:expiry:readiness.yaml -->"
    assert sync(gh, REPO, mark, mark + "\n2 due", title="2 due", any_due=True) == "opened #1"
    assert sync(gh, REPO, mark, mark + "\n3 due", title="3 due", any_due=True) == "updated #1"
    assert gh.tracked[0].title == "3 due"
    assert sync(gh, REPO, mark, mark + "\n3 due", title="3 due", any_due=True) == "#1 unchanged"
    assert sync(gh, REPO, mark, mark + "\nnone", title="0 due", any_due=False) == "closed #1"
    assert gh.tracked[0].state == "closed"


def test_an_issue_someone_else_wrote_with_our_marker_is_left_alone() -> None:
    mark = "<!-- launch-gate:expiry:readiness.yaml -->"
    forged = Issue(1, "mallory", "all clear", mark + "\nnothing due", "open")
    gh = MemoryGitHub(tracked=[forged])
    assert sync(gh, REPO, mark, mark + "\n1 due", title="1 due", any_due=True) == "opened #2"
    assert gh.tracked[0] == forged


def test_a_pull_request_review_proves_the_named_approver(tmp_path: Path) -> None:
    gh = MemoryGitHub(pulls={7: PullFacts(7, "alice", "h" * 40, [])})
    gh.review(7, "carol", "APPROVED", "h" * 40)
    needs = [Need("eval.release-gated", "@carol", None), Need("cost.caching", "@dave", None)]
    warnings: list[str] = []
    found = verify(
        Where(REPO, 7, "h" * 40), gh, tmp_path / "readiness.yaml", needs,
        label="readiness.yaml", warnings=warnings,
    )  # fmt: skip
    assert found["eval.release-gated"].proof is not None
    assert found["cost.caching"].proof is None
    assert "@dave must approve pull request #7" in found["cost.caching"].reason


def test_a_team_github_will_not_show_unproves_that_decision_only(tmp_path: Path) -> None:
    # GITHUB_TOKEN cannot read organisation teams: 403/404, whatever the membership.
    gh = MemoryGitHub(pulls={7: PullFacts(7, "alice", "h" * 40, [])}, team_error=403)
    gh.review(7, "carol", "APPROVED", "h" * 40)
    gh.review(7, "dave", "APPROVED", "h" * 40)
    needs = [Need("eval.release-gated", "@carol", None), Need("cost.caching", "@acme/risk", None)]
    found = verify(
        Where(REPO, 7, "h" * 40), gh, tmp_path / "readiness.yaml", needs,
        label="readiness.yaml", warnings=[],
    )  # fmt: skip
    assert found["eval.release-gated"].proof is not None
    team = found["cost.caching"]
    assert team.proof is None
    assert "cannot read @acme/risk's members with this token" in team.reason
    assert "not a member" not in team.reason


def test_two_runs_at_once_leave_one_comment_with_a_report_in_it() -> None:
    gh = MemoryGitHub(racers=[MARK + "\nthe other run"])
    assert upsert(gh, REPO, 7, MARK, MARK + "\nthis run") == "created"
    assert [c.body for c in gh.posted[7]] == [MARK + "\nthis run"]
    # Had the other run created first, ours is the duplicate: the oldest keeps our report.
    gh = MemoryGitHub()
    gh.posted[7] = []
    gh.racers = []
    first = upsert(gh, REPO, 7, MARK, MARK + "\none")
    assert first == "created"
    assert len(gh.posted[7]) == 1
