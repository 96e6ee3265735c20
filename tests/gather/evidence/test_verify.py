"""Orchestration, the evidence rules, and the CLI end to end."""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from launch_gate.gather.evidence.progress import Progress
from launch_gate.gather.evidence.verify import Target, targets, verify_async
from launch_gate.judge.evaluate import evaluate
from launch_gate.judge.evidence import EvidenceResult
from launch_gate.judge.shapes import Catalogue
from launch_gate.load.manifest import parse
from launch_gate.load.policy import load_profile
from tests.conftest import ROOT
from tests.gather.evidence.conftest import LOOPBACK_ONLY, TODAY, settings

MANIFEST = """\
version: 1
system: {{name: demo}}
checks:
  obs.log-requests-responses:
    status: done
    evidence:
      - {ok}
      - {gone}
      - docs/missing.md
  eval.release-gated:
    status: accepted-risk
    decision:
      rationale: r
      owner: "@bob"
      expires: 2027-01-01
      tracking: {ok}#again
"""


def manifest_text(server: HTTPServer) -> str:
    return MANIFEST.format(ok=server.url_for("/ok"), gone=server.url_for("/gone"))


def test_each_distinct_url_is_fetched_once(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/ok").respond_with_data("fine")
    found = [
        Target(("a", "evidence", i), httpserver.url_for("/ok") + tail, "evidence")
        for i, tail in enumerate(["", "", "#section", ""])
    ]
    results = asyncio.run(verify_async(found, settings(tmp_path), guard=LOOPBACK_ONLY))
    assert {r.state for r in results.values()} == {"ok"}
    assert results[("a", "evidence", 2)].item.endswith("/ok#section")  # each keeps its own text
    assert len(httpserver.log) == 1


def test_targets_are_done_evidence_and_tracking_links(
    httpserver: HTTPServer, cat: Catalogue
) -> None:
    loaded = parse(manifest_text(httpserver), "readiness.yaml", cat)
    keys = [t.key for t in targets(loaded.manifest)]
    assert keys == [
        ("obs.log-requests-responses", "evidence", 0),
        ("obs.log-requests-responses", "evidence", 1),
        ("obs.log-requests-responses", "evidence", 2),
        ("eval.release-gated", "decision", "tracking"),
    ]


def test_offline_still_checks_paths(tmp_path: Path) -> None:
    (tmp_path / "here.md").write_text("# Here\n")
    found = [
        Target(("a", "evidence", 0), "https://example.com/x", "evidence"),
        Target(("a", "evidence", 1), "here.md#here", "evidence"),
        Target(("a", "evidence", 2), "gone.md", "evidence"),
    ]
    results = asyncio.run(verify_async(found, settings(tmp_path, offline=True)))
    assert [r.state for r in results.values()] == ["skipped", "ok", "broken"]


def evidence_for(state: str, reason: str) -> dict[Any, EvidenceResult]:
    key = ("obs.log-requests-responses", "evidence", 0)
    return {key: EvidenceResult("https://x.example/d", "url", state, reason)}  # type: ignore[arg-type]


DONE = """\
version: 1
system: {name: demo}
checks:
  obs.log-requests-responses:
    status: done
    evidence:
      - https://x.example/d
"""


@pytest.mark.parametrize(
    ("profile", "state", "problems", "warnings"),
    [
        ("startup", "broken", ["broken-evidence"], []),
        ("regulated", "broken", ["broken-evidence"], []),
        ("startup", "unreachable", [], ["unreachable-evidence"]),
        ("enterprise", "unreachable", [], ["unreachable-evidence"]),
        ("regulated", "unreachable", ["broken-evidence"], []),
        ("startup", "skipped", [], []),
        ("startup", "ok", [], []),
    ],
)
def test_rule_follows_the_profile(
    cat: Catalogue, profile: str, state: str, problems: list[str], warnings: list[str]
) -> None:
    loaded = parse(DONE, "readiness.yaml", cat)
    ev = evaluate(
        loaded, load_profile(profile, cat), cat, TODAY, evidence=evidence_for(state, "HTTP 404")
    )
    result = next(r for r in ev.checks if r.check.id == "obs.log-requests-responses")
    assert [f.code for f in result.problems] == problems
    assert [f.code for f in result.warnings] == warnings
    for finding in (*result.problems, *result.warnings):
        assert finding.line == 7  # the evidence item itself, not the check
        assert "HTTP 404" in finding.message


def test_progress_line_only_while_more_than_a_second_remains() -> None:
    progress = Progress(100, io.StringIO())
    progress.start -= 2.0  # two seconds in
    assert progress.line() == "checking evidence: 0/100"
    progress.done = 10  # 0.2 s each: 18 s to go
    assert progress.line() == "checking evidence: 10/100, about 18 s left"
    progress.done = 99  # about 0.02 s to go
    assert progress.line() is None


def test_check_command_end_to_end(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/ok").respond_with_data("fine")
    httpserver.expect_request("/gone").respond_with_data("", 404)
    manifest = tmp_path / "readiness.yaml"
    manifest.write_text(manifest_text(httpserver))
    base = [sys.executable, "-m", "launch_gate", "check", "--manifest", str(manifest)]
    args = ["--today", "2026-11-23", "--format", "json", "--repo-root", str(tmp_path)]
    proc = subprocess.run(
        [*base, *args, "--allow-private-hosts", "--timeout", "5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "GITHUB_TOKEN": "ghs_never_printed"},
    )
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    check = next(c for c in report["checks"] if c["id"] == "obs.log-requests-responses")
    assert [(p["code"], p["line"]) for p in check["problems"]] == [
        ("broken-evidence", 8),
        ("broken-evidence", 9),
    ]
    assert check["problems"][0]["message"].endswith("/gone: HTTP 404")
    assert check["problems"][1]["message"].startswith(
        "docs/missing.md: file not found (looked from the repository root, "
    )
    assert "ghs_never_printed" not in proc.stdout + proc.stderr
    assert all(r.headers.get("Authorization") is None for r, _ in httpserver.log)


def test_check_command_refuses_loopback_without_the_flag(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    manifest = tmp_path / "readiness.yaml"
    manifest.write_text(DONE.replace("https://x.example/d", httpserver.url_for("/ok")))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "launch_gate",
            "check",
            "--manifest",
            str(manifest),
            "--format",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(proc.stdout)
    assert [w["code"] for w in report["warnings"]] == ["unreachable-evidence"]
    assert httpserver.log == []  # refused before any connection


@pytest.mark.parametrize(
    ("flag", "value"), [("--concurrency", "0"), ("--timeout", "-1"), ("--repo-root", "/nope")]
)
def test_bad_evidence_options_exit_2(flag: str, value: str, tmp_path: Path) -> None:
    manifest = tmp_path / "readiness.yaml"
    manifest.write_text(textwrap.dedent(DONE))
    proc = subprocess.run(
        [sys.executable, "-m", "launch_gate", "check", "--manifest", str(manifest), flag, value],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert flag in proc.stderr
