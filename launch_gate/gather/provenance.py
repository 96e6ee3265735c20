"""Where a judged manifest came from: its repository, commit, bytes and the moment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from launch_gate.load import git as gitsrc


class Provenance(NamedTuple):
    """What the shell knows about where the manifest came from."""

    repository: str | None
    commit: str | None
    manifest_sha256: str
    evaluated_at: str  # UTC, ISO 8601 with a Z


def provenance(
    manifest: Path,
    now: dt.datetime | None = None,
    *,
    sha256: str | None,
    repository: str | None = None,
    commit: str | None = None,
) -> Provenance:
    """`repository` and `commit` as the shell knows them (on Actions, GITHUB_REPOSITORY and
    the commit judged), else what the checkout says; `sha256` of the bytes judged, which the
    loading kept (`digest=True`, launch_gate/load/manifest.py)."""
    if sha256 is None:
        # Hashing the file now could name other bytes than those judged: a caller's bug.
        raise RuntimeError(f"{manifest} was loaded without keeping its digest")
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return Provenance(
        repository=repository or gitsrc.repository(manifest),
        commit=commit or gitsrc.head_sha(manifest),
        manifest_sha256=sha256,
        evaluated_at=moment.isoformat(timespec="seconds").replace("+00:00", "Z"),
    )
