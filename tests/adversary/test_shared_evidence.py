"""A pull request that adds a manifest beside the others (a monorepo) shares the run's one
evidence pass with them. What it cites can neither vouch for another manifest's evidence nor
hide its failure: a link several manifests cite is checked once, and that one answer, from the
server, is what every one of them gets."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tests.action.conftest import ActionRunner, counting_server

__all__ = ["counting_server"]

# Every check the mvp profile requires, settled; the rollback check rests on `links`.
SERVICE = """\
version: 1
system:
  name: {name}
profile: mvp
checks:
  prompt.one-step-rollback: {{status: done, evidence: {links}}}
  eval.real-traffic-dataset: {{status: done, evidence: [docs/data.md]}}
  eval.release-gated: {{status: done, evidence: [docs/gate.md]}}
  obs.log-requests-responses: {{status: done, evidence: [docs/logging.md]}}
  sec.untrusted-input: {{status: done, evidence: [docs/threat-model.md]}}
  sec.no-secrets-in-context: {{status: not-applicable, reason: No secret is ever in reach.}}
"""


def _service(action: ActionRunner, name: str, links: list[str]) -> None:
    path = action.workspace / "svc" / name / "readiness.yaml"
    path.parent.mkdir(parents=True)
    quoted = "[" + ", ".join(f'"{link}"' for link in links) + "]"
    path.write_text(SERVICE.format(name=name, links=quoted))


def _problems(report: dict[str, Any], manifest: str) -> list[str]:
    found = next(m for m in report["manifests"] if m["manifest"] == manifest)
    return [p["code"] for c in found["checks"] for p in c["problems"]]


def test_a_manifest_the_pull_request_adds_cannot_turn_a_gone_page_green(
    action: ActionRunner, counting_server: tuple[str, Counter[str]]
) -> None:
    base, seen = counting_server
    docs = action.workspace / "docs"
    docs.mkdir()
    for doc in ("data", "gate", "logging", "threat-model"):
        (docs / f"{doc}.md").write_text("# evidence\n")
    # The honest service cites a runbook that is gone. The pull request adds a service that
    # cites the same page behind a fragment, and a page that is there (twice), hoping one
    # answer serves all.
    _service(action, "app", [f"{base}/gone/runbook"])
    _service(action, "evil", [f"{base}/gone/runbook#ok", f"{base}/runbook", f"{base}/runbook#x"])
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
