"""How fresh a claim is: `done` reviewed too long ago, a risk that evidence now covers."""

from __future__ import annotations

from collections.abc import Iterator

from launch_gate.findings import Finding
from launch_gate.judge.rules.base import Context, rule


@rule("done.attestation", "done")
def attestation_fresh(ctx: Context) -> Iterator[Finding]:
    limit = ctx.profile.attestation_max_age_days
    reviewed = ctx.entry.reviewed
    if reviewed is not None and reviewed > ctx.today:
        # A review dated ahead would stay fresh for longer than it should.
        yield ctx.finding(
            "reviewed-in-future",
            f"reviewed on {reviewed.isoformat()}, which is after today ({ctx.today.isoformat()})",
            "reviewed",
        )
        return
    # Only a dated attestation can go stale; the profile decides whether age matters.
    if limit is None or reviewed is None:
        return
    age = (ctx.today - reviewed).days
    if age > limit:
        yield ctx.finding(
            "stale-attestation",
            f"last reviewed on {reviewed.isoformat()}, {age} days ago; the "
            f"{ctx.profile.name} profile accepts at most {limit} days",
            "reviewed",
        )


@rule("accepted-risk.still-needed", "accepted-risk")
def risk_still_needed(ctx: Context) -> Iterator[Finding]:
    count = len(ctx.entry.evidence)
    results = [ctx.evidence.get((ctx.check.id, "evidence", i)) for i in range(count)]
    # Every item must verify: one unchecked or broken link keeps the risk real.
    if count and all(r is not None and r.state == "ok" for r in results):
        yield ctx.finding(
            "risk-no-longer-needed",
            f"accepted as a risk, yet all {count} evidence item(s) now verify",
            "status",
            severity="warning",
        )
