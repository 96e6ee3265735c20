"""The PR's base as a Tree: the commit from the checkout's history, else GitHub's copy.

The base manifest and the policy files it names are read from the same tree
(pipeline.judge_tree), so an unchanged manifest compares equal to itself.
"""

from __future__ import annotations

from pathlib import Path

from launch_gate.gather.github.port import GitHub
from launch_gate.load.git import open_repo
from launch_gate.load.tree import CommitTree, Tree, Unavailable


class GitHubTree:
    """Files at a ref of a repository on GitHub (or GHES), read through the port."""

    def __init__(self, gh: GitHub, repository: str, ref: str) -> None:
        self.gh = gh
        self.repository = repository
        self.ref = ref
        self.label = f"{repository} at {ref[:12]}"

    def read(self, rel: str) -> bytes | None:
        return self.gh.file(self.repository, rel, self.ref)


def base_tree(workspace: Path, ref: str, gh: GitHub | None, repository: str) -> Tree | None:
    """The tree at `ref`: local history when the checkout has the commit (no request),
    else GitHub's; None when neither can be asked."""
    repo = open_repo(workspace)
    commit = repo.resolve(ref) if repo else None
    if repo is not None and commit is not None:
        return CommitTree(repo, commit)
    return GitHubTree(gh, repository, ref) if gh is not None else None


class Unreadable:
    """A base that cannot be read: every file of it is an error, so nothing that needs
    the base's policy is judged by anything else (fail closed)."""

    def __init__(self, why: str) -> None:
        self.why = why
        self.label = "the base"

    def read(self, rel: str) -> bytes | None:
        raise Unavailable(self.why)


def judging_tree(workspace: Path, ref: str, gh: GitHub | None, repository: str) -> Tree:
    """The tree whose policy files judge a proposed change: never the change itself."""
    if not ref:
        return Unreadable("the event names no base commit")
    found = base_tree(workspace, ref, gh, repository)
    if found is None:
        return Unreadable(
            f"the base commit {ref[:12]} is not in the checkout and there is no token to ask GitHub"
        )
    return found
