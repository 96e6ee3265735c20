"""Asking less is a decision, not progress: every way a change can lower the bar shows,
counts as a regression, and (with approver proof) needs the system owner's approval."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from launch_gate.gather.approvals.needs import needs
from launch_gate.judge.approvals import MANIFEST_KEY, Approval
from launch_gate.judge.diff import LOWERS_BAR, compare, regression
from launch_gate.judge.evaluate import Evaluation, evaluate
from launch_gate.judge.shapes import Catalogue
from launch_gate.load.manifest import parse
from launch_gate.load.policy import load_profile
from tests.conftest import TODAY

BASE = """\
version: 1
system: {name: s, owner: "@acme/ml", capabilities: [rag, tools]}
checks:
  obs.log-requests-responses: {status: done, evidence: [docs/a.md]}
"""


def kinds(base: Evaluation, head: Evaluation) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {}
    for c in compare(base, head):
        out.setdefault(c.kind, []).append(c.check)
    return out


def test_removing_capabilities_is_a_regression_not_closed_gaps(
    judge: Callable[..., Evaluation],
) -> None:
    base = judge(BASE)
    head = judge(BASE.replace("capabilities: [rag, tools]", "capabilities: []"))
    found = kinds(base, head)
    assert found["capability-removed"] == [None, None]
    assert "rag.retrieval-quality" in found["no-longer-required"]
    assert "sec.least-privilege-tools" in found["no-longer-required"]
    assert head.score >= base.score  # the old ratchet saw only progress here
    assert regression(base, head)


def test_a_weaker_profile_is_a_regression(judge: Callable[..., Evaluation]) -> None:
    base = judge(BASE, profile="enterprise")
    head = judge(BASE, profile="startup")
    found = kinds(base, head)
    assert "no-longer-required" in found
    assert "acceptance-allowed" in found
    relaxed = [c.before for c in compare(base, head) if c.kind == "rules-relaxed"]
    assert "minimum score: 60" in relaxed
    assert regression(base, head)


def test_a_policy_file_that_waives_a_check_is_caught_by_content(
    cat: Catalogue, tmp_path: Path
) -> None:
    (tmp_path / "strict.yaml").write_text("extends: startup\nname: team\n")
    (tmp_path / "lax.yaml").write_text(
        "extends: startup\nname: team\nwaive: [cost.budget-alerts]\n"
        "allow_acceptance: [sec.no-secrets-in-context]\n"
    )
    loaded = parse(textwrap.dedent(BASE), "readiness.yaml", cat)
    base = evaluate(loaded, load_profile(str(tmp_path / "strict.yaml"), cat), cat, TODAY)
    head = evaluate(loaded, load_profile(str(tmp_path / "lax.yaml"), cat), cat, TODAY)
    found = kinds(base, head)
    assert found["no-longer-required"] == ["cost.budget-alerts"]
    assert found["acceptance-allowed"] == ["sec.no-secrets-in-context"]
    assert "profile" not in found  # same name: only the content says it is weaker


def test_done_given_up_for_not_applicable_is_a_downgrade(
    judge: Callable[..., Evaluation],
) -> None:
    base = judge(BASE)
    head = judge(
        BASE.replace(
            "{status: done, evidence: [docs/a.md]}",
            "{status: not-applicable, reason: nothing is logged}",
        )
    )
    assert kinds(base, head)["downgrade"] == ["obs.log-requests-responses"]
    assert regression(base, head)


def test_done_on_a_check_the_capabilities_exclude_is_warned(
    judge: Callable[..., Evaluation],
) -> None:
    ev = judge(
        BASE.replace("[rag, tools]", "[tools]")
        + "  rag.retrieval-quality: {status: done, evidence: [docs/r.md]}\n"
    )
    result = next(r for r in ev.checks if r.check.id == "rag.retrieval-quality")
    assert result.outcome == "not-applicable"
    assert [w.code for w in result.warnings] == ["needs-capability"]
    assert "needs the `rag` capability" in result.warnings[0].message


def test_lowering_the_bar_needs_the_owner_and_an_unproven_one_fails(
    judge: Callable[..., Evaluation], tmp_path: Path
) -> None:
    base = judge(BASE)
    head = judge(BASE.replace("capabilities: [rag, tools]", "capabilities: [tools]"))
    found = needs(head, tmp_path / "readiness.yaml", base, all_=False)
    assert [(n.check, n.approver) for n in found] == [(MANIFEST_KEY, "@acme/ml")]
    unproven = {MANIFEST_KEY: Approval(MANIFEST_KEY, "@acme/ml", None, "nobody approved")}
    ev = evaluate(head.loaded, head.profile, head.catalogue, TODAY, approvals=unproven)
    assert ev.verdict == "fail"
    assert [p.code for p in ev.problems] == ["unproven-approval"]
    assert "lowers the bar" in ev.problems[0].message


def test_every_bar_kind_is_rendered_with_a_heading() -> None:
    from launch_gate.render.changes import HEADINGS, ORDER

    assert set(LOWERS_BAR) <= set(ORDER)
    assert set(LOWERS_BAR) <= set(HEADINGS)


def test_replaced_evidence_names_old_and_new(judge: Callable[..., Evaluation]) -> None:
    base = judge(BASE)
    head = judge(BASE.replace("docs/a.md", "docs/b.md"))
    (change,) = [c for c in compare(base, head) if c.kind == "evidence-replaced"]
    assert (change.before, change.after) == ("docs/a.md", "docs/b.md")


def test_a_review_dated_after_today_is_refused(judge: Callable[..., Evaluation]) -> None:
    ev = judge(
        BASE.replace("evidence: [docs/a.md]}", "evidence: [docs/a.md], reviewed: 2027-06-01}")
    )
    result = next(r for r in ev.checks if r.check.id == "obs.log-requests-responses")
    assert [p.code for p in result.problems] == ["reviewed-in-future"]


def test_output_over_the_manifest_is_refused_before_any_evidence_is_fetched(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    manifest = tmp_path / "readiness.yaml"
    # A link that would hang if fetched: the refusal must come first.
    manifest.write_text(BASE.replace("docs/a.md", "http://10.255.255.1/never"))
    res = cli("check", "--manifest", str(manifest), "--output", str(manifest), "--timeout", "30")
    assert res.code == 2
    assert "refusing to write the report over the manifest" in res.err
