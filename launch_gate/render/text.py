"""The terminal report: grouped by layer, gaps first, colour only on a TTY."""

from __future__ import annotations

from launch_gate.errors import printable
from launch_gate.judge.evaluate import CheckResult, Evaluation
from launch_gate.render.common import SYMBOL, bar, by_layer, counts, plural

COLOURS = {
    "gap": "31",
    "invalid": "31",
    "accepted": "33",
    "passed": "32",
    "not-applicable": "2",
    "optional": "2",
    "pass": "1;32",
    "fail": "1;31",
}


def _paint(text: str, key: str, colour: bool) -> str:
    return f"\x1b[{COLOURS[key]}m{text}\x1b[0m" if colour else text


def _line(r: CheckResult, colour: bool) -> list[str]:
    mark = _paint(SYMBOL[r.outcome], r.outcome, colour)
    if r.auto_na:
        note = f" (needs {r.check.needs})"
    elif r.outcome == "gap":
        note = ": no decision yet"
    else:
        note = "" if r.required else " (not required)"
    out = [f"  {mark} {r.check.id:<32} {r.outcome}{note}"]
    for f in (*r.problems, *r.warnings):
        if f.code == "undecided":
            continue
        where = f"line {f.line}: " if f.line else ""
        kind = "" if f.severity == "error" else "warning: "
        out.append(f"      {kind}{where}{printable(f.message)} [{f.code}]")
        if f.hint and f.severity == "error":
            out.append(f"        fix: {f.hint}")
    return out


def verdict_line(ev: Evaluation, colour: bool = False) -> str:
    """The one line `--quiet` prints: verdict, score, and what to do next."""
    gaps = ev.gaps
    verdict = _paint(ev.verdict.upper(), ev.verdict, colour)
    tail = (
        f"; {plural(len(gaps), 'required check needs', 'required checks need')} a decision"
        if gaps
        else ""
    )
    return f"{printable(ev.loaded.file)}: {verdict}, score {ev.score}/100{tail}\n"


def render(ev: Evaluation, colour: bool = False) -> str:
    system = ev.loaded.manifest.system
    verdict = _paint(ev.verdict.upper(), ev.verdict, colour)
    minimum = f" (minimum {ev.profile.min_score})" if ev.profile.min_score is not None else ""
    lines = [
        f"launch-gate: {printable(system.name)} ({printable(ev.loaded.file)}), "
        f"profile {printable(ev.profile.name)}, "
        f"judged on {ev.today.isoformat()}",
        f"verdict: {verdict}   maturity score: {ev.score}/100{minimum}",
        "",
    ]
    for layer, results in by_layer(ev).items():
        title = ev.catalogue.layers[layer]
        score = ev.layers[layer]
        lines.append(f"{title} n/a" if score is None else f"{title} {bar(score)} {score}")
        for r in results:
            if r.outcome == "optional" and not r.warnings:
                continue
            lines.extend(_line(r, colour))
        lines.append("")
    for p in ev.problems:
        lines.append(f"problem: {printable(p.message)} [{p.code}]")
    c = counts(ev)
    # Only "gap" is a noun among the outcomes; the others read as adjectives.
    summary = ", ".join(
        plural(c[k], k) if k == "gap" else f"{c[k]} {k}" for k in SYMBOL if c.get(k)
    )
    gaps = ev.gaps
    lines.append(f"{summary}; {plural(len(ev.warnings), 'warning')}")
    lines.append(
        f"{plural(len(gaps), 'required check needs', 'required checks need')} a decision: "
        + ", ".join(gaps)
        if gaps
        else "every required check is settled"
    )
    return "\n".join(lines) + "\n"
