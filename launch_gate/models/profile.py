"""A profile: the bar a manifest is judged against (the built-in ones and policy files)."""

from __future__ import annotations

from pydantic import Field

from launch_gate.judge.values import Association, Permission, Tier, Unreachable
from launch_gate.models.base import Shape
from launch_gate.models.manifest import Date


class DoneRules(Shape):
    """What a `done` check needs."""

    min_evidence: int = Field(1, ge=0, description="Evidence items a done check must cite.")


class AcceptedRiskRules(Shape):
    """What an `accepted-risk` decision needs."""

    require_rationale: bool = Field(True, description="The decision must say why.")
    require_owner: bool = Field(True, description="The decision must name its owner.")
    require_expiry: bool = Field(True, description="The decision must expire.")
    max_expiry_days: int | None = Field(
        None, ge=1, description="The latest expiry allowed, in days from today (null: none)."
    )
    require_approver: bool = Field(
        False, description="Someone other than the owner must approve it (approved_by)."
    )
    require_mitigation: bool = Field(False, description="It must say what limits the damage.")
    require_tracking: bool = Field(False, description="It must link the issue that tracks it.")


class NotApplicableRules(Shape):
    """What a `not-applicable` claim needs."""

    require_reason: bool = Field(True, description="The claim must say why.")
    require_approver: bool = Field(False, description="Someone must approve it (approved_by).")


class EvidenceRules(Shape):
    """How evidence links are judged."""

    unreachable: Unreachable = Field(
        "warning",
        description="What an unreachable link (timeout, 401/403, DNS) counts as: a warning, or "
        "broken evidence, which fails its check.",
    )


class Rules(Shape):
    """How decisions are judged."""

    done: DoneRules = Field(DoneRules(), description="Rules for done checks.")
    accepted_risk: AcceptedRiskRules = Field(
        AcceptedRiskRules(), description="Rules for accepted risks."
    )
    not_applicable: NotApplicableRules = Field(
        NotApplicableRules(), description="Rules for not-applicable claims."
    )
    evidence: EvidenceRules = Field(EvidenceRules(), description="Rules for evidence links.")


class Profile(Shape):
    """A readiness bar: which checks it requires and how it judges decisions."""

    name: str = Field(description="The profile's name, as reports show it.")
    tier: Tier = Field(
        description="The built-in bar it starts from: checks whose `from` is at or below it are "
        "required, and those whose `no_accept` is may not be accepted as a risk."
    )
    title: str = Field("", description="A short title.")
    description: str = Field("", description="What kind of system this bar is for.")
    aliases: list[str] = Field([], description="Other names it answers to.")
    require: list[str] = Field([], description="Check IDs required on top of the tier's.")
    waive: list[str] = Field([], description="Check IDs no longer required.")
    forbid_acceptance: list[str] = Field(
        [], description="Check IDs that must be done or not applicable, never a risk."
    )
    allow_acceptance: list[str] = Field(
        [], description="Check IDs that may be a risk although the tier forbids it."
    )
    rules: Rules = Field(
        Rules(), description="Rules for done, accepted-risk, not-applicable and evidence."
    )
    weights: dict[Tier, int] = Field(
        {"minimum-viable": 4, "startup": 3, "enterprise": 2, "regulated": 1},
        description="Score weight of a check, by the tier that first requires it.",
    )
    min_score: int | None = Field(
        None, ge=0, le=100, description="The gate fails below this maturity score (null: none)."
    )
    warn_days: int = Field(
        14, ge=0, description="Warn about decisions expiring within this many days."
    )
    attestation_max_age_days: int | None = Field(
        None,
        ge=1,
        description="A done check whose `reviewed:` date is older than this is stale (null: "
        "never).",
    )
    effective_from: dict[str, Date] = Field(
        {},
        description="Check ID to date: before it, the check's problems are only warnings (a new "
        "rule phased in).",
    )
    verify_approvals: bool = Field(
        False,
        description="In the Action: each decision's approver must have approved the pull request "
        "that made it.",
    )
    approval_associations: list[Association] = Field(
        ["OWNER", "MEMBER", "COLLABORATOR"],
        description="Used only where a reviewer's repository permission cannot be read: whose "
        "approving review proves a decision, by GitHub's author_association of the review "
        "(default: owners, members and collaborators).",
    )
    approval_permission: Permission = Field(
        "write",
        description="The least repository role whose approving review proves a decision "
        "(default: write, as branch protection counts). Read from GitHub for each reviewer, so "
        "an organisation member whose membership is private counts by what they may do.",
    )
    # Which file it was read from: set by the loader, never by a policy file.
    source: str = ""
