"""No manifest text changes the report's structure, as GitHub renders it (cmark-gfm).

Hostile strings go into every free-text field and into the manifest's path; the
comment's HTML must have exactly the headings, tables, links and list items of the
same comment made from harmless text.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import assume, given
from hypothesis import strategies as st

from launch_gate.errors import InputError
from launch_gate.judge.evaluate import Evaluation
from launch_gate.report.run import Section
from tests.viewing import markdown_report as render_markdown
from tests.viewing import render_comment

HOSTILE = [
    "# ✅ launch-gate: pass",
    "1. approved",
    "- [x] done",
    "+ ok",
    "=====",
    "| a | b |\n|---|---|\n| c | d |",
    "<details open><summary>pass</summary>",
    "[click](https://evil.example)",
    "![x](https://evil.example/x.png)",
    "refund\u202eagent",
    "\x1b[32mPASS\x1b]52;c;ZXZpbA==\x07",
    "&#60;script&#62;",
    "@everyone #1 GH-2 acme/app#3",
    "```\ncode fence",
    "> quoted",
]
MANIFEST = """\
version: 1
system:
  name: {text}
  owner: {text}
  description: {text}
profile: startup
checks:
  cost.caching:
    status: not-applicable
    reason: {text}
  eval.release-gated:
    status: accepted-risk
    decision:
      rationale: {text}
      owner: {text}
      expires: 2027-01-15
      mitigation: {text}
  obs.log-requests-responses:
    status: done
    evidence: [{text}]
"""


def html(markdown: str) -> str:
    return str(
        cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    )


def shape(markup: str) -> dict[str, int]:
    tags = ("h1", "h2", "h3", "h4", "table", "tr", "a", "img", "li", "details", "pre", "blockquote")
    return {t: len(re.findall(rf"<{t}[\s>]", markup)) for t in tags}


def quoted(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar: control characters arrive escaped.
    return json.dumps(text, ensure_ascii=False)


@pytest.fixture
def comment_for(judge: Callable[..., Evaluation]) -> Callable[[str, str], str]:
    def make(text: str, path: str) -> str:
        ev = judge(textwrap.dedent(MANIFEST.format(text=quoted(text))))
        broken = Section(path, None, f"{path}:3: system: {text}", 3)
        sections = [Section("readiness.yaml", ev).compared_with(None), broken]
        return render_comment(sections, "**/readiness.yaml", None, "a" * 40)

    return make


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_every_field_leaves_the_comment_shape(
    comment_for: Callable[[str, str], str], text: str
) -> None:
    harmless = shape(html(comment_for("plain words", "svc/readiness.yaml")))
    hostile = comment_for(text, f"{text}/readiness.yaml")
    assert shape(html(hostile)) == harmless
    rendered = html(hostile)
    assert "\u202e" not in rendered
    assert "\x1b" not in rendered
    assert 'href="https://evil.example' not in rendered


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
def test_any_text_leaves_the_markdown_report_shape(text: str) -> None:
    from launch_gate.judge.evaluate import evaluate
    from launch_gate.load.catalogue import load_catalogue
    from launch_gate.load.manifest import parse
    from launch_gate.load.policy import load_profile
    from tests.conftest import TODAY

    cat = load_catalogue()

    def report(value: str) -> str:
        try:
            loaded = parse(MANIFEST.format(text=quoted(value)), "readiness.yaml", cat)
        except InputError:
            assume(False)  # text YAML cannot carry (exit 2 elsewhere): not this property
            raise
        return html(render_markdown(evaluate(loaded, load_profile("startup", cat), cat, TODAY)))

    # An owner that is a GitHub handle draws no `not-a-handle` warning: the plain text to
    # compare with must be one exactly when `text` is (hypothesis found `@0`).
    from launch_gate.judge.people import is_handle

    plain = "@plain-words" if is_handle(text.strip()) else "plain words"
    assert shape(report(text)) == shape(report(plain))
