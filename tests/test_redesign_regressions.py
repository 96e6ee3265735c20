"""Bugs the redesign review found (issue 9, B1-B9), each pinned by a test.

B1 and B2 run the Action in-process or through PyGithub against the fake API;
the rest are pure.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from launch_gate.judge.catalogue import Catalogue
from launch_gate.judge.evaluate import Evaluation, score
from launch_gate.load import git
from launch_gate.load.policy import load_profile
from launch_gate.load.tree import CommitTree
from launch_gate.pipeline import judge_tree
from tests.conftest import TODAY
from tests.conftest_fakegithub import fake_github  # noqa: F401 - a fixture, by import
from tests.fakegithub import FakeGitHub
from tests.viewing import sarif_report, text_report

MANIFEST = """\
version: 1
system: {name: demo, owner: "@acme/ml"}
profile: policies/team.yaml
checks:
  eval.release-gated:
    status: accepted-risk
    decision: {rationale: later, owner: "@bob", approved_by: "@carol", expires: 2027-01-15}
"""
POLICY = "extends: enterprise\nname: team\n"


def sh(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def test_b1_base_reads_its_own_policy_file_from_the_same_commit(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "team.yaml").write_text(POLICY)
    (tmp_path / "readiness.yaml").write_text(MANIFEST)
    sh(tmp_path, "init", "-q", "-b", "main")
    sh(tmp_path, "add", ".")
    sh(tmp_path, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "base")
    # The working copy's policy is gone since: the base must still read the base's.
    (tmp_path / "policies" / "team.yaml").unlink()
    repo = git.open_repo(tmp_path)
    assert repo is not None
    commit = repo.resolve("HEAD")
    assert commit is not None
    base = judge_tree(CommitTree(repo, commit), "readiness.yaml", profile=None, today=TODAY)
    assert base is not None
    assert base.profile.name == "team"


def test_b3_a_child_forbid_beats_an_inherited_allow(cat: Catalogue, tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text(
        "extends: enterprise\nallow_acceptance: [eval.release-gated]\n"
    )
    (tmp_path / "child.yaml").write_text(
        "extends: parent.yaml\nforbid_acceptance: [eval.release-gated]\n"
    )
    child = load_profile(str(tmp_path / "child.yaml"), cat)
    assert not child.may_accept(cat.checks["eval.release-gated"], cat)


def test_b4_the_score_rounds_half_up(judge: Callable[..., Evaluation]) -> None:
    ev = judge("version: 1\nsystem: {name: s}\n")

    def with_weights(earned: int, total: int) -> int | None:
        # One passed check of weight `earned`, one gap of the rest.
        passed, gap = ev.checks[0], ev.checks[1]
        profile = ev.profile._replace(
            weights={passed.check.from_: earned, gap.check.from_: total - earned}
        )
        if passed.check.from_ == gap.check.from_:
            pytest.skip("the first two checks share a tier")
        return score([passed._replace(outcome="passed"), gap._replace(outcome="gap")], profile)

    assert with_weights(5, 8) == 63  # 62.5
    assert with_weights(1, 8) == 13  # 12.5
    assert with_weights(3, 8) == 38  # 37.5


def test_b7_two_broken_items_of_one_check_have_distinct_fingerprints(
    judge: Callable[..., Evaluation], cat: Catalogue
) -> None:
    ev = judge(
        """
        version: 1
        system: {name: s}
        checks:
          obs.log-requests-responses:
            status: done
            evidence: [docs/a.md, docs/b.md]
        """
    )
    from launch_gate.judge.evaluate import evaluate
    from launch_gate.judge.evidence import EvidenceResult

    broken = {
        ("obs.log-requests-responses", "evidence", i): EvidenceResult(p, "path", "broken", "gone")
        for i, p in enumerate(["docs/a.md", "docs/b.md"])
    }
    ev = evaluate(ev.loaded, ev.profile, cat, TODAY, evidence=broken)
    log = json.loads(sarif_report(ev, False))
    prints = [
        r["partialFingerprints"]["launchGate/v1"]
        for r in log["runs"][0]["results"]
        if r["properties"]["code"] == "broken-evidence"
    ]
    assert len(prints) == 2
    assert len(set(prints)) == 2


def test_b8_the_terminal_report_shows_escapes_not_raw_control_sequences(
    judge: Callable[..., Evaluation],
) -> None:
    ev = judge('version: 1\nsystem: {name: "x\\e[32mPASS\\e[0m\\u202eevil"}\n')
    out = text_report(ev, colour=False)
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\\x1b[32mPASS" in out


def test_b9_init_writes_the_policy_path_relative_to_the_manifest(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sh(tmp_path, "init", "-q")  # the repository is what a policy path may not leave
    Path("team.yaml").write_text("extends: startup\n")
    assert cli("init", "--profile", "team.yaml", "--output", "sub/readiness.yaml").code == 0
    assert "profile: ../team.yaml" in Path("sub/readiness.yaml").read_text()
    result = cli("check", "--manifest", "sub/readiness.yaml", "--offline", "--today", "2026-11-23")
    assert result.code in (0, 1), result.err


def test_b5_one_definition_of_the_approver() -> None:
    from launch_gate.judge.manifest import CheckEntry, Decision
    from launch_gate.judge.people import approver_of

    risk = CheckEntry(status="accepted-risk", decision=Decision(approved_by="@carol"))
    old_style = CheckEntry(status="accepted-risk", approved_by="@dave")
    claim = CheckEntry(status="not-applicable", reason="r", approved_by="@erin")
    assert approver_of(risk) == "@carol"
    assert approver_of(old_style) == "@dave"
    assert approver_of(claim) == "@erin"
    assert approver_of(CheckEntry(status="done", evidence=["x"])) is None


def test_b2_a_marker_comment_written_by_someone_else_is_left_alone(
    fake_github: FakeGitHub,  # noqa: F811
) -> None:
    from launch_gate.action.comment import upsert
    from launch_gate.gather.github.pygithub import PyGitHub

    repo = "acme/app"
    fake_github.add_pull(repo, 7)
    marker = "<!-- launch-gate:readiness.yaml -->"
    forged = fake_github.add_comment(repo, 7, marker + "\n# pass", user="mallory")
    gh = PyGitHub(fake_github.url, "t", 10)
    assert upsert(gh, repo, 7, marker, marker + "\nreal report") == "created"
    bodies = {c.id: (c.user, c.body) for c in fake_github.comments(repo, 7)}
    assert bodies[forged] == ("mallory", marker + "\n# pass")
    mine = [c for c in bodies.values() if c[0] == "github-actions[bot]"]
    assert mine == [("github-actions[bot]", marker + "\nreal report")]
    # The next run edits its own comment, still not mallory's.
    assert upsert(gh, repo, 7, marker, marker + "\nnewer") == "updated"
    assert fake_github.comments(repo, 7)[0].body == marker + "\n# pass"


def test_an_extends_chain_error_names_each_link(cli: Any, tmp_path: Path) -> None:
    sh(tmp_path, "init", "-q")
    (tmp_path / "team.yaml").write_text("# team policy\nextends: enterprize\n")
    (tmp_path / "readiness.yaml").write_text("version: 1\nsystem: {name: x}\nprofile: team.yaml\n")
    result = cli("check", "--manifest", str(tmp_path / "readiness.yaml"), "--offline")
    assert result.code == 2
    assert result.err.startswith(
        "team.yaml:2:10: error: extends: 'enterprize': unknown profile (did you mean 'enterprise'?)"
    ), result.err
    head, quoted, caret, fix = result.err.splitlines()
    assert head.endswith(f"named by {tmp_path / 'readiness.yaml'}:3: profile")
    assert (quoted, caret) == (" 2 | extends: enterprize", "   |          ^")
    assert fix == "  = fix: write `enterprise`"
