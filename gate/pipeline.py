"""From a manifest path to an evaluation: the steps every command shares."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gate.catalogue import load_catalogue
from gate.evaluate import Evaluation, evaluate
from gate.evidence.options import EvidenceOptions
from gate.manifest import load_manifest
from gate.policy import load_profile
from gate.proof.model import ApprovalMap

DEFAULT_PROFILE = "startup"


def evaluate_file(
    path: Path,
    *,
    display: str | None = None,
    profile: str | None = None,
    today: dt.date,
    warn_days: int | None = None,
    evidence: EvidenceOptions | None = None,
    approvals: ApprovalMap | None = None,
) -> Evaluation:
    """Judge the manifest at `path`; `profile` overrides the manifest's own.

    With `evidence`, every evidence item and tracking link is verified first
    (see gate/evidence/); without it, evidence is taken at its word.
    """
    cat = load_catalogue()
    loaded = load_manifest(path, display or str(path), cat)
    chosen = profile or loaded.manifest.profile or DEFAULT_PROFILE
    # The profile is loaded before the slow part, so a bad --profile fails fast.
    prof = load_profile(chosen, cat)
    results = None
    if evidence is not None:
        # Imported here: the offline gate never pays for httpx and PyGithub.
        from gate.evidence.verify import targets, verify

        found = list(targets(loaded.manifest))
        results = verify(found, evidence.settings(path, today)) if found else {}
    return evaluate(loaded, prof, cat, today, warn_days, evidence=results, approvals=approvals)
