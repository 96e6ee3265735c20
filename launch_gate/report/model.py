"""The JSON report: a versioned contract, kept apart from the internal models.

Fields may be added within a version; renaming or removing one needs a new
``report_version``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, NamedTuple, NotRequired, TypedDict

from pydantic_core import PydanticSerializationError, to_json

from launch_gate import __version__
from launch_gate.findings import Finding
from launch_gate.judge.shape import dump
from launch_gate.report.audit import Audit
from launch_gate.report.view import ChangeView, CheckView, ManifestView

REPORT_VERSION: Literal[1] = 1


# The entries a report holds by the thousand (a check each, 200 manifests in a monorepo) are
# written JSON-ready when the report is built: copying them again, field by field, cost a
# monorepo run as much as judging it (docs/performance.md).
class Problem(TypedDict):
    code: str
    message: str
    line: int | None
    hint: str


class Warning_(Problem):
    check: str | None


class CheckReport(TypedDict):
    id: str
    layer: str
    title: str
    required: bool
    status: str
    outcome: str
    problems: list[Problem]
    evidence: list[Any]
    decision: dict[str, Any] | None
    reason: str | None
    # Measured evidence that held, in words with its numbers (absent when none).
    measured: NotRequired[list[str]]


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
        out: dict[str, Any] = {"report_version": self.report_version, **self._asdict()}
        # Only these hold NamedTuples; the rest is JSON-ready as built.
        out["changes"] = [c._asdict() for c in self.changes]
        out["audit"] = dump(self.audit)
        return out

    def json(self) -> str:
        import json  # only the JSON format needs it

        return json.dumps(self.data(), indent=2, ensure_ascii=False) + "\n"


def _problem(f: Finding) -> Problem:
    return {"code": f.code, "message": f.message, "line": f.line, "hint": f.hint}


def _warning(f: Finding) -> Warning_:
    return {"code": f.code, "message": f.message, "line": f.line, "hint": f.hint,
            "check": f.check}  # fmt: skip


def _check(r: CheckView) -> CheckReport:
    entry = r.entry
    check = r.check
    out: CheckReport = {
        "id": check.id,
        "layer": check.layer,
        "title": check.title,
        "required": r.required,
        "status": r.status,
        "outcome": r.outcome,
        "problems": [_problem(p) for p in r.problems] if r.problems else [],
        "evidence": list(entry.evidence_data) if entry else [],
        "decision": dump(entry.decision, drop_none=True) if entry and entry.decision else None,
        "reason": (entry.reason or None) if entry else None,
    }
    if r.measured:
        out["measured"] = list(r.measured)
    return out


def build(
    ev: ManifestView, changes: Sequence[ChangeView] = (), audit: Audit | None = None
) -> Report:
    """The JSON report of one manifest: its view, in the contract's field names."""
    return Report(
        tool={"name": "launch-gate", "version": __version__},
        verdict=ev.verdict,  # type: ignore[arg-type]
        profile=ev.profile.name,
        manifest=ev.file,
        system=ev.system.name,
        today=ev.today.isoformat(),
        score=ev.score,
        min_score=ev.profile.min_score,
        layers=ev.layers,
        gaps=ev.gaps,
        checks=[_check(r) for r in ev.checks],
        problems=[_warning(p) for p in ev.problems],
        warnings=[_warning(w) for w in ev.warnings],
        changes=[ChangeReport(c.check, c.kind, c.before, c.after, c.line) for c in changes],
        audit=audit,
    )


class RunReport(NamedTuple):
    """The Action's report: one verdict over every manifest the glob matched, each one's
    report as `check --format json` writes it (with its changes and audit block), and the
    manifests that could not be read."""

    verdict: str
    score: int | None
    gaps: list[str]
    manifests: Iterable[Report]
    errors: list[dict[str, str]]

    def parts(self) -> Iterator[bytes]:
        """The report as one line of JSON, made a manifest at a time: the same bytes as
        encoding it whole, without holding it whole (200 manifests: 2.6 MB; peak RSS 47 MiB
        against 57 whole, docs/performance.md)."""
        head = {
            "report_version": REPORT_VERSION,
            "tool": {"name": "launch-gate", "version": __version__},
            "verdict": self.verdict,
            "score": self.score,
            "gaps": self.gaps,
        }
        # The head is an object: its closing brace makes way for the remaining keys.
        yield compact_json_bytes(head)[:-1] + b',"manifests":['
        comma = b""
        for report in self.manifests:
            yield comma + compact_json_bytes(report.data())
            comma = b","
        yield b'],"errors":' + compact_json_bytes(self.errors) + b"}\n"


def compact_json_bytes(data: Any) -> bytes:
    """`data` as one line of JSON in UTF-8, by pydantic-core's serializer: a 200-manifest
    report (2.6 MB) takes it 8 ms, against 30 ms for json's C encoder."""
    try:
        return to_json(data)
    except PydanticSerializationError:
        # Text UTF-8 cannot hold (a file name's undecodable bytes, which Python keeps as lone
        # surrogates): written as a JSON escape, the rest as UTF-8 like pydantic-core's, so a
        # report mixing both reads as one.
        import json

        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        return text.encode("utf-8", "backslashreplace")
