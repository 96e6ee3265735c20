"""Decisions that expire soon, or already have, grouped by the owner who must act."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import NamedTuple

from gate.errors import printable
from gate.evaluate import Evaluation
from gate.render import safe

NO_OWNER = "(no owner)"
# A GitHub user or team handle, nothing more: the only owner text worth pinging.
_HANDLE = re.compile(r"@[A-Za-z0-9][A-Za-z0-9-]{0,38}(/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?")


class Due(NamedTuple):
    check: str
    owner: str
    expires: dt.date
    days_left: int  # negative once expired
    line: int | None
    file: str

    @property
    def expired(self) -> bool:
        return self.days_left < 0


def due(ev: Evaluation, within: int) -> list[Due]:
    """Accepted risks expiring within `within` days of the evaluation's today, soonest first."""
    out = []
    fallback = ev.loaded.manifest.system.owner or NO_OWNER
    for r in ev.checks:
        d = r.entry.decision if r.entry and r.entry.status == "accepted-risk" else None
        if d is None or d.expires is None:
            continue
        left = (d.expires - ev.today).days
        if left <= within:
            line = ev.loaded.line("checks", r.check.id, "decision", "expires")
            out.append(Due(r.check.id, d.owner or fallback, d.expires, left, line, ev.loaded.file))
    return sorted(out, key=lambda x: (x.expires, x.check))


def by_owner(items: Sequence[Due]) -> dict[str, list[Due]]:
    groups: dict[str, list[Due]] = {}
    for item in sorted(items, key=lambda x: (x.owner.casefold(), x.expires, x.check)):
        groups.setdefault(item.owner, []).append(item)
    return groups


def _when(item: Due) -> str:
    if item.expired:
        return f"expired on {item.expires.isoformat()} ({-item.days_left} day(s) ago)"
    return f"expires on {item.expires.isoformat()} (in {item.days_left} day(s))"


def text(items: Sequence[Due], within: int) -> str:
    if not items:
        return f"No decision expires within {within} day(s).\n"
    lines = [f"{len(items)} decision(s) expire within {within} day(s) or already have:"]
    for owner, group in by_owner(items).items():
        lines.append(f"  {printable(owner)}:")
        lines += [f"    {i.check:<32} {_when(i)}  {i.file}:{i.line}" for i in group]
    return "\n".join(lines) + "\n"


def markdown(items: Sequence[Due], within: int, mention: bool = False) -> str:
    """`mention` pings owners (the tracking issue); elsewhere they are shown inert."""
    if not items:
        return f"No decision expires within {within} day(s).\n"
    lines = [f"### Decisions due within {within} day(s)", ""]
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
