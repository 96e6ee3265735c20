"""What a loaded manifest keeps: the validated manifest, and what reports need of the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from launch_gate.errors import InputError
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


MEASURED = """\
version: 1
system: {name: demo}
checks:
  eval.release-gated:
    status: done
    evidence:
      - workflow: evals.yml
{lines}
"""


@pytest.mark.parametrize(
    ("lines", "line", "key", "says"),
    [
        ("        format: promptfoo", 8, "format",
         "format read an artifact's results: add `artifact:`"),
        ("        file: results.json\n        assert: {pass_rate: '>= 0.9'}", 9, "assert",
         "assert, file read an artifact's results"),
        ("        artifact: evals\n        format: promptfoo", 8, "artifact",
         "an artifact's results need `format:` and `assert:` (missing assert)"),
        ("        artifact: evals\n        assert: {tests: '>= 1'}", 8, "artifact",
         "(missing format)"),
        ("        artifact: evals\n        format: junit\n        assert:\n"
         "          passrate: '>= 0.9'", 11, "assert.passrate",
         "'passrate' is not a number launch-gate reads from junit results (did you mean "
         "'pass_rate'?); choose from tests, passed, failed, errors, skipped, pass_rate"),
    ],
)  # fmt: skip
def test_measured_evidence_a_key_rules_out_is_named_at_its_line(
    lines: str, line: int, key: str, says: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse(MEASURED.replace("{lines}", lines), "readiness.yaml", load_catalogue())
    assert (caught.value.line, caught.value.key) == (
        line,
        f"checks.eval.release-gated.evidence.0.{key}",
    )
    assert says in caught.value.message


def test_an_artifact_with_its_format_and_assertions_is_read() -> None:
    lines = "        artifact: evals\n        format: json\n        assert: {accuracy: '>= 0.9'}"
    loaded = parse(MEASURED.replace("{lines}", lines), "readiness.yaml", load_catalogue())
    [item] = loaded.manifest.checks["eval.release-gated"].evidence
    assert not isinstance(item, str)
