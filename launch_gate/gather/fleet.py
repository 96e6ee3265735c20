"""A fleet's history: every version of every manifest in some local git checkouts.

For each repository, the manifests are found as the Action finds them (its `manifest` glob,
default `**/readiness.yaml`, in the checkout); each one's history is walked with dulwich
(no git binary): every commit that changed the manifest or a policy file it names. Each
version comes with the tree of its commit, so it is judged with the policy files of that
commit, as of that commit's date. Nothing is held across versions but a few ids: a history
of ten thousand versions streams through in constant memory.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from launch_gate.errors import UsageError
from launch_gate.load.git import GitRepo, open_repo
from launch_gate.load.tree import CommitTree


class Version(NamedTuple):
    repo: str  # owner/name when the checkout's origin says it, else the folder's name
    path: str  # the manifest, relative to the repository root
    commit: str
    when: dt.datetime  # the commit's own date (committer time), UTC
    tree: CommitTree
    # The blob ids of the manifest and the policy files it is walked with, at this commit:
    # a version whose blobs and date were judged before need not be judged again.
    blobs: tuple[str, ...]


class Recording:
    """A tree that notes every path read from it: which policy files a manifest uses."""

    def __init__(self, tree: CommitTree) -> None:
        self.tree = tree
        self.label = tree.label
        self.read_paths: list[str] = []

    def read(self, rel: str) -> bytes | None:
        self.read_paths.append(rel)
        return self.tree.read(rel)


def open_checkout(path: Path) -> GitRepo:
    """The repository at `path`; exit 2 naming the path when it is not one."""
    if not path.is_dir():
        raise UsageError("is not a folder", file=str(path), key="REPO")
    repo = open_repo(path)
    if repo is None and (path / "HEAD").is_file() and (path / "objects").is_dir():
        from dulwich.repo import Repo

        repo = GitRepo(Repo(str(path)))  # a bare clone: open_repo looks for a work tree
    if repo is None or repo.root != path.resolve():
        raise UsageError(
            "is not a git repository's root (fleet collect walks each one's history)",
            file=str(path),
            key="REPO",
        )
    if repo.head() is None:
        raise UsageError("has no commits yet", file=str(path), key="REPO")
    return repo


def glob_regex(pattern: str) -> re.Pattern[str]:
    """The Action's manifest glob as a pattern over repository paths: `**/` is any folders
    (none too), `*` and `?` stay within one folder, as glob.glob(recursive=True) reads it."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def manifests_at_head(repo: GitRepo, pattern: str) -> list[str]:
    """A bare clone's manifests: the paths of HEAD's tree that the glob matches."""
    head = repo.head()
    if head is None:
        return []
    found = glob_regex(pattern)
    return sorted(p for p in repo.paths(head) if found.match(p))


def repo_name(repo: GitRepo) -> str:
    """`owner/name` from the origin URL (https or ssh), else the folder's name."""
    url = (repo.origin_url() or "").removesuffix("/").removesuffix(".git")
    tail = url.replace(":", "/").split("/")
    if len(tail) >= 2 and tail[-1] and tail[-2]:
        return f"{tail[-2]}/{tail[-1]}"
    return repo.root.name


def versions(
    repo: GitRepo,
    path: str,
    policy_paths: tuple[str, ...],
    *,
    since: dt.date | None = None,
) -> Iterator[Version]:
    """The manifest's versions reachable from HEAD, newest first: each commit that changed
    it or one of `policy_paths`, on or after `since`."""
    head = repo.head()
    if head is None:
        return
    name = repo_name(repo)
    for commit, seconds in repo.touching(head, (path, *policy_paths)):
        when = dt.datetime.fromtimestamp(seconds, dt.UTC)
        if since is not None and when.date() < since:
            return  # newest first: everything further is older still
        blobs = tuple(repo.blob_id(commit, p) or "-" for p in (path, *policy_paths))
        if blobs[0] == "-":
            continue  # the commit deleted the manifest: no version to judge
        yield Version(name, path, commit, when, CommitTree(repo, commit), blobs)


def policy_paths(read: Recording, path: str) -> tuple[str, ...]:
    """The policy files judging the manifest read (`profile:` and its `extends:` chain):
    its history is walked for them too."""
    return tuple(p for p in dict.fromkeys(read.read_paths) if p != path)
