"""The one exception root and the one place that maps outcomes to exit codes."""

from __future__ import annotations

from typing import Final

EXIT_PASS: Final = 0
EXIT_FAIL: Final = 1
EXIT_CANNOT_EVALUATE: Final = 2
EXIT_INTERNAL: Final = 3
# Not an outcome: the reader of the output left (`| head`). What a Unix tool killed by that
# broken pipe ends with, so `set -o pipefail` reads it as it reads any other.
EXIT_READER_LEFT: Final = 141


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
        more: tuple[str, ...] = (),
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.key = key
        # Further problems of the same file, each already rendered as one line.
        self.more = more
        super().__init__(self.render())

    def render(self) -> str:
        if self.file is None:
            # An argument or an input, not a file: its name is where the problem is.
            return printable(f"{self.key}: {self.message}" if self.key else self.message)
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" {self.key}:" if self.key else ""
        return printable(f"{where}:{key} {self.message}")


class UsageError(InputError):
    """A bad command-line argument or action input."""


def messages(exc: GateError) -> list[str]:
    """What the user reads for `exc`, one line per problem."""
    return [
        f"launch-gate: error: {exc}",
        *(f"launch-gate: error: {m}" for m in getattr(exc, "more", ())),
    ]


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


def brief(value: object, limit: int = 60) -> str:
    """A value quoted for an error message: escaped, and cut if long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"
