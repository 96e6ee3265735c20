"""Repository paths as evidence: the file must exist inside the repository."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from launch_gate.judge.evidence import EvidenceResult
from launch_gate.load.text import read_regular

MARKDOWN = frozenset({".md", ".markdown", ".mdown", ".mkd"})
# Headings of anything larger are not worth reading to find an anchor.
MAX_ANCHOR_BYTES = 2 * 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


def check_path(item: str, root: Path, near: Path | None = None) -> EvidenceResult:
    raw, _, anchor = item.partition("#")
    refused = _refusal(raw)
    if refused:
        return EvidenceResult(item, "path", "broken", refused)
    base = root.resolve()
    target = base / raw
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return EvidenceResult(item, "path", "broken", "refused: the path cannot be resolved")
    if not resolved.is_relative_to(base):
        return EvidenceResult(
            item, "path", "broken", "refused: a symlink points outside the repository"
        )
    try:
        exists = resolved.exists()
    except OSError:  # a name too long for the file system, say: it cannot exist
        exists = False
    if not exists:
        return EvidenceResult(item, "path", "broken", _not_found(raw, base, near))
    if not anchor:
        return EvidenceResult(item, "path", "ok")
    return _check_anchor(item, resolved, unquote(anchor))


def _not_found(raw: str, base: Path, near: Path | None) -> str:
    """Where it was looked for, and the spelling that would find it when the manifest's own
    folder has the file (a monorepo: paths are relative to the repository's root)."""
    said = f"file not found (looked from the repository root, {base.name}/)"
    if near is None or near.resolve() == base:
        return said
    try:
        there = (near / raw).resolve()
        if there.is_relative_to(base) and there.exists():
            return f"{said}; did you mean {there.relative_to(base).as_posix()}?"
    except (OSError, RuntimeError, ValueError):
        pass
    return said


def _refusal(raw: str) -> str:
    if not raw.strip():
        return "refused: an empty path"
    if raw.startswith(("/", "\\")) or _DRIVE.match(raw):
        return "refused: an absolute path; give it relative to the repository root"
    if ".." in PurePosixPath(raw.replace("\\", "/")).parts:
        return "refused: `..` would leave the repository"
    if "\x00" in raw:
        return "refused: a NUL byte in the path"
    return ""


def _check_anchor(item: str, file: Path, anchor: str) -> EvidenceResult:
    # Only a path with an #anchor reads headings: their patterns are compiled for it alone.
    from launch_gate.gather.evidence.anchors import anchors, line_anchor_ok

    if not file.is_file():
        return EvidenceResult(item, "path", "broken", "an anchor on a directory")
    try:
        data = read_regular(file, MAX_ANCHOR_BYTES)
    except OSError as exc:
        return EvidenceResult(item, "path", "broken", f"cannot read: {exc.strerror}")
    text = data.decode("utf-8", errors="replace")
    lines = line_anchor_ok(anchor, text)
    if lines is not None:
        reason = "" if lines else f"no line(s) #{anchor} in the file"
        return EvidenceResult(item, "path", "ok" if lines else "broken", reason)
    if file.suffix.lower() not in MARKDOWN:
        # Only Markdown headings have a slug we can compute; say so rather than guess.
        return EvidenceResult(item, "path", "ok", "anchor not checked (not Markdown)")
    found = anchors(text)
    if anchor in found or anchor.lower() in found:
        return EvidenceResult(item, "path", "ok")
    return EvidenceResult(item, "path", "broken", f"no heading #{anchor} in the file")
