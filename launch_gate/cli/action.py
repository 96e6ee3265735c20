"""``launch-gate action``: the GitHub Action's entry point inside its container."""

from __future__ import annotations

import argparse
import gc
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

    # What the imports made lives as long as the process: the collector need not walk it
    # again each time a monorepo's evaluations pile up (about 5 % of a 200-manifest run).
    # A run keeps everything it judges until its reports are written, so a collection that
    # runs every 700 new objects mostly re-walks live data: about a tenth of each manifest's
    # evaluation. mypy, which also builds much and frees little, collects this rarely too;
    # cycles are still collected. Both are put back after the run, so a process that runs
    # more than the action (the tests) keeps its own collector.
    was = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(200_000, 30, 30)
    try:
        return run_action(os.environ, sys.stdout, Path.cwd())
    finally:
        gc.set_threshold(*was)
        gc.unfreeze()
