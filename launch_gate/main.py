"""The one entry point: ``launch-gate`` and ``python -m launch_gate``."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from launch_gate import __version__
from launch_gate.cli.options import apply_defaults
from launch_gate.errors import EXIT_INTERNAL, GateError, messages

# Each is a module of launch_gate.cli, in the order --help lists them.
COMMANDS = (
    "check", "init", "review", "decide", "renew", "export", "checks", "explain", "policy",
    "schema", "action", "diff", "expiring",
)  # fmt: skip


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, just that command's, so a run imports the one module it
    uses (start-up is most of what an offline check costs)."""
    parser = argparse.ArgumentParser(
        prog="launch-gate",
        description="Hold an LLM feature's launch to an explicit, provable readiness bar.",
        epilog="Exit codes: 0 pass, 1 gate failed, 2 cannot evaluate, 3 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"launch-gate {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in (only,) if only else COMMANDS:
        importlib.import_module(f"launch_gate.cli.{name}").add_parser(sub)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command named first, if it is one; otherwise (help, a typo) every command is
    built, so argparse can list them or suggest one."""
    first = argv[0] if argv else None
    return first if first in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command(given))
    args = parser.parse_args(given)
    try:
        apply_defaults(args)
        code: int = args.run(args)
        return code
    except GateError as exc:
        print("\n".join(messages(exc)), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("launch-gate: interrupted", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as exc:
        if os.environ.get("LAUNCH_GATE_DEBUG"):
            raise
        print(
            f"launch-gate: internal error ({type(exc).__name__}); this is a bug, please "
            "report it. Set LAUNCH_GATE_DEBUG=1 to see the traceback.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
