"""Manifest text is neutralised before it reaches Markdown."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from launch_gate.judge.evaluate import Evaluation
from launch_gate.render import safe
from tests.viewing import markdown_report

Judge = Callable[..., Evaluation]

NASTY = [
    "</details><img src=x onerror=alert(1)>",
    "a | b | c",
    "@everyone and @acme/security",
    "fixes #123 and acme/app#7",
    "![pixel](https://evil.example/p.png)",
    "[click](javascript:alert(1))",
    "`code` ``` fence",
    "<!-- launch-gate:readiness.yaml -->",
    "line one\nline two\r\n## heading",
    "**bold** _it_ ~~strike~~",
]


def outside_code(md: str) -> str:
    """What GitHub would interpret: the text with code spans and escapes removed."""
    return re.sub(r"\\.", "", re.sub(r"`[^`]*`", "", md))


@pytest.mark.parametrize("text", NASTY)
def test_md_neutralises(text: str) -> None:
    out = safe.md(text)
    live = outside_code(out)
    assert "\n" not in out
    for danger in ("<", "|", "](", "![", "@", "#1", "#7", "*", "_", "~"):
        assert danger not in live, (danger, out)


def test_code_span_cannot_be_closed() -> None:
    out = safe.code("a`b``c")
    assert out.count("`") == 2


def test_clip() -> None:
    assert safe.clip("x" * 500, 10) == "x" * 9 + "…"
    assert safe.clip("a\n\n b") == "a b"


def test_markdown_report_neutralises_every_manifest_field(judge: Judge) -> None:
    bad = "</details> @everyone #1 ![x](https://e.example/x.png) | <b>"
    ev = judge(f"""\
version: 1
system: {{name: "{bad}", capabilities: [rag]}}
checks:
  eval.release-gated:
    status: accepted-risk
    decision:
      rationale: "{bad}"
      owner: "{bad}"
      approved_by: "@carol"
      expires: 2027-01-01
  cost.token-caps:
    status: accepted-risk
    decision:
      rationale: r
      owner: "@bob"
      approved_by: "@bob"
      expires: 2027-01-01
""")
    out = markdown_report(ev)
    live = outside_code(out)
    assert live.count("</details>") == live.count("<details>") == 1
    for danger in ("@everyone", "#1 ", "![", "<b>", "](https://e.example"):
        assert danger not in live, danger
    rows = [ln for ln in out.splitlines() if ln.startswith("| [`eval.release-gated`](")]
    assert rows
    for row in rows:
        # Five cells: no extra column smuggled in through an unescaped pipe.
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row
