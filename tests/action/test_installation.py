"""The Action against a fake that answers as GitHub answers a workflow's GITHUB_TOKEN: one
repository, only the permissions the workflow grants (here: read from the example workflows
users copy), no organisation reads, private repositories next door invisible."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from tests.action.conftest import PR, REPO, ActionRunner
from tests.action.test_approvals import History
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "workflows"


def granted(example: str) -> dict[str, str]:
    """The `permissions:` block of an example workflow, as GitHub grants it to the token."""
    data: Any = yaml.safe_load((EXAMPLES / example).read_text())
    return {str(k): str(v) for k, v in data["permissions"].items()}


def as_github(action: ActionRunner, permissions: dict[str, str], **kw: Any) -> None:
    from tests.fakegithub import Installation

    action.fake.installation = Installation(REPO, permissions, **kw)


def test_the_pr_example_grants_what_the_comment_needs(action: ActionRunner) -> None:
    as_github(action, granted("launch-gate-pr.yml"))
    action.manifest("startup-rag-assistant.yaml")
    run = action()
    assert run.code == 0, run.stdout
    assert len(action.fake.comments(REPO, PR)) == 1
    assert "::warning" not in run.stdout


def test_a_missing_permission_is_named_as_the_workflow_line_to_add(
    action: ActionRunner,
) -> None:
    as_github(action, {"contents": "read"})
    action.manifest("startup-rag-assistant.yaml")
    run = action()
    assert run.code == 0, run.stdout  # a comment that cannot be written never fails the gate
    assert not action.fake.comments(REPO, PR)
    assert "add `issues: read (or pull-requests: read)` to the workflow's permissions" in (
        run.stdout + run.summary
    )


@pytest.mark.parametrize(
    ("permissions", "proven"),
    [(granted("launch-gate.yml"), True), ({"contents": "read"}, False)],
    ids=["example", "contents-only"],
)
def test_approver_proof_needs_pull_requests_read(
    action: ActionRunner, permissions: dict[str, str], proven: bool
) -> None:
    history = History(action)
    history.review("carol", "APPROVED")
    as_github(action, permissions)
    run = history.run()
    assert (run.code == 0) is proven, run.stdout
    if not proven:
        assert "add `pull-requests: read` to the workflow's permissions: block" in run.stdout


def test_a_team_approver_with_the_workflow_token_is_named_for_that_decision_only(
    action: ActionRunner,
) -> None:
    history = History(action, approver="@acme/risk")
    history.review("dave", "APPROVED")
    action.fake.add_team("acme", "risk", ["dave"])
    as_github(action, granted("launch-gate.yml"))
    run = history.run()
    assert run.code == 1
    assert "cannot read @acme/risk's members with this token" in run.stdout
    assert "not a member" not in run.stdout


def test_evidence_in_a_private_repository_next_door_is_unreachable_not_broken(
    action: ActionRunner,
) -> None:
    text = (ROOT / "examples" / "startup-rag-assistant.yaml").read_text()
    path = action.manifest("startup-rag-assistant.yaml")
    link = "https://github.com/acme/secret/blob/main/docs/runbook.md"
    first = text.index("      - ", text.index("status: done"))
    path.write_text(text[:first] + f"      - {link}\n" + text[first:])
    as_github(action, granted("launch-gate-prelaunch.yml"), private=frozenset({"acme/secret"}))
    run = action(verify_evidence="true", comment="never")
    assert run.report is not None
    report = run.report["manifests"][0]
    said = [w["message"] for w in report["warnings"] if "acme/secret" in w["message"]]
    assert said, run.stdout
    assert "this token cannot see acme/secret" in said[0]
    problems = [p["message"] for c in report["checks"] for p in c["problems"]]
    assert not [m for m in problems if "acme/secret" in m]  # not broken evidence


def test_a_comment_is_kept_under_the_length_github_accepts(action: ActionRunner) -> None:
    """The fake refuses a body over 65,536 characters with a 422, as GitHub does; a
    monorepo whose full comment is longer still gets one, shortened."""
    as_github(action, granted("launch-gate-pr.yml"))
    for n in range(60):
        action.manifest("enterprise-agent.yaml", f"svc/s{n:02}/readiness.yaml")
    run = action(manifest="svc/*/readiness.yaml")
    assert run.code == 1
    (comment,) = action.fake.comments(REPO, PR)
    assert len(comment.body) <= 60_000
    assert "manifests are listed by verdict only" in comment.body
    assert not [
        r
        for r in action.fake.requests
        if r.method == "POST" and r.json and len(r.json.get("body", "")) > 65536
    ]


def test_the_fake_refuses_an_over_long_body_as_github_does(action: ActionRunner) -> None:
    import urllib.error
    import urllib.request

    action.fake.add_pull(REPO, PR)
    long = json.dumps({"body": "x" * 65537}).encode()
    ask = urllib.request.Request(
        f"{action.fake.url}/repos/{REPO}/issues/{PR}/comments", data=long, method="POST",
        headers={"Authorization": "token t", "Content-Type": "application/json"},
    )  # fmt: skip
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(ask, timeout=10)
    assert refused.value.code == 422
    assert "body is too long" in refused.value.read().decode()
