"""Phasing a check in: before a profile's `effective_from` date it only warns."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from gate.profile import Profile

if TYPE_CHECKING:  # evaluate.py calls this module
    from gate.evaluate import CheckResult


def phase_in(result: CheckResult, profile: Profile, today: dt.date) -> CheckResult:
    """`result` as it stands on `today`: not yet required while its date is ahead."""
    start = profile.effective_from.get(result.check.id)
    if start is None or today >= start or not result.problems:
        return result
    note = f" (enforced from {start.isoformat()})"
    demoted = tuple(f._replace(message=f.message + note).as_warning() for f in result.problems)
    return result._replace(
        required=False, outcome="optional", problems=(), warnings=result.warnings + demoted
    )
