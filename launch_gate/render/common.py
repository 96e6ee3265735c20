"""Ordering and wording shared by the text and Markdown reports."""

from __future__ import annotations

from launch_gate.report.view import CheckView, ManifestView

ORDER = {"gap": 0, "invalid": 1, "accepted": 2, "passed": 3, "not-applicable": 4, "optional": 5}
SYMBOL = {
    "gap": "✗",
    "invalid": "!",
    "accepted": "~",
    "passed": "✓",
    "not-applicable": "-",
    "optional": "·",
}


def by_layer(ev: ManifestView) -> dict[str, list[CheckView]]:
    """Results by layer, the layers in the catalogue's fixed order (a reader finds a
    layer where it was last time), gaps first within each."""
    groups: dict[str, list[CheckView]] = {layer: [] for layer in ev.layer_titles}
    for r in sorted(ev.checks, key=lambda r: ORDER[r.outcome]):
        groups[r.check.layer].append(r)
    return {layer: found for layer, found in groups.items() if found}


def undecided(ev: ManifestView) -> list[CheckView]:
    return [r for r in ev.checks if r.required and r.outcome == "gap"]


def invalid(ev: ManifestView) -> list[CheckView]:
    return [r for r in ev.checks if r.required and r.outcome == "invalid"]


def accepted(ev: ManifestView) -> list[CheckView]:
    return [
        r
        for r in ev.checks
        if r.status == "accepted-risk"
        and r.entry
        and r.entry.decision
        and r.outcome in {"accepted", "optional"}
    ]


def plural(count: int, one: str, many: str | None = None) -> str:
    """`1 gap`, `5 gaps`: English counts, never `gap(s)`."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def bar(value: int | None, width: int = 10) -> str:
    if value is None:
        return "n/a"
    filled = round(value * width / 100)
    return "█" * filled + "░" * (width - filled)


def counts(ev: ManifestView) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in ev.checks:
        out[r.outcome] = out.get(r.outcome, 0) + 1
    return out
