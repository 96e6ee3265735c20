"""Names in a decision that GitHub cannot resolve: the approver proof and the expiry issue's
assignee both read them as handles, so `erin` or "the ML team" proves nothing to anyone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from launch_gate.judge.findings import Finding
from launch_gate.judge.rules import Context, rule

# GitHub's user names: letters, digits and single inner hyphens, at most 39 characters; a
# team is `@org/team-slug`. An e-mail address names a person too, for teams off GitHub.
_USER = r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}"
_HANDLE = re.compile(rf"@{_USER}(?:/[A-Za-z0-9._-]+)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def is_handle(name: str) -> bool:
    text = name.strip()
    return bool(_HANDLE.fullmatch(text) or _EMAIL.fullmatch(text))


def _names(ctx: Context) -> Iterator[tuple[str, tuple[str, ...]]]:
    d = ctx.entry.decision
    if d is not None:
        for key in ("owner", "approved_by"):
            value = getattr(d, key)
            if value:
                yield value, ("decision", key)
    if ctx.entry.approved_by:
        yield ctx.entry.approved_by, ("approved_by",)


@rule("decision.names", "accepted-risk", "not-applicable")
def names_are_handles(ctx: Context) -> Iterator[Finding]:
    for value, where in _names(ctx):
        if not is_handle(value):
            yield ctx.finding(
                "not-a-handle",
                f"{where[-1]} {value.strip()!r} is not a GitHub @handle, @org/team or e-mail",
                *where,
                severity="warning",
            )
