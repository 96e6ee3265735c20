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

    workflow: Text = Field(description="The workflow's file name or path.", examples=["evals.yml"])
    branch: Text | None = Field(
        default=None, description="Only runs on this branch count (default: any branch)."
    )
    max_age_days: int | None = Field(
        default=None, ge=1, description="The latest green run may be at most this many days old."
    )
    repo: Text | None = Field(
        default=None,
        description="owner/name of the repository running it (default: this one).",
        examples=["acme/evals"],
    )


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
    """Why the team ships without this control, who owns that, who agreed, and until when."""

    rationale: Text | None = Field(
        default=None,
        description="Why shipping without the control is acceptable for now.",
        examples=["Traffic is internal only until the EU launch."],
    )
    owner: Person | None = Field(
        default=None,
        description="Who answers for the risk: a GitHub @user or @org/team.",
        examples=["@sam"],
    )
    approved_by: Person | None = Field(
        default=None,
        description="Who agreed to take the risk; profiles that ask for it want someone "
        "other than the owner.",
        examples=["@priya"],
    )
    expires: Date | None = Field(
        default=None,
        description="The decision lapses on this date (YYYY-MM-DD) and the check becomes a "
        "gap again; profiles cap how far out it may be.",
        examples=["2027-03-01"],
    )
    mitigation: Text | None = Field(
        default=None, description="What limits the damage meanwhile (required by some profiles)."
    )
    tracking: Text | None = Field(
        default=None,
        description="Link to the open issue that tracks closing the gap (required by some "
        "profiles).",
        examples=["https://github.com/acme/app/issues/42"],
    )


class CheckEntry(Strict):
    """Where the team stands on one check of the catalogue."""

    status: Status = Field(
        description="done: the control exists (give evidence); accepted-risk: shipping "
        "without it on purpose (give a decision); not-applicable: it does not apply (give a "
        "reason); todo: not decided yet, which fails the gate when the profile requires it."
    )
    evidence: Annotated[list[EvidenceItem], _none_as_empty(list)] = Field(
        default=[],
        description="What shows the control exists: URLs, repository paths (with #anchor or "
        "#L10), or {workflow: ...} for a CI workflow that must be green. Each is verified.",
        examples=[["docs/runbooks/rollback.md", "https://grafana.example.com/d/llm"]],
    )
    decision: Decision | None = Field(
        default=None, description="For accepted-risk: the signed decision."
    )
    reason: Text | None = Field(
        default=None,
        description="For not-applicable: why the check does not apply to this system.",
    )
    approved_by: Person | None = Field(
        default=None,
        description="For not-applicable: who agreed (required by some profiles).",
    )
    reviewed: Date | None = Field(
        default=None,
        description="For done: when the evidence was last looked at (YYYY-MM-DD); profiles "
        "with attestation_max_age_days treat older claims as stale.",
    )
    notes: Text | None = Field(default=None, description="Free text for people; not judged.")


class System(Strict):
    """The LLM feature this manifest is about."""

    name: Text = Field(
        description="The system's name, as reports show it.", examples=["support-bot"]
    )
    owner: Person | None = Field(
        default=None,
        description="The team or person answerable for it; the default owner of its decisions.",
        examples=["@acme/ml"],
    )
    capabilities: list[Capability] = Field(
        default=[],
        description="What it does beyond answering: rag (retrieval), tools (calls functions or "
        "APIs), agents (plans several steps). Checks that need a capability it lacks do not "
        "apply.",
        examples=[["rag", "tools"]],
    )
    description: Text | None = Field(default=None, description="One paragraph for reviewers.")


def _version(value: Any) -> Any:
    # Literal[1] would also take 1.0 and True; a manifest version is an exact integer.
    if type(value) is not int or value != 1:
        raise ValueError(f"unsupported manifest version {brief(value)}; this launch-gate reads 1")
    return value


class Manifest(Strict):
    """A readiness manifest: what is done, which risks are accepted and what does not apply,
    check by check."""

    version: Annotated[
        int,
        BeforeValidator(_version),
        Field(json_schema_extra={"const": 1}, description="The manifest format: always 1."),
    ]
    system: System = Field(description="The system the manifest is about.")
    profile: str | None = Field(
        default=None,
        description="The bar: minimum-viable (mvp), startup, enterprise, regulated, or a "
        "policy file's path relative to this file (default: startup).",
        examples=["enterprise"],
    )
    checks: Annotated[dict[str, CheckEntry], _none_as_empty(dict)] = Field(
        default={},
        description="One entry per catalogue check ID; a required check left out is a gap.",
    )


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
