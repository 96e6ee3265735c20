"""The readiness manifest (``readiness.yaml``, version 1): its shape, as data.

load/manifest.py reads a file into it strictly; nothing here touches a file.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, NamedTuple

from launch_gate.errors import Unfit, brief
from launch_gate.judge.catalogue import Capability
from launch_gate.judge.document import Document
from launch_gate.judge.shape import about

Status = Literal["done", "accepted-risk", "not-applicable", "todo"]

# Measured evidence, as far as a manifest's shape needs it (judge/measure.py judges the
# numbers; kept here so a manifest without measured evidence imports nothing more).
ResultsFormat = Literal["promptfoo", "deepeval", "junit", "inspect", "lm-eval", "json"]
FORMATS: tuple[ResultsFormat, ...] = (
    "promptfoo",
    "deepeval",
    "junit",
    "inspect",
    "lm-eval",
    "json",
)
# What every format but `json` is read into; named metrics are `metrics.<name>`.
COUNTS = ("tests", "passed", "failed", "errors", "skipped")
NORMALISED = (*COUNTS, "pass_rate")
Operator = Literal[">=", "<=", "==", "!=", ">", "<"]
_OPERATORS: tuple[Operator, ...] = (">=", "<=", "==", "!=", ">", "<")
_ASSERTION = re.compile(r"^\s*(>=|<=|==|!=|>|<)?\s*([-+]?[0-9]+(?:\.[0-9]+)?)\s*(%?)\s*$")


def canonical(value: Any) -> str:
    """An assertion as the manifest may write it (`">= 0.95"`, `"95%"`, `200`), checked and
    spelled one way (`>= 0.95`); a bare number means at least that. ValueError names what
    is wrong, for a message at its line."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(
            f"{brief(value)} is not an assertion; write an operator and a number, "
            'like ">= 0.95", "== 0" or "95%"'
        )
    found = _ASSERTION.match(str(value))
    if found is None:
        raise ValueError(
            f"{brief(value)} is not an assertion; write one of >=, >, <=, <, ==, != and a "
            'number, like ">= 0.95", "== 0" or "95%"'
        )
    op, number, percent = found.groups()
    return f"{op or '>='} {number}{percent}"


def unknown_key(key: str, fmt: ResultsFormat) -> str | None:
    """Why `key` cannot be asserted on a `fmt` file, or None when it can."""
    if fmt == "json" or key in NORMALISED:
        return None
    if key.startswith("metrics.") and len(key) > len("metrics."):
        return None
    return f"'{key}' is not a number launch-gate reads from {fmt} results"


def keys_allowed() -> tuple[str, ...]:
    return (*NORMALISED, "metrics.<name>")


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def impossible_date(text: str) -> str | None:
    """Why a YYYY-MM-DD that is no date is none: `2027-02-30: February 2027 has 28 days`."""
    import calendar

    found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", text)
    if found is None:
        return None
    year, month, day = (int(x) for x in found.groups())
    if not 1 <= month <= 12:
        return f"{text.strip()}: there is no month {month}; write YYYY-MM-DD"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{text.strip()}: {_MONTHS[month - 1]} {year} has {days} days"
    return None


def date_fix(text: str) -> str:
    """How to write `text`, which is no date, as the date it probably means."""
    day_first = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", text)
    if day_first:
        d, m, y = day_first.groups()
        return f"write it year first: `{y}-{int(m):02d}-{int(d):02d}`"
    found = re.fullmatch(r"\s*\d{4}-(\d{1,2})-\d{1,2}\s*", text)
    if found and impossible_date(text):
        month = int(found[1])
        return "choose a day the month has" if 1 <= month <= 12 else "choose a month from 01 to 12"
    return "write the date as YYYY-MM-DD, e.g. `2027-03-31`"


def _as_date(value: Any) -> Any:
    # YAML gives a date for `2027-01-15`, a string when quoted, a datetime for a
    # timestamp; accept the first two and refuse the third by name.
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a timestamp")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            why = impossible_date(value)
            raise Unfit(
                why or f"{brief(value)} is not a date in the form YYYY-MM-DD", date_fix(value)
            ) from None
    return value


Date = Annotated[dt.date, about(before=_as_date)]


def _none_as_empty(empty: Any) -> Any:
    # `checks:` or `evidence:` with every entry commented out is null in YAML;
    # read it as empty rather than as a type error.
    return lambda v: empty() if v is None else v


Text = Annotated[str, about(min_length=1, max_length=4000)]
Person = Annotated[str, about(min_length=1, max_length=200)]


Assertions = Annotated[
    dict[str, Annotated[str, about(before=canonical)]],
    about(
        "Numbers the results must meet, by name: tests, passed, failed, errors, skipped, "
        "pass_rate (passed / (passed + failed + errors)) or metrics.<name>; for format json, "
        "a dotted path into the document. Each is an operator and a number.",
        examples=[{"pass_rate": ">= 0.95", "tests": ">= 200"}],
        alias="assert",
        min_length=1,
    ),
]
Format = Annotated[
    ResultsFormat,
    about("The tool that wrote the results: promptfoo, deepeval, junit, inspect, lm-eval, json."),
]


class ResultsEvidence(NamedTuple):
    """An eval run's results file in the repository, and the numbers it must show."""

    results: Annotated[
        Text,
        about(
            "The results file, relative to the repository root.",
            examples=["evals/results.json"],
        ),
    ]
    format: Format
    assert_: Assertions


class WorkflowEvidence(NamedTuple):
    """A GitHub Actions workflow whose latest completed run must be green and fresh; with
    `artifact`, the numbers of a results file that run uploaded."""

    workflow: Annotated[Text, about("The workflow's file name or path.", examples=["evals.yml"])]
    branch: Annotated[
        Text | None, about("Only runs on this branch count (default: any branch).")
    ] = None
    max_age_days: Annotated[
        int | None, about("The latest green run may be at most this many days old.", ge=1)
    ] = None
    repo: Annotated[
        Text | None,
        about(
            "owner/name of the repository running it (default: this one).", examples=["acme/evals"]
        ),
    ] = None
    artifact: Annotated[
        Text | None,
        about(
            "The name of an artifact that run uploaded, holding a results file (give format "
            "and assert too).",
            examples=["promptfoo-results"],
        ),
    ] = None
    file: Annotated[
        Text | None,
        about("The results file inside the artifact (default: its only file).",
              examples=["output.json"]),
    ] = None  # fmt: skip
    format: Annotated[ResultsFormat | None, about("With artifact: the tool that wrote it.")] = None
    assert_: Annotated[
        dict[str, Annotated[str, about(before=canonical)]] | None,
        about("With artifact: the numbers it must show.", alias="assert"),
    ] = None


# A URL or a repository path, a workflow that must be green, or measured results (shape.py
# tells the mappings apart by their first key: `workflow` or `results`).
EvidenceItem = (
    Annotated[str, about(min_length=1, max_length=2000)] | WorkflowEvidence | ResultsEvidence
)


class Decision(NamedTuple):
    """Why the team ships without this control, who owns that, who agreed, and until when."""

    rationale: Annotated[
        Text | None,
        about(
            "Why shipping without the control is acceptable for now.",
            examples=["Traffic is internal only until the EU launch."],
        ),
    ] = None
    owner: Annotated[
        Person | None,
        about("Who answers for the risk: a GitHub @user or @org/team.", examples=["@sam"]),
    ] = None
    approved_by: Annotated[
        Person | None,
        about(
            "Who agreed to take the risk; profiles that ask for it want someone other than the "
            "owner.",
            examples=["@priya"],
        ),
    ] = None
    expires: Annotated[
        Date | None,
        about(
            "The decision lapses on this date (YYYY-MM-DD) and the check becomes a gap again; "
            "profiles cap how far out it may be.",
            examples=["2027-03-01"],
        ),
    ] = None
    mitigation: Annotated[
        Text | None, about("What limits the damage meanwhile (required by some profiles).")
    ] = None
    tracking: Annotated[
        Text | None,
        about(
            "Link to the open issue that tracks closing the gap (required by some profiles).",
            examples=["https://github.com/acme/app/issues/42"],
        ),
    ] = None


class CheckEntry(NamedTuple):
    """Where the team stands on one check of the catalogue."""

    status: Annotated[
        Status,
        about(
            "done: the control exists (give evidence); accepted-risk: shipping without it on "
            "purpose (give a decision); not-applicable: it does not apply (give a reason); todo: "
            "not decided yet, which fails the gate when the profile requires it."
        ),
    ]
    evidence: Annotated[
        list[EvidenceItem],
        about(
            "What shows the control exists: URLs, repository paths (with #anchor or #L10), or "
            "{workflow: ...} for a CI workflow that must be green. Each is verified.",
            before=_none_as_empty(list),
            examples=[["docs/runbooks/rollback.md", "https://grafana.example.com/d/llm"]],
        ),
    ] = []
    decision: Annotated[Decision | None, about("For accepted-risk: the signed decision.")] = None
    reason: Annotated[
        Text | None, about("For not-applicable: why the check does not apply to this system.")
    ] = None
    approved_by: Annotated[
        Person | None, about("For not-applicable: who agreed (required by some profiles).")
    ] = None
    reviewed: Annotated[
        Date | None,
        about(
            "For done: when the evidence was last looked at (YYYY-MM-DD); profiles with "
            "attestation_max_age_days treat older claims as stale."
        ),
    ] = None
    notes: Annotated[Text | None, about("Free text for people; not judged.")] = None


class System(NamedTuple):
    """The LLM feature this manifest is about."""

    name: Annotated[Text, about("The system's name, as reports show it.", examples=["support-bot"])]
    owner: Annotated[
        Person | None,
        about(
            "The team or person answerable for it; the default owner of its decisions.",
            examples=["@acme/ml"],
        ),
    ] = None
    capabilities: Annotated[
        list[Capability],
        about(
            "What it does beyond answering: rag (retrieval), tools (calls functions or APIs), "
            "agents (plans several steps). Checks that need a capability it lacks do not apply.",
            examples=[["rag", "tools"]],
        ),
    ] = []
    description: Annotated[Text | None, about("One paragraph for reviewers.")] = None


def _version(value: Any) -> Any:
    # Literal[1] would also take 1.0 and True; a manifest version is an exact integer.
    if type(value) is not int or value != 1:
        raise Unfit(
            f"unsupported manifest version {brief(value)}; this launch-gate reads 1",
            "write `version: 1`, or upgrade launch-gate if the file was written for a newer one",
        )
    return value


class Manifest(NamedTuple):
    """A readiness manifest: what is done, which risks are accepted and what does not apply,
    check by check."""

    version: Annotated[
        int, about("The manifest format: always 1.", before=_version, json={"const": 1})
    ]
    system: Annotated[System, about("The system the manifest is about.")]
    profile: Annotated[
        str | None,
        about(
            "The bar: minimum-viable (mvp), startup, enterprise, regulated, or a policy file's "
            "path relative to this file (default: startup).",
            examples=["enterprise"],
        ),
    ] = None
    checks: Annotated[
        dict[str, CheckEntry],
        about(
            "One entry per catalogue check ID; a required check left out is a gap.",
            before=_none_as_empty(dict),
        ),
    ] = {}


class LoadedManifest(NamedTuple):
    manifest: Manifest
    doc: Document
    # Its path inside its repository (POSIX), where the shell could tell: SARIF and
    # links name it so, whatever folder the gate was run from.
    repo_path: str | None = None
    # SHA-256 of the bytes judged, when an audit asked for it at loading: the audit block
    # names these bytes, not whatever the file holds by the time the report is written.
    sha256: str | None = None

    @property
    def file(self) -> str:
        return self.doc.file

    def line(self, *path: str | int) -> int | None:
        return self.doc.line(path)
