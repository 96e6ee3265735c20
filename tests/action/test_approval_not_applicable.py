"""Approver proof of a not-applicable claim, where the profile requires an approver."""

from __future__ import annotations

from pathlib import Path

from launch_gate.load.catalogue import load_catalogue
from tests.action.conftest import REPO, ActionRunner, Run, pull_payload
from tests.action.test_approvals import PULL, commit, git

CLAIMED = "sec.no-secrets-in-context"
# Regulated requires every check and an `approved_by` on every not-applicable claim.
HEADER = """\
version: 1
system:
  name: claims-triage
  capabilities: [rag, tools, agents]
profile: regulated
checks:
"""
CLAIM = """\
  sec.no-secrets-in-context:
    status: not-applicable
    reason: No secret is ever in the model's reach.
    approved_by: "@carol"
"""


def manifest(claim: bool) -> str:
    lines = [
        CLAIM if claim and cid == CLAIMED else f"  {cid}: {{status: done, evidence: [docs/x.md]}}\n"
        for cid in load_catalogue().checks
    ]
    return HEADER + "".join(lines)


def pull_request(action: ActionRunner) -> tuple[str, str]:
    """A real history: the base has every check done, the PR claims one does not apply."""
    ws: Path = action.workspace
    git(ws, "init", "-q", "-b", "main")
    git(ws, "config", "user.email", "dev@example.com")
    git(ws, "config", "user.name", "dev")
    base = commit(ws, manifest(claim=False), "all done")
    head = commit(ws, manifest(claim=True), "claim a check does not apply")
    action.fake.add_pull(REPO, PULL, user="alice", head_sha=head, base_sha=base)
    return base, head


def run(action: ActionRunner, base: str, head: str) -> Run:
    payload = pull_payload(number=PULL)
    payload["pull_request"]["head"]["sha"] = head
    payload["pull_request"]["base"]["sha"] = base
    # verify-approvals: auto follows the profile, which is on for regulated.
    return action(payload=payload, comment="never", verify_approvals="auto")


def claim_line(action: ActionRunner, key: str) -> int:
    lines = (action.workspace / "readiness.yaml").read_text().splitlines()
    start = lines.index(f"  {CLAIMED}:")
    return next(n for n, x in enumerate(lines[start:], start + 1) if x.strip().startswith(key))


def test_a_not_applicable_claim_is_unproven_without_its_approvers_review(
    action: ActionRunner,
) -> None:
    base, head = pull_request(action)
    action.fake.add_review(REPO, PULL, "dave", "APPROVED")  # not the one it names
    got = run(action, base, head)
    assert got.code == 1, got.stdout
    assert got.outputs["verdict"] == "fail"
    errors = [x for x in got.stdout.splitlines() if x.startswith("::error")]
    (line,) = [x for x in errors if "[unproven-approval]" in x]
    assert line.startswith(
        f"::error file=readiness.yaml,line={claim_line(action, 'approved_by')},title={CLAIMED}::"
    )
    assert "@carol must approve pull request #8 (they have not reviewed it)" in line
    assert len(errors) == 1, errors  # nothing else fails: the claim is the only problem


def test_a_not_applicable_claim_is_proven_by_its_approvers_review(action: ActionRunner) -> None:
    base, head = pull_request(action)
    review = action.fake.add_review(REPO, PULL, "carol", "APPROVED")
    got = run(action, base, head)
    assert got.code == 0, got.stdout
    assert got.report is not None
    decisions = got.report["manifests"][0]["audit"]["decisions"]
    (claim,) = [d for d in decisions if d["check"] == CLAIMED]
    assert claim["proof"] == {"pull_request": PULL, "approver": "@carol", "review_id": review}
    kinds = {(c["check"], c["kind"]) for c in got.report["manifests"][0]["changes"]}
    assert (CLAIMED, "not-applicable") in kinds
