from __future__ import annotations

from collections.abc import Iterator

from launch_gate.findings import Finding
from launch_gate.judge.rules.base import Context, rule


@rule("done.evidence", "done")
def evidence_present(ctx: Context) -> Iterator[Finding]:
    need = ctx.profile.rules.done.min_evidence
    have = len(ctx.entry.evidence)
    if have < need:
        yield ctx.finding(
            "missing-evidence",
            f"marked done without evidence (this profile asks for {need}, found {have})"
            if have == 0
            else f"marked done with {have} evidence item(s); {need} required",
            "status",
        )


@rule("done.stray-decision", "done")
def stray_decision(ctx: Context) -> Iterator[Finding]:
    if ctx.entry.decision is not None:
        yield ctx.finding(
            "ignored-decision",
            "a `decision` is ignored on a check marked done",
            "decision",
            severity="warning",
        )
