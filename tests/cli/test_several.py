"""`check` with several manifests (how pre-commit calls it) and `policy` on policy files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Result

ARGS = ("--offline", "--repo-root", "examples/repo", "--today", "2026-11-23", "--quiet")


def test_each_manifest_is_judged_and_the_worst_exit_code_wins(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    passing, failing = "examples/startup-rag-assistant.yaml", "examples/enterprise-agent.yaml"
    assert cli("check", passing, passing, *ARGS).code == 0
    res = cli("check", passing, failing, *ARGS)
    assert res.code == 1
    assert res.out.splitlines()[0].startswith(f"{passing}: PASS")
    assert res.out.splitlines()[1].startswith(f"{failing}: FAIL")
    res = cli("check", "examples/missing.yaml", passing, *ARGS)
    assert res.code == 2  # cannot evaluate one: reported, the others still judged
    assert "examples/missing.yaml: error: file not found" in res.err
    assert f"{passing}: PASS" in res.out


def test_several_manifests_take_the_text_report_only(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    two = ("examples/startup-rag-assistant.yaml", "examples/enterprise-agent.yaml")
    res = cli("check", *two, "--format", "json", "--offline")
    assert res.code == 2
    assert "several manifests are judged with the text report only" in res.err


def test_policy_files(cli: Callable[..., Result], tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("extends: enterprise\nmin_score: 70\n")
    bad.write_text("extends: enterprise\nrules:\n  accepted_risk:\n    max_expiry_dayz: 30\n")
    res = cli("policy", str(good), str(bad))
    assert res.code == 2
    assert f"{good}: profile good (tier enterprise), 46 checks required" in res.out
    assert f"{bad}:4:5: error: rules.accepted_risk.max_expiry_dayz" in res.err
    assert cli("policy", str(good)).code == 0
