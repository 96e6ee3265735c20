"""The readiness manifest (``readiness.yaml``, version 1): its shape, as data.

The shape is written as pydantic models in launch_gate/models/manifest.py and generated into
judge/shapes.py; this module is where the judge finds it, with what the judge adds to it.
load/manifest.py reads a file into it strictly; nothing here touches a file.
"""

from __future__ import annotations

import typing
from typing import NamedTuple

from launch_gate.judge.document import Document
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
