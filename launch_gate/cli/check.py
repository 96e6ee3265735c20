"""``launch-gate check``: evaluate a manifest and print the report."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from launch_gate.cli.options import (
    add_manifest,
    add_profile,
    date_arg,
    days_arg,
    each,
    manifest_path,
)
from launch_gate.errors import EXIT_FAIL, EXIT_PASS, UsageError
from launch_gate.files import write_new_or_replace
from launch_gate.gather.evidence.settings import Settings
from launch_gate.judge.evaluate import FAIL_ON_WORDS, Evaluation, fails
from launch_gate.pipeline import evaluate_file, today_utc
from launch_gate.render import REPORT_FORMATS, report, text
from launch_gate.report import build as view

if TYPE_CHECKING:
    from launch_gate.report.audit import Audit


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "check",
        help="evaluate a readiness manifest against a profile",
        description="Evaluate a readiness manifest and print the report. Exit 0 when the "
        "gate passes, 1 when it fails, 2 when the manifest or profile cannot be read.",
    )
    # Several manifests at once is how pre-commit passes the files it staged.
    add_manifest(p, many=True)
    add_profile(p)
    p.add_argument("--format", choices=sorted(REPORT_FORMATS), default="text")
    p.add_argument(
        "--fail-on",
        choices=FAIL_ON_WORDS,
        default="gaps",
        help="when to exit 1: gaps (the verdict fails; the default), invalid (only an invalid "
        "decision or broken evidence: what a pre-commit hook wants), warnings (also any "
        "warning), never",
    )
    p.add_argument(
        "-q", "--quiet", action="store_true", help="print only the verdict line (text format)"
    )
    p.add_argument(
        "-v", "--verbose", action="store_true", help="list every check, passes too (text format)"
    )
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
    p.add_argument(
        "--audit",
        action="store_true",
        help="with --format json: add the audit block (repository, commit, manifest and "
        "policy SHA-256, evaluation time)",
    )
    add_evidence_options(p)
    p.set_defaults(run=run)


def _positive(kind: type[int] | type[float], what: str) -> Any:
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if not value > 0:
            raise argparse.ArgumentTypeError(f"'{text}' is not {what}")
        return value

    return parse


def add_evidence_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(
        "evidence verification",
        "Every evidence item and tracking link is verified: URLs answer, repository paths "
        "exist, GitHub objects exist and workflows are green (GITHUB_TOKEN is used for the "
        "GitHub API only).",
    )
    g.add_argument(
        "--offline",
        action="store_true",
        help="skip network checks (URLs, GitHub); repository paths are still checked",
    )
    g.add_argument(
        "--repo-root",
        metavar="DIR",
        help="resolve evidence paths here (default: the manifest's git work tree, else cwd)",
    )
    g.add_argument(
        "--allow-private-hosts",
        action="store_true",
        help="let evidence URLs reach loopback, private and link-local addresses",
    )
    g.add_argument(
        "--evidence-credential",
        action="append",
        default=[],
        metavar="HOST=ENV",
        help="send the value of environment variable ENV as the Authorization header (or "
        "HOST=Header-Name:ENV) to evidence links on https://HOST only; repeatable",
    )
    g.add_argument(
        "--concurrency",
        type=_positive(int, "a whole number above 0"),
        default=16,
        metavar="N",
        help="checks in flight at once (default: 16)",
    )
    g.add_argument(
        "--timeout",
        type=_positive(float, "a number of seconds above 0"),
        default=10.0,
        metavar="SECONDS",
        help="per-request timeout (default: 10)",
    )


def evidence_settings(args: argparse.Namespace, today: dt.date) -> Settings:
    root = None
    if args.repo_root is not None:
        root = Path(args.repo_root)
        if not root.is_dir():
            raise UsageError("is not a directory", file=args.repo_root, key="--repo-root")
    token = os.environ.get("GITHUB_TOKEN") or None
    settings = Settings.from_environment(
        os.environ,
        today=today,
        offline=args.offline,
        repo_root=root,
        allow_private_hosts=args.allow_private_hosts,
        concurrency=args.concurrency,
        per_host=min(4, args.concurrency),
        timeout=args.timeout,
        github_token=token,
        progress=True,
    )
    if not args.evidence_credential:
        return settings
    # Imported only when a credential is named: an offline check never pays for it.
    from launch_gate.gather.evidence import credentials

    flag = "--evidence-credential"
    named = [c for spec in args.evidence_credential
             for c in credentials.parse(spec, file=None, key=flag)]  # fmt: skip
    api_host = credentials.api_host(settings.github_api_url)
    found = credentials.resolve(
        named, os.environ, github_token=token, github_api_host=api_host,
        file=None, key=flag,
    )  # fmt: skip
    return settings._replace(credentials=found)


def _render(
    args: argparse.Namespace, ev: Evaluation, manifest: Path, colour: bool, width: int | None
) -> str:
    seen = view.manifest(ev)
    if _audited(args):
        from launch_gate.report.model import build

        return build(seen, audit=audit_here(ev, manifest)).json()
    if args.format == "text":
        return text.render(seen, colour, verbose=args.verbose, width=width)
    return report(args.format, seen, colour)


def _audited(args: argparse.Namespace) -> bool:
    """The report carries an audit block (whose digest the loading must keep)."""
    return bool(args.audit) and args.format == "json"


def audit_here(ev: Evaluation, manifest: Path) -> Audit:
    """The audit block for a run outside the Action: the repository and commit the CI
    variables name, else what the checkout says."""
    # Imported here: only an audited report or a sign-off record reads git.
    from launch_gate.gather.provenance import provenance
    from launch_gate.report.audit import collect

    env = os.environ
    where = provenance(
        manifest,
        repository=env.get("GITHUB_REPOSITORY"),
        commit=env.get("GITHUB_SHA"),
        sha256=ev.loaded.sha256,
    )
    return collect(ev, where)


def wants_colour(environ: Mapping[str, str], tty: bool) -> bool:
    """NO_COLOR (no-color.org) turns colour off, FORCE_COLOR on (CI logs that show it);
    otherwise colour only on a terminal."""
    if environ.get("NO_COLOR"):
        return False
    return bool(environ.get("FORCE_COLOR")) or tty


def terminal_width(environ: Mapping[str, str], tty: bool) -> int | None:
    """The terminal's width, or COLUMNS when set; a pipe or a file gets whole lines, which
    grep and editors' error parsers read best."""
    if environ.get("COLUMNS", "").isdigit():
        return max(40, int(environ["COLUMNS"]))
    if not tty:
        return None
    # shutil's own import pulls in the archive modules; only a terminal asks for it.
    import shutil

    return max(40, shutil.get_terminal_size().columns)


def judge_manifest(
    args: argparse.Namespace, what: str, *, audited: bool
) -> tuple[Path, Evaluation]:
    """The manifest `check`'s options name, judged as they ask (`export` shares them);
    `audited` keeps the digest of the bytes judged for the audit block."""
    name = manifest_path(args)
    manifest = Path(name)
    # Refused before any evidence is fetched: a wrong --output must not cost a minute.
    if args.output and Path(args.output).resolve() == manifest.resolve():
        raise UsageError(f"refusing to write the {what} over the manifest", key="--output")
    today = args.today or today_utc()
    ev = evaluate_file(
        manifest,
        display=name,
        profile=args.profile,
        default_profile=args.default_profile,
        today=today,
        warn_days=args.warn_days,
        evidence=evidence_settings(args, today),
        digest=audited,
    )
    return manifest, ev


def run(args: argparse.Namespace) -> int:
    paths = args.path or []
    if len(paths) <= 1:
        return _run_one(args)
    if args.format != "text" or args.output or args.manifest:
        raise UsageError(
            "several manifests are judged with the text report only; give one manifest for "
            "--format, --output or --manifest",
            key="MANIFEST",
        )
    return each(paths, lambda path: _run_one(argparse.Namespace(**{**vars(args), "path": [path]})))


def _run_one(args: argparse.Namespace) -> int:
    manifest, ev = judge_manifest(args, "report", audited=_audited(args))
    if args.output:
        write_new_or_replace(Path(args.output), _render(args, ev, manifest, False, None))
    else:
        colour = args.format == "text" and wants_colour(os.environ, sys.stdout.isatty())
        if args.quiet and args.format == "text":
            sys.stdout.write(text.verdict_line(view.manifest(ev), colour))
            return EXIT_FAIL if fails(ev, args.fail_on) else EXIT_PASS
        width = terminal_width(os.environ, sys.stdout.isatty())
        sys.stdout.write(_render(args, ev, manifest, colour, width))
    return EXIT_FAIL if fails(ev, args.fail_on) else EXIT_PASS
