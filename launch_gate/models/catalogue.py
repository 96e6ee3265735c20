"""The 50-check catalogue (policies/catalogue.yaml)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from launch_gate.judge.values import Capability, Tier
from launch_gate.models.base import Shape


class Check(Shape):
    title: str
    description: str
    evidence: list[str]
    # The first tier that requires the check / refuses an accepted risk for it.
    from_: Tier = Field(alias="from")
    no_accept: Tier | None = None
    needs: Capability | None = None
    # One of the three things to do first, whatever the profile (the checklist's "non-
    # negotiables"): the fleet view puts them on top.
    non_negotiable: bool = False
    # Set by the loader from the check's key.
    id: str = ""
    layer: str = ""


class Catalogue(Shape):
    version: Literal[1]
    layers: dict[str, str]
    checks: dict[str, Check]
