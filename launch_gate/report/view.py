"""One view of a run: what every output form reads, and nothing else.

Built once from the judge's results by `report/build.py`. Every text a manifest, a policy or
a link put here has its credentials hidden already, so no renderer has to remember to; what
backs a check is described once, with its measured numbers. Renderers import this module and
never `launch_gate.judge` (an import contract says so): a new output form learns one set of
names, and a change to how the judge works inside does not reach eleven renderers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol

from launch_gate.errors import line_of
from launch_gate.findings import Due, Finding


class CheckInfo(NamedTuple):
    """What the catalogue says of a check."""

    id: str
    layer: str
    title: str
    description: str
    evidence: tuple[str, ...]
    from_: str
    needs: str | None


class ProfileStance(NamedTuple):
    profile: str
    required: bool
    may_accept: bool


class ReferenceEntry(NamedTuple):
    check: CheckInfo
    profiles: tuple[ProfileStance, ...]


class CatalogueView(NamedTuple):
    """The catalogue for its reference page: the layers' titles, and every check."""

    layers: dict[str, str]
    entries: tuple[ReferenceEntry, ...]


class DecisionView(NamedTuple):
    """A decision's fields, in the manifest's order (the JSON report keeps it)."""

    rationale: str | None
    owner: str | None
    approved_by: str | None
    expires: dt.date | None
    mitigation: str | None
    tracking: str | None


class EntryView(NamedTuple):
    """Where the manifest stands on a check, as written."""

    status: str
    # Each evidence item as reports show it: a link or path, or a described workflow.
    evidence: tuple[str, ...]
    decision: DecisionView | None
    reason: str | None
    approved_by: str | None
    # The evidence JSON-ready, for the JSON report (structured items stay structured).
    evidence_data: tuple[Any, ...] = ()


class CheckView(NamedTuple):
    check: CheckInfo
    required: bool
    status: str
    outcome: str
    problems: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    entry: EntryView | None
    auto_na: bool
    # What measured evidence showed when it held, in words with its numbers.
    measured: tuple[str, ...]
    # How much the profile weighs it: annotations rank by it.
    weight: int
    # The line of its entry, and of its decision, where the manifest has them.
    line: int | None
    decision_line: int | None


class Named(NamedTuple):
    name: str
    owner: str | None = None


class ProfileView(NamedTuple):
    name: str
    min_score: int | None


class ManifestView(NamedTuple):
    """One manifest, judged."""

    file: str
    # Its path inside its repository, where known: links and SARIF name it so.
    repo_path: str | None
    system: Named
    profile: ProfileView
    today: dt.date
    verdict: str
    score: int
    layers: dict[str, int | None]
    # Every layer of the catalogue with its title, in the catalogue's order.
    layer_titles: dict[str, str]
    checks: tuple[CheckView, ...]
    problems: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    gaps: list[str]
    # Every check of the catalogue (SARIF lists them all as rules).
    catalogue: tuple[CheckInfo, ...]
    # The manifest's text, for quoting a line under its finding.
    text: str = ""

    def text_of(self, line: int | None) -> str | None:
        """The manifest's line `line` (its credentials hidden, as all of `text` is)."""
        return line_of(self.text, line)


class ChangeView(NamedTuple):
    """One way a change moved the manifest or its bar."""

    check: str | None
    kind: str
    before: str | None
    after: str | None
    line: int | None
    # It lowers the bar: the system's owner must approve it.
    lowers_bar: bool = False


class SectionView(NamedTuple):
    """One manifest of a run: judged, or the one-line reason it could not be."""

    path: str
    evaluation: ManifestView | None
    error: str | None = None
    error_line: int | None = None
    # The manifest as the change's base had it (None with `compared`: new in the change).
    baseline: ManifestView | None = None
    compared: bool = False
    changes: tuple[ChangeView, ...] = ()


def by_owner(items: Sequence[Due]) -> dict[str, list[Due]]:
    """Each owner's decisions due, owners in alphabetical order, soonest first."""
    groups: dict[str, list[Due]] = {}
    for item in sorted(items, key=lambda x: (x.owner.casefold(), x.expires, x.check)):
        groups.setdefault(item.owner, []).append(item)
    return groups


class _Verdict(Protocol):
    @property
    def verdict(self) -> str: ...


class _Judged(Protocol):
    @property
    def evaluation(self) -> _Verdict | None: ...


def verdict(sections: Sequence[_Judged]) -> str:
    """One verdict for a run: error if any manifest could not be judged, else fail if any
    failed. The judge's sections and their views answer alike."""
    if any(s.evaluation is None for s in sections):
        return "error"
    failed = any(s.evaluation and s.evaluation.verdict == "fail" for s in sections)
    return "fail" if failed else "pass"
