"""``launch-gate checks``: the catalogue as a table for one profile."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from launch_gate.cli.options import add_capabilities, add_profile
from launch_gate.errors import EXIT_PASS
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.policy import load_profile
from launch_gate.pipeline import DEFAULT_PROFILE


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "checks",
        help="list the catalogue, marking what a profile requires",
        description="List the 50 checks. REQ: required by the profile; ACCEPT: may be "
        "settled as an accepted risk; N/A: not applicable without the named capability.",
    )
    add_profile(p, DEFAULT_PROFILE)
    add_capabilities(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    cat = load_catalogue()
    profile = load_profile(args.profile, cat)
    caps = args.capabilities
    rows = [f"{'CHECK':<32} {'REQ':<4} {'ACCEPT':<7} {'FROM':<15} TITLE"]
    required = acceptable = 0
    for c in cat.checks.values():
        if caps is not None and c.needs is not None and c.needs not in caps:
            rows.append(f"{c.id:<32} {'N/A':<4} {'':<7} {c.from_:<15} {c.title} (needs {c.needs})")
            continue
        req = profile.requires(c, cat)
        acc = profile.may_accept(c, cat)
        required += req
        acceptable += req and acc
        rows.append(
            f"{c.id:<32} {'yes' if req else '-':<4} {'yes' if acc else 'no':<7} "
            f"{c.from_:<15} {c.title}"
        )
    rows.append(
        f"\nprofile {profile.name}: {required} required, {acceptable} of them may be "
        "accepted as a risk"
    )
    sys.stdout.write("\n".join(rows) + "\n")
    return EXIT_PASS
