"""The profile model: what a profile requires and how it judges decisions.

Loading, `extends` and merging live in launch_gate/policy.py; this is only the shape.
"""

from __future__ import annotations

from typing import Annotated, Literal, NamedTuple

from launch_gate.judge.catalogue import Catalogue, Check, Tier
from launch_gate.judge.manifest import Date
from launch_gate.judge.shape import about


class DoneRules(NamedTuple):
    """What a `done` check needs."""

    min_evidence: Annotated[int, about("Evidence items a done check must cite.", ge=0)] = 1


class AcceptedRiskRules(NamedTuple):
    """What an `accepted-risk` decision needs."""

    require_rationale: Annotated[bool, about("The decision must say why.")] = True
    require_owner: Annotated[bool, about("The decision must name its owner.")] = True
    require_expiry: Annotated[bool, about("The decision must expire.")] = True
    max_expiry_days: Annotated[
        int | None, about("The latest expiry allowed, in days from today (null: none).", ge=1)
    ] = None
    require_approver: Annotated[
        bool, about("Someone other than the owner must approve it (approved_by).")
    ] = False
    require_mitigation: Annotated[bool, about("It must say what limits the damage.")] = False
    require_tracking: Annotated[bool, about("It must link the issue that tracks it.")] = False


class NotApplicableRules(NamedTuple):
    """What a `not-applicable` claim needs."""

    require_reason: Annotated[bool, about("The claim must say why.")] = True
    require_approver: Annotated[bool, about("Someone must approve it (approved_by).")] = False


class EvidenceRules(NamedTuple):
    """How evidence links are judged."""

    unreachable: Annotated[
        Literal["warning", "broken"],
        about(
            "What an unreachable link (timeout, 401/403, DNS) counts as: a warning, or broken "
            "evidence, which fails its check."
        ),
    ] = "warning"


class Rules(NamedTuple):
    """How decisions are judged."""

    done: Annotated[DoneRules, about("Rules for done checks.")] = DoneRules()
    accepted_risk: Annotated[AcceptedRiskRules, about("Rules for accepted risks.")] = (
        AcceptedRiskRules()
    )
    not_applicable: Annotated[NotApplicableRules, about("Rules for not-applicable claims.")] = (
        NotApplicableRules()
    )
    evidence: Annotated[EvidenceRules, about("Rules for evidence links.")] = EvidenceRules()


class Profile(NamedTuple):
    """A readiness bar: which checks it requires and how it judges decisions."""

    name: Annotated[str, about("The profile's name, as reports show it.")]
    tier: Annotated[
        Tier,
        about(
            "The built-in bar it starts from: checks whose `from` is at or below it are required, "
            "and those whose `no_accept` is may not be accepted as a risk."
        ),
    ]
    title: Annotated[str, about("A short title.")] = ""
    description: Annotated[str, about("What kind of system this bar is for.")] = ""
    aliases: Annotated[list[str], about("Other names it answers to.")] = []
    require: Annotated[list[str], about("Check IDs required on top of the tier's.")] = []
    waive: Annotated[list[str], about("Check IDs no longer required.")] = []
    forbid_acceptance: Annotated[
        list[str], about("Check IDs that must be done or not applicable, never a risk.")
    ] = []
    allow_acceptance: Annotated[
        list[str], about("Check IDs that may be a risk although the tier forbids it.")
    ] = []
    rules: Annotated[
        Rules, about("Rules for done, accepted-risk, not-applicable and evidence.")
    ] = Rules()
    weights: Annotated[
        dict[Tier, int], about("Score weight of a check, by the tier that first requires it.")
    ] = {"minimum-viable": 4, "startup": 3, "enterprise": 2, "regulated": 1}
    min_score: Annotated[
        int | None, about("The gate fails below this maturity score (null: none).", ge=0, le=100)
    ] = None
    warn_days: Annotated[
        int, about("Warn about decisions expiring within this many days.", ge=0)
    ] = 14
    attestation_max_age_days: Annotated[
        int | None,
        about(
            "A done check whose `reviewed:` date is older than this is stale (null: never).", ge=1
        ),
    ] = None
    effective_from: Annotated[
        dict[str, Date],
        about(
            "Check ID to date: before it, the check's problems are only warnings (a new rule "
            "phased in)."
        ),
    ] = {}
    verify_approvals: Annotated[
        bool,
        about(
            "In the Action: each decision's approver must have approved the pull request that made"
            " it."
        ),
    ] = False
    approval_associations: Annotated[
        list[
            Literal[
                "OWNER",
                "MEMBER",
                "COLLABORATOR",
                "CONTRIBUTOR",
                "FIRST_TIME_CONTRIBUTOR",
                "FIRST_TIMER",
                "MANNEQUIN",
                "NONE",
            ]
        ],
        about(
            "Used only where a reviewer's repository permission cannot be read: whose approving "
            "review proves a decision, by GitHub's author_association of the review (default: "
            "owners, members and collaborators)."
        ),
    ] = ["OWNER", "MEMBER", "COLLABORATOR"]
    approval_permission: Annotated[
        Literal["read", "triage", "write", "maintain", "admin"],
        about(
            "The least repository role whose approving review proves a decision (default: "
            "write, as branch protection counts). Read from GitHub for each reviewer, so an "
            "organisation member whose membership is private counts by what they may do."
        ),
    ] = "write"
    # Which file it was read from: set by the loader, never by a policy file.
    source: str = ""

    def requires(self, check: Check, cat: Catalogue) -> bool:
        if check.id in self.waive:
            return False
        return check.id in self.require or cat.tier_index(check.from_) <= cat.tier_index(self.tier)

    def may_accept(self, check: Check, cat: Catalogue) -> bool:
        if check.id in self.allow_acceptance:
            return True
        if check.id in self.forbid_acceptance:
            return False
        return check.no_accept is None or cat.tier_index(check.no_accept) > cat.tier_index(
            self.tier
        )

    def weight(self, check: Check) -> int:
        return self.weights.get(check.from_, 0)
