"""The JSON report: a versioned contract, kept apart from the internal models.

Fields may be added within a version; renaming or removing one needs a new
``report_version``.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from launch_gate import __version__
from launch_gate.judge.diff import Change
from launch_gate.judge.evaluate import CheckResult, Evaluation
from launch_gate.judge.evidence import hide_credentials
from launch_gate.judge.findings import Finding
from launch_gate.judge.manifest import Decision
from launch_gate.judge.shape import dump
from launch_gate.report.audit import Audit

REPORT_VERSION: Literal[1] = 1


class Problem(NamedTuple):
    code: str
    message: str
    line: int | None
    hint: str


class Warning_(NamedTuple):
    code: str
    message: str
    line: int | None
    hint: str
    check: str | None


class CheckReport(NamedTuple):
    id: str
    layer: str
    title: str
    required: bool
    status: str
    outcome: str
    problems: list[Problem]
    evidence: list[Any] = []
    decision: dict[str, Any] | None = None
    reason: str | None = None


class ChangeReport(NamedTuple):
    check: str | None
    kind: str
    before: str | None
    after: str | None
    line: int | None


class Report(NamedTuple):
    tool: dict[str, str]
    verdict: Literal["pass", "fail"]
    profile: str
    manifest: str
    system: str
    today: str
    score: int
    min_score: int | None
    layers: dict[str, int | None]
    gaps: list[str]
    checks: list[CheckReport]
    problems: list[Warning_]
    warnings: list[Warning_]
    # Filled by `launch-gate diff` and on pull requests: what the change did.
    changes: list[ChangeReport] = []
    # Filled when asked for (`check --audit`, the Action): what exactly was judged.
    audit: Audit | None = None
    report_version: Literal[1] = REPORT_VERSION

    def data(self) -> dict[str, Any]:
        """As the JSON report has it: the version first, then the fields in order."""
        out: dict[str, Any] = dump(self)
        return {"report_version": out.pop("report_version"), **out}

    def json(self) -> str:
        import json  # only the JSON format needs it

        return json.dumps(self.data(), indent=2, ensure_ascii=False) + "\n"


def _problem(f: Finding) -> Problem:
    return Problem(code=f.code, message=f.message, line=f.line, hint=f.hint)


def _warning(f: Finding) -> Warning_:
    return Warning_(check=f.check, code=f.code, message=f.message, line=f.line, hint=f.hint)


def _check(r: CheckResult) -> CheckReport:
    entry = r.entry
    return CheckReport(
        id=r.check.id,
        layer=r.check.layer,
        title=r.check.title,
        required=r.required,
        status=r.status,
        outcome=r.outcome,
        problems=[_problem(p) for p in r.problems],
        evidence=[
            hide_credentials(e) if isinstance(e, str) else dump(e, drop_none=True)
            for e in entry.evidence
        ]
        if entry
        else [],
        decision=_decision(entry.decision) if entry and entry.decision else None,
        reason=entry.reason if entry else None,
    )


def _decision(decision: Decision) -> dict[str, Any]:
    data: dict[str, Any] = dump(decision, drop_none=True)
    if "tracking" in data:
        data["tracking"] = hide_credentials(data["tracking"])
    return data


def build(
    ev: Evaluation, changes: list[Change] | None = None, audit: Audit | None = None
) -> Report:
    return Report(
        tool={"name": "launch-gate", "version": __version__},
        verdict=ev.verdict,
        profile=ev.profile.name,
        manifest=ev.loaded.file,
        system=ev.loaded.manifest.system.name,
        today=ev.today.isoformat(),
        score=ev.score,
        min_score=ev.profile.min_score,
        layers=ev.layers,
        gaps=ev.gaps,
        checks=[_check(r) for r in ev.checks],
        problems=[_warning(p) for p in ev.problems],
        warnings=[_warning(w) for w in ev.warnings],
        changes=[ChangeReport(**c._asdict()) for c in changes or ()],
        audit=audit,
    )
