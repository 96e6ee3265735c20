"""The profile model: what a profile requires and how it judges decisions.

Loading, `extends` and merging live in launch_gate/policy.py; this is only the shape.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from launch_gate.judge.catalogue import Catalogue, Check, Tier
from launch_gate.judge.manifest import Date
from launch_gate.judge.models import Strict


def _about(text: str, **limits: Any) -> Any:
    # The policy schema shows each description on hover in editors.
    return Field(description=text, **limits)


class DoneRules(Strict):
    """What a `done` check needs."""

    min_evidence: Annotated[int, _about("Evidence items a done check must cite.", ge=0)] = 1


class AcceptedRiskRules(Strict):
    """What an `accepted-risk` decision needs."""

    require_rationale: Annotated[bool, _about("The decision must say why.")] = True
    require_owner: Annotated[bool, _about("The decision must name its owner.")] = True
    require_expiry: Annotated[bool, _about("The decision must expire.")] = True
    max_expiry_days: Annotated[
        int | None, _about("The latest expiry allowed, in days from today (null: none).", ge=1)
    ] = None
    require_approver: Annotated[
        bool, _about("Someone other than the owner must approve it (approved_by).")
    ] = False
    require_mitigation: Annotated[bool, _about("It must say what limits the damage.")] = False
    require_tracking: Annotated[bool, _about("It must link the issue that tracks it.")] = False


class NotApplicableRules(Strict):
    """What a `not-applicable` claim needs."""

    require_reason: Annotated[bool, _about("The claim must say why.")] = True
    require_approver: Annotated[bool, _about("Someone must approve it (approved_by).")] = False


class HostCredential(Strict):
    """A header sent to one host's evidence links, its value read from an environment
    variable the workflow sets (a secret): never written in a manifest or a policy."""

    header: Annotated[str, _about("The header to send.", pattern=r"^[A-Za-z0-9-]{1,64}$")] = (
        "Authorization"
    )
    env: Annotated[
        str,
        _about(
            "The environment variable holding its value.", pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,127}$"
        ),
    ]


class EvidenceRules(Strict):
    """How evidence links are judged."""

    unreachable: Annotated[
        Literal["warning", "broken"],
        _about(
            "What an unreachable link (timeout, 401/403, DNS) counts as: a warning, or "
            "broken evidence, which fails its check."
        ),
    ] = "warning"
    authenticated_hosts: Annotated[
        dict[str, HostCredential],
        _about(
            "Hosts (wikis, dashboards) whose pages are fetched with a credential, by "
            "exact host name."
        ),
    ] = {}


class Rules(Strict):
    """How decisions are judged."""

    done: Annotated[DoneRules, _about("Rules for done checks.")] = DoneRules()
    accepted_risk: Annotated[AcceptedRiskRules, _about("Rules for accepted risks.")] = (
        AcceptedRiskRules()
    )
    not_applicable: Annotated[NotApplicableRules, _about("Rules for not-applicable claims.")] = (
        NotApplicableRules()
    )
    evidence: Annotated[EvidenceRules, _about("Rules for evidence links.")] = EvidenceRules()


class Profile(Strict):
    """A readiness bar: which checks it requires and how it judges decisions."""

    name: Annotated[str, _about("The profile's name, as reports show it.")]
    title: Annotated[str, _about("A short title.")] = ""
    description: Annotated[str, _about("What kind of system this bar is for.")] = ""
    aliases: Annotated[list[str], _about("Other names it answers to.")] = []
    tier: Annotated[
        Tier,
        _about(
            "The built-in bar it starts from: checks whose `from` is at or below it are "
            "required, and those whose `no_accept` is may not be accepted as a risk."
        ),
    ]
    require: Annotated[list[str], _about("Check IDs required on top of the tier's.")] = []
    waive: Annotated[list[str], _about("Check IDs no longer required.")] = []
    forbid_acceptance: Annotated[
        list[str], _about("Check IDs that must be done or not applicable, never a risk.")
    ] = []
    allow_acceptance: Annotated[
        list[str], _about("Check IDs that may be a risk although the tier forbids it.")
    ] = []
    rules: Annotated[
        Rules, _about("Rules for done, accepted-risk, not-applicable and evidence.")
    ] = Rules()
    weights: Annotated[
        dict[Tier, int],
        _about("Score weight of a check, by the tier that first requires it."),
    ] = {"minimum-viable": 4, "startup": 3, "enterprise": 2, "regulated": 1}
    min_score: Annotated[
        int | None, _about("The gate fails below this maturity score (null: none).", ge=0, le=100)
    ] = None
    warn_days: Annotated[
        int, _about("Warn about decisions expiring within this many days.", ge=0)
    ] = 14
    attestation_max_age_days: Annotated[
        int | None,
        _about(
            "A done check whose `reviewed:` date is older than this is stale (null: never).", ge=1
        ),
    ] = None
    effective_from: Annotated[
        dict[str, Date],
        _about(
            "Check ID to date: before it, the check's problems are only warnings (a new "
            "rule phased in)."
        ),
    ] = {}
    verify_approvals: Annotated[
        bool,
        _about(
            "In the Action: each decision's approver must have approved the pull request "
            "that made it."
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
        _about(
            "Whose approving review proves a decision, by GitHub's author_association of "
            "the review (default: people with write access, as branch protection counts)."
        ),
    ] = ["OWNER", "MEMBER", "COLLABORATOR"]
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
