"""`launch-gate diff` and the comparison under it, against a real git repository."""

from __future__ import annotations

import json
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from launch_gate.judge.diff import Change, compare, regression
from launch_gate.judge.evaluate import Evaluation
from tests.conftest import Result

BASE = """\
version: 1
system:
  name: demo
profile: minimum-viable
checks:
  obs.log-requests-responses:
    status: done
    evidence: [docs/a.md, docs/b.md]
  eval.release-gated:
    status: accepted-risk
    decision: {rationale: later, owner: "@bob", expires: 2027-01-01}
  prompt.one-step-rollback:
    status: done
    evidence: [docs/c.md]
  sec.untrusted-input:
    status: done
    evidence: [docs/d.md]
"""

HEAD = """\
version: 1
system:
  name: demo
profile: minimum-viable
checks:
  obs.log-requests-responses:
    status: done
    evidence: [docs/a.md]
  eval.release-gated:
    status: accepted-risk
    decision: {rationale: later, owner: "@bob", expires: 2027-06-01}
  prompt.one-step-rollback:
    status: accepted-risk
    decision: {rationale: r, owner: "@bob", expires: 2027-01-01}
  eval.real-traffic-dataset:
    status: not-applicable
    reason: no traffic yet
  sec.untrusted-input:
    status: todo
  sec.no-secrets-in-context:
    status: done
    evidence: [docs/e.md]
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "dev@example.com")
    git(tmp_path, "config", "user.name", "Dev")
    sub = tmp_path / "svc"
    sub.mkdir()
    (sub / "readiness.yaml").write_text(BASE)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    (sub / "readiness.yaml").write_text(HEAD)
    return tmp_path


def by_kind(changes: list[Change]) -> dict[str, list[tuple[str | None, str | None, str | None]]]:
    out: dict[str, list[tuple[str | None, str | None, str | None]]] = {}
    for c in changes:
        out.setdefault(c.kind, []).append((c.check, c.before, c.after))
    return out


def test_every_kind_of_change(judge: Callable[..., Evaluation]) -> None:
    base, head = judge(BASE, "minimum-viable"), judge(HEAD, "minimum-viable")
    found = by_kind(compare(base, head))
    assert found["downgrade"] == [
        ("prompt.one-step-rollback", "done", "accepted-risk"),
        ("sec.untrusted-input", "done", "todo"),
    ]
    assert found["accepted"] == [("prompt.one-step-rollback", "done", "accepted-risk")]
    assert found["evidence-removed"] == [("obs.log-requests-responses", "docs/b.md", None)]
    assert found["expiry-later"] == [("eval.release-gated", "2027-01-01", "2027-06-01")]
    assert found["not-applicable"] == [("eval.real-traffic-dataset", "todo", "not-applicable")]
    assert found["upgrade"] == [("sec.no-secrets-in-context", "todo", "done")]
    assert found["new-gap"] == [("sec.untrusted-input", None, "gap")]
    assert found["closed-gap"] == [
        ("eval.real-traffic-dataset", "gap", None),
        ("sec.no-secrets-in-context", "gap", None),
    ]
    assert found["score"] == [(None, str(base.score), str(head.score))]
    assert "profile" not in found


def test_lines_point_at_the_head_manifest(judge: Callable[..., Evaluation]) -> None:
    changes = compare(judge(BASE, "minimum-viable"), judge(HEAD, "minimum-viable"))
    lines = {c.check: c.line for c in changes if c.kind == "expiry-later"}
    assert lines == {"eval.release-gated": 9}


def test_regression_is_a_lower_score_or_a_new_gap(judge: Callable[..., Evaluation]) -> None:
    base, head = judge(BASE, "minimum-viable"), judge(HEAD, "minimum-viable")
    assert regression(base, head)
    assert not regression(head, head)
    # The reverse closes the gap HEAD opened but opens the one it closed.
    assert regression(head, base)
    more = BASE + "  sec.no-secrets-in-context:\n    status: done\n    evidence: [docs/e.md]\n"
    assert not regression(judge(BASE, "minimum-viable"), judge(more, "minimum-viable"))


def test_new_manifest_regresses_only_with_gaps(judge: Callable[..., Evaluation]) -> None:
    head = judge(HEAD, "minimum-viable")
    assert head.gaps
    assert regression(None, head)
    changes = by_kind(compare(None, head))
    assert changes["score"] == [(None, None, str(head.score))]
    assert ("sec.no-secrets-in-context", "todo", "done") in changes["upgrade"]


def test_expiry_removed_counts_as_pushed_later(judge: Callable[..., Evaluation]) -> None:
    no_expiry = BASE.replace(", expires: 2027-01-01}", "}")
    found = by_kind(compare(judge(BASE, "minimum-viable"), judge(no_expiry, "minimum-viable")))
    assert found["expiry-later"] == [("eval.release-gated", "2027-01-01", None)]


def test_profile_change(judge: Callable[..., Evaluation]) -> None:
    found = by_kind(compare(judge(BASE, "minimum-viable"), judge(BASE, "startup")))
    assert found["profile"] == [(None, "minimum-viable", "startup")]
    assert len(found["new-gap"]) > 10


def test_cli_text_against_git(cli: Callable[..., Result], repo: Path) -> None:
    manifest = str(repo / "svc" / "readiness.yaml")
    res = cli("diff", "--base", "HEAD", "--manifest", manifest, "--today", "2026-11-23")
    assert res.code == 0, res.err
    assert "What changed since HEAD:svc/readiness.yaml:" in res.out
    assert "eval.release-gated: 2027-01-01 → 2027-06-01 (line 9)" in res.out
    assert "obs.log-requests-responses: docs/b.md (line 6)" in res.out


def test_cli_fail_on_regression_and_json(cli: Callable[..., Result], repo: Path) -> None:
    manifest = str(repo / "svc" / "readiness.yaml")
    args = ("diff", "--base", "HEAD", "--manifest", manifest, "--today", "2026-11-23")
    res = cli(*args, "--format", "json", "--fail-on", "regression")
    assert res.code == 1, res.err
    report = json.loads(res.out)
    kinds = {(c["check"], c["kind"]) for c in report["changes"]}
    assert ("sec.untrusted-input", "new-gap") in kinds
    assert ("eval.real-traffic-dataset", "not-applicable") in kinds
    assert report["verdict"] == "fail"


def test_cli_markdown_escapes_manifest_text(cli: Callable[..., Result], repo: Path) -> None:
    path = repo / "svc" / "readiness.yaml"
    path.write_text(BASE.replace("docs/b.md", "'@evil|x'"))
    git(repo, "commit", "-q", "-am", "odd evidence")
    path.write_text(BASE)
    res = cli("diff", "--base", "HEAD", "--manifest", str(path), "--format", "markdown")
    assert res.code == 0, res.err
    assert res.out.startswith("### What this PR changes\n")
    replaced = (
        "- **Evidence replaced**:\n  - `obs.log-requests-responses`: `@evil\\|x` → `docs/b.md`\n"
    )
    assert replaced in res.out


def test_base_without_manifest_means_everything_is_new(
    cli: Callable[..., Result], repo: Path
) -> None:
    other = repo / "svc" / "other.yaml"
    other.write_text(HEAD)
    res = cli("diff", "--base", "HEAD", "--manifest", str(other), "--today", "2026-11-23")
    assert res.code == 0, res.err
    assert "HEAD:svc/other.yaml (no manifest there: everything is new)" in res.out
    assert "Upgrades:" in res.out


def test_unreadable_base_names_ref_and_path(cli: Callable[..., Result], repo: Path) -> None:
    path = repo / "svc" / "readiness.yaml"
    path.write_text("version: 1\nsystem: [broken\n")
    git(repo, "commit", "-q", "-am", "broken")
    path.write_text(HEAD)
    res = cli("diff", "--base", "HEAD", "--manifest", str(path))
    assert res.code == 2
    assert res.err.startswith("HEAD:svc/readiness.yaml:3:1: error: ")
    assert "Traceback" not in res.err


def test_unknown_ref_and_no_repository(
    cli: Callable[..., Result], repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    res = cli("diff", "--base", "no-such-ref", "--manifest", str(repo / "svc" / "readiness.yaml"))
    assert res.code == 2
    assert "'no-such-ref' does not name a commit" in res.err
    loose = tmp_path_factory.mktemp("loose") / "readiness.yaml"
    loose.write_text(textwrap.dedent(HEAD))
    res = cli("diff", "--base", "HEAD", "--manifest", str(loose))
    assert res.code == 2
    assert "is not inside a git work tree" in res.err


MEASURED = """\
version: 1
system: {{name: demo}}
profile: minimum-viable
checks:
  eval.release-gated:
    status: done
    evidence:
      - results: evals/results.json
        format: promptfoo
        assert: {{{asserts}}}
"""


@pytest.mark.parametrize(
    ("before", "after", "relaxed"),
    [
        ('pass_rate: ">= 0.95"', 'pass_rate: ">= 0.90"', True),
        ('pass_rate: ">= 0.95"', 'pass_rate: "90%"', True),
        ('pass_rate: "> 0.95"', 'pass_rate: ">= 0.95"', True),
        ('pass_rate: ">= 0.95", tests: ">= 200"', 'pass_rate: ">= 0.95"', True),  # a floor gone
        ('errors: "== 0"', 'errors: "<= 2"', True),
        ('pass_rate: ">= 0.90"', 'pass_rate: ">= 0.95"', False),  # raised: fine
        ('pass_rate: ">= 0.95"', 'pass_rate: "95%"', False),  # the same bar, spelled otherwise
    ],
)
def test_a_lowered_eval_threshold_is_a_bar_change(
    judge: Callable[..., Evaluation], before: str, after: str, relaxed: bool
) -> None:
    base = judge(MEASURED.format(asserts=before), "minimum-viable")
    head = judge(MEASURED.format(asserts=after), "minimum-viable")
    found = [c for c in compare(base, head) if c.kind == "assertion-relaxed"]
    assert bool(found) is relaxed
    # Lowering the bar is a regression, whatever the score does (owner approval, fail-on).
    assert regression(base, head) is relaxed
