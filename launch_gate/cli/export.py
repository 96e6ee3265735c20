"""``launch-gate export``: the sign-off record, as HTML to print and sign or CSV to sort."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from launch_gate.cli.check import add_evidence_options, audit_here, judge_manifest
from launch_gate.cli.options import add_manifest, add_profile, date_arg, days_arg
from launch_gate.errors import EXIT_PASS
from launch_gate.files import write_new_or_replace
from launch_gate.judge.expiry import due
from launch_gate.render import RECORD_FORMATS, record


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "export",
        help="write the sign-off record: a printable HTML page or a CSV row per check",
        description="Judge the manifest as `check` does and write the record a sign-off "
        "meeting reviews and signs: --format html is one self-contained page (no network, no "
        "script) with the verdict, the score chart, every check and what backs it, decisions "
        "expiring soon, the audit block and an empty signature block; --format csv has a row "
        "per check. Exits 0 once the record is written, whatever the verdict it records.",
    )
    add_manifest(p)
    add_profile(p)
    p.add_argument("--format", choices=RECORD_FORMATS, required=True)
    p.add_argument("--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument(
        "--warn-days",
        type=days_arg,
        metavar="N",
        help="list decisions expiring within N days (default: the profile's window)",
    )
    add_evidence_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    manifest, ev = judge_manifest(args, "record", audited=True)
    from launch_gate.render.signoff import Record

    window = ev.profile.warn_days if args.warn_days is None else args.warn_days
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
    from launch_gate.report import build as view

    rec = Record(view.manifest(ev), audit_here(ev, manifest), view.due(due(ev, window)), server)
    body = record(args.format, rec)
    if args.output:
        write_new_or_replace(Path(args.output), body)
        print(f"{args.output}: sign-off record for {ev.loaded.manifest.system.name} "
              f"({ev.verdict}, score {ev.score})", file=sys.stderr)  # fmt: skip
    else:
        sys.stdout.write(body)
    return EXIT_PASS
