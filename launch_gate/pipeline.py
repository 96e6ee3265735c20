"""From a manifest to an evaluation: load -> gather -> judge, the steps every shell shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from launch_gate.gather.evidence.settings import Settings
from launch_gate.judge.approvals import ApprovalMap
from launch_gate.judge.evaluate import Evaluation, evaluate
from launch_gate.judge.evidence import EvidenceKey, EvidenceMap, EvidenceResult
from launch_gate.judge.manifest import LoadedManifest
from launch_gate.judge.shapes import Profile
from launch_gate.load import git as gitsrc
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.judged_by import Default, choose_profile, judged_by_base, working_copy
from launch_gate.load.manifest import load_manifest, parse
from launch_gate.load.text import decode
from launch_gate.load.tree import Tree


def today_utc() -> dt.date:
    """The date expiry is judged on, read once by the shell for the whole run."""
    return dt.datetime.now(dt.UTC).date()


def judge_tree(
    tree: Tree,
    rel: str,
    *,
    profile: str | None,
    today: dt.date,
    warn_days: int | None = None,
    display: str | None = None,
    default: Default = None,
) -> Evaluation | None:
    """The manifest at `rel` of `tree`, judged offline with that tree's own policy files;
    None when the tree has no such file (a manifest new in a pull request)."""
    raw = tree.read(rel)
    if raw is None:
        return None
    cat = load_catalogue()
    loaded = parse(decode(raw, display or rel), display or rel, cat)._replace(repo_path=rel)
    prof = choose_profile(profile, loaded, cat, lambda: (tree, rel), default)
    return evaluate(loaded, prof, cat, today, warn_days)


class Loaded(NamedTuple):
    """A manifest read from the working copy with its profile: loaded once per run."""

    path: Path
    manifest: LoadedManifest
    profile: Profile
    # The head's own profile on a pull request's run, judged by the base's (`profile`).
    proposed: Profile | None = None


def load_file(
    path: Path,
    *,
    display: str | None = None,
    profile: str | None = None,
    default_profile: Default = None,
    digest: bool = False,
    locator: gitsrc.Locator | None = None,
    judge_from: Tree | None = None,
) -> Loaded:
    """Read the manifest at `path` and the profile that judges it (`profile` overrides the
    manifest's own); exit 2 names the file, line and key of anything unreadable. `digest`
    keeps the SHA-256 of the bytes read, for an audit block; a run that loads many manifests
    passes one `locator` for all of them. `judge_from` is a pull request's base: the
    profile and policy files are read there (`judged_by_base`)."""
    cat = load_catalogue()
    loaded = load_manifest(path, display or str(path), cat, digest=digest)
    repo_path = (locator or gitsrc.Locator()).locate(path)
    if repo_path is not None:
        loaded = loaded._replace(repo_path=repo_path)
    # The profile is loaded before the slow part, so a bad --profile fails fast.
    if judge_from is not None:
        judging, proposed = judged_by_base(
            profile, loaded, cat, lambda: working_copy(path), base=judge_from,
            default=default_profile,
        )  # fmt: skip
        return Loaded(path, loaded, judging, proposed)
    chosen = choose_profile(profile, loaded, cat, lambda: working_copy(path), default_profile)
    return Loaded(path, loaded, chosen)


def evaluate_file(
    path: Path,
    *,
    display: str | None = None,
    profile: str | None = None,
    default_profile: str | None = None,
    today: dt.date,
    warn_days: int | None = None,
    evidence: Settings | None = None,
    approvals: ApprovalMap | None = None,
    digest: bool = False,
) -> Evaluation:
    """Judge the manifest at `path`; `profile` overrides the manifest's own, which
    `default_profile` stands in for when it names none (`digest`: see `load_file`).

    With `evidence`, every evidence item and tracking link is verified first
    (see gather/evidence/); without it, evidence is taken at its word.
    """
    source = load_file(
        path, display=display, profile=profile, default_profile=default_profile, digest=digest
    )
    verified = gather_evidence(source, evidence) if evidence is not None else None
    return judge_loaded(source, today=today, warn_days=warn_days, verified=verified,
                        approvals=approvals)  # fmt: skip


def gather_evidence(source: Loaded, settings: Settings) -> dict[EvidenceKey, EvidenceResult]:
    """Every evidence item and tracking link of a loaded manifest, verified (each distinct
    one once, concurrently, until `settings.deadline`)."""
    return gather_all_evidence([source], settings)[0]


def gather_all_evidence(
    sources: Sequence[Loaded], settings: Settings
) -> list[dict[EvidenceKey, EvidenceResult]]:
    """The evidence of several manifests, in one pass: a link they share is checked once,
    and each path is read relative to its own manifest."""
    # Imported here: the offline gate never pays for httpx and PyGithub.
    from launch_gate.gather.evidence.verify import Job, targets, verify_all

    jobs = [Job(list(targets(s.manifest.manifest)), settings.for_manifest(s.path)) for s in sources]
    return verify_all(jobs)


def judge_loaded(
    source: Loaded,
    *,
    today: dt.date,
    warn_days: int | None = None,
    verified: EvidenceMap | None = None,
    approvals: ApprovalMap | None = None,
) -> Evaluation:
    """Judge a manifest already loaded, with what was gathered for it: `verified` evidence
    (None: taken at its word) and approver proof."""
    _, loaded, prof, proposed = source
    return evaluate(
        loaded,
        prof,
        load_catalogue(),
        today,
        warn_days,
        evidence=verified,
        approvals=approvals,
        proposed=proposed,
    )
