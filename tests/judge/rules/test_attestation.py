"""Attestation freshness, phased-in checks, and risks that evidence now covers."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from launch_gate.gather.evidence.verify import targets
from launch_gate.judge.evaluate import Evaluation, evaluate
from launch_gate.judge.evidence import EvidenceResult
from launch_gate.judge.shapes import Catalogue
from launch_gate.load.manifest import parse
from launch_gate.load.policy import load_profile
from tests.conftest import TODAY, Result

DONE = """\
version: 1
system: {{name: demo}}
checks:
  obs.log-requests-responses:
    status: done
    evidence: [docs/logging.md]
    reviewed: {reviewed}
"""


def result(ev: Evaluation, cid: str) -> tuple[str, list[str], list[str]]:
    r = next(r for r in ev.checks if r.check.id == cid)
    return r.outcome, [p.code for p in r.problems], [w.code for w in r.warnings]


def test_regulated_turns_an_old_review_stale(judge: Callable[..., Evaluation]) -> None:
    old = TODAY - dt.timedelta(days=181)
    ev = judge(DONE.format(reviewed=old.isoformat()), "regulated")
    outcome, problems, _ = result(ev, "obs.log-requests-responses")
    assert (outcome, problems) == ("invalid", ["stale-attestation"])
    stale = ev.checks[[r.check.id for r in ev.checks].index("obs.log-requests-responses")]
    assert stale.problems[0].line == 7
    assert (
        "181 days ago; the regulated profile accepts at most 180 days" in stale.problems[0].message
    )
    assert "obs.log-requests-responses" in ev.gaps


def test_review_within_the_limit_is_fresh(judge: Callable[..., Evaluation]) -> None:
    recent = TODAY - dt.timedelta(days=180)
    ev = judge(DONE.format(reviewed=recent.isoformat()), "regulated")
    assert result(ev, "obs.log-requests-responses") == ("passed", [], [])


def test_profiles_without_a_limit_ignore_age(judge: Callable[..., Evaluation]) -> None:
    ev = judge(DONE.format(reviewed="2001-01-01"), "enterprise")
    assert result(ev, "obs.log-requests-responses") == ("passed", [], [])


def test_undated_done_is_not_stale(judge: Callable[..., Evaluation]) -> None:
    ev = judge(DONE.format(reviewed="x").replace("    reviewed: x\n", ""), "regulated")
    assert result(ev, "obs.log-requests-responses") == ("passed", [], [])


def policy(tmp_path: Path, body: str) -> str:
    path = tmp_path / "phased.yaml"
    path.write_text(textwrap.dedent(body))
    return str(path)


UNDECIDED = "version: 1\nsystem: {name: demo}\nchecks: {}\n"


def test_effective_from_warns_before_its_date(tmp_path: Path, cat: Catalogue) -> None:
    spec = policy(tmp_path, "extends: startup\neffective_from:\n  deploy.fallbacks: 2027-01-01\n")
    loaded = parse(UNDECIDED, "readiness.yaml", cat)
    before = evaluate(loaded, load_profile(spec, cat), cat, TODAY)
    assert "deploy.fallbacks" not in before.gaps
    assert result(before, "deploy.fallbacks") == ("optional", [], ["undecided"])
    warning = next(w for w in before.warnings if w.check == "deploy.fallbacks")
    assert warning.message == "no decision yet: add it under `checks:` (enforced from 2027-01-01)"
    on_the_day = evaluate(loaded, load_profile(spec, cat), cat, dt.date(2027, 1, 1))
    assert "deploy.fallbacks" in on_the_day.gaps


def test_effective_from_with_an_unknown_check_is_exit_2(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    spec = policy(tmp_path, "extends: startup\neffective_from:\n  deploy.fallback: 2027-01-01\n")
    manifest = tmp_path / "readiness.yaml"
    manifest.write_text(UNDECIDED)
    res = cli("check", "--manifest", str(manifest), "--profile", spec, "--offline")
    assert res.code == 2
    assert (
        f"{spec}:3:3: error: effective_from.deploy.fallback: unknown check 'deploy.fallback'"
        in res.err
    )
    assert "did you mean 'deploy.fallbacks'" in res.err


ACCEPTED = """\
version: 1
system: {name: demo}
checks:
  eval.release-gated:
    status: accepted-risk
    evidence: [docs/gating.md, https://ci.example.com/evals]
    decision: {rationale: soon, owner: "@bob", expires: 2027-01-15}
"""


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        (("ok", "ok"), ["risk-no-longer-needed"]),
        (("ok", "broken"), []),
        (("ok", None), []),
    ],
)
def test_risk_no_longer_needed_when_all_evidence_verifies(
    cat: Catalogue, states: tuple[str | None, ...], expected: list[str]
) -> None:
    loaded = parse(ACCEPTED, "readiness.yaml", cat)
    found = {
        ("eval.release-gated", "evidence", i): EvidenceResult("x", "path", state)  # type: ignore[arg-type]
        for i, state in enumerate(states)
        if state is not None
    }
    ev = evaluate(loaded, load_profile("startup", cat), cat, TODAY, evidence=found)
    assert result(ev, "eval.release-gated") == ("accepted", [], expected)


def test_accepted_risk_evidence_is_verified(cat: Catalogue) -> None:
    loaded = parse(ACCEPTED, "readiness.yaml", cat)
    keys = [t.key for t in targets(loaded.manifest)]
    assert keys == [("eval.release-gated", "evidence", 0), ("eval.release-gated", "evidence", 1)]


def test_cli_reports_the_risk_as_no_longer_needed(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "gating.md").write_text("# gating\n")
    manifest = tmp_path / "readiness.yaml"
    manifest.write_text(ACCEPTED.replace(", https://ci.example.com/evals", ""))
    res = cli(
        "check",
        "--manifest",
        str(manifest),
        "--repo-root",
        str(tmp_path),
        "--offline",
        "--today",
        "2026-11-23",
        "--profile",
        "mvp",
    )
    assert res.code == 1, res.err  # mvp's other checks are still undecided
    assert (
        "risk-no-longer-needed: accepted as a risk, yet all 1 evidence item(s) now verify"
        in res.out
    )
