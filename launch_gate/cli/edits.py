"""Edits to a readiness manifest that keep the file its authors wrote.

A round-trip YAML library (ruamel.yaml) keeps comments, key order, quoting and
blank lines; only the entry being decided changes. Every edit is judged by the
same rules as `check` before anything is written, refused when the manifest does
not parse, and written atomically (a temporary file, then a rename).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from launch_gate.errors import InputError, UsageError
from launch_gate.files import write_new_or_replace
from launch_gate.judge.evaluate import Evaluation, evaluate
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.explain import did_you_mean
from launch_gate.load.manifest import parse
from launch_gate.load.text import read_text
from launch_gate.pipeline import choose_profile, working_copy

# Keys each status may carry; anything else under the entry goes when its status changes.
KEEP = {
    "done": {"status", "evidence", "reviewed", "notes"},
    "accepted-risk": {"status", "decision", "evidence", "notes"},
    "not-applicable": {"status", "reason", "approved_by", "notes"},
}


def edit(
    manifest: Path, check: str, change: Callable[[Any], None], *, today: dt.date
) -> Evaluation:
    """Apply `change` to the check's entry (a round-trip mapping), judge the result with
    the manifest's own profile, and write it only if that check's decision is valid."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    display = str(manifest)
    text = read_text(manifest, display)
    cat = load_catalogue()
    parse(text, display, cat)  # a manifest that does not parse is never touched
    if check not in cat.checks:
        hint = did_you_mean(check, cat.checks)
        raise UsageError(f"unknown check ID '{check}'{hint}", key="CHECK_ID")
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line someone wrote
    data = yaml.load(text)
    checks = data.get("checks")
    if checks is None:
        checks = data["checks"] = CommentedMap()
    entry = checks.get(check)
    if not isinstance(entry, CommentedMap):
        entry = checks[check] = CommentedMap()
    change(entry)
    for key in [k for k in entry if k not in KEEP.get(str(entry.get("status")), set(entry))]:
        del entry[key]
    out = io.StringIO()
    yaml.dump(data, out)
    new = out.getvalue()
    ev = _judge(new, display, manifest, today)
    problems = next(r.problems for r in ev.checks if r.check.id == check)
    if problems:
        first = problems[0]
        raise InputError(
            f"{first.message} ({first.code}); nothing was written",
            file=display,
            line=first.line,
            key=f"checks.{check}",
            more=tuple(f"{display}:{p.line}: {p.message} ({p.code})" for p in problems[1:]),
        )
    write_new_or_replace(manifest, new, mode=manifest.stat().st_mode & 0o777)
    return ev


def _judge(text: str, display: str, manifest: Path, today: dt.date) -> Evaluation:
    """The edited text judged as `check --offline` would: repository paths must exist."""
    from launch_gate.gather.evidence.settings import Settings
    from launch_gate.gather.evidence.verify import offline, targets

    cat = load_catalogue()
    loaded = parse(text, display, cat)
    profile = choose_profile(None, loaded, cat, lambda: working_copy(manifest))
    found = offline(list(targets(loaded.manifest)), Settings(today=today).for_manifest(manifest))
    return evaluate(loaded, profile, cat, today, evidence=found)
