"""The data every stage shares about a manifest's problems: what is wrong, where, and how to
fix it (`Finding`), and a decision falling due (`Due`).

The judge makes them; the report's view carries the same values, their text with
credentials hidden (report/build.py); renderers read them there. Kept outside `judge/` so
that renderers, which never import the judge, name the one type too.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Finding(NamedTuple):
    check: str | None
    code: str
    message: str
    file: str
    line: int | None
    hint: str = ""
    severity: Severity = "error"
    # The rule that found it (its docs anchor is `rule-` + the ID with dots as dashes),
    # and the key under the check it is about, such as `evidence.1`.
    rule: str = ""
    key: str = ""

    def as_warning(self) -> Finding:
        return self._replace(severity="warning")


class Due(NamedTuple):
    check: str
    owner: str
    expires: dt.date
    days_left: int  # negative once expired
    line: int | None
    file: str

    @property
    def expired(self) -> bool:
        return self.days_left < 0
