from __future__ import annotations

from collections.abc import Iterator

from launch_gate.findings import Finding
from launch_gate.judge.rules.base import Context, rule


@rule("not-applicable.reason", "not-applicable")
def reason_given(ctx: Context) -> Iterator[Finding]:
    if ctx.profile.rules.not_applicable.require_reason and not ctx.entry.reason:
        yield ctx.finding("missing-reason", "marked not applicable without a `reason`", "status")


@rule("not-applicable.approver", "not-applicable")
def approver_named(ctx: Context) -> Iterator[Finding]:
    if ctx.profile.rules.not_applicable.require_approver and not ctx.entry.approved_by:
        yield ctx.finding(
            "missing-approver",
            "this profile needs an `approved_by` for every not-applicable claim",
            "status",
        )
