from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Result, git


def test_init_writes_a_manifest_the_gate_reads(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    res = cli("init", "--profile", "enterprise", "--capabilities", "rag,tools")
    assert res.code == 0, res.err
    text = (tmp_path / "readiness.yaml").read_text()
    assert "capabilities: [rag, tools]" in text
    assert "obs.traces-multi-step" not in text  # needs agents, not declared
    assert "# Evidence:" in text
    # Every applicable check is listed as todo, so enterprise fails on all 46 - 1 of them.
    check = cli("check", "--format", "json")
    assert check.code == 1
    assert '"profile": "enterprise"' in check.out
    assert text.count("status: todo") == 50 - 1 - 0  # agents check filtered out


def test_init_refuses_to_overwrite(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "readiness.yaml").write_text("mine\n")
    res = cli("init")
    assert res.code == 2
    assert "readiness.yaml: error: already exists; refusing to overwrite it" in res.err
    assert (tmp_path / "readiness.yaml").read_text() == "mine\n"


def test_init_to_stdout_for_mvp(cli: Callable[..., Result]) -> None:
    res = cli("init", "--profile", "mvp", "--output", "-")
    assert res.code == 0
    assert "profile: minimum-viable" in res.out
    assert res.out.count("(required for minimum-viable") == 6
    assert "rag.drift-monitoring" not in res.out


def test_init_rejects_unknown_capability(cli: Callable[..., Result]) -> None:
    res = cli("init", "--capabilities", "rag,vision", "--output", "-")
    assert res.code == 2
    assert "unknown capability 'vision'" in res.err


def test_init_writes_what_it_is_given_and_says_what_it_left_as_a_placeholder(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    res = cli("init", "--name", "support-bot", "--owner", "@acme/ml", "--capabilities", "rag")
    assert res.code == 0
    assert "warning" not in res.err
    text = (tmp_path / "readiness.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=https://raw.githubusercontent.com/")
    assert "/v0.1.0/schema/readiness.schema.json" in text.splitlines()[0]  # a versioned URL
    assert '  name: support-bot\n  owner: "@acme/ml"\n  capabilities: [rag]' in text
    bare = cli("init", "--output", "other.yaml")
    assert bare.code == 0
    warnings = [x for x in bare.err.splitlines() if x.startswith("launch-gate: warning:")]
    assert len(warnings) == 3
    assert any("system.owner is a placeholder" in w for w in warnings)
    assert any("no capabilities declared" in w for w in warnings)


def test_init_writes_the_policy_path_relative_to_the_manifest(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")  # the repository is what a policy path may not leave
    Path("team.yaml").write_text("extends: startup\n")
    assert cli("init", "--profile", "team.yaml", "--output", "sub/readiness.yaml").code == 0
    assert "profile: ../team.yaml" in Path("sub/readiness.yaml").read_text()
    result = cli("check", "--manifest", "sub/readiness.yaml", "--offline", "--today", "2026-11-23")
    assert result.code in (0, 1), result.err
