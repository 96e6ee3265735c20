"""The shape of the 50-check catalogue; load/catalogue.py reads it from the policies."""

from __future__ import annotations

from typing import Annotated, Literal, NamedTuple

from launch_gate.judge.shape import about

Capability = Literal["rag", "tools", "agents"]
CAPABILITIES: tuple[Capability, ...] = ("rag", "tools", "agents")
# The four built-in bars, lowest first. A check's `from` names one of them.
Tier = Literal["minimum-viable", "startup", "enterprise", "regulated"]
TIERS: tuple[Tier, ...] = ("minimum-viable", "startup", "enterprise", "regulated")


class Check(NamedTuple):
    title: str
    description: str
    evidence: list[str]
    # The first tier that requires the check / refuses an accepted risk for it.
    from_: Annotated[Tier, about(alias="from")]
    no_accept: Tier | None = None
    needs: Capability | None = None
    # One of the three things to do first, whatever the profile (the checklist's "non-
    # negotiables"): the fleet view puts them on top.
    non_negotiable: bool = False
    # Set by the loader from the check's key.
    id: str = ""
    layer: str = ""


class Catalogue(NamedTuple):
    version: Literal[1]
    layers: dict[str, str]
    checks: dict[str, Check]

    @staticmethod
    def tier_index(tier: Tier) -> int:
        return TIERS.index(tier)

    def layer_of(self, check_id: str) -> str:
        return check_id.split(".", 1)[0]
