"""When a decision last changed, judged on the parsed decision, not on its lines.

A review proves a decision only if it was given on a commit that already had
the decision as it is now: a later push that changes the decision dismisses
it, while a push that only moves it, reformats it or edits a comment beside it
does not. These helpers answer None when history cannot tell (no repository, a
shallow clone cut before the change, a commit not fetched), so the caller can
say so and fall back to a stricter rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from launch_gate.errors import InputError
from launch_gate.load.git import GitRepo, open_repo
from launch_gate.load.text import decode
from launch_gate.load.yamldoc import load

# A manifest that did not parse at some commit: unequal to any parsed entry.
_UNREADABLE = object()
# The most commits that touched the manifest to look through; beyond it: cannot tell.
MAX_COMMITS = 500


def _entry(repo: GitRepo, commit: str, rel: str, check: str) -> Any:
    raw = repo.read(commit, rel)
    if raw is None:
        return None
    try:
        data = load(decode(raw, rel), rel).data
    except InputError:
        return _UNREADABLE
    checks = data.get("checks") if isinstance(data, dict) else None
    return checks.get(check) if isinstance(checks, dict) else None


def last_change(manifest: Path, check: str, rev: str = "HEAD") -> str | None:
    """The newest commit, as of `rev`, whose version of `check`'s entry differs from its
    parents' (or that added it); None when history cannot tell."""
    repo = open_repo(manifest)
    start = repo.resolve(rev) if repo else None
    if repo is None or start is None:
        return None
    rel = manifest.resolve().relative_to(repo.root).as_posix()
    seen: dict[str, Any] = {}

    def entry(commit: str) -> Any:
        # A commit is read once: it comes up as a child, then again as a parent.
        if commit not in seen:
            seen[commit] = _entry(repo, commit, rel, check)
        return seen[commit]

    for n, commit in enumerate(repo.history(start, rel)):
        if n >= MAX_COMMITS:
            return None
        parents = repo.parents(commit)
        if parents is None:
            return None  # the clone stops here: the change may be older
        mine = entry(commit)
        if all(entry(p) != mine for p in parents) or not parents:
            return commit
    return None


def contains(manifest: Path, ancestor: str, commit: str) -> bool | None:
    """Whether `commit` has `ancestor` in its history; None if `commit` is not here."""
    repo = open_repo(manifest)
    return repo.is_ancestor(ancestor, commit) if repo else None
