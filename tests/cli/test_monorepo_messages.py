"""A monorepo's manifests live in its services' folders: the CLI names them rather than
inviting a second manifest at the root (issue 28)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from launch_gate.main import main


def test_a_manifest_below_is_named_not_a_new_one_invited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for name in ("bot", "api"):
        (tmp_path / "services" / name).mkdir(parents=True)
        (tmp_path / "services" / name / "readiness.yaml").write_text("version: 1\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--offline"]) == 2
    err = capsys.readouterr().err
    assert "found services/api/readiness.yaml, services/bot/readiness.yaml below" in err
    assert "pass it as an argument" in err
    assert "init` writes one" not in err
