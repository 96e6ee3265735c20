"""Finding the manifest: a positional path, or the nearest readiness.yaml up to the repository."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Result

EXAMPLE = (ROOT / "examples" / "startup-rag-assistant.yaml").read_text()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    # The example's evidence paths, as the bundled stand-in repository has them.
    shutil.copytree(ROOT / "examples" / "repo", tmp_path, dirs_exist_ok=True)
    (tmp_path / "readiness.yaml").write_text(EXAMPLE)
    (tmp_path / "svc" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "svc" / "deep")
    return tmp_path


def test_check_finds_the_manifest_upward_from_a_subfolder(
    cli: Callable[..., Result], repo: Path
) -> None:
    res = cli("check", "--offline", "--today", "2026-11-23", "--format", "json")
    assert res.code == 0, res.err
    assert '"verdict": "pass"' in res.out


def test_the_manifest_may_be_given_as_an_argument(cli: Callable[..., Result], repo: Path) -> None:
    res = cli("check", "../../readiness.yaml", "--offline", "--today", "2026-11-23")
    assert res.code == 0, res.err
    assert "../../readiness.yaml" in res.out


def test_no_manifest_up_to_the_repository_suggests_init(
    cli: Callable[..., Result], repo: Path
) -> None:
    (repo / "readiness.yaml").unlink()
    res = cli("check", "--offline")
    assert res.code == 2
    assert "no readiness.yaml here or in a folder above it" in res.err
    assert "`launch-gate init` writes one" in res.err


def test_expiring_can_fail(cli: Callable[..., Result], repo: Path) -> None:
    args = ("expiring", "--today", "2027-02-20", "--within", "30")
    assert cli(*args).code == 0
    assert cli(*args, "--fail-on", "due").code == 1
    assert cli(*args, "--fail-on", "expired").code == 0
    assert cli("expiring", "--today", "2027-03-05", "--fail-on", "expired").code == 1


def test_quiet_prints_only_the_verdict_line(cli: Callable[..., Result], repo: Path) -> None:
    res = cli("check", "--offline", "--today", "2026-11-23", "--quiet")
    assert res.code == 0
    assert res.out == "../../readiness.yaml: PASS, score 60/100\n"


def test_colour_follows_no_color_and_force_color() -> None:
    from launch_gate.cli.check import wants_colour

    assert wants_colour({}, tty=True)
    assert not wants_colour({}, tty=False)
    assert not wants_colour({"NO_COLOR": "1"}, tty=True)
    assert wants_colour({"FORCE_COLOR": "1"}, tty=False)
    assert not wants_colour({"NO_COLOR": "1", "FORCE_COLOR": "1"}, tty=False)


def test_checks_and_explain_follow_the_nearest_manifest(
    cli: Callable[..., Result], repo: Path
) -> None:
    import json

    listed = json.loads(cli("checks", "--format", "json").out)
    assert listed["manifest"] == "../../readiness.yaml"
    assert listed["profile"] == "startup"
    rag = next(c for c in listed["checks"] if c["id"] == "rag.retrieval-quality")
    assert rag["applies"] is True  # the example declares rag
    assert (
        json.loads(cli("checks", "--profile", "regulated", "--format", "json").out)["profile"]
        == "regulated"
    )
    said = json.loads(cli("explain", "cost.caching", "--format", "json").out)
    assert said["profiles"]["enterprise"] == {"required": True, "may_accept": True}
    assert said["manifest"]["outcome"] == "not-applicable"
    assert "In ../../readiness.yaml (profile startup)" in cli("explain", "cost.caching").out
