"""Evidence that was verified and found wanting (see gather/evidence/)."""

from __future__ import annotations

from collections.abc import Iterator

from launch_gate.findings import Finding
from launch_gate.judge.evidence import EvidenceResult
from launch_gate.judge.rules.base import Context, rule


def _finding(ctx: Context, result: EvidenceResult, *path: str | int) -> Finding | None:
    if result.state == "broken":
        return ctx.finding("broken-evidence", f"{result.item}: {result.reason}", *path)
    if result.state != "unreachable":
        return None
    message = f"{result.item}: could not be verified ({result.reason})"
    if ctx.profile.rules.evidence.unreachable == "broken":
        return ctx.finding("broken-evidence", message, *path)
    return ctx.finding("unreachable-evidence", message, *path, severity="warning")


@rule("evidence.verified", "done")
def evidence_verified(ctx: Context) -> Iterator[Finding]:
    for index in range(len(ctx.entry.evidence)):
        result = ctx.evidence.get((ctx.check.id, "evidence", index))
        found = result and _finding(ctx, result, "evidence", index)
        if found:
            yield found


@rule("evidence.tracking", "accepted-risk")
def tracking_verified(ctx: Context) -> Iterator[Finding]:
    result = ctx.evidence.get((ctx.check.id, "decision", "tracking"))
    found = result and _finding(ctx, result, "decision", "tracking")
    if found:
        yield found
