"""Evidence that measures: what an eval run's numbers are, and whether they meet the bar.

Pure: gather/evidence/results.py reads a results file into a `Summary`; this module says
what an assertion means and whether the summary meets it, in decimals (never binary
floats), and words the verdict the same way in every report. It also holds the rules
between measured evidence's keys that no one key can say (`misfits`, for
judge/manifest.py) and says which bars a change to the
manifest lowers (`relaxed`, for judge/diff.py).
"""

from __future__ import annotations

import operator
import typing
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from launch_gate.errors import did_you_mean
from launch_gate.judge.document import KeyPath
from launch_gate.judge.evidence import Item, Misfit, describe
from launch_gate.judge.shapes import CheckEntry, ResultsEvidence, WorkflowEvidence
from launch_gate.judge.values import ASSERTION, OPERATORS, Operator, ResultsFormat, canonical

if TYPE_CHECKING:
    # Numbers are compared only where measured evidence is judged: a manifest without it
    # never imports decimal (docs/performance.md keeps the offline check's figure).
    from decimal import Decimal

FORMATS: tuple[ResultsFormat, ...] = typing.get_args(ResultsFormat)
# What every format but `json` is read into; named metrics are `metrics.<name>`.
COUNTS = ("tests", "passed", "failed", "errors", "skipped")
NORMALISED = (*COUNTS, "pass_rate")


def unknown_key(key: str, fmt: ResultsFormat) -> str | None:
    """Why `key` cannot be asserted on a `fmt` file, or None when it can."""
    if fmt == "json" or key in NORMALISED:
        return None
    if key.startswith("metrics.") and len(key) > len("metrics."):
        return None
    return f"'{key}' is not a number launch-gate reads from {fmt} results"


def keys_allowed() -> tuple[str, ...]:
    return (*NORMALISED, "metrics.<name>")


def misfits(item: Item, at: KeyPath) -> Iterator[Misfit]:
    """The keys of measured evidence (at `at` in its manifest) that its other keys rule out:
    an assertion names a number its format has; a workflow's artifact comes with its format
    and assertions, and they only with one."""
    if isinstance(item, ResultsEvidence):
        return _assertions(item.assert_, item.format, at)
    if isinstance(item, WorkflowEvidence):
        return _artifact(item, at)
    return iter(())  # a link or a path measures nothing


def _artifact(item: WorkflowEvidence, at: KeyPath) -> Iterator[Misfit]:
    given = [n for n, v in (("format", item.format), ("assert", item.assert_),
                            ("file", item.file)) if v is not None]  # fmt: skip
    if item.artifact is None and given:
        yield Misfit(
            (*at, given[0]),
            f"{', '.join(given)} read an artifact's results: add `artifact:` (the name the "
            "workflow uploads them under)",
        )
    elif item.artifact is not None and (item.format is None or item.assert_ is None):
        missing = "format" if item.format is None else "assert"
        yield Misfit(
            (*at, "artifact"),
            f"an artifact's results need `format:` and `assert:` (missing {missing})",
        )
    elif item.assert_ is not None and item.format is not None:
        yield from _assertions(item.assert_, item.format, at)


def _assertions(asserts: dict[str, str], fmt: ResultsFormat, at: KeyPath) -> Iterator[Misfit]:
    for name in asserts:
        why = unknown_key(name, fmt)
        if why is not None:
            hint = did_you_mean(name, NORMALISED)
            yield Misfit(
                (*at, "assert", name), f"{why}{hint}; choose from {', '.join(keys_allowed())}"
            )


_COMPARE = {
    ">=": operator.ge, "<=": operator.le, "==": operator.eq,
    "!=": operator.ne, ">": operator.gt, "<": operator.lt,
}  # fmt: skip
_SHOWN = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠", ">": ">", "<": "<"}
_NEGATED = {">=": "<", "<=": ">", "==": "≠", "!=": "=", ">": "≤", "<": "≥"}


class Assertion(NamedTuple):
    key: str
    op: Operator
    value: Decimal
    percent: bool  # written as "95%": shown so, compared as 0.95

    def holds(self, measured: Decimal | None) -> bool:
        if measured is None or not measured.is_finite():
            return False  # NaN, infinities and a number the file lacks never pass
        bar = self.value / 100 if self.percent else self.value
        return bool(_COMPARE[self.op](measured, bar))

    def shown(self) -> str:
        if self.percent:
            number = f"{self.value}%"
        elif self.key == "pass_rate":  # a rate reads as a percentage, as its measure does
            number = f"{(self.value * 100).normalize():f}%"
        else:
            number = str(self.value)
        return f"{_SHOWN[self.op]} {number}"


def parse(key: str, text: str) -> Assertion:
    from decimal import Decimal

    found = ASSERTION.match(canonical(text))
    assert found is not None  # canonical() said so
    op, number, percent = found.groups()
    return Assertion(key, OPERATORS[OPERATORS.index(op)], Decimal(number), bool(percent))


def number(value: Any) -> Decimal | None:
    """A JSON or XML number as an exact decimal; None for anything that is not one."""
    from decimal import Decimal, InvalidOperation

    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    try:
        # A float's shortest repr is what the tool wrote (0.95 stays 0.95, not 0.9499...).
        return Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except (InvalidOperation, ValueError):
        return None


class Summary(NamedTuple):
    """One eval run, whatever tool wrote it. Counts a format does not report are None."""

    tests: int | None = None
    passed: int | None = None
    failed: int | None = None
    errors: int | None = None
    skipped: int | None = None
    metrics: Mapping[str, Decimal | None] = {}
    # The first few failures, each with its reason, for a reviewer to start from.
    failures: tuple[str, ...] = ()
    # Values a `json` assertion's dotted path found (None: not found, or not a number).
    paths: Mapping[str, Decimal | None] = {}
    # When the tool says the run itself did not finish (Inspect's status), why.
    unfinished: str | None = None

    @property
    def pass_rate(self) -> Decimal | None:
        """passed / (passed + failed + errors); skipped tests are left out, no tests is None
        (which fails every pass_rate assertion: a vacuous pass is no pass)."""
        from decimal import Decimal

        if self.passed is None:
            return self.metrics.get("pass_rate")
        ran = self.passed + (self.failed or 0) + (self.errors or 0)
        return None if ran == 0 else Decimal(self.passed) / Decimal(ran)

    def value(self, key: str) -> Decimal | None:
        if key in self.paths:
            return self.paths[key]
        if key == "pass_rate":
            return self.pass_rate
        if key in COUNTS:
            from decimal import Decimal

            found = getattr(self, key)
            return None if found is None else Decimal(found)
        if key.startswith("metrics."):
            return self.metrics.get(key.removeprefix("metrics."))
        return None


class Measured(NamedTuple):
    ok: bool
    text: str  # every assertion, its number and the verdict, in one line


def judge(summary: Summary, assertions: Mapping[str, str], where: str) -> Measured:
    """Each assertion against the summary: `pass_rate 0.91 (182 of 200) < 0.95 in
    evals/results.json` when one fails, `pass rate 97.0% (194/200) ≥ 95%; ...` when all
    hold. `where` names the file or the run the numbers came from."""
    if summary.unfinished:
        return Measured(False, f"the eval run did not finish ({summary.unfinished}) in {where}")
    failed, held = [], []
    for key, text in assertions.items():
        a = parse(key, text)
        got = summary.value(key)
        if a.holds(got):
            held.append(_held(a, got, summary))
        else:
            failed.append(_failed(a, got, summary))
    if failed:
        first = f"; first failures: {'; '.join(summary.failures[:3])}" if summary.failures else ""
        return Measured(False, f"{'; '.join(failed)} in {where}{first}")
    return Measured(True, f"{'; '.join(held)} in {where}")


def _counts(key: str, summary: Summary) -> str:
    if key != "pass_rate" or summary.passed is None:
        return ""
    ran = summary.passed + (summary.failed or 0) + (summary.errors or 0)
    return f" ({summary.passed} of {ran})"


def _held(a: Assertion, got: Decimal | None, summary: Summary) -> str:
    assert got is not None
    if a.key == "pass_rate":
        ran = _counts("pass_rate", summary).strip(" ()").replace(" of ", "/")
        counts = f" ({ran})" if ran else ""
        return f"pass rate {_percent(got)}{counts} {a.shown()}"
    return f"{a.key} {_plain(got)} {a.shown()}"


def _failed(a: Assertion, got: Decimal | None, summary: Summary) -> str:
    if got is None:
        if a.key == "pass_rate":
            return f"pass_rate: no tests ran (needs {a.shown()})"
        return f"{a.key}: not in the results (needs {a.shown()})"
    if not got.is_finite():
        return f"{a.key} is {got} (needs {a.shown()})"
    bar = f"{a.value}%" if a.percent else str(a.value)
    return f"{a.key} {_plain(got)}{_counts(a.key, summary)} {_NEGATED[a.op]} {bar}"


def _percent(value: Decimal) -> str:
    from decimal import Decimal

    return f"{(value * 100).quantize(Decimal('0.1'))}%"


def _plain(value: Decimal) -> str:
    # Four significant decimals at most: 0.90999999 reads 0.91, 182 reads 182.
    from decimal import Decimal

    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return f"{value.quantize(Decimal('0.0001')).normalize()}"


def _asserted(entry: CheckEntry | None) -> dict[str, dict[str, str]]:
    """Each measured evidence item's assertions, by what it measures."""
    out = {}
    for item in entry.evidence if entry else ():
        if isinstance(item, ResultsEvidence):
            out[describe(item)] = item.assert_
        elif isinstance(item, WorkflowEvidence) and item.artifact and item.assert_:
            out[f"{describe(item)} {item.file or ''}".strip()] = item.assert_
    return out


def relaxed(old: CheckEntry | None, new: CheckEntry | None) -> Iterator[tuple[str, str, str]]:
    """A bar on an eval's numbers that a change lowers or drops: (what, before, after).
    judge/diff.py reports each as `assertion-relaxed`, a change the owner must approve."""
    after = _asserted(new)
    for item, was in _asserted(old).items():
        now = after.get(item)
        if now is None:
            continue  # the item itself went: evidence-removed says so
        for key, text in was.items():
            if key not in now:
                yield f"{item}: {key}", text, "none"
            elif _looser(parse(key, text), parse(key, now[key])):
                yield f"{item}: {key}", text, now[key]


def _looser(old: Assertion, new: Assertion) -> bool:
    """Whether `new` admits a number `old` refused (any other change to == or != does)."""
    o = old.value / 100 if old.percent else old.value
    n = new.value / 100 if new.percent else new.value
    if old.op in (">=", ">") and new.op in (">=", ">"):
        return n < o or (n == o and old.op == ">" and new.op == ">=")
    if old.op in ("<=", "<") and new.op in ("<=", "<"):
        return n > o or (n == o and old.op == "<" and new.op == "<=")
    return (old.op, o) != (new.op, n)


__all__ = [
    "COUNTS", "FORMATS", "NORMALISED", "Assertion", "Measured", "ResultsFormat", "Summary",
    "canonical", "judge", "keys_allowed", "misfits", "number", "parse", "relaxed",
    "unknown_key",
]  # fmt: skip
