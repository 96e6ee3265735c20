"""What a reader needs in the first five seconds: the verdict and why, what the change did,
and what a human must weigh. Used at the top of the PR comment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from launch_gate.render import safe
from launch_gate.render.common import invalid, plural, undecided
from launch_gate.render.reference import check_link
from launch_gate.report.view import ChangeView, ManifestView

ICON = {"pass": "✅", "fail": "❌", "error": "⚠️"}


class Links(NamedTuple):
    """Where line links point: the server (github.com or GHES), the repository and the
    commit that was judged (a pull request's head, not the merge commit)."""

    server: str
    repository: str
    head: str
    base_ref: str = ""
    base_sha: str = ""

    def line(self, path: str | None, line: int | None) -> str | None:
        if not (path and line and self.repository and self.head):
            return None
        return f"{self.server}/{self.repository}/blob/{self.head}/{path}#L{line}"


def where(ev: ManifestView, line: int | None, links: Links | None) -> str:
    """`readiness.yaml:54`, a link to that line at the judged commit where one can be made."""
    label = f"{ev.repo_path or ev.file}:{line}" if line else ""
    url = links.line(ev.repo_path, line) if links else None
    if not label:
        return ""
    return f"[{safe.code(label)}]({url})" if url else safe.code(label)


def verdict_line(ev: ManifestView) -> str:
    """One line: verdict, why, score against its minimum, and what to do next."""
    gaps, bad = undecided(ev), invalid(ev)
    minimum = f" (min {ev.profile.min_score})" if ev.profile.min_score is not None else ""
    score = f"score {ev.score}/100{minimum}"
    file = safe.code(ev.repo_path or ev.file)
    name = safe.md(ev.system.name, 80)
    if ev.verdict == "pass":
        return (
            f"{ICON['pass']} **launch-gate: pass** for {name} · every required check is "
            f"decided · {score}"
        )
    why = []
    if gaps:
        why.append(plural(len(gaps), "required check undecided", "required checks undecided"))
    if bad:
        why.append(plural(len(bad), "decision invalid", "decisions invalid"))
    if any(p.code == "below-min-score" for p in ev.problems):
        why.append("score below the minimum")
    if any(p.code == "unproven-approval" for p in ev.problems):
        why.append("a change that lowers the bar is not approved by the owner")
    reasons = ", ".join(why) or "see below"
    return (
        f"{ICON['fail']} **launch-gate: fail** for {name} · {reasons} · {score} · "
        f"decide them in {file}"
    )


_DELTA: tuple[tuple[str, str, str], ...] = (
    ("new-gap", "gap", "gaps"),
    ("downgrade", "downgrade", "downgrades"),
    ("accepted", "newly accepted risk", "newly accepted risks"),
    ("not-applicable", "new not-applicable claim", "new not-applicable claims"),
    ("expiry-later", "expiry pushed later", "expiries pushed later"),
    ("no-longer-required", "check no longer required", "checks no longer required"),
    ("capability-removed", "capability removed", "capabilities removed"),
    ("rules-relaxed", "rule relaxed", "rules relaxed"),
    ("assertion-relaxed", "eval threshold lowered", "eval thresholds lowered"),
    ("policy-proposed", "policy proposed", "policies proposed"),
    ("closed-gap", "gap closed", "gaps closed"),
)


def delta_line(base: ManifestView | None, head: ManifestView, changes: Sequence[ChangeView]) -> str:
    """`84 → 81 · +1 gap · 1 downgrade ...`; a first adoption says so in one line."""
    if base is None:
        return f"First readiness manifest here: {plural(len(head.gaps), 'gap')} to decide."
    parts = [
        f"score {base.score} → {head.score}" if base.score != head.score else "score unchanged"
    ]
    for kind, one, many in _DELTA:
        n = sum(c.kind == kind for c in changes)
        if n:
            sign = "+" if kind == "new-gap" else ""
            parts.append(f"{sign}{plural(n, one, many)}")
    return " · ".join(parts)


# What a reviewer must weigh: a human decided something, or the bar moved.
_WEIGH = frozenset({"accepted", "not-applicable", "expiry-later"})


# When one check changed in several ways, the row shows what a reviewer weighs first: a
# person's stated reason beats the bare move between statuses.
_FIRST = ("accepted", "not-applicable", "expiry-later")


def _weigh(c: ChangeView, head: ManifestView) -> str:
    found = next((r for r in head.checks if r.check.id == c.check), None)
    entry = found.entry if found else None
    d = entry.decision if entry else None
    if c.kind == "accepted" and d is not None:
        approver = safe.code(d.approved_by or "nobody")
        return f"{safe.md(d.rationale or 'no rationale', 160)} (approved by {approver})"
    if c.kind == "not-applicable" and entry is not None:
        return safe.md(entry.reason or "no reason given", 160)
    if c.kind == "expiry-later":
        return f"{safe.code(c.before or '')} → {safe.code(c.after or 'no expiry')}"
    return " → ".join(safe.code(x) for x in (c.before, c.after) if x)


def reviewer_table(
    head: ManifestView, changes: Sequence[ChangeView], links: Links | None
) -> list[str]:
    """One row per check (a downgrade to not-applicable is one change, not two), saying
    every way it changed and what a reviewer must weigh."""
    grouped: dict[str | None, list[ChangeView]] = {}
    for c in changes:
        if c.kind in _WEIGH or c.lowers_bar:
            grouped.setdefault(c.check or None, []).append(c)
    if not grouped:
        return []
    out = [
        "**Needs a reviewer**",
        "",
        "| Change | Check | What to weigh | Line |",
        "|---|---|---|---|",
    ]
    for check_id, found in grouped.items():
        lead = min(found, key=lambda c: _FIRST.index(c.kind) if c.kind in _FIRST else 9)
        kinds = ", ".join(dict.fromkeys(c.kind for c in found))
        check = check_link(check_id) if check_id else "(manifest)"
        line = where(head, next((c.line for c in found if c.line), None), links)
        out.append(f"| {kinds} | {check} | {_weigh(lead, head)} | {line} |")
    return [*out, ""]
