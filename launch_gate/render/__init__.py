"""Output formats, one module each, in one registry: a format named in `ReportFormat` or
`RecordFormat` but not rendered below fails type checking (`assert_never`), not a run.

`check --format` takes the report formats; `export --format` and the Action's `export:`
input take the record formats (the sign-off record, which also needs the audit block and
the decisions due)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Literal, assert_never, get_args

if TYPE_CHECKING:
    from launch_gate.render.signoff import Record
    from launch_gate.report.view import ManifestView

ReportFormat = Literal["text", "markdown", "json", "sarif"]
RecordFormat = Literal["html", "csv"]
REPORT_FORMATS: tuple[ReportFormat, ...] = get_args(ReportFormat)
RECORD_FORMATS: tuple[RecordFormat, ...] = get_args(RecordFormat)


def _module(name: str) -> object:
    # Imported when used: a run prints one format, and start-up is most of what an offline
    # check costs.
    return importlib.import_module(f"launch_gate.render.{name}")


def report(fmt: ReportFormat, ev: ManifestView, colour: bool = False) -> str:
    """The report of one manifest in `fmt`."""
    match fmt:
        case "text":
            name = "text"
        case "markdown":
            name = "markdown"
        case "json":
            name = "jsonout"
        case "sarif":
            name = "sarif"
        case _:
            assert_never(fmt)
    found: str = getattr(_module(name), "render")(ev, colour)  # noqa: B009 - lazily imported
    return found


def record(fmt: RecordFormat, rec: Record) -> str:
    """The sign-off record of one manifest in `fmt`."""
    match fmt:
        case "html":
            from launch_gate.render import signoff

            return signoff.render(rec)
        case "csv":
            from launch_gate.render import csvout

            return csvout.render(rec.evaluation)
        case _:
            assert_never(fmt)
