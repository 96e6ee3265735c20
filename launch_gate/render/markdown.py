"""The Markdown report: the body of the PR comment and the job summary."""

from __future__ import annotations

from launch_gate.render import safe
from launch_gate.render.common import accepted, bar, by_layer, invalid, plural, undecided
from launch_gate.render.reference import check_link
from launch_gate.render.summary import Links, where
from launch_gate.report.view import CheckView, ManifestView

ICON = {"pass": "✅", "fail": "❌"}


def _layers(ev: ManifestView) -> list[str]:
    rows = ["| Layer | Score | |", "|---|---:|---|"]
    for layer, title in ev.layer_titles.items():
        score = ev.layers[layer]
        rows.append(f"| {title} | {'n/a' if score is None else score} | `{bar(score)}` |")
    return rows


def _gaps(ev: ManifestView, links: Links | None) -> list[str]:
    gaps = undecided(ev)
    if not gaps:
        return []
    # Plain items, not task-list boxes: ticking a box decides nothing.
    out = [f"### Undecided gaps ({len(gaps)})", ""]
    for r in gaps:
        at = where(ev, r.line, links)
        out.append(f"- {check_link(r.check.id)}: {r.check.title}" + (f" ({at})" if at else ""))
    return [*out, ""]


def _invalid(ev: ManifestView, links: Links | None) -> list[str]:
    bad = invalid(ev)
    if not bad:
        return []
    problems = [(r, p) for r in bad for p in r.problems]
    out = [
        f"### Invalid decisions ({plural(len(bad), 'check')}, {plural(len(problems), 'problem')})",
        "",
        "| Check | Line | Problem | Fix |",
        "|---|---|---|---|",
    ]
    for r, p in problems:
        out.append(
            f"| {check_link(r.check.id)} | {where(ev, p.line, links)} | {safe.md(p.message)} "
            f"| {safe.md(p.hint.replace('`', ''))} |"
        )
    return [*out, ""]


def _warnings(ev: ManifestView, links: Links | None) -> list[str]:
    if not ev.warnings:
        return []
    out = [f"### Warnings ({len(ev.warnings)})", ""]
    for w in ev.warnings:
        at = where(ev, w.line, links)
        what = check_link(w.check) if w.check else "manifest"
        out.append(f"- {what}{f' ({at})' if at else ''}: {safe.md(w.message)}")
    return [*out, ""]


def _accepted(ev: ManifestView) -> list[str]:
    risks = accepted(ev)
    if not risks:
        return []
    out = [
        f"### Accepted risks ({len(risks)})",
        "",
        "| Check | Owner | Approved by | Expires | Rationale |",
        "|---|---|---|---|---|",
    ]
    for r in risks:
        d = r.entry.decision if r.entry else None
        if d is None:
            continue
        out.append(
            f"| {check_link(r.check.id)} | {safe.code(d.owner or '')} "
            f"| {safe.code(d.approved_by or '')} "
            f"| {d.expires.isoformat() if d.expires else 'never'} "
            f"| {safe.md(d.rationale or '', 200)} |"
        )
    return [*out, ""]


def render(ev: ManifestView, colour: bool = False) -> str:
    return report(ev)


def report(ev: ManifestView, links: Links | None = None, heading: bool = True) -> str:
    """The Markdown report: what must be decided first, the rest collapsed."""
    name = safe.md(ev.system.name, 100)
    minimum = f" (minimum {ev.profile.min_score})" if ev.profile.min_score is not None else ""
    lines = []
    if heading:
        lines += [f"## {ICON[ev.verdict]} launch-gate: {ev.verdict} for {name}", ""]
    lines += [
        f"Manifest {safe.code(ev.file)}, profile {safe.code(ev.profile.name, 60)}, "
        f"judged on {ev.today.isoformat()}. **Maturity score: {ev.score}/100**{minimum}.",
        "",
    ]
    for p in ev.problems:
        lines += [f"> [!CAUTION]\n> {safe.md(p.message)}", ""]
    if not ev.gaps and not ev.problems:
        lines += ["Every check this profile requires is settled. 🎉", ""]
    lines += [*_gaps(ev, links), *_invalid(ev, links)]
    rest = [*_warnings(ev, links), *_accepted(ev), "#### Score by layer", "", *_layers(ev), ""]
    lines += ["<details><summary>Warnings, accepted risks and layer scores</summary>", ""]
    lines += [*rest, "</details>", ""]
    return "\n".join(lines)


def every_check(ev: ManifestView) -> str:
    """The job summary's full report: every check by layer, with what backs it."""
    out = ["#### Every check", ""]
    for layer, results in by_layer(ev).items():
        score = ev.layers[layer]
        title = f"{ev.layer_titles[layer]}: {'n/a' if score is None else score}"
        out += [f"<details><summary>{title}</summary>", ""]
        out += ["| Check | Outcome | Backed by |", "|---|---|---|"]
        out += [f"| `{r.check.id}` | {r.outcome} | {_backing(r)} |" for r in results]
        out += ["", "</details>", ""]
    return "\n".join(out)


def _backing(r: CheckView) -> str:
    entry = r.entry
    if r.auto_na:
        return f"needs the {safe.code(r.check.needs or '')} capability"
    if entry is None or entry.status == "todo":
        return ""
    if entry.status == "done":
        shown = ", ".join(safe.code(e, 120) for e in entry.evidence) or "no evidence"
        return "; ".join([shown, *(safe.md(m, 300) for m in r.measured)])
    if entry.status == "not-applicable":
        return safe.md(entry.reason or "no reason given", 200)
    d = entry.decision
    if d is None:
        return "no decision"
    expires = d.expires.isoformat() if d.expires else "no expiry"
    return (
        f"{safe.md(d.rationale or 'no rationale', 160)}; owner {safe.code(d.owner or 'none')}, "
        f"approved by {safe.code(d.approved_by or 'nobody')}, until {expires}"
    )
