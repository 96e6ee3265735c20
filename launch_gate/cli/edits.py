"""Edits to a readiness manifest that keep the file its authors wrote.

A round-trip YAML library (ruamel.yaml) keeps comments, key order, quoting and
blank lines; only the entry being decided changes. Every edit is judged by the
same rules as `check` before anything is written, refused when the manifest does
not parse, and written atomically (a temporary file, then a rename).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from launch_gate.errors import InputError, UsageError, did_you_mean
from launch_gate.files import write_new_or_replace
from launch_gate.findings import Finding
from launch_gate.gather.evidence.settings import Settings
from launch_gate.judge.evaluate import Evaluation, evaluate
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.judged_by import choose_profile, working_copy
from launch_gate.load.manifest import parse
from launch_gate.load.text import read_text


class Answers(NamedTuple):
    """What a person said about one check, from flags (`decide`) or prompts (`review`)."""

    status: str
    evidence: tuple[str, ...] = ()
    rationale: str | None = None
    owner: str | None = None
    approver: str | None = None
    expires: dt.date | None = None
    mitigation: str | None = None
    tracking: str | None = None
    reason: str | None = None


def decision(a: Answers) -> Callable[[Any], None]:
    """The change `a` makes to a check's round-trip entry; fields not given are kept."""

    def change(entry: Any) -> None:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        entry["status"] = a.status
        if a.status == "done":
            if not a.evidence:
                raise UsageError(
                    "`done` needs at least one evidence item",
                    key="--evidence",
                    fix="add `--evidence PATH|URL` (a file in the repository, or a link)",
                )
            entry["evidence"] = CommentedSeq(a.evidence)
        elif a.status == "not-applicable":
            if a.reason:
                entry["reason"] = a.reason
            if a.approver:
                entry["approved_by"] = a.approver
        else:
            found = entry.get("decision")
            if not isinstance(found, CommentedMap):
                found = entry["decision"] = CommentedMap()
            given = {
                "rationale": a.rationale,
                "owner": a.owner,
                "approved_by": a.approver,
                "expires": a.expires,
                "mitigation": a.mitigation,
                "tracking": a.tracking,
            }
            for key, value in given.items():
                if value is not None:
                    found[key] = value

    return change


# Keys each status may carry; anything else under the entry goes when its status changes.
KEEP = {
    "done": {"status", "evidence", "reviewed", "notes"},
    "accepted-risk": {"status", "decision", "evidence", "notes"},
    "not-applicable": {"status", "reason", "approved_by", "notes"},
}


def edit(
    manifest: Path,
    check: str,
    change: Callable[[Any], None],
    *,
    today: dt.date,
    settings: Settings | None = None,
    default_profile: str | None = None,
) -> Evaluation:
    """Apply `change` to the check's entry (a round-trip mapping), judge the result with
    the manifest's own profile, and write it only if that check's decision is valid.
    Evidence is checked as `settings` say: by default offline (repository paths only)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    display = str(manifest)
    text = read_text(manifest, display)
    cat = load_catalogue()
    parse(text, display, cat)  # a manifest that does not parse is never touched
    if check not in cat.checks:
        hint = did_you_mean(check, cat.checks)
        raise UsageError(
            f"unknown check ID '{check}'{hint}",
            key="CHECK_ID",
            fix="`launch-gate checks` lists them all",
        )
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line someone wrote
    offset = _dash_offset(text)
    # ruamel writes every list in one style: the file's own, so no other list moves.
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    data = yaml.load(text)
    checks = data.get("checks")
    if checks is None:
        checks = data["checks"] = CommentedMap()
    entry = checks.get(check)
    if not isinstance(entry, CommentedMap):
        entry = checks[check] = CommentedMap()
    trailing = _take_trailing(entry)
    change(entry)
    for key in [k for k in entry if k not in KEEP.get(str(entry.get("status")), set(entry))]:
        del entry[key]
    _put_trailing(entry, trailing)
    out = io.StringIO()
    yaml.dump(data, out)
    new = out.getvalue()
    where = settings or Settings(today=today, offline=True)
    ev, problems = _judge(new, display, manifest, check, where, default_profile=default_profile)
    if problems:
        first = problems[0]
        raise InputError(
            f"{first.message} ({first.code}); nothing was written",
            file=display,
            line=first.line,
            key=f"checks.{check}",
            fix=first.hint,
            more=tuple(
                InputError(f"{p.message} ({p.code})", file=display, line=p.line, fix=p.hint)
                for p in problems[1:]
            ),
        )
    write_new_or_replace(manifest, new, mode=manifest.stat().st_mode & 0o777)
    return ev


_LIST_ITEM = re.compile(r"^( *)- ")


def _dash_offset(text: str) -> int:
    """How far the file indents a list's dashes under their key: 0 (`key:` then `- a` in
    the same column) or 2 (`  - a`, as `init` and the examples write). The first block
    list decides; with none, 2."""
    lines = text.splitlines()
    for before, line in itertools.pairwise(lines):
        item = _LIST_ITEM.match(line)
        key = before.rstrip()
        if item and key.endswith(":") and not key.lstrip().startswith(("#", "-")):
            return max(0, len(item.group(1)) - (len(before) - len(before.lstrip())))
    return 2


class _Slot(NamedTuple):
    """Where ruamel.yaml keeps the comment after a value: `comments[position]` of `holder`'s
    comment entry for `key` (a mapping keeps it third of four, a list first of two)."""

    holder: Any
    key: Any
    size: int
    position: int


def _last_slot(node: Any) -> _Slot | None:
    """The comment slot of the last value in `node`, however deep: the value written last."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    while True:
        if isinstance(node, CommentedMap) and node:
            key, size, position = list(node)[-1], 4, 2
        elif isinstance(node, CommentedSeq) and node:
            key, size, position = len(node) - 1, 2, 0
        else:
            return None
        child = node[key]
        if not (isinstance(child, CommentedMap | CommentedSeq) and child):
            return _Slot(node, key, size, position)
        node = child


def _take_trailing(node: Any) -> Any:
    """Detach the comment that follows a mapping's or list's last value.

    ruamel.yaml hangs the comment lines between two entries (here: the next check's
    description) on the last value of the first. New keys would land after it, so the
    comment would move inside this entry; it is carried to the new last value instead."""
    slot = _last_slot(node)
    comments = slot.holder.ca.items.get(slot.key) if slot else None
    if slot is None or not comments or len(comments) <= slot.position:
        return None
    token = comments[slot.position]
    comments[slot.position] = None
    return token


def _put_trailing(node: Any, token: Any) -> None:
    slot = _last_slot(node)
    if token is not None and slot is not None:
        comments = slot.holder.ca.items.setdefault(slot.key, [None] * slot.size)
        comments[slot.position] = token


def _judge(
    text: str,
    display: str,
    manifest: Path,
    check: str,
    settings: Settings,
    *,
    default_profile: str | None,
) -> tuple[Evaluation, tuple[Finding, ...]]:
    """The edited text judged as `check` would, and what is wrong with the edited decision.

    A decision is written only if `check` would accept it: the rules of the manifest's
    profile, as if the profile required this check (one it does not require only warns
    about a bad decision, which would then be written in silence). Only the edited check's
    evidence is fetched; the others' repository paths are checked on disk."""
    from launch_gate.gather.evidence.verify import offline, targets, verify

    cat = load_catalogue()
    loaded = parse(text, display, cat)
    profile = choose_profile(None, loaded, cat, lambda: working_copy(manifest), default_profile)
    where = settings.for_manifest(manifest)
    found = list(targets(loaded.manifest))
    results = offline([t for t in found if t.key[0] != check], where)
    results |= verify([t for t in found if t.key[0] == check], where)
    ev = evaluate(loaded, profile, cat, settings.today, evidence=results)
    strict = profile._replace(
        require=[*profile.require, check], waive=[c for c in profile.waive if c != check]
    )
    judged = evaluate(loaded, strict, cat, settings.today, evidence=results)
    result = next(r for r in judged.checks if r.check.id == check)
    return ev, result.problems
