"""``launch-gate check``: evaluate a manifest and print the report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from gate.commands.options import add_profile, date_arg, days_arg, today_utc
from gate.errors import EXIT_FAIL, EXIT_PASS, UsageError
from gate.fileio import write_new_or_replace
from gate.pipeline import evaluate_file
from gate.render import FORMATS


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "check",
        help="evaluate a readiness manifest against a profile",
        description="Evaluate a readiness manifest and print the report. Exit 0 when the "
        "gate passes, 1 when it fails, 2 when the manifest or profile cannot be read.",
    )
    p.add_argument(
        "--manifest",
        default="readiness.yaml",
        metavar="FILE",
        help="the manifest to check (default: readiness.yaml)",
    )
    add_profile(p)
    p.add_argument("--format", choices=sorted(FORMATS), default="text")
    p.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    p.add_argument(
        "--today",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="judge expiry as of this date (default: today, UTC)",
    )
    p.add_argument(
        "--warn-days",
        type=days_arg,
        metavar="N",
        help="warn about decisions expiring within N days (default: 14)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    manifest = Path(args.manifest)
    ev = evaluate_file(
        manifest,
        display=args.manifest,
        profile=args.profile,
        today=args.today or today_utc(),
        warn_days=args.warn_days,
    )
    if args.output:
        out = Path(args.output)
        if out.resolve() == manifest.resolve():
            raise UsageError("refusing to write the report over the manifest", key="--output")
        write_new_or_replace(out, FORMATS[args.format](ev, False))
    else:
        colour = args.format == "text" and sys.stdout.isatty()
        sys.stdout.write(FORMATS[args.format](ev, colour))
    return EXIT_PASS if ev.verdict == "pass" else EXIT_FAIL
