"""The Markdown report: the body of the PR comment and the job summary."""

from __future__ import annotations

from launch_gate.judge.evaluate import Evaluation
from launch_gate.render import safe
from launch_gate.render.common import accepted, bar, invalid, undecided

ICON = {"pass": "✅", "fail": "❌"}


def _layers(ev: Evaluation) -> list[str]:
    rows = ["| Layer | Score | |", "|---|---:|---|"]
    for layer, title in ev.catalogue.layers.items():
        score = ev.layers[layer]
        rows.append(f"| {title} | {'n/a' if score is None else score} | `{bar(score)}` |")
    return rows


def _gaps(ev: Evaluation) -> list[str]:
    gaps = undecided(ev)
    if not gaps:
        return []
    out = [f"### Undecided gaps ({len(gaps)})", ""]
    out += [f"- [ ] `{r.check.id}`: {r.check.title}" for r in gaps]
    return [*out, ""]


def _invalid(ev: Evaluation) -> list[str]:
    bad = invalid(ev)
    if not bad:
        return []
    out = [
        f"### Invalid decisions ({len(bad)})",
        "",
        "| Check | Line | Problem | Fix |",
        "|---|---:|---|---|",
    ]
    for r in bad:
        for p in r.problems:
            out.append(f"| `{r.check.id}` | {p.line or ''} | {safe.md(p.message)} | {p.hint} |")
    return [*out, ""]


def _warnings(ev: Evaluation) -> list[str]:
    if not ev.warnings:
        return []
    out = [f"### Warnings ({len(ev.warnings)})", ""]
    for w in ev.warnings:
        line = f" (line {w.line})" if w.line else ""
        out.append(f"- `{w.check}`{line}: {safe.md(w.message)}")
    return [*out, ""]


def _accepted(ev: Evaluation) -> list[str]:
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
            f"| `{r.check.id}` | {safe.code(d.owner or '')} | {safe.code(d.approved_by or '')} "
            f"| {d.expires.isoformat() if d.expires else 'never'} "
            f"| {safe.md(d.rationale or '', 200)} |"
        )
    return [*out, ""]


def render(ev: Evaluation, colour: bool = False) -> str:
    name = safe.md(ev.loaded.manifest.system.name, 100)
    minimum = f" (minimum {ev.profile.min_score})" if ev.profile.min_score is not None else ""
    lines = [
        f"## {ICON[ev.verdict]} launch-gate: {ev.verdict} for {name}",
        "",
        f"Manifest {safe.code(ev.loaded.file)}, profile {safe.code(ev.profile.name, 60)}, "
        f"judged on {ev.today.isoformat()}. **Maturity score: {ev.score}/100**{minimum}.",
        "",
    ]
    for p in ev.problems:
        lines += [f"> [!CAUTION]\n> {safe.md(p.message)}", ""]
    if not ev.gaps and not ev.problems:
        lines += ["Every check this profile requires is settled. 🎉", ""]
    lines += [*_gaps(ev), *_invalid(ev), *_warnings(ev), *_accepted(ev)]
    lines += ["<details><summary>Score by layer</summary>", "", *_layers(ev), "", "</details>", ""]
    return "\n".join(lines)
