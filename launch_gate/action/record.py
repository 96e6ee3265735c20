"""`export: html|csv`: the sign-off record of each manifest, beside the JSON report, for an
upload-artifact step to keep."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from launch_gate import render
from launch_gate.action.context import ActionContext
from launch_gate.files import shared_dir, write_new_or_replace
from launch_gate.judge.expiry import due
from launch_gate.render import RecordFormat, signoff
from launch_gate.report import build as view
from launch_gate.report.audit import Audit
from launch_gate.report.run import Section
from launch_gate.report.view import SectionView


def file_name(manifest: str, kind: str) -> str:
    """`services/a/readiness.yaml` -> `services__a__readiness.html`: one flat folder, so an
    artifact unpacks without nesting, and two manifests never share a name."""
    stem = manifest.removesuffix(".yaml").removesuffix(".yml").replace("/", "__")
    return f"{stem}.{kind}"


def write_records(
    kind: RecordFormat,
    sections: Sequence[Section],
    seen: Sequence[SectionView],
    ctx: ActionContext,
    *,
    audit: Callable[[Section], Audit],
    hide: Callable[[str], str],
) -> Path:
    """Write one record per evaluated manifest, from the view the rest of the run read
    (`seen`) and each manifest's audit block; returns the folder that holds them."""
    folder = shared_dir(shared_dir(ctx.temp / "launch-gate") / "sign-off")
    for s, shown in zip(sections, seen, strict=True):
        ev = s.evaluation
        if ev is None or shown.evaluation is None:
            continue
        rec = signoff.Record(
            shown.evaluation, audit(s), view.due(due(ev, ev.profile.warn_days)), ctx.server_url
        )
        body = render.record(kind, rec)
        write_new_or_replace(folder / file_name(s.path, kind), hide(body))
    return folder
