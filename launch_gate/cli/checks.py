"""``launch-gate checks``: the catalogue as a table for one profile."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from launch_gate.cli.options import add_capabilities, add_profile, nearest_manifest
from launch_gate.errors import EXIT_PASS
from launch_gate.judge.profile import may_accept, requires
from launch_gate.judge.shapes import Catalogue, Check, Profile
from launch_gate.judge.values import TIERS
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.judged_by import DEFAULT_PROFILE
from launch_gate.load.policy import load_profile
from launch_gate.pipeline import load_file
from launch_gate.render.reference import catalogue_page
from launch_gate.report import build as view


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "checks",
        help="list the catalogue, marking what a profile requires",
        description="List the 50 checks. REQ: required by the profile; ACCEPT: may be "
        "settled as an accepted risk; N/A: not applicable without the named capability. "
        "Without --profile and --capabilities, the nearest readiness.yaml's are used.",
    )
    add_profile(p)
    add_capabilities(p)
    p.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="markdown: the whole catalogue as a reference page, every built-in profile",
    )
    p.set_defaults(run=run)


def profile_and_capabilities(
    args: argparse.Namespace, cat: Catalogue
) -> tuple[Profile, list[str] | None, str | None]:
    """The caller's choice, else the nearest manifest's, else the default profile."""
    found = nearest_manifest() if args.profile is None or args.capabilities is None else None
    if found is not None:
        default = args.default_profile
        source = load_file(
            Path(found), display=found, profile=args.profile, default_profile=default
        )
        caps = args.capabilities
        if caps is None:
            caps = list(source.manifest.manifest.system.capabilities)
        return source.profile, caps, found
    fallback = args.profile or args.default_profile or DEFAULT_PROFILE
    return load_profile(fallback, cat), args.capabilities, None


def _row(c: Check, profile: Profile, cat: Catalogue, caps: list[str] | None) -> dict[str, Any]:
    applies = caps is None or c.needs is None or c.needs in caps
    return {
        "id": c.id,
        "layer": c.layer,
        "title": c.title,
        "from": c.from_,
        "needs": c.needs,
        "applies": applies,
        "required": applies and requires(profile, c),
        "may_accept": applies and may_accept(profile, c),
    }


def run(args: argparse.Namespace) -> int:
    cat = load_catalogue()
    if args.format == "markdown":
        profiles: dict[str, Profile] = {tier: load_profile(tier, cat) for tier in TIERS}
        sys.stdout.write(catalogue_page(view.catalogue(cat, profiles)))
        return EXIT_PASS
    profile, caps, manifest = profile_and_capabilities(args, cat)
    rows = [_row(c, profile, cat, caps) for c in cat.checks.values()]
    required = sum(r["required"] for r in rows)
    acceptable = sum(r["required"] and r["may_accept"] for r in rows)
    if args.format == "json":
        data = {"profile": profile.name, "manifest": manifest, "capabilities": caps,
                "required": required, "acceptable": acceptable, "checks": rows}  # fmt: skip
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return EXIT_PASS
    out = [f"{'CHECK':<32} {'REQ':<4} {'ACCEPT':<7} {'FROM':<15} TITLE"]
    for r in rows:
        if not r["applies"]:
            out.append(f"{r['id']:<32} {'N/A':<4} {'':<7} {r['from']:<15} {r['title']} "
                       f"(needs {r['needs']})")  # fmt: skip
            continue
        out.append(
            f"{r['id']:<32} {'yes' if r['required'] else '-':<4} "
            f"{'yes' if r['may_accept'] else 'no':<7} {r['from']:<15} {r['title']}"
        )
    source = f" (from {manifest})" if manifest else ""
    out.append(
        f"\nprofile {profile.name}{source}: {required} required, {acceptable} of them may be "
        "accepted as a risk"
    )
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_PASS
