from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from launch_gate.judge.catalogue import Catalogue
from launch_gate.judge.evaluate import Evaluation, evaluate
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
