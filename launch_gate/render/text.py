"""The terminal report: grouped by layer, gaps first, colour only on a TTY."""

from __future__ import annotations

import re

from launch_gate.errors import excerpt, printable
from launch_gate.findings import Finding
from launch_gate.render.common import SYMBOL, bar, by_layer, plural
from launch_gate.report.view import CheckView, ManifestView

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


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A quoted manifest line or the caret under it (` 54 | ...`, `    | ^`): never wrapped.
_QUOTED = re.compile(r"^ +\d* \| ")


def _fit(line: str, width: int | None) -> list[str]:
    """Wrap at spaces to `width` visible columns (colour codes take none), continuing
    indented under the text. IDs, paths and URLs are never split: a line that must stay
    long stays whole rather than break where a reader would copy it."""
    if width is None or len(_ANSI.sub("", line)) <= width:
        return [line]
    body = line.lstrip(" ")
    indent = " " * (len(line) - len(body) + 4)
    out: list[str] = []
    current = line[: len(line) - len(body)]
    used = len(current)
    fresh = True
    for word in body.split(" "):
        size = len(_ANSI.sub("", word))
        if not fresh and used + 1 + size > width:
            out.append(current)
            current, used, fresh = indent + word, len(indent) + size, False
            continue
        current += word if fresh else " " + word
        used += size if fresh else 1 + size
        fresh = False
    return [*out, current]


def _paint(text: str, key: str, colour: bool) -> str:
    return f"\x1b[{COLOURS[key]}m{text}\x1b[0m" if colour else text


def _listed(r: CheckView, colour: bool) -> str:
    mark = _paint(SYMBOL[r.outcome], r.outcome, colour)
    if r.auto_na:
        note = f" (needs {r.check.needs})"
    elif r.outcome == "gap":
        gap = next((p for p in r.problems if p.code == "undecided"), None)
        where = f"{printable(gap.file)}:{gap.line}" if gap and gap.line else ""
        said = "no decision yet" if r.entry is not None else "not in the manifest"
        note = f": {said} ({where})" if where else f": {said}"
    else:
        note = "" if r.required else " (not required)"
    return f"  {mark} {r.check.id:<32} {r.outcome}{note}"


def _at(ev: ManifestView, line: int | None) -> tuple[str, list[str]]:
    """`file:line:col` and the quoted line with a caret under where its key starts."""
    file = printable(ev.file)
    quoted = ev.text_of(line)
    if line is None or quoted is None:
        return file, []
    col = len(quoted) - len(quoted.lstrip()) + 1
    return f"{file}:{line}:{col}", excerpt(line, quoted, col, width=None)


def _problem(
    ev: ManifestView, f: Finding, colour: bool, also: str = "", explained: bool = True
) -> list[str]:
    """One problem in the long form: where, what, the quoted line, the fix, where to read
    more. `also` follows the message (the other checks a warning stands for)."""
    where, quote = _at(ev, f.line)
    label = _paint("error", "fail", colour) if f.severity == "error" else "warning"
    what = f"{f.check} {f.code}" if f.check else f.code
    out = [f"{where}: {label}: {what}: {printable(f.message)}{also}", *quote]
    if f.hint:
        out.append(f"  = fix: {f.hint}")
    if f.check and explained:
        out.append(f"  = help: launch-gate explain {f.check}")
    return [*out, ""]


def _warnings(ev: ManifestView, colour: bool) -> list[str]:
    """Each distinct warning once: one unreachable URL cited by five checks is one line."""
    seen: dict[tuple[str, str], list[Finding]] = {}
    for w in ev.warnings:
        seen.setdefault((w.code, w.message), []).append(w)
    out = []
    for found in seen.values():
        first = found[0]._replace(severity="warning")
        others = sorted({w.check for w in found[1:] if w.check and w.check != first.check})
        also = f" (also {', '.join(others)})" if others else ""
        # The same long form as an error's, a warning being read as carefully.
        out += _problem(ev, first, colour, also, explained=False)
    return out


def _need_decision(count: int) -> str:
    return f"{plural(count, 'required check needs', 'required checks need')} a decision"


def verdict_line(ev: ManifestView, colour: bool = False) -> str:
    """The one line `--quiet` prints: verdict, score, and what to do next."""
    gaps = ev.gaps
    verdict = _paint(ev.verdict.upper(), ev.verdict, colour)
    tail = f"; {_need_decision(len(gaps))}" if gaps else ""
    return f"{printable(ev.file)}: {verdict}, score {ev.score}/100{tail}\n"


def render(
    ev: ManifestView, colour: bool = False, verbose: bool = False, width: int | None = None
) -> str:
    """Problems first, each where it is; then a line per layer (passes counted, every check
    with `verbose`); last, the verdict and what to do next. With a `width`, prose wraps to
    it; quoted manifest lines never do, so the caret stays under its key."""
    system = ev.system
    lines = [
        f"launch-gate: {printable(system.name)} ({printable(ev.file)}), "
        f"profile {printable(ev.profile.name)}, judged on {ev.today.isoformat()}",
        "",
    ]
    for r in ev.checks:
        lines += [x for f in r.problems if f.code != "undecided" for x in _problem(ev, f, colour)]
    lines += [x for f in ev.problems for x in _problem(ev, f, colour)]
    lines += _warnings(ev, colour)
    for layer, results in by_layer(ev).items():
        title = ev.layer_titles[layer]
        score = ev.layers[layer]
        tally: dict[str, int] = {}
        for r in results:
            tally[r.outcome] = tally.get(r.outcome, 0) + 1
        said = ", ".join(plural(n, k) if k == "gap" else f"{n} {k}" for k, n in tally.items())
        head = f"{title} n/a" if score is None else f"{title} {bar(score)} {score}"
        lines.append(f"{head}  ({said})")
        for r in results:
            if verbose or r.outcome in ("gap", "invalid"):
                lines.append(_listed(r, colour))
                # Numbers, not a link: what measured evidence showed.
                lines += [f"      {printable(m)}" for m in r.measured] if verbose else []
    lines.append("")
    if ev.gaps and any(r.outcome == "gap" for r in ev.checks):
        lines.append(
            "  = fix: decide each gap with `launch-gate review`, or one at a time with "
            "`launch-gate decide CHECK done --evidence PATH|URL` (or accept, or not-applicable)"
        )
    if not verbose:
        lines.append("(launch-gate check -v lists every check)")
    verdict = _paint(ev.verdict.upper(), ev.verdict, colour)
    minimum = f" (min {ev.profile.min_score})" if ev.profile.min_score is not None else ""
    gaps = ev.gaps
    if gaps:
        next_step = f"{_need_decision(len(gaps))} in {printable(ev.file)}: {', '.join(gaps)}"
    else:
        next_step = "every required check is settled"
    # Warnings are counted only when there are some: "0 warnings" on every line is noise.
    warned = f"{plural(len(ev.warnings), 'warning')} · " if ev.warnings else ""
    lines.append(f"{verdict} · score {ev.score}/100{minimum} · {warned}{next_step}")
    fitted = [x for ln in lines for x in ([ln] if _QUOTED.match(ln) else _fit(ln, width))]
    return "\n".join(fitted) + "\n"
