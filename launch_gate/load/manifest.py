"""Read a readiness manifest strictly: exit 2 names the file, the line and the key."""

from __future__ import annotations

from pathlib import Path

from pydantic_core import ValidationError

from launch_gate.errors import InputError
from launch_gate.judge.document import Document
from launch_gate.judge.manifest import NORMALISED, LoadedManifest, keys_allowed, unknown_key
from launch_gate.judge.shape import validate
from launch_gate.judge.shapes import Catalogue, Manifest, ResultsEvidence, WorkflowEvidence
from launch_gate.judge.values import ResultsFormat
from launch_gate.load.explain import did_you_mean, raise_for
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
    """What one key alone cannot say of measured evidence: an assertion names a number the
    format has, and an artifact comes with its format and assertions (and only with one)."""
    for cid, entry in manifest.checks.items():
        for i, item in enumerate(entry.evidence):
            at = ("checks", cid, "evidence", i)
            key = f"checks.{cid}.evidence.{i}"
            if isinstance(item, ResultsEvidence):
                _check_keys(item.assert_, item.format, doc, at, key)
            elif isinstance(item, WorkflowEvidence):
                given = [n for n, v in (("format", item.format), ("assert", item.assert_),
                                        ("file", item.file)) if v is not None]  # fmt: skip
                if item.artifact is None and given:
                    raise InputError(
                        f"{', '.join(given)} read an artifact's results: add `artifact:` "
                        "(the name the workflow uploads them under)",
                        file=doc.file, line=doc.line((*at, given[0])), key=f"{key}.{given[0]}",
                    )  # fmt: skip
                if item.artifact is not None and (item.format is None or item.assert_ is None):
                    missing = "format" if item.format is None else "assert"
                    raise InputError(
                        f"an artifact's results need `format:` and `assert:` (missing {missing})",
                        file=doc.file, line=doc.line((*at, "artifact")), key=f"{key}.artifact",
                    )  # fmt: skip
                if item.assert_ is not None and item.format is not None:
                    _check_keys(item.assert_, item.format, doc, at, key)


def _check_keys(
    asserts: dict[str, str], fmt: ResultsFormat, doc: Document, at: tuple[str | int, ...], key: str
) -> None:
    for name in asserts:
        why = unknown_key(name, fmt)
        if why is not None:
            hint = did_you_mean(name, NORMALISED)
            raise InputError(
                f"{why}{hint}; choose from {', '.join(keys_allowed())}",
                file=doc.file,
                line=doc.line((*at, "assert", name)),
                key=f"{key}.assert.{name}",
            )
