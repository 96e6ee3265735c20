"""Decision rules: small registered units, each with an ID and a docs anchor.

A rule looks at one check's entry and yields findings. Whether a finding fails
the gate or only warns is decided later, from whether the profile requires the
check; rules themselves never branch on the profile's name.
"""

from __future__ import annotations

from collections.abc import Iterator

from launch_gate.findings import Finding

# Each built-in rule module registers its rules with `@rule` when it is imported.
from launch_gate.judge.rules import (  # noqa: F401
    accepted,
    approval,
    attestation,
    done,
    evidence,
    not_applicable,
    people,
)
from launch_gate.judge.rules.base import REGISTRY, Context, Rule, rule


def run_rules(ctx: Context) -> Iterator[Finding]:
    for r in REGISTRY:
        if ctx.entry.status in r.statuses:
            yield from (f._replace(rule=r.id) for f in r.func(ctx))


__all__ = ["REGISTRY", "Context", "Rule", "rule", "run_rules"]
