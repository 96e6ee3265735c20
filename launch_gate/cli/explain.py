"""``launch-gate explain CHECK_ID``: one check in full."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import Any

from launch_gate.errors import EXIT_PASS, UsageError
from launch_gate.judge.catalogue import TIERS
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.explain import did_you_mean
from launch_gate.load.policy import load_profile


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "explain",
        help="show a check's full text, evidence hints and rules per profile",
        description="Show one check: what it means, what counts as evidence, and how each "
        "built-in profile treats it.",
    )
    p.add_argument("check_id", metavar="CHECK_ID")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    cat = load_catalogue()
    check = cat.checks.get(args.check_id)
    if check is None:
        raise UsageError(
            f"unknown check '{args.check_id}'{did_you_mean(args.check_id, cat.checks)}",
            key="CHECK_ID",
        )
    out = [f"{check.id}: {check.title}", f"layer: {cat.layers[check.layer]}", ""]
    out += [*textwrap.wrap(check.description, 88), "", "What counts as evidence:"]
    out += [f"  - {e}" for e in check.evidence]
    if check.needs:
        out += ["", f"Applies only to systems that declare the '{check.needs}' capability."]
    out += ["", f"{'profile':<16} {'required':<9} may be accepted as a risk"]
    for tier in TIERS:
        p = load_profile(tier, cat)
        out.append(
            f"{tier:<16} {'yes' if p.requires(check, cat) else 'no':<9} "
            f"{'yes' if p.may_accept(check, cat) else 'no'}"
        )
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_PASS
