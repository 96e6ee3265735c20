"""Every request the Action sends is one GitHub documents: its path and method, its query
parameters and its JSON body, checked against GitHub's published OpenAPI description
(@octokit/openapi, fetched by `make` into .openapi/; see tests/fetch_openapi.py)."""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.action.conftest import REPO, ActionRunner
from tests.action.events import merge_group
from tests.action.test_approvals import History
from tests.fakegithub import Request


@functools.cache
def spec() -> dict[str, Any]:
    folder = os.environ.get("LAUNCH_GATE_OPENAPI")
    if not folder:
        pytest.skip("needs GitHub's OpenAPI description: `make test` fetches it (.openapi/)")
    data: dict[str, Any] = json.loads((Path(folder) / "api.github.com.json").read_text())
    return data


@functools.cache
def templates() -> list[tuple[re.Pattern[str], str]]:
    """Path templates as patterns, those with more fixed segments first (`/issues/comments/
    {id}` before `/issues/{number}`). `{path}` of the contents API may hold slashes."""
    found = []
    for template in spec()["paths"]:
        pattern = re.sub(r"\{path\}", ".+", template)
        pattern = re.sub(r"\{[^}]+\}", "[^/]+", pattern)
        found.append((re.compile(f"^{pattern}$"), template))
    return sorted(found, key=lambda t: t[1].count("{"))


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if not ref:
        return node
    target: Any = spec()
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return dict(target)


def problems(request: Request) -> list[str]:
    template = next((t for p, t in templates() if p.match(request.path)), None)
    if template is None:
        return [f"{request.method} {request.path}: no such path in GitHub's API"]
    item = spec()["paths"][template]
    op = item.get(request.method.lower())
    if op is None:
        return [f"{request.method} {template}: GitHub's API has no {request.method} here"]
    params = [resolve(p) for p in [*item.get("parameters", []), *op.get("parameters", [])]]
    query = {p["name"] for p in params if p.get("in") == "query"}
    out = [
        f"{request.method} {template}: unknown query parameter '{name}'"
        for name in request.query
        if name not in query
    ]
    body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
    if request.json is not None:
        if not body:
            out.append(f"{request.method} {template}: takes no JSON body")
        else:
            schema = {**body["schema"], "components": spec()["components"]}
            validator = jsonschema.Draft7Validator(schema)
            out += [
                f"{request.method} {template}: body {e.message}"
                for e in validator.iter_errors(request.json)
            ]
    return out


# What the scenarios below make the Action ask, so the check covers every kind of request.
EXERCISED = {
    "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
    "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
    "GET /repos/{owner}/{repo}/issues",
    "POST /repos/{owner}/{repo}/issues",
    "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
    "GET /repos/{owner}/{repo}/contents/{path}",
    "GET /repos/{owner}/{repo}/pulls/{pull_number}",
    "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
    "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls",
    "GET /orgs/{org}/teams/{team_slug}",
    "GET /orgs/{org}/teams/{team_slug}/memberships/{username}",
    "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
    "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
    "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts",
    "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}",
}


def test_every_request_the_action_makes_is_in_githubs_api(action: ActionRunner) -> None:
    fake = action.fake
    # A pull request: the comment created, then edited; the base manifest read.
    action.manifest("startup-rag-assistant.yaml")
    fake.add_file(REPO, "readiness.yaml", "version: 1\nsystem: {name: x}\n", ref="b" * 40)
    action()
    action.manifest("enterprise-agent.yaml")
    fake.add_workflow_run("acme/support-assistant", "evals.yml", "main", "success")
    action(verify_evidence="true")  # evidence on github.com: repositories, trees, workflows
    path = action.manifest("startup-rag-assistant.yaml")
    text = path.read_text()
    at = text.index("      - ", text.index("status: done"))
    green = "      - {workflow: evals.yml, repo: acme/support-assistant, branch: main}\n"
    path.write_text(text[:at] + green + text[at:])
    action(verify_evidence="true", comment="never")  # a workflow that must be green
    # Measured evidence: a run's artifacts listed by name, the zip's 302 followed.
    run_id = fake.add_workflow_run("acme/support-assistant", "evals.yml", "main", "success")
    stats = b'{"results": {"stats": {"successes": 1, "failures": 0}}}'
    fake.add_artifact("acme/support-assistant", run_id, "promptfoo-results", {"output.json": stats})
    measured = (
        "      - {workflow: evals.yml, repo: acme/support-assistant, branch: main, "
        "artifact: promptfoo-results, format: promptfoo, assert: {pass_rate: '>= 0.5'}}\n"
    )
    path.write_text(text[:at] + measured + text[at:])
    action(verify_evidence="true", comment="never", allow_private_hosts="true")
    # The expiry issue: listed by label, opened, edited, closed.
    action.manifest("startup-rag-assistant.yaml")
    for today in ("2027-02-01", "2027-03-05", "2026-11-23"):
        action(event="schedule", payload={}, mode="expiry-issue", today=today)
    # Approver proof on a pull request (a team approver too) and on a push.
    history = History(action, approver="@acme/risk")
    fake.add_team("acme", "risk", ["dave"])
    history.review("dave", "APPROVED")
    history.run()
    fake.link_commit(REPO, history.head, 8)
    history.action(event="push", payload={"after": history.head}, verify_approvals="true")
    covered = {
        f"{r.method} {next((t for p, t in templates() if p.match(r.path)), r.path)}"
        for r in fake.requests
    }
    assert covered >= EXERCISED, "\n".join(sorted(covered))
    # The signed storage URL an artifact redirects to is another host, not the API.
    found = [p for r in fake.requests if not r.path.startswith("/_blobs/") for p in problems(r)]
    assert found == [], "\n".join(sorted(set(found)))


@pytest.mark.parametrize("number", [7, None])
def test_the_merge_group_events_the_tests_send_are_githubs(number: int | None) -> None:
    payload = merge_group("b" * 40, "a" * 40, number)
    schema = {
        "$ref": "#/components/schemas/webhook-merge-group-checks-requested",
        "components": spec()["components"],
    }
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(payload)]
    assert errors == []


@pytest.mark.parametrize(
    ("method", "path", "query", "body", "said"),
    [
        ("POST", "/repos/a/b/issues/1/comments", {}, {"bdy": "x"}, "'body' is a required"),
        ("GET", "/repos/a/b/issues", {"label": "x"}, None, "unknown query parameter 'label'"),
        ("PUT", "/repos/a/b/issues/1", {}, None, "has no PUT here"),
        ("GET", "/repos/a/b/nope", {}, None, "no such path"),
    ],
)
def test_the_check_catches_what_github_would_refuse(
    method: str, path: str, query: dict[str, str], body: Any, said: str
) -> None:
    from tests.fakegithub import Headers

    found = problems(Request(method, path, query, Headers(), body))
    assert any(said in p for p in found), found
