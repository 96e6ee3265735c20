"""What a change to the manifest did: one `Change` per thing a reviewer must see.

Both sides are judged evaluations, so "a new gap" means the same as in the
verdict. A base of None is a manifest that did not exist: everything is new.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, NamedTuple

from launch_gate.judge.evaluate import CheckResult, Evaluation
from launch_gate.judge.evidence import describe
from launch_gate.judge.manifest import CheckEntry

ChangeKind = Literal[
    "accepted",
    "downgrade",
    "evidence-removed",
    "upgrade",
    "expiry-later",
    "decision-changed",
    "not-applicable",
    "new-gap",
    "closed-gap",
    "profile",
    "score",
]


class Change(NamedTuple):
    check: str | None
    kind: ChangeKind
    before: str | None
    after: str | None
    line: int | None


# Done to anything but not-applicable, or any decision back to undecided.
_DOWNGRADES = {
    ("done", "accepted-risk"),
    ("done", "todo"),
    ("accepted-risk", "todo"),
    ("not-applicable", "todo"),
}


def _evidence(entry: CheckEntry | None) -> list[str]:
    return [describe(e) for e in entry.evidence] if entry else []


def _expires(entry: CheckEntry | None) -> str | None:
    d = entry.decision if entry else None
    return d.expires.isoformat() if d and d.expires else None


def _decision(entry: CheckEntry | None) -> object:
    if entry is None:
        return None
    return (entry.decision, entry.reason, entry.approved_by)


def _check_changes(old: CheckResult | None, new: CheckResult, line: int | None) -> Iterator[Change]:
    cid = new.check.id
    before = old.status if old else "todo"
    after = new.status

    def change(kind: ChangeKind, b: str | None, a: str | None) -> Change:
        return Change(cid, kind, b, a, line)

    if (before, after) in _DOWNGRADES:
        yield change("downgrade", before, after)
    if after == "done" and before != "done":
        yield change("upgrade", before, after)
    if after == "accepted-risk" and before != "accepted-risk":
        yield change("accepted", before, after)
    if after == "not-applicable" and before != "not-applicable":
        yield change("not-applicable", before, after)
    old_entry = old.entry if old else None
    if before == after == "done":
        removed = [e for e in _evidence(old_entry) if e not in _evidence(new.entry)]
        if removed:
            yield change("evidence-removed", ", ".join(removed), None)
    if before == after and after in ("accepted-risk", "not-applicable"):
        was, now = _expires(old_entry), _expires(new.entry)
        # No expiry at all is the latest expiry there is.
        if was is not None and (now is None or now > was):
            yield change("expiry-later", was, now)
        elif _decision(old_entry) != _decision(new.entry):
            yield change("decision-changed", None, None)


def compare(base: Evaluation | None, head: Evaluation) -> list[Change]:
    """Everything `head` changed relative to `base`, in catalogue order."""
    old = {r.check.id: r for r in base.checks} if base else {}
    out: list[Change] = []
    if base is not None and base.profile.name != head.profile.name:
        out.append(Change(None, "profile", base.profile.name, head.profile.name, None))
    if base is None or base.score != head.score:
        before = str(base.score) if base else None
        out.append(Change(None, "score", before, str(head.score), None))
    base_gaps = set(base.gaps) if base else set()
    for r in head.checks:
        line = head.loaded.line("checks", r.check.id) if r.entry else None
        out.extend(_check_changes(old.get(r.check.id), r, line))
        if r.check.id in head.gaps and r.check.id not in base_gaps:
            out.append(Change(r.check.id, "new-gap", None, r.outcome, line))
    out.extend(
        Change(g, "closed-gap", "gap", None, None) for g in sorted(base_gaps - set(head.gaps))
    )
    return out


def regression(base: Evaluation | None, head: Evaluation) -> bool:
    """`fail-on: regression`: the change lowered the score or opened a gap.

    A manifest new in this change has no score to lower; it regresses only
    if it has gaps of its own.
    """
    if base is not None and head.score < base.score:
        return True
    return bool(set(head.gaps) - set(base.gaps if base else ()))
