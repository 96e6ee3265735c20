"""Approver proof end to end: a real git history in the workspace, reviews on the fake API."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.action.conftest import REPO, ActionRunner, Run, pull_payload
from tests.action.test_run import MVP_PATHS_ONLY

PULL = 8
DECISION = """\
  sec.untrusted-input:
    status: accepted-risk
    decision:
      rationale: Internal users only until the input filter ships.
      owner: "@bob"
      approved_by: "{approver}"
      expires: {expires}
"""


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(ws: Path, text: str, message: str) -> str:
    (ws / "readiness.yaml").write_text(text)
    git(ws, "add", "readiness.yaml")
    git(ws, "commit", "-q", "-m", message)
    return git(ws, "rev-parse", "HEAD")


def head_text(approver: str = "@carol", expires: str = "2026-12-31", notes: str = "") -> str:
    # The PR turns sec.untrusted-input from done into an accepted risk.
    base = MVP_PATHS_ONLY.replace(
        "  sec.untrusted-input: {status: done, evidence: [docs/threat-model.md]}\n", ""
    )
    return base + DECISION.format(approver=approver, expires=expires) + notes


class History:
    """base: the PR's base; change: the commit adding the decision; more are pushed later."""

    def __init__(self, action: ActionRunner, approver: str = "@carol", both: str = "") -> None:
        """`both`: manifest text that base and change share (decisions the PR leaves alone)."""
        self.action = action
        ws = action.workspace
        git(ws, "init", "-q", "-b", "main")
        git(ws, "config", "user.email", "dev@example.com")
        git(ws, "config", "user.name", "dev")
        self.base = commit(ws, MVP_PATHS_ONLY + both, "base")
        self.change = commit(ws, head_text(approver, notes=both), "accept the risk")
        self.head = self.change
        action.fake.add_pull(REPO, PULL, user="alice", head_sha=self.head, base_sha=self.base)

    def push(self, text: str) -> str:
        self.head = commit(self.action.workspace, text, "later push")
        return self.head

    def review(self, user: str, state: str, on: str | None = None) -> int:
        return self.action.fake.add_review(REPO, PULL, user, state, commit_id=on or self.head)

    def run(self, **inputs: str) -> Run:
        payload = pull_payload(number=PULL)
        payload["pull_request"]["head"]["sha"] = self.head
        payload["pull_request"]["base"]["sha"] = self.base
        given = {"comment": "never", "verify_approvals": "true"} | inputs
        return self.action(payload=payload, **given)


@pytest.fixture
def history(action: ActionRunner) -> History:
    return History(action)


def proof(run: Run) -> object:
    decisions = run.report["manifests"][0]["audit"]["decisions"]
    return next(d["proof"] for d in decisions if d["check"] == "sec.untrusted-input")


def unproven(run: Run) -> list[str]:
    # The annotations only; the log repeats each problem in plain text.
    lines = run.stdout.splitlines()
    return [x for x in lines if x.startswith("::error") and "[unproven-approval]" in x]


def test_approval_on_the_head_proves_it_and_fills_the_audit(history: History) -> None:
    review = history.review("carol", "APPROVED")
    run = history.run()
    assert run.code == 0, run.stdout
    assert unproven(run) == []
    assert proof(run) == {"pull_request": PULL, "approver": "@carol", "review_id": review}
    kinds = {c["kind"] for c in run.report["manifests"][0]["changes"]}
    assert {"accepted", "downgrade"} <= kinds


def test_no_review_fails_naming_who_must_approve(history: History) -> None:
    run = history.run()
    assert run.code == 1
    (line,) = unproven(run)
    assert "@carol must approve pull request #8 (they have not reviewed it)" in line
    assert line.startswith("::error file=readiness.yaml,line=")
    assert proof(run) is None


def test_a_later_push_touching_the_decision_dismisses_the_approval(history: History) -> None:
    history.review("carol", "APPROVED", on=history.change)
    history.push(head_text(expires="2027-01-31"))
    run = history.run()
    assert run.code == 1
    (line,) = unproven(run)
    assert f"approved {history.change[:12]}, before the decision last changed" in line


def test_a_later_push_elsewhere_keeps_the_approval(history: History) -> None:
    history.review("carol", "APPROVED", on=history.change)
    history.push(head_text(notes="# an unrelated comment at the end\n"))
    run = history.run()
    assert run.code == 0, run.stdout


@pytest.mark.parametrize(
    ("states", "proven"),
    [
        (["APPROVED", "CHANGES_REQUESTED"], False),
        (["APPROVED", "DISMISSED"], False),
        (["CHANGES_REQUESTED", "APPROVED"], True),
        (["APPROVED", "COMMENTED"], True),
    ],
)
def test_only_the_latest_verdict_counts(history: History, states: list[str], proven: bool) -> None:
    for state in states:
        history.review("carol", state)
    run = history.run()
    assert (run.code == 0) is proven, run.stdout
    if not proven:
        assert f"the latest review by @carol is {states[-1]}" in unproven(run)[0]


def test_self_approval_is_no_proof(action: ActionRunner) -> None:
    history = History(action, approver="@alice")  # alice opened the PR
    history.review("alice", "APPROVED")
    run = history.run()
    assert run.code == 1
    assert "they opened it: a self-approval is no proof" in unproven(run)[0]


def test_a_team_member_approval_proves_it_an_outsider_does_not(action: ActionRunner) -> None:
    action.fake.add_team("acme", "risk", ["dave"])
    history = History(action, approver="@acme/risk")
    history.review("erin", "APPROVED")
    run = history.run()
    assert run.code == 1
    assert "@erin is not a member of @acme/risk" in unproven(run)[0]
    dave = history.review("dave", "APPROVED")
    run = history.run()
    assert run.code == 0, run.stdout
    assert proof(run) == {"pull_request": PULL, "approver": "@dave", "review_id": dave}
    assert any("/orgs/acme/teams/risk/memberships/dave" in r.path for r in action.fake.requests)


def test_off_by_default_for_startup_and_on_for_the_profile_that_asks(history: History) -> None:
    # mvp does not verify approvals: `auto` follows the profile.
    assert history.run(verify_approvals="auto").code == 0


def test_without_history_only_a_review_of_the_head_counts(action: ActionRunner) -> None:
    # No git repository in the workspace (no checkout history): say so, stay strict.
    (action.workspace / "readiness.yaml").write_text(head_text())
    action.fake.add_file(REPO, "readiness.yaml", MVP_PATHS_ONLY, ref="b" * 40)
    action.fake.add_review(REPO, 7, "carol", "APPROVED", commit_id="c" * 40)
    run = action(comment="never", verify_approvals="true")
    assert run.code == 1
    assert "git history is too shallow" in run.stdout
    action.fake.add_review(REPO, 7, "carol", "APPROVED")  # on the head
    assert action(comment="never", verify_approvals="true").code == 0


def test_push_proves_through_the_merged_pull_request(history: History) -> None:
    fake = history.action.fake
    merged = datetime(2026, 11, 20, tzinfo=UTC)
    fake.add_pull(REPO, 9, user="alice", head_sha=history.change, merged_at=merged)
    fake.link_commit(REPO, history.change, 9)
    release = {"after": history.head, "ref": "refs/heads/release/1"}
    run = history.action(event="push", payload=release, verify_approvals="true")
    assert run.code == 1
    assert "@carol must approve pull request #9" in unproven(run)[0]
    review = fake.add_review(REPO, 9, "carol", "APPROVED", commit_id=history.change)
    run = history.action(event="push", payload=release, verify_approvals="true")
    assert run.code == 0, run.stdout
    assert proof(run) == {"pull_request": 9, "approver": "@carol", "review_id": review}
    assert json.loads(run.outputs["gaps"]) == []


def test_an_approval_without_write_access_does_not_count(history: History) -> None:
    # Branch protection would not count the approval of someone who may only read; neither
    # does the gate. Their role comes from GitHub ("Get repository permissions for a user").
    history.action.fake.add_collaborator(REPO, "carol", "read")
    history.review("carol", "APPROVED")
    run = history.run()
    assert run.code == 1
    line = next(x for x in run.stdout.splitlines() if "unproven-approval" in x)
    assert "@carol approved, but has read access to acme/app" in line
    assert "only people with write access or more may approve" in line


def test_an_org_member_with_private_membership_may_approve(history: History) -> None:
    # Issue 26, case 2: GitHub's default is private membership, and to a workflow's token
    # such a member's review says CONTRIBUTOR; what they may do in the repository is write.
    history.action.fake.add_collaborator(REPO, "carol", "maintain", public=False)
    history.review("carol", "APPROVED")
    reviews = history.action.fake.calls("GET", "/reviews")
    assert reviews == []  # not asked yet: the association is GitHub's, set when listed
    run = history.run()
    assert run.code == 0, run.stdout
    listed = history.action.fake.calls("GET", "/collaborators/carol/permission")
    assert len(listed) == 1


def test_where_the_role_cannot_be_read_the_association_decides_and_says_so(
    history: History,
) -> None:
    history.action.fake.add_collaborator(REPO, "carol", "write", public=False)
    history.review("carol", "APPROVED")
    history.action.fake.fail_next("GET", r"/permission$", 403, times=5)
    run = history.run()
    assert run.code == 1
    warnings = [x for x in run.stdout.splitlines() if x.startswith("::warning")]
    assert any("cannot read @carol's permission" in w for w in warnings), warnings
    line = next(x for x in run.stdout.splitlines() if "unproven-approval" in x)
    assert "as contributor: only reviews by collaborator, member, owner count" in line


def test_a_profile_can_lower_the_role_that_approves(history: History) -> None:
    """An open-source project whose maintainers triage from outside: the profile says so."""
    ws = history.action.workspace
    (ws / "open-policy.yaml").write_text(
        "extends: minimum-viable\nverify_approvals: true\napproval_permission: triage\n"
    )
    history.action.fake.add_collaborator(REPO, "carol", "triage")
    history.review("carol", "APPROVED")
    run = history.run(profile="open-policy.yaml")
    assert run.code == 0, run.stdout
