"""Who a decision names, and when two names are the same person: one definition for all.

The rules, the approver proof and the audit block all ask "who approved this
decision?"; they must get the same answer.
"""

from __future__ import annotations

import re

from launch_gate.judge.shapes import CheckEntry


def handle(name: str) -> str:
    """A GitHub user or team as compared: no `@`, no surrounding space, any case."""
    return name.strip().lstrip("@").casefold()


# GitHub's user names: letters, digits and single inner hyphens, at most 39 characters; a
# team is `@org/team-slug`. An e-mail address names a person too, for teams off GitHub.
_USER = r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}"
_HANDLE = re.compile(rf"@{_USER}(?:/[A-Za-z0-9._-]+)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def is_handle(name: str) -> bool:
    """A name GitHub can resolve (a user or `@org/team`), or an e-mail address."""
    text = name.strip()
    return bool(_HANDLE.fullmatch(text) or _EMAIL.fullmatch(text))


def same_person(a: str, b: str) -> bool:
    return handle(a) == handle(b)


def is_team(name: str) -> bool:
    return "/" in name.strip()


def approver_of(entry: CheckEntry) -> str | None:
    """The approver a decision names: `decision.approved_by` for an accepted risk (an
    entry-level `approved_by` is read too), `approved_by` for a not-applicable claim."""
    if entry.status == "accepted-risk":
        return (entry.decision.approved_by if entry.decision else None) or entry.approved_by
    if entry.status == "not-applicable":
        return entry.approved_by
    return None
