"""The sign-off record: one self-contained HTML page an auditor can file and a meeting can
sign. No script, no font, no image fetched: everything it shows is in the file."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import NamedTuple

from launch_gate.findings import Due
from launch_gate.redact import hide_credentials
from launch_gate.render.common import by_layer, invalid, plural, undecided
from launch_gate.render.reference import explain_url
from launch_gate.report.audit import Audit
from launch_gate.report.view import CheckView, ManifestView

OUTCOME = {
    "passed": "done",
    "accepted": "risk accepted",
    "not-applicable": "not applicable",
    "gap": "undecided",
    "invalid": "invalid decision",
    "optional": "not required",
}


class Record(NamedTuple):
    """What the page shows beyond the evaluation: who asked and what was judged."""

    evaluation: ManifestView
    audit: Audit
    due: Sequence[Due]
    # Where repository paths and the commit can be opened (github.com or GHES), if known.
    server: str | None = None


def _e(text: object) -> str:
    # Hidden before escaping: a URL's credentials never reach the page, text or link.
    return html.escape(hide_credentials(str(text)), quote=True)


def _link(href: str, label: str) -> str:
    # Only web addresses become links: a manifest cannot smuggle `javascript:` in.
    if href.startswith(("https://", "http://")):
        return f'<a href="{_e(href)}">{_e(label)}</a>'
    return _e(label)


def _evidence(rec: Record, item: str) -> str:
    if item.startswith(("https://", "http://")):
        return _link(item, item)
    a = rec.audit
    if rec.server and a.repository and a.commit:
        return _link(f"{rec.server}/{a.repository}/blob/{a.commit}/{item}", item)
    return f"<code>{_e(item)}</code>"


def chart(ev: ManifestView) -> str:
    """The score and each layer as horizontal bars, the profile's minimum as a line."""
    rows: list[tuple[str, int | None]] = [("Maturity score", ev.score)]
    rows += [(title, ev.layers[layer]) for layer, title in ev.layer_titles.items()]
    label_w, bar_w, row_h = 170, 360, 26
    height = row_h * len(rows) + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" '
        f'height="{height}" role="img" aria-label="Score by layer">'
    ]
    for i, (title, value) in enumerate(rows):
        y = 5 + i * row_h
        weight = ' font-weight="bold"' if i == 0 else ""
        out.append(f'<text x="0" y="{y + 16}" font-size="13"{weight}>{_e(title)}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="16" fill="#eaeef2"/>')
        if value is not None:
            fill = "#1a7f37" if value >= 80 else "#9a6700" if value >= 50 else "#cf222e"
            out.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{bar_w * value / 100:.1f}" '
                f'height="16" fill="{fill}"/>'
            )
        shown = "n/a" if value is None else str(value)
        out.append(f'<text x="{label_w + bar_w + 8}" y="{y + 16}" font-size="13">{shown}</text>')
    if ev.profile.min_score is not None:
        x = label_w + bar_w * ev.profile.min_score / 100
        out.append(
            f'<line x1="{x:.1f}" y1="2" x2="{x:.1f}" y2="{height - 2}" stroke="#24292f" '
            f'stroke-dasharray="4 3"><title>minimum {ev.profile.min_score}</title></line>'
        )
    return "".join([*out, "</svg>"])


def _backing(rec: Record, r: CheckView) -> str:
    entry = r.entry
    if r.auto_na:
        return f"needs the <code>{_e(r.check.needs)}</code> capability"
    if entry is None or entry.status == "todo":
        return ""
    if entry.status == "done":
        items = [_evidence(rec, e) for e in entry.evidence]
        items += [f"<b>{_e(m)}</b>" for m in r.measured]
        return "<br>".join(items) or "no evidence"
    if entry.status == "not-applicable":
        by = f" (approved by {_e(entry.approved_by)})" if entry.approved_by else ""
        return f"{_e(entry.reason or 'no reason given')}{by}"
    d = entry.decision
    if d is None:
        return "no decision"
    facts = [
        ("Rationale", d.rationale),
        ("Owner", d.owner),
        ("Approved by", d.approved_by),
        ("Expires", d.expires.isoformat() if d.expires else "never"),
        ("Mitigation", d.mitigation),
    ]
    out = [f"<b>{k}:</b> {_e(v)}" for k, v in facts if v]
    if d.tracking:
        out.append(f"<b>Tracking:</b> {_link(d.tracking, d.tracking)}")
    return "<br>".join(out)


def _problems(r: CheckView) -> str:
    return "".join(f'<div class="problem">{_e(p.message)}</div>' for p in r.problems)


def _checks(rec: Record) -> list[str]:
    ev = rec.evaluation
    out = ["<h2>Every check</h2>"]
    for layer, results in by_layer(ev).items():
        score = ev.layers[layer]
        shown = "n/a" if score is None else score
        out.append(f"<h3>{_e(ev.layer_titles[layer])}: {shown}</h3>")
        out.append(
            "<table><thead><tr><th>Check</th><th>Outcome</th><th>What backs it</th></tr>"
            "</thead><tbody>"
        )
        for r in results:
            ident = _link(explain_url(r.check.id), r.check.id)
            out.append(
                f'<tr class="{r.outcome}"><td><code>{ident}</code><br>'
                f'<span class="title">{_e(r.check.title)}</span></td>'
                f"<td>{OUTCOME[r.outcome]}</td><td>{_backing(rec, r)}{_problems(r)}</td></tr>"
            )
        out.append("</tbody></table>")
    return out


def _due(rec: Record) -> list[str]:
    if not rec.due:
        return []
    out = [
        "<h2>Decisions expiring soon</h2>",
        "<table><thead><tr><th>Check</th><th>Owner</th><th>Expires</th><th></th></tr></thead>"
        "<tbody>",
    ]
    for d in rec.due:
        left = f"expired {-d.days_left} days ago" if d.expired else f"in {d.days_left} days"
        out.append(
            f"<tr><td><code>{_e(d.check)}</code></td><td>{_e(d.owner)}</td>"
            f"<td>{d.expires.isoformat()}</td><td>{left}</td></tr>"
        )
    return [*out, "</tbody></table>"]


def _audit(rec: Record) -> list[str]:
    a = rec.audit
    facts = [
        ("Repository", a.repository or "unknown"),
        ("Commit", a.commit or "unknown"),
        ("Manifest", a.manifest_path),
        ("Manifest SHA-256", a.manifest_sha256),
        ("Profile", a.profile),
        ("Profile SHA-256", a.profile_sha256),
        ("launch-gate", a.tool_version),
        ("Evaluated at", a.evaluated_at),
    ]
    out = ["<h2>Audit</h2>", '<table class="facts"><tbody>']
    out += [f"<tr><th>{k}</th><td><code>{_e(v)}</code></td></tr>" for k, v in facts]
    out.append("</tbody></table>")
    if a.decisions:
        out.append(
            "<table><thead><tr><th>Decision</th><th>Status</th><th>Owner</th>"
            "<th>Approved by</th><th>Expires</th></tr></thead><tbody>"
        )
        for d in a.decisions:
            out.append(
                f"<tr><td><code>{_e(d.check)}</code></td><td>{_e(d.status)}</td>"
                f"<td>{_e(d.owner or '')}</td><td>{_e(d.approved_by or '')}</td>"
                f"<td>{_e(d.expires or '')}</td></tr>"
            )
        out.append("</tbody></table>")
    return out


SIGNATURES = """<h2>Sign-off</h2>
<p>By signing, each person confirms that every gap above was reviewed and decided in this
meeting.</p>
<table class="signatures"><thead><tr><th>Name</th><th>Role</th><th>Date</th>
<th>Signature</th></tr></thead><tbody>
<tr><td></td><td></td><td></td><td></td></tr>
<tr><td></td><td></td><td></td><td></td></tr>
<tr><td></td><td></td><td></td><td></td></tr>
</tbody></table>"""

STYLE = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
       color: #1f2328; margin: 24px auto; max-width: 1000px; padding: 0 16px; }
h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 28px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid #d0d7de; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } code { font-size: 12px; word-break: break-all; }
.verdict { font-size: 18px; padding: 10px 14px; border-radius: 6px; margin: 14px 0; }
.verdict.pass { background: #dafbe1; border: 1px solid #1a7f37; }
.verdict.fail { background: #ffebe9; border: 1px solid #cf222e; }
.title { color: #59636e; } .problem { color: #cf222e; margin-top: 4px; }
tr.gap td:nth-child(2), tr.invalid td:nth-child(2) { color: #cf222e; font-weight: 600; }
.facts th { width: 180px; } .signatures td { height: 42px; }
@page { size: A4; margin: 14mm; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; }
  tr, .verdict, svg { break-inside: avoid; } h2, h3 { break-after: avoid; } }
"""


def render(rec: Record) -> str:
    ev, a = rec.evaluation, rec.audit
    system = ev.system
    gaps, bad = undecided(ev), invalid(ev)
    minimum = f" (minimum {ev.profile.min_score})" if ev.profile.min_score is not None else ""
    if ev.verdict == "pass":
        why = "every check the profile requires is decided"
    else:
        parts = [plural(len(gaps), "required check undecided", "required checks undecided")]
        parts += [plural(len(bad), "decision invalid", "decisions invalid")] if bad else []
        parts += [p.message for p in ev.problems]
        why = "; ".join(parts)
    facts = [
        ("System", system.name),
        ("Owner", system.owner or "not named"),
        ("Profile", ev.profile.name),
        ("Judged on", ev.today.isoformat()),
        ("Commit", a.commit or "unknown"),
    ]
    title = f"Launch readiness sign-off: {system.name}"
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        '<table class="facts"><tbody>',
        *[f"<tr><th>{k}</th><td>{_e(v)}</td></tr>" for k, v in facts],
        "</tbody></table>",
        f'<div class="verdict {ev.verdict}"><b>{ev.verdict.upper()}</b>: {_e(why)}. '
        f"Score {ev.score}/100{minimum}.</div>",
        chart(ev),
        *_due(rec),
        *_checks(rec),
        *_audit(rec),
        SIGNATURES,
        f'<p class="title">Written by launch-gate {_e(a.tool_version)} on '
        f"{_e(a.evaluated_at)}.</p>",
        "</body></html>",
    ]
    return "\n".join(out) + "\n"
