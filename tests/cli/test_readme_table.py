"""The README's commands table against the parsers themselves (issue 28: docs that cannot
drift). Every command has a row; every option a command takes is in its row."""

from __future__ import annotations

import argparse
import re

import pytest

from launch_gate.cli import COMMANDS, build_parser
from tests.conftest import ROOT

ROW = re.compile(r"^\| `(?P<command>[a-z]+)(?P<rest>[^|]*(?:\\\|[^|]*)*)` \|")


def _rows() -> dict[str, str]:
    rows: dict[str, str] = {}
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("| command | what it does |") :]
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        found = ROW.match(line)
        assert found, f"a commands row that does not start with `command ...`: {line[:80]}"
        rows[found["command"]] = line.split("` | ", 1)[0]
    return rows


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> set[str]:
    found = {
        o for a in parser._actions for o in a.option_strings if o.startswith("--") and o != "--help"
    }
    for nested in _subparsers(parser).values():
        found |= _options(nested)
    return found


PARSERS = _subparsers(build_parser(None))


def test_every_command_has_a_row_and_every_row_a_command() -> None:
    assert set(_rows()) == set(COMMANDS) == set(PARSERS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_is_in_its_row(command: str) -> None:
    row = _rows()[command]
    missing = set()
    for option in sorted(_options(PARSERS[command])):
        if option in row:
            continue
        # `[MANIFEST]` stands for `--manifest FILE` too; export says it takes check's options.
        if option == "--manifest" and "MANIFEST" in row:
            continue
        if "[check's options]" in row and option in _options(PARSERS["check"]):
            continue
        missing.add(option)
    assert not missing, f"the README's `{command}` row lacks {sorted(missing)}"
