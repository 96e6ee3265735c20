"""The values users write inside a shape, checked one by one: the choices a key offers, dates,
versions and assertions.

Both sides of a shape read this module: the pydantic models in launch_gate/models (the
source) name these functions as validators, and the shapes generated from them
(judge/shapes.py) call the same functions at run time.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Any, Literal

from launch_gate.errors import Unfit, brief

Status = Literal["done", "accepted-risk", "not-applicable", "todo"]
Capability = Literal["rag", "tools", "agents"]
# The four built-in bars, lowest first. A check's `from` names one of them.
Tier = Literal["minimum-viable", "startup", "enterprise", "regulated"]
TIERS: tuple[Tier, ...] = typing.get_args(Tier)
CAPABILITIES: tuple[Capability, ...] = typing.get_args(Capability)
ResultsFormat = Literal["promptfoo", "deepeval", "junit", "inspect", "lm-eval", "json"]
Unreachable = Literal["warning", "broken"]
Association = Literal[
    "OWNER",
    "MEMBER",
    "COLLABORATOR",
    "CONTRIBUTOR",
    "FIRST_TIME_CONTRIBUTOR",
    "FIRST_TIMER",
    "MANNEQUIN",
    "NONE",
]
Permission = Literal["read", "triage", "write", "maintain", "admin"]

Operator = Literal[">=", "<=", "==", "!=", ">", "<"]
OPERATORS: tuple[Operator, ...] = typing.get_args(Operator)
# An assertion as written: an optional operator, a number, an optional percent sign.
ASSERTION = re.compile(r"^\s*(>=|<=|==|!=|>|<)?\s*([-+]?[0-9]+(?:\.[0-9]+)?)\s*(%?)\s*$")


def canonical(value: Any) -> str:
    """An assertion as the manifest may write it (`">= 0.95"`, `"95%"`, `200`), checked and
    spelled one way (`>= 0.95`); a bare number means at least that. ValueError names what
    is wrong, for a message at its line."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(
            f"{brief(value)} is not an assertion; write an operator and a number, "
            'like ">= 0.95", "== 0" or "95%"'
        )
    found = ASSERTION.match(str(value))
    if found is None:
        raise ValueError(
            f"{brief(value)} is not an assertion; write one of >=, >, <=, <, ==, != and a "
            'number, like ">= 0.95", "== 0" or "95%"'
        )
    op, number, percent = found.groups()
    return f"{op or '>='} {number}{percent}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def impossible_date(text: str) -> str | None:
    """Why a YYYY-MM-DD that is no date is none: `2027-02-30: February 2027 has 28 days`."""
    import calendar

    found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", text)
    if found is None:
        return None
    year, month, day = (int(x) for x in found.groups())
    if not 1 <= month <= 12:
        return f"{text.strip()}: there is no month {month}; write YYYY-MM-DD"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{text.strip()}: {_MONTHS[month - 1]} {year} has {days} days"
    return None


def date_fix(text: str) -> str:
    """How to write `text`, which is no date, as the date it probably means."""
    day_first = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", text)
    if day_first:
        d, m, y = day_first.groups()
        return f"write it year first: `{y}-{int(m):02d}-{int(d):02d}`"
    found = re.fullmatch(r"\s*\d{4}-(\d{1,2})-\d{1,2}\s*", text)
    if found and impossible_date(text):
        month = int(found[1])
        return "choose a day the month has" if 1 <= month <= 12 else "choose a month from 01 to 12"
    return "write the date as YYYY-MM-DD, e.g. `2027-03-31`"


def as_date(value: Any) -> Any:
    """YAML gives a date for `2027-01-15`, a string when quoted, a datetime for a timestamp:
    the first two are read, the third is refused by name."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a timestamp")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            why = impossible_date(value)
            raise Unfit(
                why or f"{brief(value)} is not a date in the form YYYY-MM-DD", date_fix(value)
            ) from None
    return value


# `checks:` or `evidence:` with every entry commented out is null in YAML: read as empty
# rather than as a type error.
def none_as_empty_list(value: Any) -> Any:
    return [] if value is None else value


def none_as_empty_dict(value: Any) -> Any:
    return {} if value is None else value


def version_one(value: Any) -> Any:
    """Literal[1] would also take 1.0 and True; a manifest version is an exact integer."""
    if type(value) is not int or value != 1:
        raise Unfit(
            f"unsupported manifest version {brief(value)}; this launch-gate reads 1",
            "write `version: 1`, or upgrade launch-gate if the file was written for a newer one",
        )
    return value


def tag(kind: str) -> str:
    """The union's tag for an evidence kind. Braced, a tag in an error's location can never
    be taken for a key."""
    return f"{{{kind}}}"


SCALAR = tag("scalar")


class EvidenceKind:
    """Which kind of evidence item a value is: a scalar (a URL or a path), or the mapping
    whose kind key it holds (one of `kinds`: `workflow:`, `results:`), so each kind's
    errors are about itself only; None when a mapping holds no kind key, so that one error
    names them all. models/manifest.py makes the one instance, with the kinds its union
    tags; judge/shapes.py is generated with the same call."""

    # pydantic-core names a callable discriminator by it.
    __name__ = "evidence_kind"

    def __init__(self, kinds: tuple[str, ...]) -> None:
        self.kinds = kinds

    def __repr__(self) -> str:
        return f"EvidenceKind({self.kinds!r})"

    def __call__(self, value: Any) -> str | None:
        if isinstance(value, dict):
            return next((tag(key) for key in self.kinds if key in value), None)
        # pydantic asks again of an item it has read, to write it back out (the models'
        # dump).
        return next((tag(key) for key in self.kinds if hasattr(value, key)), SCALAR)
