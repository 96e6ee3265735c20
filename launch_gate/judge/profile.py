"""The profile model: what a profile requires and how it judges decisions.

Loading, `extends` and merging live in launch_gate/policy.py; this is only the shape.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from launch_gate.judge.catalogue import Catalogue, Check, Tier
from launch_gate.judge.manifest import Date
from launch_gate.judge.models import Strict


class DoneRules(Strict):
    min_evidence: int = Field(default=1, ge=0)


class AcceptedRiskRules(Strict):
    require_rationale: bool = True
    require_owner: bool = True
    require_expiry: bool = True
    max_expiry_days: int | None = Field(default=None, ge=1)
    require_approver: bool = False
    require_mitigation: bool = False
    require_tracking: bool = False


class NotApplicableRules(Strict):
    require_reason: bool = True
    require_approver: bool = False


class HostCredential(Strict):
    """A header sent to one host's evidence links, its value read from an environment
    variable the workflow sets (a secret): never written in a manifest or a policy."""

    header: str = Field(default="Authorization", pattern=r"^[A-Za-z0-9-]{1,64}$")
    env: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")


class EvidenceRules(Strict):
    # What an unreachable evidence link (timeout, 401/403, DNS) counts as.
    unreachable: Literal["warning", "broken"] = "warning"
    # Hosts (wikis, dashboards) whose pages are checked through the workflow's
    # credential, by exact host name.
    authenticated_hosts: dict[str, HostCredential] = {}


class Rules(Strict):
    done: DoneRules = DoneRules()
    accepted_risk: AcceptedRiskRules = AcceptedRiskRules()
    not_applicable: NotApplicableRules = NotApplicableRules()
    evidence: EvidenceRules = EvidenceRules()


class Profile(Strict):
    name: str
    title: str = ""
    description: str = ""
    aliases: list[str] = []
    # Checks whose `from` tier is at or below this one are required, and those
    # whose `no_accept` tier is at or below it may not be settled as a risk.
    tier: Tier
    require: list[str] = []
    waive: list[str] = []
    forbid_acceptance: list[str] = []
    allow_acceptance: list[str] = []
    rules: Rules = Rules()
    weights: dict[Tier, int] = {"minimum-viable": 4, "startup": 3, "enterprise": 2, "regulated": 1}
    min_score: int | None = Field(default=None, ge=0, le=100)
    warn_days: int = Field(default=14, ge=0)
    # A `done` check whose `reviewed:` date is older than this is stale; None: never.
    attestation_max_age_days: int | None = Field(default=None, ge=1)
    # Before its date, a check's problems are warnings: a new rule phased in.
    effective_from: dict[str, Date] = {}
    # In the Action: the approver a decision names must have approved the pull
    # request that added or changed it (input verify-approvals: auto follows this).
    verify_approvals: bool = False
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
