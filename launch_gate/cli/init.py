"""``launch-gate init``: write a commented starter manifest."""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from pathlib import Path
from typing import Any

from launch_gate.cli.options import add_capabilities, add_profile
from launch_gate.cli.schema import SCHEMA_URL
from launch_gate.errors import EXIT_PASS, UsageError
from launch_gate.files import write_new
from launch_gate.judge.profile import may_accept, requires
from launch_gate.judge.shapes import Catalogue, Check, Profile
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.judged_by import DEFAULT_PROFILE
from launch_gate.load.policy import load_profile


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "init",
        help="write a starter readiness.yaml with every applicable check as todo",
        description="Write a commented manifest listing every applicable check as todo. "
        "Never overwrites an existing file; use --output - to print it instead.",
    )
    add_profile(p, DEFAULT_PROFILE)
    add_capabilities(p)
    p.add_argument("--name", help="the system's name")
    p.add_argument("--owner", help="the team or person accountable, e.g. @acme/ml-platform")
    p.add_argument(
        "--output",
        default="readiness.yaml",
        metavar="FILE",
        help="where to write it (default: readiness.yaml; - for stdout)",
    )
    p.set_defaults(run=run)


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, 88 - len(indent), initial_indent=f"{indent}# ", subsequent_indent=f"{indent}# "
    )


def _entry(check: Check, profile: Profile, cat: Catalogue) -> list[str]:
    need = "required" if requires(profile, check) else "optional"
    accept = "" if may_accept(profile, check) else "; may not be accepted as a risk"
    lines = [f"  # {check.title} ({need} for {profile.name}{accept})"]
    lines += _comment(check.description, "  ")
    lines += _comment("Evidence: " + "; ".join(check.evidence), "  ")
    return [*lines, f"  {check.id}:", "    status: todo", ""]


PLACEHOLDER_NAME = "my-llm-feature"
PLACEHOLDER_OWNER = "@your-org/your-team"


def render(
    profile: Profile,
    cat: Catalogue,
    capabilities: list[str],
    name: str,
    reference: str = "",
    *,
    owner: str = PLACEHOLDER_OWNER,
) -> str:
    """`reference` is how the manifest names a custom policy file: relative to itself."""
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_URL}",
        "# Readiness manifest for launch-gate. For each check, set `status` to:",
        "#   done            with `evidence:` (URLs or repository paths)",
        "#   accepted-risk   with a `decision:` (rationale, owner, approved_by, expires, ...)",
        "#   not-applicable  with a `reason:`",
        "#   todo            not decided yet (the gate fails while a required check is todo)",
        "# `launch-gate explain CHECK_ID` tells more about any check.",
        "version: 1",
        "system:",
        f"  name: {name}",
        f"  owner: {json.dumps(owner)}",
        f"  capabilities: [{', '.join(capabilities)}]   # any of: rag, tools, agents",
        f"profile: {reference or profile.name}",
        "checks:",
    ]
    current = ""
    for check in cat.checks.values():
        if check.needs is not None and check.needs not in capabilities:
            continue
        if check.layer != current:
            current = check.layer
            lines += [f"  # ---- {cat.layers[current]} ----", ""]
        lines += _entry(check, profile, cat)
    return "\n".join(lines).rstrip() + "\n"


def _placeholders(args: argparse.Namespace) -> list[str]:
    """What the written file leaves for a human to fill in: said, never silent."""
    out = []
    if not args.name:
        out.append(f"system.name is a placeholder ({PLACEHOLDER_NAME}): give --name")
    if not args.owner:
        out.append(
            f"system.owner is a placeholder ({PLACEHOLDER_OWNER}): give --owner with the team "
            "accountable; enterprise approvals and bar-lowering changes are proven against it"
        )
    if args.capabilities is None:
        out.append(
            "no capabilities declared: the rag, tools and agents checks will not apply; "
            "give --capabilities rag,tools,agents (those the system has)"
        )
    return out


def _ask_missing(args: argparse.Namespace) -> None:
    """On a terminal, ask for what the flags left out instead of writing placeholders."""
    from rich.prompt import Prompt

    from launch_gate.cli.options import capabilities_arg

    if not args.name:
        args.name = Prompt.ask("System name", default=Path.cwd().name) or None
    if not args.owner:
        args.owner = Prompt.ask("Owner (@user or @org/team)", default="") or None
    while args.capabilities is None:
        said = Prompt.ask(
            "Capabilities: rag (retrieval), tools (calls APIs), agents (plans steps); "
            "comma-separated, 'none' for none",
            default="none",
        )
        try:
            args.capabilities = [] if said.strip() == "none" else capabilities_arg(said)
        except argparse.ArgumentTypeError as exc:
            print(exc)


def run(args: argparse.Namespace) -> int:
    cat = load_catalogue()
    profile = load_profile(args.profile, cat)
    if args.output != "-" and Path(args.output).exists():
        # Before any question or warning: nothing said about a file that will not be written.
        raise UsageError(
            "already exists; refusing to overwrite it",
            file=args.output,
            fix="`launch-gate review` decides its open checks; "
            "`launch-gate init --output -` prints a fresh one to compare",
        )
    if args.output != "-" and sys.stdin.isatty() and sys.stdout.isatty():
        try:
            _ask_missing(args)
        except (EOFError, KeyboardInterrupt):
            raise UsageError("stopped before anything was written", file=args.output) from None
    reference = ""
    if profile.source:
        # The manifest reads its policy relative to its own folder, not to ours.
        folder = Path.cwd() if args.output == "-" else Path(args.output).resolve().parent
        reference = Path(os.path.relpath(Path(args.profile).resolve(), folder)).as_posix()
    name = args.name or PLACEHOLDER_NAME
    owner = args.owner or PLACEHOLDER_OWNER
    capabilities = list(args.capabilities or [])
    text = render(profile, cat, capabilities, name, reference, owner=owner)
    for said in _placeholders(args):
        print(f"launch-gate: warning: {said}", file=sys.stderr)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_new(Path(args.output), text)
        # The README's next step: decide each open check in turn, then judge it.
        named = "" if args.output == "readiness.yaml" else f" {args.output}"
        print(
            f"wrote {args.output}; next: `launch-gate review{named}` decides each open check, "
            f"then `launch-gate check{named}` judges it",
            file=sys.stderr,
        )
    return EXIT_PASS
