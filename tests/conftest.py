from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from launch_gate.judge.evaluate import Evaluation, evaluate
from launch_gate.judge.shapes import Catalogue
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.manifest import parse
from launch_gate.load.policy import load_profile
from launch_gate.main import main

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)


class Result(NamedTuple):
    code: int
    out: str
    err: str


# The long form of an error: `file:line:col: error: message`, then the quoted line and a caret
# under the column, then `= fix:`; or `launch-gate: error: message` where no file is at fault.
_HEAD = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: error: (?P<message>.+)$")
_QUOTED = re.compile(r"^ (?P<line>\d+) \| (?P<text>.*)$")
_CARET = re.compile(r"^ (?P<gutter> +)\| (?P<pad> *)\^$")


def diagnostics(err: str) -> list[dict[str, str | None]]:
    """Each error in `err`, checking the grammar of every line as it goes: a line that fits no
    part of the long form fails the test."""
    found: list[dict[str, str | None]] = []
    lines = err.splitlines()
    i = 0
    while i < len(lines):
        head = _HEAD.match(lines[i])
        assert head, f"not an error's first line: {lines[i]!r} in\n{err}"
        one: dict[str, str | None] = {**head.groupdict(), "quoted": None, "fix": None}
        i += 1
        quoted = _QUOTED.match(lines[i]) if i < len(lines) else None
        if quoted:
            assert quoted["line"] == one["line"], err
            caret = _CARET.match(lines[i + 1])
            assert caret, f"no caret under {lines[i]!r}"
            assert len(caret["gutter"]) == len(quoted["line"]) + 1, err
            shown = quoted["text"][: len(caret["pad"])]
            # A long line is quoted around the caret, and an escaped character (`\xa0`) is
            # wider than the one it stands for: only a plain prefix maps column to offset.
            if not shown.startswith("...") and "\\" not in shown:
                assert len(caret["pad"]) + 1 == int(one["col"] or 0), err
            one["quoted"] = quoted["text"]
            i += 2
        if i < len(lines) and lines[i].startswith("  = fix: "):
            one["fix"] = lines[i].removeprefix("  = fix: ")
            i += 1
        found.append(one)
    return found


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the CLI in-process, as `launch-gate ARGS`."""

    def run(*args: str) -> Result:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse exits on bad arguments and --help
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def cat() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def judge(cat: Catalogue) -> Callable[..., Evaluation]:
    """Evaluate a manifest given as YAML text (dedented) against a profile."""

    def run(
        text: str, profile: str = "startup", today: dt.date = TODAY, warn_days: int | None = None
    ) -> Evaluation:
        loaded = parse(textwrap.dedent(text), "readiness.yaml", cat)
        return evaluate(loaded, load_profile(profile, cat), cat, today, warn_days)

    return run


def git(cwd: Path, *args: str) -> str:
    """The git binary, a test's tool for making repositories (the code under test reads them
    with dulwich)."""
    import subprocess

    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.strip()
