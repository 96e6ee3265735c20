"""What every decision rule is made of: the context it reads, and the registry that
`@rule` fills (judge/rules/run.py loads the built-in rules and runs them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
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
