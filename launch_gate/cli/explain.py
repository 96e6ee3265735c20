"""``launch-gate explain CHECK_ID``: one check in full."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from launch_gate.cli.options import nearest_manifest
from launch_gate.errors import EXIT_PASS, GateError, UsageError, did_you_mean
from launch_gate.judge.profile import may_accept, requires
from launch_gate.judge.values import TIERS
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.policy import load_profile
from launch_gate.pipeline import evaluate_file, today_utc


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "explain",
        help="show a check's full text, evidence hints and rules per profile",
        description="Show one check: what it means, what counts as evidence, and how each "
        "built-in profile treats it.",
    )
    p.add_argument("check_id", metavar="CHECK_ID")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run)


def _in_manifest(check_id: str, default_profile: str | None) -> dict[str, Any] | None:
    """How the nearest manifest stands on the check, when there is one that reads."""
    found = nearest_manifest()
    if found is None:
        return None
    try:
        ev = evaluate_file(
            Path(found), display=found, today=today_utc(), default_profile=default_profile
        )
    except GateError:
        return None  # `check` says what is wrong with it; explaining does not need it
    r = next(x for x in ev.checks if x.check.id == check_id)
    return {
        "manifest": found,
        "profile": ev.profile.name,
        "required": r.required,
        "outcome": r.outcome,
        "line": ev.loaded.doc.lines.get(("checks", check_id)),
    }


def run(args: argparse.Namespace) -> int:
    cat = load_catalogue()
    check = cat.checks.get(args.check_id)
    if check is None:
        raise UsageError(
            f"unknown check '{args.check_id}'{did_you_mean(args.check_id, cat.checks)}",
            key="CHECK_ID",
        )
    tiers = {}
    for tier in TIERS:
        p = load_profile(tier, cat)
        tiers[tier] = {"required": requires(p, check), "may_accept": may_accept(p, check)}
    here = _in_manifest(check.id, args.default_profile)
    if args.format == "json":
        data = {"id": check.id, "title": check.title, "layer": check.layer,
                "description": check.description, "evidence": check.evidence,
                "needs": check.needs, "profiles": tiers, "manifest": here}  # fmt: skip
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return EXIT_PASS
    out = [f"{check.id}: {check.title}", f"layer: {cat.layers[check.layer]}", ""]
    out += [*textwrap.wrap(check.description, 88), "", "What counts as evidence:"]
    out += [f"  - {e}" for e in check.evidence]
    if check.needs:
        out += ["", f"Applies only to systems that declare the '{check.needs}' capability."]
    out += ["", f"{'profile':<16} {'required':<9} may be accepted as a risk"]
    for tier, said in tiers.items():
        out.append(
            f"{tier:<16} {'yes' if said['required'] else 'no':<9} "
            f"{'yes' if said['may_accept'] else 'no'}"
        )
    if here is not None:
        out += [
            "",
            f"In {here['manifest']} (profile {here['profile']}): "
            f"{'required' if here['required'] else 'not required'}, now {here['outcome']}"
            + (f" (line {here['line']})" if here["line"] else ""),
        ]
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_PASS
