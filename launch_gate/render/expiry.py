"""Decisions due soon, as text, Markdown (the tracking issue) and JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from launch_gate.errors import printable
from launch_gate.findings import Due
from launch_gate.render import safe
from launch_gate.render.common import plural
from launch_gate.report.view import by_owner

# A GitHub user or team handle, nothing more: the only owner text worth pinging.
_HANDLE = re.compile(r"@[A-Za-z0-9][A-Za-z0-9-]{0,38}(/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?")


def _when(item: Due) -> str:
    if item.expired:
        return f"expired on {item.expires.isoformat()} ({plural(-item.days_left, 'day')} ago)"
    return f"expires on {item.expires.isoformat()} (in {plural(item.days_left, 'day')})"


def text(items: Sequence[Due], within: int) -> str:
    if not items:
        return f"No decision expires within {plural(within, 'day')}.\n"
    lines = [
        f"{plural(len(items), 'decision expires', 'decisions expire')} within "
        f"{plural(within, 'day')} or already {'has' if len(items) == 1 else 'have'}:"
    ]
    for owner, group in by_owner(items).items():
        lines.append(f"  {printable(owner)}:")
        lines += [f"    {i.check:<32} {_when(i)}  {i.file}:{i.line}" for i in group]
    return "\n".join(lines) + "\n"


def markdown(items: Sequence[Due], within: int, mention: bool = False) -> str:
    """`mention` pings owners (the tracking issue); elsewhere they are shown inert."""
    if not items:
        return f"No decision expires within {plural(within, 'day')}.\n"
    lines = [f"### Decisions due within {plural(within, 'day')}", ""]
    for owner, group in by_owner(items).items():
        lines.append(f"- {_owner_md(owner, mention)}")
        lines += [f"  - `{i.check}` {_when(i)} ({safe.code(i.file)} line {i.line})" for i in group]
    return "\n".join(lines) + "\n"


def _owner_md(owner: str, mention: bool) -> str:
    # Only a plain @user or @org/team is pinged; anything else a manifest says is inert.
    handle = owner.strip()
    if mention and _HANDLE.fullmatch(handle):
        return handle
    return safe.md(owner, 200)


def as_json(items: Sequence[Due], within: int) -> str:
    data = {
        "within_days": within,
        "owners": {
            owner: [
                {
                    "check": i.check,
                    "expires": i.expires.isoformat(),
                    "days_left": i.days_left,
                    "expired": i.expired,
                    "file": i.file,
                    "line": i.line,
                }
                for i in group
            ]
            for owner, group in by_owner(items).items()
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
