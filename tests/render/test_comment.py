from __future__ import annotations

from pathlib import Path

from launch_gate.judge.evaluate import Evaluation
from launch_gate.pipeline import evaluate_file
from launch_gate.render.comment import COMMENT_LIMIT, marker
from launch_gate.report.run import Section, verdict
from tests.conftest import ROOT, TODAY
from tests.viewing import render_comment


def _ev(name: str) -> Evaluation:
    path = ROOT / "examples" / name
    return evaluate_file(path, display=f"svc/{name}", today=TODAY)


def test_marker_cannot_close_the_html_comment_early() -> None:
    assert marker("a-->b\n<script>") == "<!-- launch-gate:a-\N{HYPHEN}>b <script> -->"
    assert marker("svc/*/readiness.yaml").count("-->") == 1


def test_single_manifest_is_the_markdown_report_with_marker_and_footer() -> None:
    body = render_comment(
        [Section("r.yaml", _ev("enterprise-agent.yaml"))], "r.yaml", "https://x/run", "a" * 40
    )
    # The verdict, why and what to do next, on the first line after the marker.
    first = body.splitlines()[1]
    assert first.startswith(
        "❌ **launch-gate: fail** for refund-agent · 5 required checks undecided"
    )
    assert first.endswith("decide them in `examples/enterprise-agent.yaml`")  # its repository path
    assert "- [ ]" not in body  # ticking a box decides nothing
    assert "[the job summary](https://x/run)" in body
    assert "`aaaaaaaaaaaa`" in body


def test_overall_verdict() -> None:
    ok, bad = (
        Section("a", _ev("startup-rag-assistant.yaml")),
        Section("b", _ev("enterprise-agent.yaml")),
    )
    assert verdict([ok]) == "pass"
    assert verdict([ok, bad]) == "fail"
    assert verdict([ok, bad, Section("c", None, "c:1: broken")]) == "error"


def test_too_long_a_comment_is_shortened_with_a_pointer() -> None:
    ev = _ev("enterprise-agent.yaml")
    sections = [Section(f"svc{i}/readiness.yaml", ev) for i in range(100)]
    body = render_comment(sections, "svc*/readiness.yaml", "https://x/run")
    assert len(body) <= COMMENT_LIMIT
    assert "too long for a comment" in body
    assert "https://x/run" in body
    assert "`svc99/readiness.yaml`: fail; gaps:" in body


def test_even_the_short_form_is_cut_to_the_limit() -> None:
    ev = _ev("enterprise-agent.yaml")
    sections = [Section(f"s/{i}/readiness.yaml", ev) for i in range(2000)]
    body = render_comment(sections, "s/*/readiness.yaml", None)
    assert len(body) <= COMMENT_LIMIT
    assert body.startswith("<!-- launch-gate:s/*/readiness.yaml -->")
    note = body.splitlines()[2]
    assert note.startswith("> ")
    assert " of 2000 manifests shown" in note
    assert not note.startswith("> 0 of")


def test_unchanged_pr_says_so(tmp_path: Path) -> None:
    ev = _ev("startup-rag-assistant.yaml")
    body = render_comment([Section("r.yaml", ev).compared_with(ev)], "r.yaml", None)
    assert "This PR changes nothing the gate judges." in body
