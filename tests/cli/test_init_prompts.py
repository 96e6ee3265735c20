"""`init` on a terminal asks for the system's name, owner and capabilities instead of
writing placeholders; piped or with flags it never asks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect
import pytest


@pytest.mark.subprocess
def test_init_asks_on_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "support-bot").mkdir()
    child = pexpect.spawn(
        sys.executable, ["-m", "launch_gate", "init"], cwd=str(tmp_path / "support-bot"),
        dimensions=(24, 80), encoding="utf-8", timeout=30,
        env={"PATH": "/usr/bin:/bin", "TERM": "xterm", "HOME": str(tmp_path)},
    )  # fmt: skip
    child.expect("System name")
    child.sendline("")  # the folder's name is proposed
    child.expect("Owner")
    child.sendline("@acme/ml")
    child.expect("Capabilities")
    child.sendline("rag,robots")
    child.expect("unknown capability 'robots'")
    child.expect("Capabilities")
    child.sendline("rag,tools")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = (tmp_path / "support-bot" / "readiness.yaml").read_text()
    assert "  name: support-bot\n" in text
    assert "  owner: '@acme/ml'\n" in text or '  owner: "@acme/ml"\n' in text
    assert "capabilities: [rag, tools]" in text
    assert "warning" not in (child.before or "")  # nothing left as a placeholder


def test_init_never_asks_without_a_terminal(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "launch_gate", "init"], cwd=tmp_path, input="",
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "system.name is a placeholder" in done.stderr
