"""The sign-off record as a spreadsheet: one row per check, every decision's fields."""

from __future__ import annotations

import csv
import io

from launch_gate.redact import hide_credentials
from launch_gate.report.view import ManifestView

COLUMNS = (
    "check", "layer", "title", "required", "status", "outcome", "evidence", "rationale",
    "owner", "approved_by", "expires", "mitigation", "tracking", "reason", "problems",
)  # fmt: skip


def _cell(value: object) -> str:
    """A spreadsheet runs a cell that starts with = + - @ as a formula; a manifest's text
    must never run, so such a cell is kept as text with a leading apostrophe (OWASP's
    advice for CSV injection). Handles such as @sam read '@sam."""
    text = "" if value is None else hide_credentials(str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render(ev: ManifestView, colour: bool = False) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in ev.checks:
        e = r.entry
        d = e.decision if e else None
        row = (
            r.check.id,
            r.check.layer,
            r.check.title,
            "yes" if r.required else "no",
            r.status,
            r.outcome,
            "; ".join([*e.evidence, *r.measured]) if e else "",
            d.rationale if d else "",
            d.owner if d else "",
            (d.approved_by if d else None) or (e.approved_by if e else ""),
            d.expires.isoformat() if d and d.expires else "",
            d.mitigation if d else "",
            d.tracking if d else "",
            e.reason if e else "",
            "; ".join(f"{p.code}: {p.message}" for p in r.problems),
        )
        w.writerow([_cell(v) for v in row])
    return out.getvalue()
