"""Rendered reports compared with golden files; `UPDATE_GOLDEN=1` rewrites them."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Result
from tests.test_examples import OFFLINE

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = ["startup-rag-assistant", "enterprise-agent", "regulated-claims-triage"]
FORMATS = {"text": "txt", "markdown": "md", "json": "json"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", EXAMPLES)
def test_golden(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, name: str, fmt: str
) -> None:
    monkeypatch.chdir(ROOT)
    res = cli(
        "check",
        "--manifest",
        f"examples/{name}.yaml",
        "--today",
        "2026-11-23",
        "--format",
        fmt,
        *OFFLINE,
    )
    assert res.code in (0, 1), res.err
    golden = GOLDEN / f"{name}.{FORMATS[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(res.out)
    assert res.out == golden.read_text()


def test_json_report_contract(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    res = cli(
        "check",
        "--manifest",
        "examples/enterprise-agent.yaml",
        "--today",
        "2026-11-23",
        "--format",
        "json",
        *OFFLINE,
    )
    report = json.loads(res.out)
    assert res.code == 1
    assert {
        "verdict",
        "profile",
        "score",
        "layers",
        "gaps",
        "checks",
        "warnings",
        "problems",
    } <= set(report)
    assert report["report_version"] == 1
    assert (report["verdict"], report["profile"]) == ("fail", "enterprise")
    expired = next(c for c in report["checks"] if c["id"] == "eval.hallucination-tracked")
    assert expired["outcome"] == "invalid"
    assert expired["required"] is True
    assert expired["problems"][0]["code"] == "expired"
    assert expired["problems"][0]["message"] == "expired on 2026-10-01"
    assert isinstance(expired["problems"][0]["line"], int)
    outcomes = {c["outcome"] for c in report["checks"]}
    assert outcomes <= {"passed", "accepted", "not-applicable", "gap", "invalid", "optional"}
    assert len(report["checks"]) == 50
    assert set(report["layers"]) == {"prompt", "eval", "obs", "cost", "rag", "sec", "gov", "deploy"}


def test_colour_only_on_a_tty(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    res = cli("check", "--manifest", "examples/enterprise-agent.yaml", *OFFLINE)
    assert "\x1b[" not in res.out
