"""Ordering and wording shared by the text and Markdown reports."""

from __future__ import annotations

from launch_gate.judge.evaluate import CheckResult, Evaluation

ORDER = {"gap": 0, "invalid": 1, "accepted": 2, "passed": 3, "not-applicable": 4, "optional": 5}
SYMBOL = {
    "gap": "✗",
    "invalid": "!",
    "accepted": "~",
    "passed": "✓",
    "not-applicable": "-",
    "optional": "·",
}


def by_layer(ev: Evaluation) -> dict[str, list[CheckResult]]:
    """Results by layer, gaps first: within a layer, and among layers (a layer
    comes first when it holds the worst outcome, catalogue order breaking ties)."""
    groups: dict[str, list[CheckResult]] = {}
    for r in sorted(ev.checks, key=lambda r: ORDER[r.outcome]):
        groups.setdefault(r.check.layer, []).append(r)
    return groups


def undecided(ev: Evaluation) -> list[CheckResult]:
    return [r for r in ev.checks if r.required and r.outcome == "gap"]


def invalid(ev: Evaluation) -> list[CheckResult]:
    return [r for r in ev.checks if r.required and r.outcome == "invalid"]


def accepted(ev: Evaluation) -> list[CheckResult]:
    return [
        r
        for r in ev.checks
        if r.status == "accepted-risk"
        and r.entry
        and r.entry.decision
        and r.outcome in {"accepted", "optional"}
    ]


def bar(value: int | None, width: int = 10) -> str:
    if value is None:
        return "n/a"
    filled = round(value * width / 100)
    return "█" * filled + "░" * (width - filled)


def counts(ev: Evaluation) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in ev.checks:
        out[r.outcome] = out.get(r.outcome, 0) + 1
    return out
