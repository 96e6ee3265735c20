"""A pull request that adds a manifest beside the others (a monorepo) shares the run's one
evidence pass with them. What it cites can neither vouch for another manifest's evidence nor
hide its failure: a link several manifests cite is checked once, and that one answer, from the
server, is what every one of them gets."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tests.action.conftest import ActionRunner, counting_server, service

__all__ = ["counting_server"]


def _problems(report: dict[str, Any], manifest: str) -> list[str]:
    found = next(m for m in report["manifests"] if m["manifest"] == manifest)
    return [p["code"] for c in found["checks"] for p in c["problems"]]


def test_a_manifest_the_pull_request_adds_cannot_turn_a_gone_page_green(
    action: ActionRunner, counting_server: tuple[str, Counter[str]]
) -> None:
    base, seen = counting_server
    # The honest service cites a runbook that is gone. The pull request adds a service that
    # cites the same page behind a fragment, and a page that is there (twice), hoping one
    # answer serves all.
    service(action, "app", [f"{base}/gone/runbook"])
    service(action, "evil", [f"{base}/gone/runbook#ok", f"{base}/runbook", f"{base}/runbook#x"])
    run = action(
        manifest="svc/*/readiness.yaml",
        verify_evidence="true",
        allow_private_hosts="true",
        comment="never",
    )
    assert run.report is not None
    assert run.code == 1
    verdicts = {m["manifest"]: m["verdict"] for m in run.report["manifests"]}
    assert verdicts == {"svc/app/readiness.yaml": "fail", "svc/evil/readiness.yaml": "fail"}
    # The gone page fails both services that cite it, the added one included.
    assert "broken-evidence" in _problems(run.report, "svc/app/readiness.yaml")
    assert "broken-evidence" in _problems(run.report, "svc/evil/readiness.yaml")
    # One answer per page, whoever cites it: a fragment does not make a second request.
    assert seen["/gone/runbook"] == seen["/runbook"] >= 1
    assert set(seen) == {"/gone/runbook", "/runbook"}
