"""``launch-gate policy FILE...``: check custom profiles (policy files) before they are used."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from launch_gate.cli.options import each
from launch_gate.errors import EXIT_PASS
from launch_gate.judge.profile import requires
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.policy import load_profile


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "policy",
        help="check policy files (custom profiles), with their extends chains",
        description="Load each policy file as a manifest's `profile:` would, following its "
        "`extends` chain, and report the first problem in each with its file, line and key. "
        "Exit 0 when every file is valid, 2 otherwise.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    cat = load_catalogue()

    def one(name: str) -> int:
        profile = load_profile(name, cat, base=Path.cwd())
        required = sum(requires(profile, c) for c in cat.checks.values())
        print(f"{name}: profile {profile.name} (tier {profile.tier}), {required} checks required")
        return EXIT_PASS

    return each(args.files, one)
