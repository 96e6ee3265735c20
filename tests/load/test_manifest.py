"""What a loaded manifest keeps: the validated manifest, and what reports need of the file."""

from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("version: 1\nsystem:\n\tname: x\n",
         "x.yaml:3: YAML syntax error: a tab character: YAML indents with spaces only"),
        ('version: 1\nsystem: {name: "x}\nchecks: {}\n\n\n\n\n',
         "x.yaml:2: YAML syntax error: a quote opened here is never closed"),
    ],
)  # fmt: skip
def test_syntax_errors_are_named_for_what_they_are_where_they_start(
    tmp_path: Path, text: str, says: str
) -> None:
    # Issue 28: "found character that cannot start any token" for a tab, and an unclosed
    # quote reported where the file ran out.
    from launch_gate.errors import InputError
    from launch_gate.load.catalogue import load_catalogue
    from launch_gate.load.manifest import parse

    with pytest.raises(InputError) as caught:
        parse(text, "x.yaml", load_catalogue())
    assert says in str(caught.value)
