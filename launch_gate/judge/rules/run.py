"""Running the decision rules: the built-in ones are loaded with the first check judged,
so a command that only imports the pipeline (`checks`, `fleet`) does not load them."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from launch_gate.findings import Finding
from launch_gate.judge.rules.base import REGISTRY, Context


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
