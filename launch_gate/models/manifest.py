"""The readiness manifest (``readiness.yaml``, version 1)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, get_args

from pydantic import BeforeValidator, Discriminator, Field, Tag

from launch_gate.judge.values import (
    SCALAR,
    Capability,
    EvidenceKind,
    ResultsFormat,
    Status,
    as_date,
    canonical,
    none_as_empty_dict,
    none_as_empty_list,
    tag,
    version_one,
)
from launch_gate.models.base import Person, Shape, Text

Date = Annotated[dt.date, BeforeValidator(as_date)]
Assertion = Annotated[str, BeforeValidator(canonical)]


class ResultsEvidence(Shape):
    """An eval run's results file in the repository, and the numbers it must show."""

    results: Text = Field(
        description="The results file, relative to the repository root.",
        examples=["evals/results.json"],
    )
    format: ResultsFormat = Field(
        description="The tool that wrote the results: promptfoo, deepeval, junit, inspect, "
        "lm-eval, json."
    )
    assert_: dict[str, Assertion] = Field(
        alias="assert",
        min_length=1,
        description="Numbers the results must meet, by name: tests, passed, failed, errors, "
        "skipped, pass_rate (passed / (passed + failed + errors)) or metrics.<name>; for format "
        "json, a dotted path into the document. Each is an operator and a number.",
        examples=[{"pass_rate": ">= 0.95", "tests": ">= 200"}],
    )


class WorkflowEvidence(Shape):
    """A GitHub Actions workflow whose latest completed run must be green and fresh; with
    `artifact`, the numbers of a results file that run uploaded."""

    workflow: Text = Field(description="The workflow's file name or path.", examples=["evals.yml"])
    branch: Text | None = Field(
        None, description="Only runs on this branch count (default: any branch)."
    )
    max_age_days: int | None = Field(
        None, ge=1, description="The latest green run may be at most this many days old."
    )
    repo: Text | None = Field(
        None,
        description="owner/name of the repository running it (default: this one).",
        examples=["acme/evals"],
    )
    artifact: Text | None = Field(
        None,
        description="The name of an artifact that run uploaded, holding a results file (give "
        "format and assert too).",
        examples=["promptfoo-results"],
    )
    file: Text | None = Field(
        None,
        description="The results file inside the artifact (default: its only file).",
        examples=["output.json"],
    )
    format: ResultsFormat | None = Field(None, description="With artifact: the tool that wrote it.")
    assert_: dict[str, Assertion] | None = Field(
        None, alias="assert", description="With artifact: the numbers it must show."
    )


# A URL or a repository path, a workflow that must be green, or measured results: a mapping
# is told apart by its kind key, so a new kind is one more tag here.
_ITEM = (
    Annotated[str, Field(min_length=1, max_length=2000), Tag(SCALAR)]
    | Annotated[WorkflowEvidence, Tag(tag("workflow"))]
    | Annotated[ResultsEvidence, Tag(tag("results"))]
)
# The kind keys, read from those tags: the one list of kinds.
EVIDENCE_KINDS = tuple(
    m.tag.strip("{}")
    for arg in get_args(_ITEM)
    for m in arg.__metadata__
    if isinstance(m, Tag) and m.tag != SCALAR
)
EvidenceItem = Annotated[
    _ITEM,
    Discriminator(
        EvidenceKind(EVIDENCE_KINDS),
        custom_error_type="evidence_kind",
        custom_error_message="a mapping here needs "
        + " or ".join(f"`{kind}:`" for kind in EVIDENCE_KINDS),
    ),
]


class Decision(Shape):
    """Why the team ships without this control, who owns that, who agreed, and until when."""

    rationale: Text | None = Field(
        None,
        description="Why shipping without the control is acceptable for now.",
        examples=["Traffic is internal only until the EU launch."],
    )
    owner: Person | None = Field(
        None,
        description="Who answers for the risk: a GitHub @user or @org/team.",
        examples=["@sam"],
    )
    approved_by: Person | None = Field(
        None,
        description="Who agreed to take the risk; profiles that ask for it want someone other "
        "than the owner.",
        examples=["@priya"],
    )
    expires: Date | None = Field(
        None,
        description="The decision lapses on this date (YYYY-MM-DD) and the check becomes a gap "
        "again; profiles cap how far out it may be.",
        examples=["2027-03-01"],
    )
    mitigation: Text | None = Field(
        None, description="What limits the damage meanwhile (required by some profiles)."
    )
    tracking: Text | None = Field(
        None,
        description="Link to the open issue that tracks closing the gap (required by some "
        "profiles).",
        examples=["https://github.com/acme/app/issues/42"],
    )


class CheckEntry(Shape):
    """Where the team stands on one check of the catalogue."""

    status: Status = Field(
        description="done: the control exists (give evidence); accepted-risk: shipping without "
        "it on purpose (give a decision); not-applicable: it does not apply (give a reason); "
        "todo: not decided yet, which fails the gate when the profile requires it."
    )
    evidence: Annotated[list[EvidenceItem], BeforeValidator(none_as_empty_list)] = Field(
        [],
        description="What shows the control exists: URLs, repository paths (with #anchor or "
        "#L10), or {workflow: ...} for a CI workflow that must be green. Each is verified.",
        examples=[["docs/runbooks/rollback.md", "https://grafana.example.com/d/llm"]],
    )
    decision: Decision | None = Field(None, description="For accepted-risk: the signed decision.")
    reason: Text | None = Field(
        None, description="For not-applicable: why the check does not apply to this system."
    )
    approved_by: Person | None = Field(
        None, description="For not-applicable: who agreed (required by some profiles)."
    )
    reviewed: Date | None = Field(
        None,
        description="For done: when the evidence was last looked at (YYYY-MM-DD); profiles with "
        "attestation_max_age_days treat older claims as stale.",
    )
    notes: Text | None = Field(None, description="Free text for people; not judged.")


class System(Shape):
    """The LLM feature this manifest is about."""

    name: Text = Field(
        description="The system's name, as reports show it.", examples=["support-bot"]
    )
    owner: Person | None = Field(
        None,
        description="The team or person answerable for it; the default owner of its decisions.",
        examples=["@acme/ml"],
    )
    capabilities: list[Capability] = Field(
        [],
        description="What it does beyond answering: rag (retrieval), tools (calls functions or "
        "APIs), agents (plans several steps). Checks that need a capability it lacks do not "
        "apply.",
        examples=[["rag", "tools"]],
    )
    description: Text | None = Field(None, description="One paragraph for reviewers.")


class Manifest(Shape):
    """A readiness manifest: what is done, which risks are accepted and what does not apply,
    check by check."""

    version: Annotated[int, BeforeValidator(version_one)] = Field(
        description="The manifest format: always 1.", json_schema_extra={"const": 1}
    )
    system: System = Field(description="The system the manifest is about.")
    profile: str | None = Field(
        None,
        description="The bar: minimum-viable (mvp), startup, enterprise, regulated, or a policy "
        "file's path relative to this file (default: startup).",
        examples=["enterprise"],
    )
    checks: Annotated[dict[str, CheckEntry], BeforeValidator(none_as_empty_dict)] = Field(
        {},
        description="One entry per catalogue check ID; a required check left out is a gap.",
    )
