"""Names in a decision that GitHub cannot resolve: the approver proof and the expiry issue's
assignee both read them as handles, so `erin` or "the ML team" proves nothing to anyone."""

from __future__ import annotations

from collections.abc import Iterator

from launch_gate.findings import Finding
from launch_gate.judge.people import is_handle
from launch_gate.judge.rules.base import Context, rule


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
