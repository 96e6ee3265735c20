"""Parsed YAML as plain data, with the line each key path came from."""

from __future__ import annotations

from typing import Any, NamedTuple

from launch_gate.errors import line_of

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
        return line_of(self.text, line)

    def line(self, path: KeyPath) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)
