"""Decisions that expire soon, or already have, grouped by the owner who must act."""

from __future__ import annotations

from launch_gate.findings import Due
from launch_gate.judge.evaluate import Evaluation

NO_OWNER = "(no owner)"


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
