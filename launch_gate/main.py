"""The one entry point: ``launch-gate`` and ``python -m launch_gate``."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from launch_gate import __version__
from launch_gate.cli.options import apply_defaults
from launch_gate.errors import EXIT_INTERNAL, EXIT_READER_LEFT, GateError, messages

# Each is a module of launch_gate.cli, in the order --help lists them.
COMMANDS = (
    "check", "init", "review", "decide", "renew", "export", "checks", "explain", "policy",
    "schema", "action", "diff", "expiring", "fleet", "completion",
)  # fmt: skip


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, given the width: left to find it, it imports shutil (and with
    it the archive modules) on every run, as each `add_argument` makes a formatter."""

    def __init__(self, prog: str, **options: Any) -> None:
        options.setdefault("width", _columns() - 2)
        super().__init__(prog, **options)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **options: Any) -> None:
        options.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **options)


def _columns() -> int:
    """The width `shutil.get_terminal_size` reports: COLUMNS, else the terminal's, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no stdout, or not a terminal
        return 80


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, just that command's, so a run imports the one module it
    uses (start-up is most of what an offline check costs)."""
    parser = _Parser(
        prog="launch-gate",
        description="Hold an LLM feature's launch to an explicit, provable readiness bar.",
        epilog="Exit codes: 0 pass, 1 gate failed, 2 cannot evaluate, 3 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"launch-gate {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )
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
        if isinstance(exc, BrokenPipeError) and _output_closed():
            return EXIT_READER_LEFT
        if os.environ.get("LAUNCH_GATE_DEBUG"):
            raise
        print(
            f"launch-gate: internal error ({type(exc).__name__}); this is a bug, please "
            "report it. Set LAUNCH_GATE_DEBUG=1 to see the traceback.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def run() -> NoReturn:
    """The process (`launch-gate`, `python -m launch_gate`): `main`, then an exit without the
    interpreter's tear-down, as mypy does. Freeing every module one by one took a tenth of
    an offline check (docs/performance.md), and nothing of ours needs it: each file we
    write is closed by then, no exit handler is ours, and the only threads left are daemons
    a deadline gave up on."""
    end(main())


def end(code: int) -> NoReturn:
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left while the last of the output was on its way
        code = EXIT_READER_LEFT
    except (OSError, ValueError):  # a closed stream: nothing left to deliver there
        pass
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def _output_closed() -> bool:
    """Whether stdout is a pipe its reader has left (`| head`): not a bug, and nothing more to
    say. A broken pipe may also be a socket's (a server that hung up), which is one."""
    import select  # only after a broken pipe

    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):
        return False
    if not hasattr(select, "poll"):  # Windows cannot be asked: take it for stdout's
        return True
    poll = select.poll()
    poll.register(fd, select.POLLOUT)
    return any(events & select.POLLERR for _fd, events in poll.poll(0))
