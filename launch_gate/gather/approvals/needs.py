"""Which decisions need their approver's review, and what failing closed makes of them.

No network here: what the pull request changed comes from the judged base and
head, and when a decision last changed from the checkout's git history.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from launch_gate.gather.approvals import history
from launch_gate.judge import people
from launch_gate.judge.approvals import MANIFEST_KEY, Approval
from launch_gate.judge.diff import LOWERS_BAR, Change, compare
from launch_gate.judge.evaluate import CheckResult, Evaluation

# What a pull request does to a decision that needs its approver's review again.
_CHANGED = frozenset({"accepted", "not-applicable", "expiry-later", "decision-changed"})


class Need(NamedTuple):
    check: str
    approver: str
    # The commit that last changed the decision's lines; None: history cannot tell.
    changed: str | None


def approver_of(r: CheckResult) -> str | None:
    """The approver to prove: none for a check settled by a missing capability, nor for a
    not-applicable claim on a check the profile does not require."""
    if r.entry is None or r.auto_na:
        return None
    if r.entry.status == "not-applicable" and not r.required:
        return None
    return people.approver_of(r.entry)


def needs_approver(r: CheckResult, ev: Evaluation) -> bool:
    if r.status == "not-applicable":
        return ev.profile.rules.not_applicable.require_approver
    return r.status == "accepted-risk"


def needs(ev: Evaluation, manifest: Path, base: Evaluation | None, *, all_: bool) -> list[Need]:
    """Decisions to prove: those the PR adds or changes, or (`all_`) every one; and,
    when the PR lowers the bar, the system owner's approval of that."""
    changes = compare(base, ev)
    touched = {c.check for c in changes if c.kind in _CHANGED}
    out = []
    if any(_owner_must_approve(c, ev) for c in changes):
        owner = ev.loaded.manifest.system.owner or "the system's owner (no system.owner is set)"
        out.append(Need(MANIFEST_KEY, owner, None))
    for r in ev.checks:
        approver = approver_of(r)
        # No approver named: `missing-approver` already says so where one is required.
        if not approver or not needs_approver(r, ev) or not (all_ or r.check.id in touched):
            continue
        changed = history.last_change(manifest, r.check.id)
        out.append(Need(r.check.id, approver, changed))
    return out


def _owner_must_approve(c: Change, ev: Evaluation) -> bool:
    """A change that lowers the bar with no approver of its own: a done check turned
    into an accepted risk (or a not-applicable claim the profile has approved) is
    proven by that decision's approver instead."""
    if c.kind != "downgrade":
        return c.kind in LOWERS_BAR
    if c.after == "not-applicable":
        return not ev.profile.rules.not_applicable.require_approver
    return c.after == "todo"


def candidates(head: Evaluation) -> list[Need]:
    """Every decision that names an approver who must prove it, whatever changed."""
    return [
        Need(r.check.id, a, None)
        for r in head.checks
        if (a := approver_of(r)) and needs_approver(r, head)
    ]


def unproven(items: Sequence[Need], reason: str) -> dict[str, Approval]:
    """Fail closed: when GitHub cannot be asked, nothing counts as proven."""
    return {
        n.check: Approval(
            n.check, n.approver, None, f"{n.approver} cannot be shown to approve: {reason}"
        )
        for n in items
    }
