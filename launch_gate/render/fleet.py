"""The fleet report's three files, from one `View`: index.html, fleet.csv, fleet.json.

The page carries manifest text into an executive's browser, so everything is escaped,
only http(s) links are made, and a Content-Security-Policy forbids scripts and anything
fetched: the page is one file that works from disk and on GitHub Pages alike.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from launch_gate.report.fleet import Coverage, Flag, System, View

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)
STALE_AFTER_DAYS = 8  # a weekly collect that missed a run


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _link(server: str, s: System) -> str:
    latest = s.latest
    label = f"{_e(s.repo)}<br><small>{_e(s.path)}</small>"
    if not server.startswith(("https://", "http://")) or s.repo.count("/") != 1:
        return label
    commit = quote(str(latest.get("commit")))
    href = f"{server.rstrip('/')}/{quote(s.repo)}/blob/{commit}/{quote(s.path)}"
    return f'<a href="{_e(href)}">{label}</a>'


def _cell(score: Any) -> str:
    if not isinstance(score, int):
        return '<td class="na">n/a</td>'
    # Red to green through amber in eleven steps: a class, not a style per cell, keeps a
    # thousand-row page small and quick to lay out.
    return f'<td class="s{min(10, max(0, score) // 10)}">{score}</td>'


STYLE = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;
color:#1f2328;max-width:1200px}
h1{font-size:1.6rem;margin:0 0 .3rem}
h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #d0d7de}
.lead{font-size:1.15rem;font-weight:600;margin:.5rem 0 1rem}
.meta{color:#59636e}
.stale{background:#fff8c5;border:1px solid #d4a72c;padding:.5rem .75rem;border-radius:6px}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.na{color:#59636e;background:#f6f8fa}
.heat td{text-align:center;min-width:3.2rem}
.heat{table-layout:fixed}
.s0{background:hsl(0,70%,82%)}
.s1{background:hsl(12,70%,82%)}
.s2{background:hsl(24,70%,82%)}
.s3{background:hsl(36,70%,82%)}
.s4{background:hsl(48,70%,82%)}
.s5{background:hsl(60,70%,82%)}
.s6{background:hsl(72,70%,82%)}
.s7{background:hsl(84,70%,82%)}
.s8{background:hsl(96,70%,82%)}
.s9{background:hsl(108,70%,82%)}
.s10{background:hsl(120,70%,82%)}
.heat td:first-child,.heat td:nth-child(2),.heat td:nth-child(3){text-align:left}
.fail{color:#cf222e;font-weight:600}
.pass{color:#1a7f37;font-weight:600}
.error{color:#9a6700;font-weight:600}
.nn{font-weight:600}
.bar{display:inline-block;height:.7rem;background:#1a7f37;vertical-align:middle}
.gap{display:inline-block;height:.7rem;background:#cf222e;vertical-align:middle}
small{color:#59636e}
"""


def page(v: View, server: str = "https://github.com") -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>launch-gate: fleet readiness</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>LLM launch readiness across the fleet</h1>",
        f'<p class="lead">{_e(v.headline())}</p>',
        f'<p class="meta">{len(v.systems)} systems; decisions judged as of '
        f"{v.today.isoformat()}; data collected {_e(_day(v.collected))}.</p>",
    ]
    if v.collected is not None and (v.today - v.collected).days > STALE_AFTER_DAYS:
        out.append(
            f'<p class="stale">This data is {(v.today - v.collected).days} days old: the '
            "collection that keeps it current has not run since.</p>"
        )
    out += _heat(v, server)
    out += _coverage(v.coverage, len(v.systems))
    out += _ledger(v.ledger)
    out += _trend(v)
    out.append(
        '<p class="meta">Made by launch-gate fleet report from the manifests\' own history. '
        "Scores are 0-100, weighted by the profile that first requires each check.</p>"
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "at an unknown date"


def _verdict(r: Mapping[str, Any]) -> str:
    verdict = str(r.get("verdict"))
    return f'<span class="{_e(verdict)}">{_e(verdict)}</span>'


def _heat(v: View, server: str) -> list[str]:
    head = "".join(f"<th>{_e(title)}</th>" for title in v.layers.values())
    out = [
        "<h2>Systems by layer, weakest first</h2>",
        '<table class="heat"><thead><tr><th>repository / manifest</th><th>system</th>'
        f"<th>verdict</th><th>score</th>{head}<th>gaps</th></tr></thead><tbody>",
    ]
    for s in v.systems:
        r = s.latest
        layers = r.get("layers") or {}
        cells = "".join(_cell(layers.get(layer)) for layer in v.layers)
        name = f"{_e(s.name)}<br><small>{_e(r.get('profile') or '')}</small>"
        detail = _e(r.get("message")) if r.get("verdict") == "error" else len(r.get("gaps") or [])
        out.append(
            f"<tr><td>{_link(server, s)}</td><td>{name}</td><td>{_verdict(r)}</td>"
            f"{_cell(r.get('score'))}{cells}<td>{detail}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _coverage(rows: tuple[Coverage, ...], total: int) -> list[str]:
    out = [
        "<h2>Each check across the fleet</h2>",
        "<p>The three non-negotiables first: log every request, gate releases on an eval set, "
        "roll back in one step.</p>",
        "<table><thead><tr><th>check</th><th>done</th><th>accepted risk</th>"
        "<th>not applicable</th><th>gap or invalid</th><th>not required</th><th></th></tr></thead>"
        "<tbody>",
    ]
    for c in rows:
        done, accepted = c.counts.get("passed", 0), c.counts.get("accepted", 0)
        na = c.counts.get("not-applicable", 0)
        gaps = c.counts.get("gap", 0) + c.counts.get("invalid", 0)
        optional = c.counts.get("optional", 0)
        width = 120
        bar = round(width * done / total) if total else 0
        red = round(width * gaps / total) if total else 0
        label = f'<span class="nn">{_e(c.check)}</span>' if c.non_negotiable else _e(c.check)
        out.append(
            f"<tr><td>{label}<br><small>{_e(c.title)}</small></td><td>{done}</td>"
            f"<td>{accepted}</td><td>{na}</td><td>{gaps}</td><td>{optional}</td>"
            f'<td><span class="bar" style="width:{bar}px"></span>'
            f'<span class="gap" style="width:{red}px"></span></td></tr>'
        )
    out.append("</tbody></table>")
    return out


LEDGER_ORDER = (
    "expired", "expiring in 30 days", "expiring in 60 days", "expiring in 90 days",
    "self-approved", "renewed twice or more", "approver not proven", "no expiry",
)  # fmt: skip


def _ledger(flags: tuple[Flag, ...]) -> list[str]:
    out = ["<h2>Decisions ledger</h2>"]
    if not flags:
        return [*out, "<p>No accepted risk is expired, due, self-approved or unapproved.</p>"]
    out.append(
        "<table><thead><tr><th>what</th><th>system</th><th>check</th><th>owner</th>"
        "<th>approver</th><th>expires</th><th>detail</th></tr></thead><tbody>"
    )

    def rank(f: Flag) -> tuple[int, str, str, str, str]:
        place = LEDGER_ORDER.index(f.kind) if f.kind in LEDGER_ORDER else len(LEDGER_ORDER)
        return (place, f.expires or "", f.repo, f.path, f.check)

    for f in sorted(flags, key=rank):
        out.append(
            f"<tr><td>{_e(f.kind)}</td><td>{_e(f.system)}<br><small>{_e(f.repo)}</small></td>"
            f"<td>{_e(f.check)}</td><td>{_e(f.owner)}</td><td>{_e(f.approver)}</td>"
            f"<td>{_e(f.expires)}</td><td>{_e(f.detail)}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _trend(v: View) -> list[str]:
    weeks = v.trend[-52:]
    out = ["<h2>Weekly trend</h2>"]
    if not weeks:
        return [*out, "<p>No history yet.</p>"]
    scores = [w.mean_score for w in weeks if w.mean_score is not None]
    if scores:
        out.append(_sparkline([w.mean_score or 0.0 for w in weeks], [w.week for w in weeks]))
    out.append(
        "<table><thead><tr><th>week</th><th>systems</th><th>passing</th><th>mean score</th>"
        "<th>gaps</th></tr></thead><tbody>"
    )
    for w in reversed(weeks):
        out.append(
            f"<tr><td>{_e(w.week)}</td><td>{w.systems}</td><td>{w.passing}</td>"
            f"<td>{'' if w.mean_score is None else w.mean_score}</td><td>{w.gaps}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _sparkline(values: list[float], labels: list[str]) -> str:
    """The mean score week by week, as an inline SVG (no script, nothing fetched)."""
    w, h = max(240, 12 * len(values)), 80
    step = w / max(1, len(values) - 1)
    points = " ".join(f"{i * step:.1f},{h - value * h / 100:.1f}" for i, value in enumerate(values))
    title = f"mean score, {labels[0]} to {labels[-1]}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" role="img" '
        f'aria-label="{_e(title)}"><title>{_e(title)}</title>'
        f'<polyline fill="none" stroke="#0969da" stroke-width="2" points="{points}"/></svg>'
    )


CSV_COLUMNS = (
    "repo", "path", "system", "owner", "profile", "verdict", "score", "gaps", "gap_ids",
    "expired_decisions", "due_in_30_days", "date", "commit",
)  # fmt: skip


def table(v: View) -> str:
    """One row per system, its latest version: for a spreadsheet or a board deck."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([*CSV_COLUMNS, *v.layers])
    for s in v.systems:
        r = s.latest
        mine = [f for f in v.ledger if (f.repo, f.path) == (s.repo, s.path)]
        gaps = list(r.get("gaps") or [])
        layers = r.get("layers") or {}
        row = [
            s.repo, s.path, r.get("system"), r.get("owner"), r.get("profile"), r.get("verdict"),
            r.get("score"), len(gaps), " ".join(gaps),
            sum(f.kind == "expired" for f in mine),
            sum(f.kind == "expiring in 30 days" for f in mine),
            r.get("date"), r.get("commit"),
            *(layers.get(layer) for layer in v.layers),
        ]  # fmt: skip
        w.writerow([_plain(x) for x in row])
    return out.getvalue()


def _plain(value: object) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula (OWASP's advice).
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def document(v: View) -> str:
    """The same as the CSV, and the trend, coverage and ledger, for tools."""
    data = {
        "fleet_version": 1,
        "today": v.today.isoformat(),
        "collected": v.collected.isoformat() if v.collected else None,
        "headline": v.headline(),
        "systems": [dict(s.latest) for s in v.systems],
        "ledger": [f._asdict() for f in v.ledger],
        "coverage": [c._asdict() | {"counts": dict(c.counts)} for c in v.coverage],
        "trend": [w._asdict() for w in v.trend],
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
