"""The hostile corpus: every file under tests/hostile/manifests/ must be refused cleanly.

Each file states the exit code and a fragment of the one-line error in its header
(binary files keep an ASCII header before their bytes). Timing and memory of the
worst cases are measured in bench/hostile_parse.py, not asserted here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Result

CORPUS = sorted((ROOT / "tests" / "hostile" / "manifests").glob("*.yaml"))


def header(path: Path) -> dict[str, str]:
    head = path.read_bytes()[:400].decode("ascii", "replace")
    return dict(re.findall(r"^# expect-([a-z]+): (.*)$", head, re.M))


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_hostile_manifest(path: Path, cli: Callable[..., Result]) -> None:
    expect = header(path)
    before = path.read_bytes()
    res = cli("check", "--manifest", str(path), "--format", "json")
    assert res.code == int(expect["exit"]), res.err
    assert expect["error"] in res.err
    assert res.out == ""
    assert "Traceback" not in res.err
    lines = res.err.splitlines()
    assert lines[0].startswith(f"launch-gate: error: {path}"), res.err
    assert all(line.startswith("launch-gate: error: ") for line in lines)
    assert path.read_bytes() == before


def test_oversized_manifest(tmp_path: Path, cli: Callable[..., Result]) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("version: 1\nsystem: {name: x}\n# " + "x" * (1024 * 1024) + "\n")
    res = cli("check", "--manifest", str(path))
    assert res.code == 2
    assert "file is larger than 1024 KiB" in res.err


def test_directory_and_special_files(tmp_path: Path, cli: Callable[..., Result]) -> None:
    assert "is a directory" in cli("check", "--manifest", str(tmp_path)).err
    res = cli("check", "--manifest", "/dev/null")
    assert (res.code, "the file is empty" in res.err) == (2, True)


def test_hostile_policy_file(tmp_path: Path, cli: Callable[..., Result]) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text("extends: startup\nrules: !!python/object/apply:os.system [id]\n")
    manifest = ROOT / "examples" / "startup-rag-assistant.yaml"
    res = cli("check", "--manifest", str(manifest), "--profile", str(policy))
    assert res.code == 2
    assert f"{policy}:2: unsupported YAML tag" in res.err
