"""Where files are read from: the working copy, a git commit, or (gather/) a GitHub ref.

A manifest and the policy files it names are always read from the same tree, so
the base of a pull request is judged with the base's own policy, never with a
file that happens to lie beside a temporary copy.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Protocol

from launch_gate.errors import UsageError, brief
from launch_gate.load.git import GitRepo
from launch_gate.load.text import NotRegular, read_regular


class Unavailable(Exception):
    """A tree that exists could not be read just now: a remote that did not answer, or
    refused (gather/github's errors are this). Unlike an absent file, it never lets a
    caller judge as if the file were not there: whoever meets it fails closed."""


class Tree(Protocol):
    """Read-only files by POSIX path relative to the tree's root."""

    label: str

    def read(self, rel: str) -> bytes | None:
        """The file's bytes (at most the size cap plus one), or None when absent;
        `Unavailable` when the tree could not be asked."""
        ...


def inside(base: str, spec: str) -> str:
    """`spec` relative to the folder `base`, normalised; exit 2 if it leaves the tree."""
    if "\x00" in spec:
        raise UsageError(f"cannot use {brief(spec)} as a policy file", key="profile")
    rel = posixpath.normpath(posixpath.join(base, spec))
    if rel == ".." or rel.startswith(("../", "/")):
        raise UsageError(
            f"policy file {brief(spec)} is outside the repository; a manifest may only name "
            "policy files inside it",
            key="profile",
        )
    return rel


class WorkingTree:
    """The checkout on disk; a symlink may not lead out of it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.label = "the working copy"

    def read(self, rel: str) -> bytes | None:
        try:
            path = (self.root / rel).resolve()
        except (OSError, RuntimeError, ValueError):
            return None
        if not path.is_relative_to(self.root):
            raise UsageError(
                f"{brief(rel)} leads outside the repository through a symbolic link",
                key="profile",
            )
        try:
            return read_regular(path)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None
        except NotRegular:
            raise UsageError(
                f"{brief(rel)} is not a regular file (a FIFO, socket or device)", key="profile"
            ) from None


class CommitTree:
    """The files of one commit, read from the object database."""

    def __init__(self, repo: GitRepo, commit: str) -> None:
        self.repo = repo
        self.commit = commit
        self.label = f"commit {commit[:12]}"

    def read(self, rel: str) -> bytes | None:
        return self.repo.read(self.commit, rel)
