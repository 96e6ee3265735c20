"""What a change to the manifest did: one `Change` per thing a reviewer must see.

Both sides are judged evaluations, so "a new gap" means the same as in the
verdict. A base of None is a manifest that did not exist: everything is new.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, NamedTuple

from launch_gate.judge.evaluate import CheckResult, Evaluation, evaluate
from launch_gate.judge.evidence import describe
from launch_gate.judge.profile import may_accept
from launch_gate.judge.shapes import CheckEntry

ChangeKind = Literal[
    "capability-removed",
    "no-longer-required",
    "acceptance-allowed",
    "rules-relaxed",
    "assertion-relaxed",
    "accepted",
    "downgrade",
    "evidence-removed",
    "evidence-replaced",
    "upgrade",
    "expiry-later",
    "decision-changed",
    "not-applicable",
    "new-gap",
    "closed-gap",
    "profile",
    "policy-proposed",
    "score",
]


class Change(NamedTuple):
    check: str | None
    kind: ChangeKind
    before: str | None
    after: str | None
    line: int | None


# A done check to anything else, or any decision back to undecided.
_DOWNGRADES = {
    ("done", "accepted-risk"),
    ("done", "not-applicable"),
    ("done", "todo"),
    ("accepted-risk", "todo"),
    ("not-applicable", "todo"),
}
# What lowers the bar rather than meets it: a regression, whatever the score does, and
# with approver proof on, a change the system's owner must approve.
LOWERS_BAR: frozenset[ChangeKind] = frozenset(
    {
        "capability-removed",
        "no-longer-required",
        "acceptance-allowed",
        "rules-relaxed",
        "assertion-relaxed",
        "downgrade",
    }
)


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
        old_items, new_items = _evidence(old_entry), _evidence(new.entry)
        removed = [e for e in old_items if e not in new_items]
        added = [e for e in new_items if e not in old_items]
        if removed and added:
            # A reviewer must see what took the old evidence's place, not only its loss.
            yield change("evidence-replaced", ", ".join(removed), ", ".join(added))
        elif removed:
            yield change("evidence-removed", ", ".join(removed), None)
        from launch_gate.judge.measure import relaxed  # loaded only where a change is compared

        for what, bar_was, bar_now in relaxed(old_entry, new.entry):
            yield change("assertion-relaxed", f"{what} {bar_was}", f"{what} {bar_now}")
    if before == after and after in ("accepted-risk", "not-applicable"):
        was, now = _expires(old_entry), _expires(new.entry)
        # No expiry at all is the latest expiry there is.
        if was is not None and (now is None or now > was):
            yield change("expiry-later", was, now)
        elif _decision(old_entry) != _decision(new.entry):
            yield change("decision-changed", None, None)


def _bar(base: Evaluation, head: Evaluation) -> Iterator[Change]:
    """How `head` asks less than `base`: judged on the resolved profiles and the
    capabilities, so a profile switch, a policy file that waives a check or allows
    an accepted risk, and a capability dropped from the manifest all show."""
    system = head.loaded.line("system", "capabilities") or head.loaded.line("system")
    gone = sorted(set(base.loaded.manifest.system.capabilities)
                  - set(head.loaded.manifest.system.capabilities))  # fmt: skip
    for cap in gone:
        yield Change(None, "capability-removed", cap, None, system)
    new = {r.check.id: r for r in head.checks}
    pb, ph = base.profile, head.profile
    for r in base.checks:
        now = new[r.check.id]
        line = head.loaded.line("checks", r.check.id) if now.entry else None
        if r.required and not now.required:
            why = f"needs {r.check.needs}" if now.auto_na else f"profile {ph.name}"
            yield Change(r.check.id, "no-longer-required", "required", why, line)
        if now.required and not may_accept(pb, r.check) and may_accept(ph, r.check):
            yield Change(r.check.id, "acceptance-allowed", "not allowed", "allowed", line)
    for what, before, after in _rules_relaxed(base, head):
        yield Change(None, "rules-relaxed", f"{what}: {before}", f"{what}: {after}", None)


def _rules_relaxed(base: Evaluation, head: Evaluation) -> Iterator[tuple[str, str, str]]:
    pb, ph = base.profile, head.profile
    if pb.min_score is not None and (ph.min_score or 0) < pb.min_score:
        yield "minimum score", str(pb.min_score), str(ph.min_score or "none")
    was, now = pb.rules.accepted_risk.max_expiry_days, ph.rules.accepted_risk.max_expiry_days
    if was is not None and (now is None or now > was):
        yield "longest expiry", f"{was} days", f"{now} days" if now else "unlimited"
    for group in ("accepted_risk", "not_applicable"):
        before, after = getattr(pb.rules, group), getattr(ph.rules, group)
        for name, value in before._asdict().items():
            if name.startswith("require_") and value is True and getattr(after, name) is False:
                yield f"{group}.{name}", "true", "false"
    if pb.verify_approvals and not ph.verify_approvals:
        yield "verify_approvals", "true", "false"


def compare(base: Evaluation | None, head: Evaluation) -> list[Change]:
    """Everything `head` changed relative to `base`, in catalogue order."""
    old = {r.check.id: r for r in base.checks} if base else {}
    out: list[Change] = []
    if base is not None and base.profile.name != head.profile.name:
        out.append(Change(None, "profile", base.profile.name, head.profile.name, None))
    if base is not None:
        out.extend(_bar(base, head))
    out.extend(_proposed(head))
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


def _proposed(head: Evaluation) -> Iterator[Change]:
    """What the pull request's own policy would change, had it judged: shown, and a
    regression where it lowers the bar, but never this run's verdict."""
    if head.proposed is None:
        return
    judging, proposed = head.profile, head.proposed
    yield Change(
        None, "policy-proposed", _named(judging), _named(proposed), head.loaded.line("profile")
    )
    alt = evaluate(head.loaded, proposed, head.catalogue, head.today)
    yield from _bar(head, alt)


def _named(p: object) -> str:
    name, source = getattr(p, "name", ""), getattr(p, "source", "")
    return f"{name} ({source})" if source else str(name)


def regression(base: Evaluation | None, head: Evaluation) -> bool:
    """`fail-on: regression`: the change lowered the score, opened a gap or lowered
    the bar (a capability, a required check, a rule or a done check given up).

    A manifest new in this change has no score to lower; it regresses only
    if it has gaps of its own.
    """
    return bool(regressions(base, head))


def regressions(base: Evaluation | None, head: Evaluation) -> list[str]:
    """Why `regression` holds, one short phrase each, in the order a reviewer reads them:
    `the score drops 60 → 57`, `new gap cost.caching`, `sec.untrusted-input done →
    accepted-risk`. Empty: no regression."""
    if base is None:
        return [f"a new manifest with {len(head.gaps)} gap(s)"] if head.gaps else []
    out = []
    if head.score < base.score:
        out.append(f"the score drops {base.score} → {head.score}")
    out.extend(f"new gap {g}" for g in sorted(set(head.gaps) - set(base.gaps)))
    for c in compare(base, head):
        if c.kind not in LOWERS_BAR:
            continue
        label = c.kind.replace("-", " ")
        if c.check and c.before and c.after:
            out.append(f"{c.check} {c.before} → {c.after}")
        elif c.check:
            out.append(f"{c.check} {label}")
        elif c.before and c.after:
            out.append(f"{label}: {c.before} → {c.after}")
        else:
            out.append(f"{label}: {c.before or c.after}")
    return out
