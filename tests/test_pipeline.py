"""The pipeline: a tree's manifest judged with the policy files of that same tree."""

from __future__ import annotations

from pathlib import Path

from launch_gate.load import git as gitrepo
from launch_gate.load.tree import CommitTree
from launch_gate.pipeline import judge_tree
from tests.conftest import TODAY, git

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


def test_a_base_reads_its_own_policy_file_from_the_same_commit(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "team.yaml").write_text(POLICY)
    (tmp_path / "readiness.yaml").write_text(MANIFEST)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "base")
    # The working copy's policy is gone since: the base must still read the base's.
    (tmp_path / "policies" / "team.yaml").unlink()
    repo = gitrepo.open_repo(tmp_path)
    assert repo is not None
    commit = repo.resolve("HEAD")
    assert commit is not None
    base = judge_tree(CommitTree(repo, commit), "readiness.yaml", profile=None, today=TODAY)
    assert base is not None
    assert base.profile.name == "team"
