"""From a manifest path to an evaluation: the steps every command shares."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from launch_gate.gather.evidence.options import EvidenceOptions
from launch_gate.judge.approvals import ApprovalMap
from launch_gate.judge.catalogue import Catalogue
from launch_gate.judge.evaluate import Evaluation, evaluate
from launch_gate.judge.profile import Profile
from launch_gate.load import git as gitsrc
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.manifest import load_manifest
from launch_gate.load.policy import load_profile

DEFAULT_PROFILE = "startup"


def choose_profile(
    override: str | None, declared: str | None, manifest: Path, cat: Catalogue
) -> Profile:
    """The caller's profile if given, else the manifest's, else the default.

    A policy file the manifest names is read relative to the manifest and must
    stay inside its repository; the caller's own `--profile` is trusted as given.
    """
    if override:
        return load_profile(override, cat)
    if not declared:
        return load_profile(DEFAULT_PROFILE, cat)
    root = gitsrc.toplevel(manifest) if "/" in declared or "." in declared else None
    return load_profile(
        declared, cat, base=manifest.resolve().parent, confine=root or manifest.resolve().parent
    )


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
    (see launch_gate/evidence/); without it, evidence is taken at its word.
    """
    cat = load_catalogue()
    loaded = load_manifest(path, display or str(path), cat)
    # The profile is loaded before the slow part, so a bad --profile fails fast.
    prof = choose_profile(profile, loaded.manifest.profile, path, cat)
    results = None
    if evidence is not None:
        # Imported here: the offline gate never pays for httpx and PyGithub.
        from launch_gate.gather.evidence.verify import targets, verify

        found = list(targets(loaded.manifest))
        results = verify(found, evidence.settings(path, today)) if found else {}
    return evaluate(loaded, prof, cat, today, warn_days, evidence=results, approvals=approvals)
