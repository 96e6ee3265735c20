"""The readiness manifest (``readiness.yaml``, version 1): its shape, as data.

The shape is written as pydantic models in launch_gate/models/manifest.py and generated into
judge/shapes.py; this module is where the judge finds it, with what the judge adds to it.
load/manifest.py reads a file into it strictly; nothing here touches a file.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import NamedTuple

from launch_gate.errors import did_you_mean
from launch_gate.judge.document import Document, KeyPath
from launch_gate.judge.shapes import Manifest, ResultsEvidence, WorkflowEvidence
from launch_gate.judge.values import ResultsFormat

# Measured evidence, as far as a manifest's shape needs it (judge/measure.py judges the
# numbers; kept here so a manifest without measured evidence imports nothing more).
FORMATS: tuple[ResultsFormat, ...] = typing.get_args(ResultsFormat)
# What every format but `json` is read into; named metrics are `metrics.<name>`.
COUNTS = ("tests", "passed", "failed", "errors", "skipped")
NORMALISED = (*COUNTS, "pass_rate")


def unknown_key(key: str, fmt: ResultsFormat) -> str | None:
    """Why `key` cannot be asserted on a `fmt` file, or None when it can."""
    if fmt == "json" or key in NORMALISED:
        return None
    if key.startswith("metrics.") and len(key) > len("metrics."):
        return None
    return f"'{key}' is not a number launch-gate reads from {fmt} results"


def keys_allowed() -> tuple[str, ...]:
    return (*NORMALISED, "metrics.<name>")


class Misfit(NamedTuple):
    """A key of measured evidence that its item's other keys rule out."""

    at: KeyPath
    message: str


def misfits(manifest: Manifest) -> Iterator[Misfit]:
    """What one key alone cannot say of measured evidence: an assertion names a number the
    format has, and an artifact comes with its format and assertions (and only with one).
    load/manifest.py places each at its line; a new measured kind adds its rules here."""
    for cid, entry in manifest.checks.items():
        for i, item in enumerate(entry.evidence):
            at: KeyPath = ("checks", cid, "evidence", i)
            if isinstance(item, ResultsEvidence):
                yield from _assertions(item.assert_, item.format, at)
            elif isinstance(item, WorkflowEvidence):
                yield from _artifact(item, at)


def _artifact(item: WorkflowEvidence, at: KeyPath) -> Iterator[Misfit]:
    given = [n for n, v in (("format", item.format), ("assert", item.assert_),
                            ("file", item.file)) if v is not None]  # fmt: skip
    if item.artifact is None and given:
        yield Misfit(
            (*at, given[0]),
            f"{', '.join(given)} read an artifact's results: add `artifact:` (the name the "
            "workflow uploads them under)",
        )
    elif item.artifact is not None and (item.format is None or item.assert_ is None):
        missing = "format" if item.format is None else "assert"
        yield Misfit(
            (*at, "artifact"),
            f"an artifact's results need `format:` and `assert:` (missing {missing})",
        )
    elif item.assert_ is not None and item.format is not None:
        yield from _assertions(item.assert_, item.format, at)


def _assertions(asserts: dict[str, str], fmt: ResultsFormat, at: KeyPath) -> Iterator[Misfit]:
    for name in asserts:
        why = unknown_key(name, fmt)
        if why is not None:
            hint = did_you_mean(name, NORMALISED)
            yield Misfit(
                (*at, "assert", name), f"{why}{hint}; choose from {', '.join(keys_allowed())}"
            )


# An evidence item: a URL or a repository path, a workflow that must be green, or measured
# results (models/manifest.py tells the mappings apart by their kind key).
EvidenceItem = str | WorkflowEvidence | ResultsEvidence


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
