"""The readiness manifest (``readiness.yaml``, version 1): its shape, as data.

load/manifest.py reads a file into it strictly; nothing here touches a file.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BeforeValidator, Discriminator, Field, Tag

from launch_gate.errors import brief
from launch_gate.judge.catalogue import Capability
from launch_gate.judge.document import Document
from launch_gate.judge.models import Strict

Status = Literal["done", "accepted-risk", "not-applicable", "todo"]


def _as_date(value: Any) -> Any:
    # YAML gives a date for `2027-01-15`, a string when quoted, a datetime for a
    # timestamp; accept the first two and refuse the third by name.
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a timestamp")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{brief(value)} is not a date in the form YYYY-MM-DD") from None
    return value


Date = Annotated[dt.date, BeforeValidator(_as_date)]


def _none_as_empty(empty: Any) -> Any:
    # `checks:` or `evidence:` with every entry commented out is null in YAML;
    # read it as empty rather than as a type error.
    return BeforeValidator(lambda v: empty() if v is None else v)


Text = Annotated[str, Field(min_length=1, max_length=4000)]
Person = Annotated[str, Field(min_length=1, max_length=200)]


class WorkflowEvidence(Strict):
    """A GitHub Actions workflow whose latest completed run must be green and fresh."""

    workflow: Text
    branch: Text | None = None
    max_age_days: int | None = Field(default=None, ge=1)
    repo: Text | None = None


def _evidence_kind(value: Any) -> str:
    return "workflow-run" if isinstance(value, dict) else "url-or-path"


# A discriminator picks the branch up front, so a typo in a mapping gets one
# error about the mapping, not a second one saying it is not a string.
EvidenceItem = Annotated[
    Annotated[str, Field(min_length=1, max_length=2000), Tag("url-or-path")]
    | Annotated[WorkflowEvidence, Tag("workflow-run")],
    Discriminator(_evidence_kind),
]


class Decision(Strict):
    rationale: Text | None = None
    owner: Person | None = None
    approved_by: Person | None = None
    expires: Date | None = None
    mitigation: Text | None = None
    tracking: Text | None = None


class CheckEntry(Strict):
    status: Status
    evidence: Annotated[list[EvidenceItem], _none_as_empty(list)] = []
    decision: Decision | None = None
    reason: Text | None = None
    approved_by: Person | None = None
    reviewed: Date | None = None
    notes: Text | None = None


class System(Strict):
    name: Text
    owner: Person | None = None
    capabilities: list[Capability] = []
    description: Text | None = None


def _version(value: Any) -> Any:
    # Literal[1] would also take 1.0 and True; a manifest version is an exact integer.
    if type(value) is not int or value != 1:
        raise ValueError(f"unsupported manifest version {brief(value)}; this launch-gate reads 1")
    return value


class Manifest(Strict):
    version: Annotated[int, BeforeValidator(_version), Field(json_schema_extra={"const": 1})]
    system: System
    profile: str | None = None
    checks: Annotated[dict[str, CheckEntry], _none_as_empty(dict)] = {}


class LoadedManifest(NamedTuple):
    manifest: Manifest
    doc: Document
    # Its path inside its repository (POSIX), where the shell could tell: SARIF and
    # links name it so, whatever folder the gate was run from.
    repo_path: str | None = None

    @property
    def file(self) -> str:
        return self.doc.file

    def line(self, *path: str | int) -> int | None:
        return self.doc.line(path)
