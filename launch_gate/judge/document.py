"""Parsed YAML as plain data, with the line each key path came from."""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

KeyPath = tuple[str | int, ...]


class Document(NamedTuple):
    data: Any
    lines: dict[KeyPath, int]
    file: str
    # The text as read: reports quote the line a finding is on. Whole, not split into lines:
    # the text exists anyway, and a monorepo run holds every manifest's until the reports
    # are written (its lines as strings of their own were a fifth of what each one held).
    text: str = ""

    def text_of(self, line: int | None) -> str | None:
        source = _split(self.text)
        if line is None or not 1 <= line <= len(source):
            return None
        return source[line - 1]

    def line(self, path: KeyPath) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


@functools.lru_cache(maxsize=8)
def _split(text: str) -> tuple[str, ...]:
    # A report quotes several lines of one manifest in a row: split it once for them.
    return tuple(text.splitlines())
