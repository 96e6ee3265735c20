"""Parsed YAML as plain data, with the line each key path came from."""

from __future__ import annotations

from typing import Any, NamedTuple

KeyPath = tuple[str | int, ...]


class Document(NamedTuple):
    data: Any
    lines: dict[KeyPath, int]
    file: str
    # The text as read, line by line: reports quote the line a finding is on.
    source: tuple[str, ...] = ()

    def text_of(self, line: int | None) -> str | None:
        if line is None or not 1 <= line <= len(self.source):
            return None
        return self.source[line - 1]

    def line(self, path: KeyPath) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)
