"""The fleet: one record per manifest version, and the view of them all a report renders.

A record is a line of `fleet collect`'s JSONL: where the version lives (repo, path, commit,
date), what it says (system, owner, profile, decisions) and how it was judged then
(verdict, score, layers, gaps, each check's outcome). `view` reads many records into what
`fleet report` shows: each system's latest version, the decisions ledger as of a date, each
check's coverage, a heat map and the weekly trend.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from launch_gate import __version__
from launch_gate.judge.evaluate import Evaluation
from launch_gate.judge.people import handle
from launch_gate.judge.shapes import Catalogue

RECORD_VERSION = 1
# The windows of the ledger's "expiring" columns, in days.
WINDOWS = (30, 60, 90)


def record(
    *,
    repo: str,
    path: str,
    commit: str,
    when: dt.datetime,
    collected: dt.date,
    ev: Evaluation | None,
    error: str | None = None,
) -> dict[str, Any]:
    """One manifest version as a JSON-ready record; `ev` None with the `error` it had."""
    out: dict[str, Any] = {
        "record_version": RECORD_VERSION,
        "repo": repo,
        "path": path,
        "commit": commit,
        "date": when.isoformat(),
        "collected": collected.isoformat(),
        "tool": __version__,
    }
    if ev is None:
        return out | {"verdict": "error", "message": error or "cannot be read", "catalogue": None}
    manifest = ev.loaded.manifest
    decisions = []
    for cid, entry in manifest.checks.items():
        if entry.status not in ("accepted-risk", "not-applicable"):
            continue
        d = entry.decision
        decisions.append({
            "check": cid,
            "status": entry.status,
            "owner": (d.owner if d else None) or manifest.system.owner,
            "approver": (d.approved_by if d else None) or entry.approved_by,
            "expires": d.expires.isoformat() if d and d.expires else None,
        })  # fmt: skip
    return out | {
        "catalogue": ev.catalogue.version,
        "system": manifest.system.name,
        "owner": manifest.system.owner,
        "profile": ev.profile.name,
        "verdict": ev.verdict,
        "score": ev.score,
        "layers": dict(ev.layers),
        "gaps": list(ev.gaps),
        "outcomes": {r.check.id: r.outcome for r in ev.checks},
        "decisions": decisions,
    }


class System(NamedTuple):
    """One manifest across its history: its versions oldest first."""

    repo: str
    path: str
    versions: tuple[Mapping[str, Any], ...]

    @property
    def latest(self) -> Mapping[str, Any]:
        return self.versions[-1]

    @property
    def name(self) -> str:
        latest = self.latest
        return str(latest.get("system") or self.path)


class Flag(NamedTuple):
    """One decision in the ledger, with what is wrong or due about it."""

    repo: str
    path: str
    system: str
    check: str
    owner: str | None
    approver: str | None
    expires: str | None
    # expired, expiring in 30/60/90 days, self-approved, renewed twice or more, no approver
    kind: str
    detail: str


class Coverage(NamedTuple):
    check: str
    title: str
    non_negotiable: bool
    counts: Mapping[str, int]  # outcome -> systems

    @property
    def settled(self) -> int:
        return sum(self.counts.get(k, 0) for k in ("passed", "accepted", "not-applicable"))


class Week(NamedTuple):
    week: str  # ISO week, 2026-W47
    systems: int
    passing: int
    mean_score: float | None
    gaps: int


class View(NamedTuple):
    today: dt.date
    systems: tuple[System, ...]  # worst first
    ledger: tuple[Flag, ...]
    coverage: tuple[Coverage, ...]  # the non-negotiables first, then the least settled
    trend: tuple[Week, ...]
    layers: Mapping[str, str]  # id -> title, in the catalogue's order
    collected: dt.date | None  # the newest collect among the records
    unreadable: tuple[Mapping[str, Any], ...]  # latest versions that could not be read

    def headline(self) -> str:
        """The one sentence the page opens with: the worst thing that is true."""
        n = len(self.systems)
        if not n:
            return "No manifest was found in the collected repositories."
        expired = [f for f in self.ledger if f.kind == "expired"]
        failing = [s for s in self.systems if s.latest.get("verdict") == "fail"]
        worst = self.systems[0]
        if self.unreadable:
            return (
                f"{len(self.unreadable)} of {n} systems' latest manifests cannot be read, so "
                "nobody can say whether they are ready."
            )
        if expired:
            owners = sorted({f.owner or "no owner" for f in expired})
            return (
                f"{_count(len(expired), 'accepted risk has', 'accepted risks have')} expired "
                f"unrenewed across {_count(len({(f.repo, f.path) for f in expired}), 'system')} "
                f"(owners: {', '.join(owners[:5])}); "
                f"{len(failing)} of {n} systems fail their bar."
            )
        if failing:
            gaps = len(worst.latest.get("gaps") or [])
            return (
                f"{len(failing)} of {n} systems fail their bar; the weakest, {worst.name} "
                f"({worst.repo}), scores {worst.latest.get('score')} with "
                f"{_count(gaps, 'gap')}."
            )
        return f"All {n} systems pass their bar; the weakest, {worst.name}, scores " + (
            f"{worst.latest.get('score')}."
        )


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def view(records: Iterable[Mapping[str, Any]], cat: Catalogue, today: dt.date) -> View:
    by_system: dict[tuple[str, str], list[tuple[int, Mapping[str, Any]]]] = {}
    collected: dt.date | None = None
    for seen, r in enumerate(records):
        by_system.setdefault((str(r["repo"]), str(r["path"])), []).append((seen, r))
        day = _date(r.get("collected"))
        if day is not None and (collected is None or day > collected):
            collected = day
    # Oldest first; versions of one second keep the order collect wrote them in (newest
    # first), so the later line is the older one.
    systems = [
        System(
            repo,
            path,
            tuple(v for _, v in sorted(vs, key=lambda x: (str(x[1].get("date")), -x[0]))),
        )
        for (repo, path), vs in by_system.items()
    ]
    systems.sort(key=lambda s: (_sort_score(s.latest), s.repo, s.path))
    unreadable = tuple(s.latest for s in systems if s.latest.get("verdict") == "error")
    return View(
        today=today,
        systems=tuple(systems),
        ledger=tuple(_ledger(systems, today)),
        coverage=_coverage(systems, cat),
        trend=tuple(_trend(systems)),
        layers=dict(cat.layers),
        collected=collected,
        unreadable=unreadable,
    )


def _sort_score(r: Mapping[str, Any]) -> tuple[int, int]:
    # Unreadable first (nobody knows), then failing, then by score.
    if r.get("verdict") == "error":
        return (-1, -1)
    return (0 if r.get("verdict") == "fail" else 1, int(r.get("score") or 0))


def _date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _ledger(systems: Iterable[System], today: dt.date) -> Iterable[Flag]:
    for s in systems:
        renewals = _renewals(s)
        for d in s.latest.get("decisions") or []:
            if d.get("status") != "accepted-risk":
                continue

            def flag(kind: str, detail: str, d: Mapping[str, Any] = d, s: System = s) -> Flag:
                return Flag(s.repo, s.path, s.name, str(d["check"]), d.get("owner"),
                            d.get("approver"), d.get("expires"), kind, detail)  # fmt: skip

            expires = _date(d.get("expires"))
            if expires is None:
                yield flag("no expiry", "accepted with no end date")
            elif expires < today:
                yield flag("expired", f"expired {(today - expires).days} days ago")
            else:
                left = (expires - today).days
                window = next((w for w in WINDOWS if left <= w), None)
                if window is not None:
                    yield flag(f"expiring in {window} days", f"expires in {left} days")
            owner, approver = d.get("owner"), d.get("approver")
            if not approver:
                yield flag("approver not proven", "no approver on record")
            elif owner and handle(str(owner)) == handle(str(approver)):
                yield flag("self-approved", f"{approver} approved their own risk")
            times = renewals.get(str(d["check"]), 0)
            if times >= 2:
                yield flag("renewed twice or more", f"renewed {times} times")


def _renewals(s: System) -> dict[str, int]:
    """How many times each accepted risk's expiry was pushed out over the system's history."""
    last: dict[str, str] = {}
    count: dict[str, int] = {}
    for v in s.versions:
        for d in v.get("decisions") or []:
            if d.get("status") != "accepted-risk" or not d.get("expires"):
                continue
            check, expires = str(d["check"]), str(d["expires"])
            if check in last and expires > last[check]:
                count[check] = count.get(check, 0) + 1
            last[check] = expires
    return count


def _coverage(systems: Iterable[System], cat: Catalogue) -> tuple[Coverage, ...]:
    counts: dict[str, dict[str, int]] = {cid: {} for cid in cat.checks}
    for s in systems:
        for cid, outcome in (s.latest.get("outcomes") or {}).items():
            if cid in counts:
                counts[cid][outcome] = counts[cid].get(outcome, 0) + 1
    rows = [Coverage(cid, c.title, c.non_negotiable, counts[cid]) for cid, c in cat.checks.items()]
    rows.sort(key=lambda r: (not r.non_negotiable, r.settled - sum(r.counts.values()), r.check))
    return tuple(rows)


def _trend(systems: list[System]) -> Iterable[Week]:
    """Each ISO week from the first version to the last: every system as its latest version
    by that week's end stood."""
    dated = [(d, v) for s in systems for v in s.versions if (d := _date(v.get("date")))]
    if not dated:
        return
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    end = first + dt.timedelta(days=6 - first.weekday())
    while True:
        standing = []
        for s in systems:
            latest = None
            for v in s.versions:
                day = _date(v.get("date"))
                if day is not None and day <= end:
                    latest = v
            if latest is not None:
                standing.append(latest)
        scores = [int(v["score"]) for v in standing if isinstance(v.get("score"), int)]
        year, week, _ = end.isocalendar()
        yield Week(
            f"{year}-W{week:02d}",
            len(standing),
            sum(v.get("verdict") == "pass" for v in standing),
            round(statistics.fmean(scores), 1) if scores else None,
            sum(len(v.get("gaps") or []) for v in standing),
        )
        if end >= last:
            return
        end += dt.timedelta(days=7)
