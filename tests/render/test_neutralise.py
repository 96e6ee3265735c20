"""Annotations and the PR comment treat manifest and policy text as the Markdown report does."""

from __future__ import annotations

import re
from pathlib import Path

from launch_gate.findings import Finding
from launch_gate.judge.evaluate import Evaluation
from launch_gate.pipeline import evaluate_file
from launch_gate.render.annotations import _annotation
from launch_gate.report.run import Section
from tests.conftest import ROOT, TODAY
from tests.viewing import render_comment

HOSTILE = "x` @everyone #1 <img src=x onerror=alert(1)> | [a](javascript:alert(1)) `"


def _finding(message: str, check: str | None = "eval.release-gated") -> Finding:
    return Finding(
        code="broken-evidence", message=message, file="readiness.yaml", line=3, check=check
    )


def test_annotation_is_one_honest_line() -> None:
    a = _annotation(_finding("docs/\u202eexe.md\n::error::x\x1b[31m\u200b" + "y" * 900), "error")
    assert "\n" not in a.message
    assert "\u202e" not in a.message
    assert "\x1b" not in a.message
    assert "\\u202e" in a.message  # shown, escaped, so the reviewer sees the trick
    assert len(a.message) <= 2 * 300 + 40


def test_annotation_title_is_escaped_and_cut() -> None:
    a = _annotation(_finding("m", check="\u202eevil\n" + "c" * 400), "warning")
    assert a.title is not None
    assert "\u202e" not in a.title
    assert "\n" not in a.title
    # Cut to 100 characters before escaping, so the escapes may add a few.
    assert a.title.endswith("…")
    assert len(a.title) < 120


def _custom_profile_ev(tmp_path: Path) -> Evaluation:
    policy = tmp_path / "policy.yaml"
    policy.write_text(f"extends: startup\nname: {HOSTILE!r}\n".replace("'", '"'))
    path = ROOT / "examples" / "startup-rag-assistant.yaml"
    return evaluate_file(path, display="readiness.yaml", profile=str(policy), today=TODAY)


def _inert(body: str) -> None:
    """Outside code spans (shown verbatim by GitHub) nothing hostile is left."""
    outside = re.sub(r"`[^`\n]*`", "", body)
    assert "<img" not in outside
    assert "@everyone" not in outside
    assert "#1 " not in outside
    assert "](javascript:" not in body


def test_comment_quotes_a_policy_files_profile_name_as_code(tmp_path: Path) -> None:
    ev = _custom_profile_ev(tmp_path)
    assert ev.profile.name == HOSTILE
    one = render_comment([Section("readiness.yaml", ev)], "readiness.yaml", None, "a" * 40)
    two = render_comment([Section("a.yaml", ev), Section("b.yaml", ev)], "*.yaml", None, "a" * 40)
    for body in (one, two):
        _inert(body)
        # The name is one code span whose backticks cannot close it early.
        assert "\N{MODIFIER LETTER GRAVE ACCENT} @everyone" in body
    # In the monorepo table the name stays inside its cell.
    row = next(line for line in two.splitlines() if line.startswith("| `a.yaml`"))
    assert row.count(" | ") == 6 - 1


def test_comment_footer_quotes_the_sha_as_code() -> None:
    ev = evaluate_file(
        ROOT / "examples" / "startup-rag-assistant.yaml", display="r.yaml", today=TODAY
    )
    body = render_comment([Section("r.yaml", ev)], "r.yaml", None, "`@evil <b>x")
    assert "judged `\N{MODIFIER LETTER GRAVE ACCENT}@evil <b>x`" in body
