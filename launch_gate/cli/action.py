"""``launch-gate action``: the GitHub Action's entry point inside its container."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "action",
        help="run as the GitHub Action (reads INPUT_* and GITHUB_* variables)",
        description="Run as the GitHub Action: inputs come from INPUT_* variables and the "
        "event from GITHUB_*; the README's section on the Action has the details. "
        "Exit 0 pass, 1 gate failed, 2 cannot evaluate.",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: PyGithub costs a third of a second that no other command needs.
    from launch_gate.action.run import run_action

    return run_action(os.environ, sys.stdout, Path.cwd())
