"""From a manifest path to an evaluation: the steps every command shares."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gate.catalogue import load_catalogue
from gate.evaluate import Evaluation, evaluate
from gate.manifest import load_manifest
from gate.policy import load_profile

DEFAULT_PROFILE = "startup"


def evaluate_file(
    path: Path,
    *,
    display: str | None = None,
    profile: str | None = None,
    today: dt.date,
    warn_days: int | None = None,
) -> Evaluation:
    """Judge the manifest at `path`; `profile` overrides the manifest's own."""
    cat = load_catalogue()
    loaded = load_manifest(path, display or str(path), cat)
    chosen = profile or loaded.manifest.profile or DEFAULT_PROFILE
    return evaluate(loaded, load_profile(chosen, cat), cat, today, warn_days)
