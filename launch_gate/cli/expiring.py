"""``launch-gate expiring``: decisions due for renewal, by owner."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from launch_gate.cli.options import add_manifest, add_profile, date_arg, days_arg, manifest_path
from launch_gate.errors import EXIT_FAIL, EXIT_PASS
from launch_gate.judge.expiry import due
from launch_gate.pipeline import evaluate_file, today_utc
from launch_gate.render import expiry
from launch_gate.report import build as view


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "expiring",
        help="list accepted risks that expire soon or have expired, by owner",
        description="List the accepted risks that expire within a window (and those "
        "already expired), grouped by owner. Exits 0 (a report) unless --fail-on says "
        "otherwise, and 2 when the manifest is unreadable.",
    )
    add_manifest(p)
    p.add_argument(
        "--within", type=days_arg, default=30, metavar="DAYS", help="the window (default: 30)"
    )
    add_profile(p)
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument(
        "--fail-on",
        choices=("never", "expired", "due"),
        default="never",
        help="exit 1 when a decision has expired, or when any is due within the window "
        "(default: never, for a report)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    name = manifest_path(args)
    ev = evaluate_file(
        Path(name),
        display=name,
        profile=args.profile,
        default_profile=args.default_profile,
        today=args.today or today_utc(),
    )
    items = view.due(due(ev, args.within))
    if args.format == "json":
        sys.stdout.write(expiry.as_json(items, args.within))
    elif args.format == "markdown":
        sys.stdout.write(expiry.markdown(items, args.within))
    else:
        sys.stdout.write(expiry.text(items, args.within))
    failing = {"never": False, "expired": any(i.expired for i in items), "due": bool(items)}
    return EXIT_FAIL if failing[args.fail_on] else EXIT_PASS
