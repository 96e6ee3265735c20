"""What a profile asks of a check: required, may it be a risk, and its weight in the score.

The profile's shape is written in launch_gate/models/profile.py and generated into
judge/shapes.py; loading, `extends` and merging live in load/policy.py.
"""

from __future__ import annotations

from launch_gate.judge.catalogue import tier_index
from launch_gate.judge.shapes import Check, Profile


def requires(profile: Profile, check: Check) -> bool:
    if check.id in profile.waive:
        return False
    return check.id in profile.require or tier_index(check.from_) <= tier_index(profile.tier)


def may_accept(profile: Profile, check: Check) -> bool:
    if check.id in profile.allow_acceptance:
        return True
    if check.id in profile.forbid_acceptance:
        return False
    return check.no_accept is None or tier_index(check.no_accept) > tier_index(profile.tier)


def weight(profile: Profile, check: Check) -> int:
    return profile.weights.get(check.from_, 0)
