"""The commands, one module each, and the parser they make together."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from launch_gate import __version__
from launch_gate.errors import closest

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

    def error(self, message: str) -> NoReturn:
        """The flag and its fix, in the form every other error takes; argparse's usage block
        above it buried the one line that matters (`--help` still shows it)."""
        lines = [f"{self.prog}: error: {message.removeprefix('argument ')}"]
        unknown = _UNKNOWN.match(message)
        meant_flag = _closest_flag(self, unknown["args"]) if unknown else None
        if meant_flag:
            lines.append(f"  = fix: did you mean `{meant_flag}`?")
        found = _CHOICE.search(message)
        if found:
            flag, got, choices = found["flag"], found["got"], re.findall(r"[\w.-]+", found["of"])
            lines[0] = f"{self.prog}: error: {flag}: {got!r} is not one of {', '.join(choices)}"
            meant = closest(got, choices, cutoff=0.5)
            if meant:
                lines.append(f"  = fix: `{flag} {meant}`")
            elif choices:
                lines.append(f"  = fix: one of those, e.g. `{flag} {choices[0]}`")
        lines.append(f"  = help: {self.prog} --help")
        self.exit(2, "\n".join(lines) + "\n")


# argparse's words for flags no parser took (a subcommand's are reported by the top parser).
_UNKNOWN = re.compile(r"unrecognized arguments: (?P<args>.*)")


def _closest_flag(parser: argparse.ArgumentParser, args: str) -> str | None:
    """The flag the first unknown one most likely meant, among the command's own."""
    given = next((a.split("=", 1)[0] for a in args.split() if a.startswith("--")), None)
    if given is None:
        return None
    flags = set(parser._option_string_actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                flags.update(command._option_string_actions)
    return closest(given, sorted(f for f in flags if f.startswith("--")))


# argparse's words for a value outside `choices`, across Python 3.11-3.13.
_CHOICE = re.compile(
    r"argument (?P<flag>[^:]+): invalid choice: '?(?P<got>[^'(]*?)'? \(choose from (?P<of>.*)\)"
)


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


def command_named(argv: Sequence[str]) -> str | None:
    """The command named first, if it is one; otherwise (help, a typo) every command is
    built, so argparse can list them or suggest one."""
    first = argv[0] if argv else None
    return first if first in COMMANDS else None
