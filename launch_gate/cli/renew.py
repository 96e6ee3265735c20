"""``launch-gate renew CHECK_ID --expires DATE | --days N``: push an accepted risk's expiry."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from launch_gate.cli.decide import add_manifest_option
from launch_gate.cli.edits import edit
from launch_gate.cli.options import date_arg, manifest_path
from launch_gate.errors import EXIT_PASS, UsageError
from launch_gate.pipeline import today_utc


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "renew",
        help="set a new expiry on an accepted risk (the profile's window still applies)",
    )
    p.add_argument("check", metavar="CHECK_ID")
    add_manifest_option(p)
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--expires", type=date_arg, metavar="YYYY-MM-DD")
    when.add_argument("--days", type=int, metavar="N", help="that many days from today")
    p.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    today: dt.date = args.today or today_utc()
    if args.days is not None and args.days < 1:
        raise UsageError(
            "must be 1 or more",
            key="--days",
            fix="give how many days from today the risk stays accepted, or `--expires YYYY-MM-DD`",
        )
    expires = args.expires or today + dt.timedelta(days=args.days)
    manifest = Path(manifest_path(args))

    def change(entry: Any) -> None:
        decision = entry.get("decision")
        if entry.get("status") != "accepted-risk" or decision is None:
            raise UsageError(
                f"{args.check} is {entry.get('status') or 'undecided'}, not an accepted risk: "
                "only an accepted risk has an expiry to renew",
                key="CHECK_ID",
                fix=f"to accept its risk: `launch-gate decide {args.check} accept --rationale TEXT "
                "--owner @HANDLE --expires YYYY-MM-DD`",
            )
        decision["expires"] = expires

    ev = edit(manifest, args.check, change, today=today, default_profile=args.default_profile)
    print(f"{manifest}: {args.check} now expires {expires.isoformat()}; verdict {ev.verdict}",
          file=sys.stderr)  # fmt: skip
    return EXIT_PASS
