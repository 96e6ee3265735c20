"""`check --fail-on`: the same words as the Action's input, for the hook and for scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from launch_gate.main import main
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"


@pytest.mark.parametrize(
    ("example", "fail_on", "code"),
    [
        ("startup-rag-assistant.yaml", "gaps", 0),
        ("startup-rag-assistant.yaml", "warnings", 0),
        ("enterprise-agent.yaml", "gaps", 1),  # undecided gaps and invalid decisions
        ("enterprise-agent.yaml", "invalid", 1),  # an expired and a self-approved decision
        ("enterprise-agent.yaml", "never", 0),
    ],
)
def test_fail_on_words(example: str, fail_on: str, code: int) -> None:
    argv = ["check", str(EXAMPLES / example), "--offline", "--today", "2026-11-23",
            "--repo-root", str(EXAMPLES / "repo"), "--fail-on", fail_on, "-q"]  # fmt: skip
    assert main(argv) == code


def test_invalid_lets_undecided_checks_through(tmp_path: Path) -> None:
    manifest = tmp_path / "readiness.yaml"
    manifest.write_text("version: 1\nsystem: {name: x}\nprofile: enterprise\nchecks: {}\n")
    assert main(["check", str(manifest), "--offline", "--fail-on", "invalid", "-q"]) == 0
    assert main(["check", str(manifest), "--offline", "-q"]) == 1  # the default: gaps
    manifest.write_text(
        "version: 1\nsystem: {name: x}\nprofile: enterprise\nchecks:\n"
        "  prompt.versioned: {status: done}\n"
    )
    assert main(["check", str(manifest), "--offline", "--fail-on", "invalid", "-q"]) == 1
