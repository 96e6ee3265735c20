"""Who a decision names, and when two names are the same person: one definition for all.

The rules, the approver proof and the audit block all ask "who approved this
decision?"; they must get the same answer.
"""

from __future__ import annotations

from launch_gate.judge.manifest import CheckEntry


def handle(name: str) -> str:
    """A GitHub user or team as compared: no `@`, no surrounding space, any case."""
    return name.strip().lstrip("@").casefold()


def same_person(a: str, b: str) -> bool:
    return handle(a) == handle(b)


def is_team(name: str) -> bool:
    return "/" in name.strip()


def approver_of(entry: CheckEntry) -> str | None:
    """The approver a decision names: `decision.approved_by` for an accepted risk (an
    entry-level `approved_by` is read too), `approved_by` for a not-applicable claim."""
    if entry.status == "accepted-risk":
        return (entry.decision.approved_by if entry.decision else None) or entry.approved_by
    if entry.status == "not-applicable":
        return entry.approved_by
    return None
