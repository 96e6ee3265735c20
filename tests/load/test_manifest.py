"""What a loaded manifest keeps: the validated manifest, and what reports need of the file."""

from __future__ import annotations

from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.manifest import parse

TEXT = """\
version: 1
system: {name: demo}
checks:
  eval.release-gated:
    status: done
    evidence: [docs/eval.md]
"""


def test_the_raw_data_is_let_go_and_lines_and_source_kept() -> None:
    loaded = parse(TEXT, "readiness.yaml", load_catalogue())
    assert loaded.manifest.checks["eval.release-gated"].status == "done"
    # A monorepo run holds every manifest until the reports: the raw copy is not held with it.
    assert loaded.doc.data is None
    assert loaded.line("checks", "eval.release-gated", "evidence") == 6
    assert loaded.doc.text_of(5) == "    status: done"
