"""Git history read without a git binary: what changed a decision, and when history cannot tell.

The repositories are made with the git binary (the test's tool); the code under test
reads them with dulwich only.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from launch_gate.gather.approvals.history import contains, last_change
from launch_gate.load import git

BASE = """\
version: 1
system: {name: demo}
checks:
  eval.release-gated:
    status: accepted-risk
    decision:
      rationale: later
      owner: "@bob"
      expires: 2027-01-15
"""


def sh(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z"}
    env |= {"GIT_COMMITTER_DATE": env["GIT_AUTHOR_DATE"]}
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)
    return done.stdout.decode().strip()


def commit(repo: Path, text: str, message: str) -> str:
    (repo / "readiness.yaml").write_text(text)
    sh(repo, "add", "readiness.yaml")
    sh(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", message)
    return sh(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    sh(root, "init", "-q", "-b", "main")
    return root


def test_a_moved_or_commented_decision_is_not_a_change(repo: Path) -> None:
    first = commit(repo, BASE, "decide")
    commit(repo, "# a comment on top\n" + BASE.replace("    status", "\n    status"), "reformat")
    assert last_change(repo / "readiness.yaml", "eval.release-gated") == first


def test_a_new_expiry_is_a_change(repo: Path) -> None:
    commit(repo, BASE, "decide")
    renewed = commit(repo, BASE.replace("2027-01-15", "2027-02-15"), "renew")
    commit(repo, BASE.replace("2027-01-15", "2027-02-15") + "  cost.caching: {status: todo}\n", "x")
    assert last_change(repo / "readiness.yaml", "eval.release-gated") == renewed


def test_a_shallow_clone_cannot_tell(repo: Path, tmp_path: Path) -> None:
    commit(repo, BASE, "decide")
    commit(repo, BASE + "  cost.caching: {status: todo}\n", "unrelated")
    clone = tmp_path / "clone"
    sh(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert last_change(clone / "readiness.yaml", "eval.release-gated") is None


def test_ancestry_and_a_commit_that_is_not_here(repo: Path) -> None:
    first = commit(repo, BASE, "one")
    second = commit(repo, BASE + "# two\n", "two")
    assert contains(repo / "readiness.yaml", first, second) is True
    assert contains(repo / "readiness.yaml", second, first) is False
    assert contains(repo / "readiness.yaml", first, "f" * 40) is None


def test_no_repository_at_all(tmp_path: Path) -> None:
    (tmp_path / "readiness.yaml").write_text(BASE)
    assert git.toplevel(tmp_path / "readiness.yaml") is None
    assert last_change(tmp_path / "readiness.yaml", "eval.release-gated") is None


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to hand the checkout to another uid")
def test_a_checkout_owned_by_another_user_is_read(repo: Path) -> None:
    # The runner's workspace belongs to uid 1001 while the container runs as root:
    # the git binary refuses that ("dubious ownership"); the gate must not.
    first = commit(repo, BASE, "decide")
    subprocess.run(["chown", "-R", "1001:1001", str(repo)], check=True)
    spec, data = git.show_at(repo / "readiness.yaml", first)
    assert data == BASE.encode()
    assert spec == f"{first}:readiness.yaml"
    assert git.head_sha(repo / "readiness.yaml") in (first, os.environ.get("GITHUB_SHA"))


def _by_resolving(path: Path) -> str | None:
    """The definition `Locator` must agree with: resolve the path, walk up to `.git`."""
    real = path.resolve()
    top = next((f for f in real.parents if (f / ".git").exists()), None)
    return None if top is None else real.relative_to(top).as_posix()


def test_the_locator_agrees_with_resolving_each_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A monorepo with linked folders and files, a worktree's `.git` file, and a folder
    # outside any repository; one locator answers for all, as in a run.
    repo = tmp_path / "mono"
    (repo / ".git").mkdir(parents=True)
    for folder in ("svc/a", "svc/b", "deep/x/y"):
        (repo / folder).mkdir(parents=True)
        (repo / folder / "readiness.yaml").write_text("version: 1\n")
    (repo / "svc" / "linked").symlink_to(repo / "deep" / "x")  # a folder link
    (repo / "svc" / "b" / "alias.yaml").symlink_to(repo / "svc" / "a" / "readiness.yaml")
    tree = tmp_path / "worktree"
    tree.mkdir()
    (tree / ".git").write_text("gitdir: ../mono/.git/worktrees/w\n")
    (tree / "readiness.yaml").write_text("version: 1\n")
    (tmp_path / "loose").mkdir()
    (tmp_path / "loose" / "readiness.yaml").write_text("version: 1\n")
    paths = [
        repo / "svc" / "a" / "readiness.yaml",
        repo / "svc" / "b" / "readiness.yaml",
        repo / "deep" / "x" / "y" / "readiness.yaml",
        repo / "svc" / "linked" / "y" / "readiness.yaml",
        repo / "svc" / "b" / "alias.yaml",
        # `..` after a link is the target's parent: deep/x/y/../y is deep/x/y.
        repo / "svc" / "linked" / "y" / ".." / "y" / "readiness.yaml",
        tree / "readiness.yaml",
        tmp_path / "loose" / "readiness.yaml",
    ]
    locator = git.Locator()
    found = [locator.locate(p) for p in paths]
    assert found == [_by_resolving(p) for p in paths]
    assert found[:-1] == [
        "svc/a/readiness.yaml",
        "svc/b/readiness.yaml",
        "deep/x/y/readiness.yaml",
        "deep/x/y/readiness.yaml",
        "svc/a/readiness.yaml",
        "deep/x/y/readiness.yaml",
        "readiness.yaml",
    ]
    # Asked again (the folders now known), and by a path relative to the working directory.
    assert [locator.locate(p) for p in paths] == found
    monkeypatch.chdir(repo / "svc")
    assert locator.locate(Path("a/readiness.yaml")) == "svc/a/readiness.yaml"
    assert git.worktree_root(repo / "svc" / "linked" / "y") == repo.resolve()
    assert git.worktree_root(repo / "svc" / "b" / "alias.yaml") == repo.resolve()


def test_revisions_resolve_as_git_rev_parse_resolves_them(tmp_path: Path) -> None:
    # Issue 28: `diff --base HEAD~1` said "'HEAD~1' is not a commit". Every form is checked
    # against git itself on the same repository.
    import subprocess

    from launch_gate.load.git import open_repo

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=tmp_path, capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    git("init", "-q", "-b", "main")
    git("config", "user.email", "d@example.com")
    git("config", "user.name", "d")
    for n in range(4):
        (tmp_path / "f").write_text(str(n))
        git("add", "f")
        git("commit", "-q", "-m", f"c{n}")
    git("tag", "light", "HEAD~2")
    git("tag", "-a", "annotated", "-m", "x", "HEAD~1")
    git("remote", "add", "origin", "https://example.com/acme/app.git")
    git("update-ref", "refs/remotes/origin/main", "HEAD~1")
    git("config", "branch.main.remote", "origin")
    git("config", "branch.main.merge", "refs/heads/main")
    repo = open_repo(tmp_path)
    assert repo is not None
    short = git("rev-parse", "--short=7", "HEAD~3")
    forms = ["HEAD", "@", "HEAD~1", "HEAD^", "HEAD~2", "HEAD^^", "main~3", "light", "annotated",
             "annotated~1", "origin/main", "@{upstream}", "@{u}", short, "HEAD^2", "nope",
             "HEAD~9"]  # fmt: skip
    for form in forms:
        expected = git("rev-parse", "--verify", "-q", f"{form}^{{commit}}") or None
        assert repo.resolve(form) == expected, form
