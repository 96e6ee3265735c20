"""Decision rules: small registered units, each with an ID and a docs anchor.

A rule looks at one check's entry and yields findings. Whether a finding fails
the gate or only warns is decided later, from whether the profile requires the
check; rules themselves never branch on the profile's name.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from launch_gate.findings import Finding, Severity
from launch_gate.judge.approvals import ApprovalMap
from launch_gate.judge.evidence import EvidenceMap
from launch_gate.judge.findings import hint_for
from launch_gate.judge.manifest import LoadedManifest
from launch_gate.judge.shapes import Catalogue, Check, CheckEntry, Profile
from launch_gate.judge.values import Status


class Context(NamedTuple):
    check: Check
    entry: CheckEntry
    profile: Profile
    catalogue: Catalogue
    loaded: LoadedManifest
    today: dt.date
    warn_days: int
    # Verification results by (check ID, *key path); empty when nothing was verified.
    evidence: EvidenceMap = {}
    # Approver proof by check ID, gathered before evaluation; empty when not verified.
    approvals: ApprovalMap = {}

    def finding(
        self, code: str, message: str, *path: str | int, severity: Severity = "error"
    ) -> Finding:
        line = self.loaded.line("checks", self.check.id, *path)
        key = ".".join(str(p) for p in path)
        return Finding(
            self.check.id,
            code,
            message,
            self.loaded.file,
            line,
            hint_for(code, self.check.id),
            severity,
            key=key,
        )


RuleFunc = Callable[[Context], Iterable[Finding]]


class Rule(NamedTuple):
    id: str
    anchor: str
    statuses: frozenset[Status]
    func: RuleFunc


REGISTRY: list[Rule] = []


def rule(rule_id: str, *statuses: Status) -> Callable[[RuleFunc], RuleFunc]:
    def register(func: RuleFunc) -> RuleFunc:
        REGISTRY.append(
            Rule(rule_id, f"rule-{rule_id.replace('.', '-')}", frozenset(statuses), func)
        )
        return func

    return register


def run_rules(ctx: Context) -> Iterator[Finding]:
    _load_builtin_rules()
    for r in REGISTRY:
        if ctx.entry.status in r.statuses:
            yield from (f._replace(rule=r.id) for f in r.func(ctx))


@functools.cache
def _load_builtin_rules() -> None:
    # Imported for their registration side effect, once: as a bare import statement it ran
    # for each decided check (24 a manifest in the example), about 20 microseconds a manifest.
    from launch_gate.judge.rules import (  # noqa: F401
        accepted,
        approval,
        attestation,
        done,
        evidence,
        not_applicable,
        people,
    )
