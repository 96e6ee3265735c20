"""Argument types and options shared by several commands."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from launch_gate.errors import EXIT_PASS, GateError, InputError, UsageError, messages
from launch_gate.judge.values import CAPABILITIES, Capability
from launch_gate.load.git import upward, worktree_root
from launch_gate.load.yamldoc import quote

# An argument's message may end with its fix, on the line the long form gives it.
FIX = "\n  = fix: "


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        from launch_gate.judge.values import date_fix, impossible_date

        said = impossible_date(text) or f"'{text}' is not a date in the form YYYY-MM-DD"
        raise argparse.ArgumentTypeError(f"{said}{FIX}{date_fix(text)}") from None


def days_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a whole number of days (0 or more){FIX}give days as a number: 14 "
            "for two weeks"
        )
    return value


def capabilities_arg(text: str) -> list[Capability]:
    out: list[Capability] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = next((c for c in CAPABILITIES if c == part), None)
        if match is None:
            raise argparse.ArgumentTypeError(
                f"unknown capability '{part}'; choose from {', '.join(CAPABILITIES)}"
                f"{FIX}name those the system has, comma-separated: `--capabilities rag,tools`; "
                "leave it out if it has none"
            )
        out.append(match)
    return out


def profile_arg(text: str) -> str:
    """A built-in profile's name, or a policy file's path (read from here): a misspelt name
    or a file that is not there is refused at its flag."""
    from launch_gate.load import policy

    if policy.is_path(text):
        if Path(text).is_file():
            return text
        message, fix = policy.missing_policy(text, Path(text).resolve())
        raise argparse.ArgumentTypeError(f"{message}{FIX}{fix}")
    if text in policy.builtin_names():
        return text
    message, meant = policy.unknown_profile(text)
    fix = f"`--profile {meant}`" if meant else "`--profile startup` if unsure"
    raise argparse.ArgumentTypeError(f"{message}{FIX}{fix}")


def add_profile(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    parser.add_argument(
        "--profile",
        metavar="NAME|PATH",
        type=profile_arg,
        default=default,
        help="minimum-viable (mvp), startup, enterprise, regulated, or a policy file"
        + ("" if default is None else f" (default: {default})"),
    )


def add_capabilities(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--capabilities",
        type=capabilities_arg,
        default=None,
        metavar="LIST",
        help="comma-separated: rag,tools,agents",
    )


MANIFEST = "readiness.yaml"


def add_manifest(parser: argparse.ArgumentParser, many: bool = False) -> None:
    parser.add_argument(
        "path",
        nargs="*" if many else "?",
        metavar="MANIFEST",
        help=f"the manifest{'s' if many else ''} (default: the nearest {MANIFEST} here or "
        "above, up to the repository's root)",
    )
    parser.add_argument("--manifest", metavar="FILE", help="the same, as an option")


def nearest_manifest() -> str | None:
    """The nearest readiness.yaml from here up to the repository's root, if any."""
    found = next((f / MANIFEST for f in upward(Path.cwd()) if (f / MANIFEST).is_file()), None)
    return os.path.relpath(found) if found else None


def manifest_path(args: argparse.Namespace) -> str:
    """The manifest the user named, or the nearest readiness.yaml upward from here."""
    path = args.path[0] if isinstance(args.path, list) and args.path else args.path or None
    given = path or args.manifest
    if path and args.manifest and path != args.manifest:
        raise UsageError("give the manifest once, as an argument or with --manifest")
    if given:
        return str(given)
    found = nearest_manifest()
    if found is not None:
        return found
    top = worktree_root(Path.cwd()) or Path.cwd()
    below = _below(Path.cwd())
    if below:
        # A monorepo: the manifests live in the services' folders. Name them rather than
        # invite a second manifest at the root.
        command = getattr(args, "command", None) or "check"
        listed = ", ".join(below[:3]) + (f" and {len(below) - 3} more" if len(below) > 3 else "")
        raise UsageError(
            f"no {MANIFEST} here or above; found {listed} below",
            file=MANIFEST,
            fix=f"pass it as an argument (`launch-gate {command} {below[0]}`), or set "
            "`manifest:` in .launch-gate.yaml",
        )
    raise UsageError(
        f"no {MANIFEST} here or in a folder above it (up to {top})",
        file=MANIFEST,
        fix="`launch-gate init` writes one",
    )


def _below(start: Path, limit: int = 2000) -> list[str]:
    """Manifests in folders below `start` (a bounded walk: at most `limit` folders, never
    into .git or node_modules), as paths relative to it."""
    found = []
    for seen, (folder, dirs, files) in enumerate(os.walk(start)):
        if seen >= limit:
            break
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        if MANIFEST in files and Path(folder) != start:
            found.append(os.path.relpath(Path(folder) / MANIFEST, start))
    return sorted(found)


def tell(exc: GateError) -> None:
    """Print what went wrong, quoting the file's line where this process read it."""
    print("\n".join(messages(quote(exc) if isinstance(exc, InputError) else exc)), file=sys.stderr)


def each(names: Sequence[str], one: Callable[[str], int]) -> int:
    """Run `one` on every name and return the worst exit code: a file that cannot be read
    is reported and does not hide the others' verdicts (how pre-commit passes files)."""
    worst = EXIT_PASS
    for name in names:
        try:
            code = one(name)
        except GateError as exc:
            tell(exc)
            code = exc.exit_code
        worst = max(worst, code)
    return worst


def apply_defaults(args: argparse.Namespace) -> None:
    """Fill what the command line left unsaid from the project's defaults file, if any.
    The Action never reads it: its inputs come from the workflow."""
    args.default_profile = None
    if getattr(args, "command", None) == "action":
        return
    from launch_gate.load.defaults import find

    found = find(Path.cwd())
    if found is None:
        return
    d, folder = found.defaults, found.file.parent
    if d.profile:
        # A default, not an override: a manifest's own `profile:` still wins.
        from launch_gate.load.policy import is_path

        given = d.profile
        args.default_profile = os.path.relpath(folder / given) if is_path(given) else given
    if d.warn_days is not None and getattr(args, "warn_days", "") is None:
        args.warn_days = d.warn_days
    if d.manifest and getattr(args, "manifest", "") is None and not getattr(args, "path", None):
        args.manifest = os.path.relpath(folder / d.manifest)
