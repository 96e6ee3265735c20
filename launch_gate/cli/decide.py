"""``launch-gate decide CHECK_ID done|accept|not-applicable``: record a decision from a script."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from launch_gate.cli.edits import Answers, decision, edit
from launch_gate.cli.options import date_arg, manifest_path
from launch_gate.errors import EXIT_PASS
from launch_gate.pipeline import today_utc

STATUS = {"done": "done", "accept": "accepted-risk", "not-applicable": "not-applicable"}


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "decide",
        help="record a decision for one check, keeping the rest of the file as it is",
        description="Mark a check done (with evidence), accept its risk, or declare it not "
        "applicable. The decision is judged by the same rules as `check` and written only "
        "if it is valid; comments, order and quoting elsewhere in the file are kept.",
    )
    p.add_argument("check", metavar="CHECK_ID")
    p.add_argument("decision", choices=sorted(STATUS))
    add_manifest_option(p)
    p.add_argument("--evidence", action="append", default=[], metavar="URL|PATH")
    p.add_argument("--rationale")
    p.add_argument("--owner")
    # The manifest's key, spelt as a flag, works too.
    p.add_argument("--approver", "--approved-by", help="approved_by")
    p.add_argument("--expires", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--mitigation")
    p.add_argument("--tracking", metavar="URL")
    p.add_argument("--reason", help="why the check does not apply")
    p.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD")
    p.set_defaults(run=run)


def add_manifest_option(p: argparse.ArgumentParser) -> None:
    # The positional slot is the check ID here: the manifest is an option only.
    p.add_argument("--manifest", metavar="FILE", help="default: the nearest readiness.yaml")
    p.set_defaults(path=None)


def run(args: argparse.Namespace) -> int:
    manifest = Path(manifest_path(args))
    status = STATUS[args.decision]

    answers = Answers(
        status,
        tuple(args.evidence),
        args.rationale,
        args.owner,
        args.approver,
        args.expires,
        args.mitigation,
        args.tracking,
        args.reason,
    )
    ev = edit(manifest, args.check, decision(answers), today=args.today or today_utc(),
              default_profile=args.default_profile)  # fmt: skip
    print(f"{manifest}: {args.check} is {status}; verdict now {ev.verdict}, score {ev.score}",
          file=sys.stderr)  # fmt: skip
    return EXIT_PASS
