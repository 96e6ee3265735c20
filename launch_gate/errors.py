"""The one exception root and the one place that maps outcomes to exit codes."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Final

EXIT_PASS: Final = 0
EXIT_FAIL: Final = 1
EXIT_CANNOT_EVALUATE: Final = 2
EXIT_INTERNAL: Final = 3
# Not an outcome: the reader of the output left (`| head`). What a Unix tool killed by that
# broken pipe ends with, so `set -o pipefail` reads it as it reads any other.
EXIT_READER_LEFT: Final = 141


# How much of a line an error quotes.
QUOTE_WIDTH: Final = 120


class GateError(Exception):
    """Anything the gate raises on purpose. Unexpected exceptions are exit 3."""

    exit_code: int = EXIT_INTERNAL


class InputError(GateError):
    """The gate cannot evaluate: a manifest, policy or argument is unusable.

    `str()` gives the single line users see: ``file:line: key: message``.
    """

    exit_code = EXIT_CANNOT_EVALUATE

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        key: str | None = None,
        column: int | None = None,
        fix: str | None = None,
        at: str | None = None,
        more: tuple[InputError, ...] = (),
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.key = key
        self.column = column
        self.fix = fix
        # The text the caret goes under when it is not where the line's key starts (a value,
        # one item of a list); looked for on the line and a few below it, where the quote is
        # made, since only the text knows where a value sits.
        self.at = at
        # The line quoted under the message; filled in by whoever still holds the text.
        self.source: str | None = None
        # Further problems of the same file.
        self.more = more
        super().__init__(self.render())

    def render(self) -> str:
        """One line (an annotation, a log line): the fix, if any, follows the message."""
        message = f"{self.message}; {self.fix}" if self.fix else self.message
        if self.file is None:
            # An argument or an input, not a file: its name is where the problem is.
            return printable(f"{self.key}: {message}" if self.key else message)
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" {self.key}:" if self.key else ""
        return printable(f"{where}:{key} {message}")

    def diagnostic(self) -> list[str]:
        """The long form a terminal shows (the same as a finding's in `check`):
        ``file:line:col: error: key: message``, the quoted line with a caret under the
        column, and ``= fix:`` when there is one. `render()` stays one line for annotations."""
        if self.file is None:
            key = f"{self.key}: " if self.key else ""
            head = [printable(f"launch-gate: error: {key}{self.message}")]
            return head + ([printable(f"  = fix: {self.fix}")] if self.fix else [])
        where = self.file
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        key = f"{self.key}: " if self.key else ""
        out = [printable(f"{where}: error: {key}{self.message}")]
        if self.source is not None and self.line is not None:
            out += excerpt(self.line, self.source, self.column or 1)
        if self.fix:
            out.append(printable(f"  = fix: {self.fix}"))
        return out


def line_of(text: str, line: int | None) -> str | None:
    """Line `line` (from 1) of `text`, or None where it has none."""
    lines = _lines(text)
    if line is None or not 1 <= line <= len(lines):
        return None
    return lines[line - 1]


@functools.lru_cache(maxsize=8)
def _lines(text: str) -> tuple[str, ...]:
    # A report quotes several lines of one manifest in a row: split it once for them.
    return tuple(text.splitlines())


def excerpt(line: int, source: str, column: int, width: int | None = QUOTE_WIDTH) -> list[str]:
    """A file's line quoted under its number, and a caret under `column` (1-based); the one
    form findings and load errors share. With `width`, a long line (a hostile file's can be a
    megabyte) is cut to the part around the caret."""
    column = max(1, min(column, len(source) + 1))
    start = 0 if width is None else max(0, column - 1 - width // 2)
    end = len(source) if width is None else start + width
    cut = "..." if start else ""
    before = printable(source[start : column - 1])
    after = printable(source[column - 1 : end])
    gutter = " " * len(str(line))
    return [f" {line} | {cut}{before}{after}", f" {gutter} | {' ' * (len(cut) + len(before))}^"]


class Unfit(ValueError):
    """A value a shape's validator refuses, with the fix it knows: load/explain.py passes the
    fix on, so it is written where the rule is, not guessed back from the message."""

    def __init__(self, message: str, fix: str | None = None) -> None:
        super().__init__(message)
        self.fix = fix


class UsageError(InputError):
    """A bad command-line argument or action input."""


def messages(exc: GateError) -> list[str]:
    """What the user reads for `exc`: for a file, each problem in the long form."""
    if isinstance(exc, InputError):
        return [line for e in (exc, *exc.more) for line in e.diagnostic()]
    return [f"launch-gate: error: {exc}"]


def printable(text: str) -> str:
    """Escape control and format characters, so a message stays one honest line.

    Keys and file names come from the PR author; a newline or a bidi override in
    them must not start a runner command or disguise the message.
    """
    if text.isprintable():  # nearly always: one pass in C instead of one per character
        return text
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice `word` most likely meant, if one is close enough: every "did you mean"."""
    import difflib  # only a misspelling pays for it

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    return meant_as(closest(word, choices))


def meant_as(close: str | None) -> str:
    """` (did you mean 'x'?)` after a message, or nothing."""
    return f" (did you mean '{close}'?)" if close else ""


def brief(value: object, limit: int = 60) -> str:
    """A value quoted for an error message: escaped, and cut if long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"
