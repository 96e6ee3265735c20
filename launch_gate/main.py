"""The one entry point: ``launch-gate`` and ``python -m launch_gate``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from launch_gate import __version__
from launch_gate.cli import (
    action,
    check,
    checks,
    decide,
    diff,
    expiring,
    explain,
    export,
    init,
    policy,
    renew,
    review,
    schema,
)
from launch_gate.cli.options import apply_defaults
from launch_gate.errors import EXIT_INTERNAL, GateError, messages

COMMANDS = (
    check, init, review, decide, renew, export, checks, explain, policy, schema, action,
    diff, expiring,
)  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="launch-gate",
        description="Hold an LLM feature's launch to an explicit, provable readiness bar.",
        epilog="Exit codes: 0 pass, 1 gate failed, 2 cannot evaluate, 3 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"launch-gate {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
