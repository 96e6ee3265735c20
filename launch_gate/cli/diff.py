"""``launch-gate diff --base REF``: what changed in the manifest since REF."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from launch_gate.cli.options import add_manifest, add_profile, date_arg, manifest_path
from launch_gate.errors import EXIT_FAIL, EXIT_PASS
from launch_gate.judge.diff import compare, regression
from launch_gate.judge.evaluate import Evaluation
from launch_gate.load import git as gitsrc
from launch_gate.load.tree import CommitTree
from launch_gate.pipeline import evaluate_file, judge_tree, today_utc
from launch_gate.render import changes as render
from launch_gate.report import build as view
from launch_gate.report.model import build


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "diff",
        help="show what changed in the manifest since a git revision",
        description="Compare the manifest with the same file at a git revision: newly "
        "accepted risks, downgrades, upgrades, expiries pushed later, new not-applicable "
        "claims, profile and score changes. Evidence is not verified on either side.",
    )
    p.add_argument("--base", required=True, metavar="REF", help="the git revision to compare with")
    add_manifest(p)
    add_profile(p)
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    p.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument(
        "--fail-on",
        choices=("regression", "never"),
        default="never",
        help="exit 1 when the change lowers the score or adds a gap (default: never)",
    )
    p.set_defaults(run=run)


def judge_base(
    manifest: Path, ref: str, profile: str | None, today: dt.date
) -> tuple[str, Evaluation | None]:
    """`REF:path` and the manifest as REF had it, judged; None when REF had no manifest."""
    spec, repo, commit, rel = gitsrc.locate(manifest, ref)
    # The base's own policy files, from the same commit: never today's beside it.
    tree = CommitTree(repo, commit)
    return spec, judge_tree(tree, rel, profile=profile, today=today, display=spec)


def run(args: argparse.Namespace) -> int:
    name = manifest_path(args)
    manifest = Path(name)
    today = args.today or today_utc()
    head = evaluate_file(manifest, display=name, profile=args.profile, today=today,
                         default_profile=args.default_profile)  # fmt: skip
    spec, base = judge_base(manifest, args.base, args.profile, today)
    found = view.changes(compare(base, head))
    where = spec if base is not None else f"{spec} (no manifest there: everything is new)"
    if args.format == "json":
        sys.stdout.write(build(view.manifest(head), found).json())
    elif args.format == "markdown":
        sys.stdout.write(render.markdown(found, where))
    else:
        sys.stdout.write(render.text(found, where))
    failed = args.fail_on == "regression" and regression(base, head)
    return EXIT_FAIL if failed else EXIT_PASS
