"""Annotations on the manifest's own lines, the most important first.

GitHub shows at most ten annotations of each kind per step, so order decides
what a reviewer sees: whole-manifest problems, then decisions that are written
but wrong, then undecided checks; within each, the checks the most basic
profiles already require (the highest weight) come first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

from launch_gate.findings import Finding
from launch_gate.render import safe
from launch_gate.report.view import ManifestView

MAX_PER_KIND = 10
Kind = Literal["error", "warning", "notice"]


class Annotation(NamedTuple):
    kind: Kind
    message: str
    file: str | None = None
    line: int | None = None
    title: str | None = None


class Annotations(NamedTuple):
    shown: list[Annotation]
    # How many of each kind were left out because of the per-step limit.
    omitted: dict[str, int]


def _annotation(f: Finding, kind: str) -> Annotation:
    fix = f" Fix: {f.hint}" if f.hint else ""
    # GitHub shows annotations as plain text, so Markdown is harmless there; what
    # matters is one line of honest length without bidi or control characters.
    # Workflow-command escaping happens where they are printed (launch_gate/action/commands.py).
    return Annotation(
        "error" if kind == "error" else "warning",
        safe.plain(f"{safe.clip(f.message)} [{f.code}].{fix}", 2 * safe.MAX_FIELD),
        file=f.file,
        line=f.line,
        title=safe.plain(f.check or f"launch-gate: {f.code}", 100),
    )


def _ranked_errors(ev: ManifestView) -> list[tuple[tuple[int, int, str, int], Finding]]:
    ranked = [((0, 0, f.file, f.line or 0), f) for f in ev.problems]
    for r in ev.checks:
        if not r.problems:
            continue  # most checks: no weight to look up for nothing to rank
        for f in r.problems:
            tier = 2 if f.code == "undecided" else 1
            ranked.append(((tier, -r.weight, f.file, f.line or 0), f))
    return ranked


def ordered(evaluations: Iterable[ManifestView]) -> list[Annotation]:
    """Every problem and warning of `evaluations`, the most important first."""
    evs = list(evaluations)
    ranked = sorted((item for ev in evs for item in _ranked_errors(ev)), key=lambda i: i[0])
    warnings = sorted((w for ev in evs for w in ev.warnings), key=lambda w: (w.file, w.line or 0))
    return [_annotation(f, "error") for _k, f in ranked] + [
        _annotation(w, "warning") for w in warnings
    ]


def cap(annotations: Iterable[Annotation], limit: int = MAX_PER_KIND) -> Annotations:
    """Keep the first `limit` of each kind, in order; count the rest."""
    shown: list[Annotation] = []
    omitted: dict[str, int] = {}
    for a in annotations:
        if sum(1 for s in shown if s.kind == a.kind) < limit:
            shown.append(a)
        else:
            omitted[a.kind] = omitted.get(a.kind, 0) + 1
    return Annotations(shown, omitted)
