"""Reading the 50-check catalogue: its shape is written in launch_gate/models/catalogue.py
and generated into judge/shapes.py; load/catalogue.py reads it from the policies."""

from __future__ import annotations

from launch_gate.judge.values import TIERS, Tier


def tier_index(tier: Tier) -> int:
    """How high a built-in bar is: minimum-viable is 0."""
    return TIERS.index(tier)


def layer_of(check_id: str) -> str:
    return check_id.split(".", 1)[0]
