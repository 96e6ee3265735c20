"""The readiness manifest (``readiness.yaml``, version 1): its shape, as data.

The shape is written as pydantic models in launch_gate/models/manifest.py and generated into
judge/shapes.py; this module is where the judge finds it, with what the judge adds to it.
load/manifest.py reads a file into it strictly; nothing here touches a file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from launch_gate.judge.document import Document
from launch_gate.judge.evidence import Misfit, measures
from launch_gate.judge.shapes import Manifest


def misfits(manifest: Manifest) -> Iterator[Misfit]:
    """What one key alone cannot say of an evidence item: an assertion names a number its
    format has, an artifact comes with its format and assertions (judge/measure.py).
    load/manifest.py places each at its line."""
    for cid, entry in manifest.checks.items():
        for i, item in enumerate(entry.evidence):
            if measures(item):
                # Loaded only for a manifest that holds measured evidence.
                from launch_gate.judge import measure

                yield from measure.misfits(item, ("checks", cid, "evidence", i))


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
