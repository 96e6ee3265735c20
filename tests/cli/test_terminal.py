"""`check` in a real terminal: a pseudo-terminal of a given size, as a user's shell gives it."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

import pytest

from tests.conftest import ROOT

ANSI = re.compile(r"\x1b\[[0-9;]*m")
QUOTED = re.compile(r"^ +\d* \| ")
ARGS = ["check", "examples/enterprise-agent.yaml", "--offline", "--today", "2026-11-23"]


def in_terminal(columns: int, **env: str) -> str:
    """What the user sees: stdout on a pty `columns` wide, no COLUMNS in the environment."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    clean = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "NO_COLOR", "FORCE_COLOR"}}
    proc = subprocess.Popen(
        [sys.executable, "-m", "launch_gate", *ARGS],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
        env={**clean, **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.stderr is not None
    with proc.stderr:
        err = proc.stderr.read()
    assert proc.wait(timeout=60) == 1, err
    return b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.mark.subprocess
@pytest.mark.parametrize("columns", [60, 100])
def test_prose_wraps_to_the_terminal_and_quotes_stay_whole(columns: int) -> None:
    seen = in_terminal(columns)
    assert "\x1b[" in seen, "a terminal gets colour"
    lines = ANSI.sub("", seen).splitlines()
    long = [ln for ln in lines if len(ln) > columns and not QUOTED.match(ln)]
    # Only an unbreakable word (an ID or a path) may overrun, and then alone on its line.
    assert all(" " not in ln.strip() for ln in long), long
    # Never split inside a word: every check ID the verdict names is whole on some line.
    for check_id in ("deploy.revert-without-redeploy", "eval.hallucination-tracked"):
        assert any(check_id in ln for ln in lines)
    carets = [i for i, ln in enumerate(lines) if re.fullmatch(r" +\| +\^", ln)]
    assert carets
    assert all(QUOTED.match(lines[i - 1]) for i in carets)


@pytest.mark.subprocess
def test_no_color_is_honoured_in_a_terminal() -> None:
    assert "\x1b[" not in in_terminal(100, NO_COLOR="1")


@pytest.mark.subprocess
def test_a_pipe_gets_whole_lines() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "launch_gate", *ARGS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "COLUMNS"},
        check=False,
    ).stdout
    assert "\x1b[" not in out
    verdict = out.rstrip("\n").splitlines()[-1]
    assert verdict.startswith("FAIL · score")
    assert verdict.endswith("sec.untrusted-input")
