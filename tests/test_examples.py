"""Every manifest under tests/examples/ is a case: its first lines say what to expect."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Result, diagnostics

CASES = sorted((ROOT / "tests" / "examples").glob("*/*.yaml"))
# The cases cite the stand-in files of examples/repo and are judged without a network.
OFFLINE = ("--offline", "--repo-root", str(ROOT / "examples" / "repo"))


def expectations(path: Path) -> dict[str, str]:
    return dict(re.findall(r"^# expect-([a-z]+): (.*)$", path.read_text(), re.M))


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_example(path: Path, cli: Callable[..., Result]) -> None:
    expect = expectations(path)
    before = path.read_bytes()
    res = cli(
        "check", "--manifest", str(path), "--today", "2026-11-23", "--format", "json", *OFFLINE
    )
    assert res.code == int(expect["exit"]), res.err
    assert path.read_bytes() == before, "the gate must never modify the manifest"
    if "error" in expect:
        line, message = expect["error"].removeprefix(":").split(": ", 1)
        first = diagnostics(res.err)[0]
        assert first["file"] == str(path), res.err
        assert first["line"] == line, res.err
        assert str(first["message"]).startswith(message), res.err
        # Every error in a manifest quotes the line it is on, with the caret under it.
        assert first["quoted"] is not None, res.err
        assert "Traceback" not in res.err
        assert res.out == ""
    if "gaps" in expect:
        import json

        assert json.loads(res.out)["gaps"] == expect["gaps"].split()


def test_every_folder_has_cases() -> None:
    folders = {p.parent.name for p in CASES}
    assert folders == {"pass", "fail", "error"}
    assert len([p for p in CASES if p.parent.name == "error"]) >= 15


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_examples_are_cases_too(path: Path) -> None:
    # The examples in examples/ are what `make demo` shows; keep their copies here in step.
    copies = {p.name: p for p in CASES}
    twin = {
        "startup-rag-assistant.yaml": "startup-rag.yaml",
        "enterprise-agent.yaml": "enterprise-agent.yaml",
        "regulated-claims-triage.yaml": "regulated.yaml",
    }[path.name]
    body = [ln for ln in copies[twin].read_text().splitlines() if not ln.startswith("# expect")]
    assert body == path.read_text().splitlines()
