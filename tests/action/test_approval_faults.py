"""Approver proof fails closed: GitHub refusing, failing, slow, or no token at all.

Each fault must leave the decisions that needed proof unproven (`unproven-approval`),
say why in a warning, end the run normally, and exit as the verdict says.
"""

from __future__ import annotations

import time

import pytest

from tests.action.conftest import REPO, ActionRunner, Run
from tests.action.test_approvals import PULL, History, head_text, proof, unproven

REVIEWS = rf"/pulls/{PULL}/reviews$"
# A decision already on the base branch, which the PR leaves alone.
KEPT = """\
  obs.token-usage:
    status: accepted-risk
    decision:
      rationale: Token usage is read from the provider's invoices for now.
      owner: "@bob"
      approved_by: "@dan"
      expires: 2026-12-31
"""


@pytest.fixture
def history(action: ActionRunner) -> History:
    return History(action)


def approval_warnings(run: Run) -> list[str]:
    lines = run.stdout.splitlines()
    return [x for x in lines if x.startswith("::warning") and "launch-gate%3A approvals" in x]


def unproven_checks(run: Run) -> list[str]:
    """Checks with `unproven-approval`, as problems or (optional checks) as warnings."""
    assert run.report is not None
    m = run.report["manifests"][0]
    found = {
        c["id"] for c in m["checks"] for p in c["problems"] if p["code"] == "unproven-approval"
    }
    found |= {w["check"] for w in m["warnings"] if w["code"] == "unproven-approval"}
    return sorted(found)


def assert_ended_normally(run: Run, code: int = 1) -> None:
    assert run.code == code, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert run.outputs["verdict"] == "fail"
    assert run.report is not None
    assert "sec.untrusted-input" in run.outputs["gaps"]


def test_reviews_failing_with_500_forever_leave_it_unproven(history: History) -> None:
    history.review("carol", "APPROVED")  # would prove it, if GitHub could be asked
    # Retry-After: 0 keeps the retries quick; the attempts are still bounded.
    history.action.fake.fail_next("GET", REVIEWS, 500, headers={"Retry-After": "0"}, times=100)
    run = history.run()
    assert_ended_normally(run)
    assert len(history.action.fake.calls("GET", f"/pulls/{PULL}/reviews")) == 4
    (warning,) = approval_warnings(run)
    assert "could not verify approvals: GitHub answered 500" in warning
    (line,) = unproven(run)
    assert "@carol cannot be shown to approve" in line
    assert "GitHub answered 500" in line
    assert proof(run) is None


@pytest.mark.parametrize(("fail_on", "code"), [("gaps", 1), ("never", 0)])
def test_a_403_on_the_reviews_is_not_retried_and_the_exit_follows_fail_on(
    history: History, fail_on: str, code: int
) -> None:
    history.review("carol", "APPROVED")
    history.action.fake.fail_next(
        "GET", REVIEWS, 403, {"message": "Resource not accessible by integration"}
    )
    run = history.run(fail_on=fail_on)
    assert_ended_normally(run, code)
    assert len(history.action.fake.calls("GET", f"/pulls/{PULL}/reviews")) == 1
    (warning,) = approval_warnings(run)
    assert "GitHub answered 403" in warning
    assert "pull-requests: read" in warning
    assert unproven_checks(run) == ["sec.untrusted-input"]
    assert proof(run) is None


def test_without_a_token_nothing_is_asked_and_nothing_is_proven(history: History) -> None:
    history.review("carol", "APPROVED")
    run = history.run(github_token="")
    assert_ended_normally(run)
    assert history.action.fake.requests == []
    (warning,) = approval_warnings(run)
    assert "no github-token: approvals cannot be verified" in warning
    (line,) = unproven(run)
    assert "@carol cannot be shown to approve" in line
    assert "no github-token" in line


def test_the_deadline_share_running_out_leaves_only_the_changed_decision_unproven(
    action: ActionRunner,
) -> None:
    history = History(action, both=KEPT)
    history.review("carol", "APPROVED")
    # Every answer takes 5 s; approver proof may use 30 % of 3 s.
    action.fake.delay = 5.0
    started = time.monotonic()
    run = history.run(timeout_seconds="3")
    elapsed = time.monotonic() - started
    assert_ended_normally(run)
    assert elapsed < 3 + 10, f"the run took {elapsed:.1f} s"
    (warning,) = approval_warnings(run)
    assert "GitHub did not answer in time: approvals are not proven" in warning
    # Only the decision this PR changed needed proof; the one it left alone did not.
    assert unproven_checks(run) == ["sec.untrusted-input"]
    (line,) = unproven(run)
    assert "@carol cannot be shown to approve" in line
    # What the PR changes was read from git before the deadline: it is still reported.
    kinds = {c["kind"] for c in run.report["manifests"][0]["changes"]}
    assert "accepted" in kinds


def test_the_base_manifest_failing_to_load_leaves_it_unproven(action: ActionRunner) -> None:
    # No git history: the base must come from the contents API, which keeps failing.
    (action.workspace / "readiness.yaml").write_text(head_text())
    action.fake.fail_next("GET", r"/contents/", 500, headers={"Retry-After": "0"}, times=100)
    action.fake.add_review(REPO, 7, "carol", "APPROVED")
    run = action(comment="never", verify_approvals="true")
    assert run.code == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    (warning,) = approval_warnings(run)
    assert "GitHub answered 500" in warning
    assert unproven_checks(run) == ["sec.untrusted-input"]
