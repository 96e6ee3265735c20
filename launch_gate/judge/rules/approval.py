"""Approver proof (gathered by gather/approvals/): a decision its named approver did not approve."""

from __future__ import annotations

from collections.abc import Iterator

from launch_gate.findings import Finding
from launch_gate.judge.rules.base import Context, rule


def _where(ctx: Context) -> tuple[str, ...]:
    d = ctx.entry.decision
    if d is not None and d.approved_by:
        return ("decision", "approved_by")
    return ("approved_by",) if ctx.entry.approved_by else ("status",)


@rule("approval.proven", "accepted-risk", "not-applicable")
def approval_proven(ctx: Context) -> Iterator[Finding]:
    # The results were gathered before evaluation (launch_gate/action/approvals.py) and
    # arrive as data: this rule only reports them, it never calls GitHub.
    found = ctx.approvals.get(ctx.check.id)
    if found is not None and found.proof is None:
        yield ctx.finding("unproven-approval", found.reason, *_where(ctx))
