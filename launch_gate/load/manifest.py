"""Read a readiness manifest strictly: exit 2 names the file, the line and the key."""

from __future__ import annotations

from pathlib import Path

from pydantic_core import ValidationError

from launch_gate.errors import InputError, did_you_mean
from launch_gate.judge.document import Document
from launch_gate.judge.manifest import LoadedManifest, misfits
from launch_gate.judge.shape import validate
from launch_gate.judge.shapes import Catalogue, Manifest
from launch_gate.load.explain import raise_for
from launch_gate.load.text import decode, read_bytes
from launch_gate.load.yamldoc import load


def parse(text: str, display: str, cat: Catalogue) -> LoadedManifest:
    doc = load(text, display)
    if not isinstance(doc.data, dict):
        raise InputError(
            "a manifest must be a mapping with version, system and checks",
            file=display,
            line=1,
            fix="`launch-gate init --output -` prints one to start from",
        )
    _check_ids(doc, cat)
    try:
        manifest = validate(Manifest, doc.data)
    except ValidationError as exc:
        raise_for(exc, doc, Manifest)
    _check_measures(manifest, doc)
    # The validated manifest stands for the raw data from here on; lines and text stay
    # for the reports. A monorepo run holds every manifest until its reports are written,
    # and the raw copy was a third of each (docs/performance.md).
    return LoadedManifest(manifest, doc._replace(data=None))


def load_manifest(
    path: Path, display: str, cat: Catalogue, *, digest: bool = False
) -> LoadedManifest:
    """`digest`: keep the SHA-256 of the bytes read, for an audit block."""
    raw = read_bytes(path, display)
    loaded = parse(decode(raw, display), display, cat)
    if not digest:
        return loaded
    import hashlib  # only audited runs hash

    return loaded._replace(sha256=hashlib.sha256(raw).hexdigest())


def _check_ids(doc: Document, cat: Catalogue) -> None:
    checks = doc.data.get("checks")
    if not isinstance(checks, dict):
        return
    for cid in checks:
        if cid not in cat.checks:
            raise InputError(
                f"unknown check ID{did_you_mean(cid, cat.checks)}",
                fix="`launch-gate checks` lists them all",
                file=doc.file,
                line=doc.line(("checks", cid)),
                key=f"checks.{cid}",
            )


def _check_measures(manifest: Manifest, doc: Document) -> None:
    """The first key of measured evidence its item's other keys rule out, at its line."""
    for at, message in misfits(manifest):
        key = ".".join(str(part) for part in at)
        raise InputError(message, file=doc.file, line=doc.line(at), key=key)
