"""Decisions that expire soon, or already have, grouped by the owner who must act."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from launch_gate.judge.evaluate import Evaluation

NO_OWNER = "(no owner)"


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
