"""The judge's results turned into the one view every output form reads (`report/view.py`).

Here, and only here, credentials are hidden from what a manifest, a policy or a link said.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from launch_gate.findings import Due, Finding
from launch_gate.judge.evidence import describe
from launch_gate.judge.profile import may_accept, requires, weight
from launch_gate.judge.shape import dump
from launch_gate.redact import hide_credentials
from launch_gate.report.view import (
    CatalogueView,
    ChangeView,
    CheckInfo,
    CheckView,
    DecisionView,
    EntryView,
    ManifestView,
    Named,
    ProfileStance,
    ProfileView,
    ReferenceEntry,
    SectionView,
)

if TYPE_CHECKING:
    # Types only: an offline check builds one manifest's view and loads none of these.
    from launch_gate.findings import Due, Finding
    from launch_gate.judge.diff import Change
    from launch_gate.judge.evaluate import CheckResult, Evaluation
    from launch_gate.judge.shapes import Catalogue, Check, CheckEntry, Decision, Profile
    from launch_gate.report.run import Section


def _hidden(text: str | None) -> str | None:
    return None if text is None else hide_credentials(text)


def check_info(check: Check) -> CheckInfo:
    return CheckInfo(
        check.id, check.layer, check.title, check.description, tuple(check.evidence),
        check.from_, check.needs,
    )  # fmt: skip


def problem(f: Finding) -> Finding:
    return f._replace(message=hide_credentials(f.message))


def _decision(d: Decision) -> DecisionView:
    return DecisionView(
        _hidden(d.rationale), _hidden(d.owner), _hidden(d.approved_by), d.expires,
        _hidden(d.mitigation), _hidden(d.tracking),
    )  # fmt: skip


def _entry(e: CheckEntry) -> EntryView:
    shown = tuple(map(describe, e.evidence))
    # A link or path is its (hidden) text; a structured item stays structured.
    data = shown
    if not all(isinstance(x, str) for x in e.evidence):
        data = tuple(
            s if isinstance(x, str) else dump(x, drop_none=True)
            for x, s in zip(e.evidence, shown, strict=True)
        )
    decision = e.decision
    return EntryView(
        e.status,
        shown,
        _decision(decision) if decision else None,
        _hidden(e.reason),
        _hidden(e.approved_by),
        data,
    )


def _check(r: CheckResult, ev: Evaluation, info: CheckInfo) -> CheckView:
    # Fifty a manifest, two hundred manifests in a monorepo's run: most checks have no
    # problem, warning or measured number, and pay for no empty tuple being built.
    entry = r.entry
    return CheckView(
        info,
        r.required,
        r.status,
        r.outcome,
        tuple(map(problem, r.problems)) if r.problems else (),
        tuple(map(problem, r.warnings)) if r.warnings else (),
        _entry(entry) if entry else None,
        r.auto_na,
        tuple(map(hide_credentials, r.measured)) if r.measured else (),
        weight(ev.profile, r.check),
        # Only a key the manifest has: an omitted check has no line of its own.
        ev.loaded.doc.lines.get(("checks", info.id)),
        ev.loaded.line("checks", info.id, "decision") if entry and entry.decision else None,
    )


# The catalogue's checks as the view has them, once per catalogue: a monorepo's 200 manifests
# share one (and it is held here, so its id names no other).
_INFOS: dict[int, tuple[Catalogue, dict[str, CheckInfo]]] = {}


def _infos(cat: Catalogue) -> dict[str, CheckInfo]:
    found = _INFOS.get(id(cat))
    if found is None:
        found = _INFOS[id(cat)] = (cat, {cid: check_info(c) for cid, c in cat.checks.items()})
    return found[1]


def manifest(ev: Evaluation) -> ManifestView:
    """The view of one judged manifest."""
    infos = _infos(ev.catalogue)
    system = ev.loaded.manifest.system
    return ManifestView(
        file=ev.loaded.file,
        repo_path=ev.loaded.repo_path,
        system=Named(hide_credentials(system.name), _hidden(system.owner)),
        profile=ProfileView(ev.profile.name, ev.profile.min_score),
        today=ev.today,
        verdict=ev.verdict,
        score=ev.score,
        layers=ev.layers,
        layer_titles=dict(ev.catalogue.layers),
        checks=tuple(_check(r, ev, infos[r.check.id]) for r in ev.checks),
        problems=tuple(problem(f) for f in ev.problems),
        warnings=tuple(problem(f) for f in ev.warnings),
        gaps=ev.gaps,
        catalogue=tuple(infos.values()),
        # Hidden whole: a hidden credential never spans a line, so every line keeps its number.
        text=hide_credentials(ev.loaded.doc.text),
    )


def change(c: Change) -> ChangeView:
    from launch_gate.judge.diff import LOWERS_BAR  # only a run that compares has changes

    return ChangeView(
        c.check, c.kind, _hidden(c.before), _hidden(c.after), c.line, c.kind in LOWERS_BAR
    )


def changes(found: Iterable[Change]) -> tuple[ChangeView, ...]:
    return tuple(change(c) for c in found)


def section(s: Section) -> SectionView:
    return SectionView(
        s.path,
        manifest(s.evaluation) if s.evaluation else None,
        s.error,
        s.error_line,
        manifest(s.baseline) if s.baseline else None,
        s.compared,
        changes(s.changes),
    )


def sections(found: Sequence[Section]) -> list[SectionView]:
    return [section(s) for s in found]


def due(items: Iterable[Due]) -> list[Due]:
    return [d._replace(owner=hide_credentials(d.owner)) for d in items]


def catalogue(cat: Catalogue, profiles: Mapping[str, Profile]) -> CatalogueView:
    """The catalogue as its reference page shows it: each check, and what each profile
    asks of it."""
    return CatalogueView(
        dict(cat.layers),
        tuple(
            ReferenceEntry(
                check_info(c),
                tuple(
                    ProfileStance(name, requires(p, c), may_accept(p, c))
                    for name, p in profiles.items()
                ),
            )
            for c in cat.checks.values()
        ),
    )
