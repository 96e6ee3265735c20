"""When a decision last changed, from the checkout's git history (`git log -L`).

A review proves a decision only if it was given on a commit that already had
the decision as it is now: a later push that touches the decision's lines
dismisses it. These helpers answer with None when history cannot tell (no
repository, a shallow clone cut before the change, a commit not fetched), so
the caller can say so and fall back to a stricter rule.
"""

from __future__ import annotations

from pathlib import Path

from gate.gitsrc import git, toplevel


def entry_span(text: str, start: int) -> tuple[int, int]:
    """The 1-based lines of the mapping entry whose key is on line `start`.

    It runs until the next line, not blank and not a comment, indented no deeper
    than the key: the YAML block that holds the check's status and decision.
    """
    lines = text.splitlines()
    key = lines[start - 1]
    indent = len(key) - len(key.lstrip())
    end = start
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]
        body = line.strip()
        if not body or body.startswith("#"):
            continue
        if len(line) - len(line.lstrip()) <= indent:
            break
        end = number
    return start, end


def _shallow_edges(top: Path) -> set[str]:
    # Commits whose parents were not fetched: a change "found" there may be older.
    path = git(top, "rev-parse", "--git-path", "shallow")
    shallow = top / path.out.decode().strip() if path.code == 0 else None
    if shallow is None or not shallow.is_file():
        return set()
    return set(shallow.read_text().split())


def last_change(manifest: Path, start: int, end: int, rev: str = "HEAD") -> str | None:
    """The commit that last changed lines `start`-`end` of `manifest`, as of `rev`."""
    top = toplevel(manifest)
    if top is None:
        return None
    rel = manifest.resolve().relative_to(top.resolve()).as_posix()
    found = git(top, "log", f"-L{start},{end}:{rel}", "--format=%H", "--no-patch", "-n1", rev)
    words = found.out.decode("ascii", "replace").split() if found.code == 0 else []
    commit = words[0] if words else None
    if commit is None or commit in _shallow_edges(top):
        return None
    return commit


def contains(manifest: Path, ancestor: str, commit: str) -> bool | None:
    """Whether `commit` has `ancestor` in its history; None if `commit` is not here."""
    top = toplevel(manifest)
    if top is None or git(top, "cat-file", "-e", f"{commit}^{{commit}}").code != 0:
        return None
    return git(top, "merge-base", "--is-ancestor", ancestor, commit).code == 0
