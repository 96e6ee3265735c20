"""Files a pull request adds that are not files: a FIFO (or a symlink to one, a socket, a
device) never hangs the gate or ends it in exit 3. Only regular files are ever opened.

Who controls it: a pull request can commit a symlink to /dev/zero or to a FIFO it expects
on the runner; in a working copy it can be a FIFO itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.action.conftest import ActionRunner

MANIFEST = "version: 1\nsystem: {{name: x}}\nprofile: {profile}\nchecks: {{}}\n"


def gate(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # A process of its own, with a timeout: a hang is a failure here, not a stuck suite.
    return subprocess.run(
        [sys.executable, "-m", "launch_gate", *args],
        cwd=cwd, capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip


@pytest.mark.subprocess
def test_a_profile_that_names_a_fifo_is_exit_2_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "team.yaml")
    (tmp_path / "readiness.yaml").write_text(MANIFEST.format(profile="team.yaml"))
    proc = gate("check", "readiness.yaml", "--offline", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "not a regular file" in proc.stderr


@pytest.mark.subprocess
def test_a_manifest_that_is_a_fifo_or_a_device_is_exit_2(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "readiness.yaml")
    proc = gate("check", "readiness.yaml", "--offline", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "not a regular file" in proc.stderr
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    proc = gate("check", "zero.yaml", "--offline", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr


@pytest.mark.subprocess
def test_an_evidence_anchor_into_a_fifo_is_broken_evidence(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "runbook.md")
    (tmp_path / "readiness.yaml").write_text(
        "version: 1\nsystem: {name: x}\nprofile: minimum-viable\nchecks:\n"
        "  sec.untrusted-input: {status: done, evidence: ['runbook.md#setup']}\n"
    )
    proc = gate("check", "readiness.yaml", "--offline", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    check = next(c for c in report["checks"] if c["id"] == "sec.untrusted-input")
    assert check["outcome"] == "invalid"


def test_a_policy_fifo_in_the_action_workspace_is_an_error_not_a_hang(
    action: ActionRunner,
) -> None:
    os.mkfifo(action.workspace / "team.yaml")
    (action.workspace / "readiness.yaml").write_text(MANIFEST.format(profile="team.yaml"))
    run = action("push")
    assert run.code == 2
    assert "not a regular file" in run.stdout


@pytest.mark.parametrize("token", ["ghs_abc\udcff", "ghs_\u00e9t\u00e9", "ghs_a\nb"])
def test_a_token_that_is_not_ascii_is_exit_2_without_printing_it(
    action: ActionRunner, token: str
) -> None:
    # Who controls it: whoever sets the workflow's secret; a byte that is not UTF-8 in the
    # environment reaches Python as a lone surrogate.
    (action.workspace / "readiness.yaml").write_text(MANIFEST.format(profile="startup"))
    action.token = token
    run = action("push")
    assert run.code == 2
    assert "not a GitHub token" in run.stdout
    assert token not in run.stdout
