"""The "What this change does" section: text for the terminal, Markdown for PRs."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from launch_gate.errors import printable
from launch_gate.render import safe
from launch_gate.report.view import ChangeView

# The order a reviewer should read them in: what weakens the bar comes first.
ORDER: tuple[str, ...] = (
    "capability-removed",
    "no-longer-required",
    "acceptance-allowed",
    "rules-relaxed",
    "assertion-relaxed",
    "policy-proposed",
    "profile",
    "score",
    "new-gap",
    "downgrade",
    "evidence-removed",
    "evidence-replaced",
    "accepted",
    "expiry-later",
    "not-applicable",
    "decision-changed",
    "upgrade",
    "closed-gap",
)

HEADINGS: dict[str, str] = {
    "capability-removed": "Capabilities removed (their checks stop applying)",
    "no-longer-required": "Checks no longer required",
    "acceptance-allowed": "Risks that may now be accepted",
    "rules-relaxed": "Rules relaxed",
    "assertion-relaxed": "Eval thresholds lowered",
    "policy-proposed": "Policy proposed by this change (judged by the base's until merged)",
    "profile": "Profile changed",
    "score": "Maturity score",
    "new-gap": "New gaps",
    "downgrade": "Downgrades",
    "evidence-removed": "Evidence removed",
    "evidence-replaced": "Evidence replaced",
    "accepted": "Newly accepted risks",
    "expiry-later": "Expiries pushed later",
    "not-applicable": "New not-applicable claims",
    "decision-changed": "Decisions changed",
    "upgrade": "Upgrades",
    "closed-gap": "Gaps closed",
}


def _detail(c: ChangeView, quote: Callable[[str], str]) -> str:
    before, after = c.before or "none", c.after or "none"
    if c.kind in (
        "profile",
        "policy-proposed",
        "score",
        "downgrade",
        "upgrade",
        "rules-relaxed",
        "assertion-relaxed",
        "evidence-replaced",
    ):
        return f"{quote(before)} → {quote(after)}"
    if c.kind == "expiry-later":
        return f"{quote(before)} → {quote(c.after or 'no expiry')}"
    if c.kind in ("evidence-removed", "capability-removed"):
        return quote(before)
    if c.kind == "no-longer-required":
        return f"({quote(after)})"
    if c.kind in ("accepted", "not-applicable"):
        return f"was {quote(before)}"
    return ""


def _grouped(changes: Sequence[ChangeView]) -> list[tuple[str, list[ChangeView]]]:
    return [
        (k, [c for c in changes if c.kind == k]) for k in ORDER if any(c.kind == k for c in changes)
    ]


def text(changes: Sequence[ChangeView], where: str) -> str:
    if not changes:
        return f"No changes the gate judges since {printable(where)}.\n"
    lines = [f"What changed since {printable(where)}:"]
    for kind, items in _grouped(changes):
        lines.append(f"  {HEADINGS[kind]}:")
        for c in items:
            at = f" (line {c.line})" if c.line else ""
            detail = _detail(c, printable)
            label = c.check or ""
            lines.append(f"    {label}{': ' if label and detail else ''}{detail}{at}".rstrip())
    return "\n".join(lines) + "\n"


def markdown(changes: Sequence[ChangeView], where: str = "the base branch") -> str:
    """The PR comment and job summary section; every manifest value goes through `safe`."""
    if not changes:
        return "**This PR changes nothing the gate judges.**\n"
    lines = ["### What this PR changes", ""]
    for kind, items in _grouped(changes):
        details = [(c, _detail(c, safe.code)) for c in items]
        if all(c.check is None for c in items):
            lines.append(f"- **{HEADINGS[kind]}**: {details[0][1]}")
        elif not any(d for _c, d in details):
            lines.append(f"- **{HEADINGS[kind]}**: " + ", ".join(f"`{c.check}`" for c in items))
        else:
            lines.append(f"- **{HEADINGS[kind]}**:")
            lines += [f"  - `{c.check}`" + (f": {d}" if d else "") for c, d in details]
    lines += ["", f"<sub>Compared with {safe.md(where, 120)}.</sub>"]
    return "\n".join(lines) + "\n"
