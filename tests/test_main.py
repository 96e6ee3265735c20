"""The process around `main`: what it delivers and how it ends (launch_gate/main.py: run)."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import subprocess
import sys

import pytest

from launch_gate.errors import EXIT_INTERNAL, EXIT_READER_LEFT
from launch_gate.main import main
from tests.conftest import ROOT

GATE = [sys.executable, "-m", "launch_gate"]


def test_everything_printed_reaches_a_pipe_and_the_exit_code_is_mains() -> None:
    done = subprocess.run([*GATE, "schema"], cwd=ROOT, capture_output=True, check=False)
    here = io.StringIO()
    with contextlib.redirect_stdout(here):
        assert main(["schema"]) == 0
    assert done.returncode == 0
    assert done.stdout.decode() == here.getvalue()
    failing = [*GATE, "check", "examples/enterprise-agent.yaml", "--offline",
               "--today", "2026-11-23", "--repo-root", "examples/repo"]  # fmt: skip
    assert subprocess.run(failing, cwd=ROOT, capture_output=True, check=False).returncode == 1


@pytest.mark.parametrize("command", ["checks", "schema"])  # within one buffer, and beyond it
def test_a_reader_that_left_ends_it_quietly_as_a_broken_pipe_ends_a_unix_tool(
    command: str,
) -> None:
    read, write = os.pipe()
    os.close(read)  # as `| head` does once it has its lines
    try:
        done = subprocess.run([*GATE, command], cwd=ROOT, stdout=write, capture_output=False,
                              stderr=subprocess.PIPE, check=False)  # fmt: skip
    finally:
        os.close(write)
    assert done.returncode == EXIT_READER_LEFT == 141
    assert done.stderr == b""


def _checks_in_a_process(before: str) -> subprocess.CompletedProcess[bytes]:
    """`launch-gate checks` as its own process, `before` run first in it."""
    script = f"{before}\nimport sys\nsys.argv = ['launch-gate', 'checks']\n" + (
        "from launch_gate.main import run\nrun()\n"
    )
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          check=False)  # fmt: skip


def test_a_broken_pipe_that_is_not_the_output_is_still_an_internal_error() -> None:
    # A socket's, while stdout is a pipe whose reader is still there.
    done = _checks_in_a_process(
        "import launch_gate.cli.checks as checks\n"
        "def hung_up(args):\n"
        "    raise BrokenPipeError('a server hung up')\n"
        "checks.run = hung_up\n"
    )
    assert done.returncode == EXIT_INTERNAL
    assert b"internal error (BrokenPipeError)" in done.stderr


def test_the_interpreter_is_not_torn_down_after_main() -> None:
    # An exit handler is what a tear-down would run: none runs, so none is paid for.
    done = _checks_in_a_process(
        "import atexit, sys\natexit.register(lambda: print('torn down', file=sys.stderr))"
    )
    assert done.returncode == 0
    assert b"prompt.one-step-rollback" in done.stdout
    assert b"torn down" not in done.stderr


def test_the_process_collects_rarely_and_main_leaves_the_callers_collector() -> None:
    # The process (run) sets the collector for every command, the Action included; a caller
    # running `main` itself, as these tests do, keeps its own.
    probe = (
        "import gc, launch_gate.main as m; m.main = lambda: print(gc.get_threshold()) or 0; m.run()"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, cwd=ROOT)  # fmt: skip
    assert done.stdout.strip() == "(200000, 30, 30)"
    before = gc.get_threshold()
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["checks"]) == 0
    assert gc.get_threshold() == before
