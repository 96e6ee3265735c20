from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from launch_gate.findings import Finding
from launch_gate.judge.people import approver_of, same_person
from launch_gate.judge.profile import may_accept
from launch_gate.judge.rules.base import Context, rule
from launch_gate.judge.shapes import Decision


def _decision(ctx: Context) -> Decision:
    return ctx.entry.decision or Decision()


def _where(ctx: Context, key: str) -> tuple[str, ...]:
    """Point at the key if it is there, else at the decision, else at the status."""
    if ctx.entry.decision is None:
        return ("status",)
    if getattr(ctx.entry.decision, key) is None:
        return ("decision",)
    return ("decision", key)


@rule("accepted-risk.allowed", "accepted-risk")
def acceptance_allowed(ctx: Context) -> Iterator[Finding]:
    if not may_accept(ctx.profile, ctx.check):
        yield ctx.finding(
            "acceptance-not-allowed",
            f"the {ctx.profile.name} profile does not accept this check as a risk",
            "status",
        )


# The fields a profile may demand of a decision: (rule flag, key, problem code, wording).
_REQUIRED = (
    ("require_rationale", "rationale", "missing-rationale", "a `rationale`"),
    ("require_owner", "owner", "missing-owner", "an `owner`"),
    ("require_mitigation", "mitigation", "missing-mitigation", "a `mitigation`"),
    ("require_tracking", "tracking", "missing-tracking", "a `tracking` link"),
)


@rule("accepted-risk.fields", "accepted-risk")
def required_fields(ctx: Context) -> Iterator[Finding]:
    rules, d = ctx.profile.rules.accepted_risk, _decision(ctx)
    for flag, key, code, what in _REQUIRED:
        if getattr(rules, flag) and not getattr(d, key):
            yield ctx.finding(code, f"accepted risk without {what}", *_where(ctx, key))


def beyond_window(expires: dt.date, today: dt.date, window: int | None) -> str | None:
    """Why `expires` is later than a profile allowing `window` days lets it be, if it is:
    one wording for `check` and for `review`'s prompt."""
    if window is None:
        return None
    latest = today + dt.timedelta(days=window)
    if expires <= latest:
        return None
    return f"later than this profile allows ({window} days, so {latest.isoformat()} at the latest)"


@rule("accepted-risk.expiry", "accepted-risk")
def expiry(ctx: Context) -> Iterator[Finding]:
    rules, d = ctx.profile.rules.accepted_risk, _decision(ctx)
    where = _where(ctx, "expires")
    if d.expires is None:
        yield ctx.finding(
            "missing-expiry",
            "accepted risk without an `expires` date",
            *where,
            severity="error" if rules.require_expiry else "warning",
        )
        return
    if d.expires < ctx.today:
        yield ctx.finding("expired", f"expired on {d.expires.isoformat()}", *where)
        return
    too_far = beyond_window(d.expires, ctx.today, rules.max_expiry_days)
    if too_far is not None:
        yield ctx.finding(
            "expiry-too-far", f"expires on {d.expires.isoformat()}, {too_far}", *where
        )
        return
    left = (d.expires - ctx.today).days
    if left <= ctx.warn_days:
        yield ctx.finding(
            "expires-soon",
            f"expires on {d.expires.isoformat()}, in {left} day{'' if left == 1 else 's'}",
            *where,
            severity="warning",
        )


@rule("accepted-risk.approver", "accepted-risk")
def approver(ctx: Context) -> Iterator[Finding]:
    if not ctx.profile.rules.accepted_risk.require_approver:
        return
    d, approver = _decision(ctx), approver_of(ctx.entry)
    if not approver:
        yield ctx.finding(
            "missing-approver", "accepted risk without `approved_by`", *_where(ctx, "approved_by")
        )
    elif d.owner and same_person(d.owner, approver):
        where = ("decision", "approved_by") if d.approved_by else ("approved_by",)
        yield ctx.finding("self-approved", f"approved by its own owner ({d.owner})", *where)
