"""The audit block: enough to say later exactly what was judged, by what, and when."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from launch_gate import __version__
from launch_gate.judge.approvals import Approval, ApprovalMap, Proof
from launch_gate.judge.evaluate import Evaluation
from launch_gate.judge.people import approver_of
from launch_gate.judge.shape import dump
from launch_gate.judge.shapes import Profile

if TYPE_CHECKING:
    from launch_gate.gather.provenance import Provenance


class DecisionAudit(NamedTuple):
    check: str
    status: str
    owner: str | None
    approved_by: str | None
    expires: str | None
    # None until the approval is proven on a pull request.
    proof: Proof | None = None


class Audit(NamedTuple):
    repository: str | None
    commit: str | None
    manifest_path: str
    manifest_sha256: str
    profile: str
    profile_sha256: str
    tool_version: str
    evaluated_at: str
    decisions: list[DecisionAudit]


# By identity, holding the profile so its id cannot be reused: a monorepo's manifests share
# a handful of loaded profiles, and hashing one costs more than judging a manifest.
_DIGESTS: dict[int, tuple[Profile, str]] = {}


def profile_digest(profile: Profile) -> str:
    found = _DIGESTS.get(id(profile))
    if found is None or found[0] is not profile:
        found = _DIGESTS[id(profile)] = (profile, _digest(profile))
    return found[1]


def _digest(profile: Profile) -> str:
    # Canonical JSON: the same resolved policy hashes the same wherever it came from.
    # `source` names the file it was read from, which is not part of the policy.
    data = dump(profile)
    del data["source"]
    import hashlib
    import json

    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def decisions(ev: Evaluation, approvals: ApprovalMap | None = None) -> list[DecisionAudit]:
    """Every explicit accepted risk and not-applicable claim, in catalogue order."""
    found = approvals or {}
    out = []
    for r in ev.checks:
        entry = r.entry
        if entry is None or entry.status not in ("accepted-risk", "not-applicable"):
            continue
        d = entry.decision
        out.append(
            DecisionAudit(
                check=r.check.id,
                status=entry.status,
                owner=d.owner if d else None,
                approved_by=approver_of(entry),
                expires=d.expires.isoformat() if d and d.expires else None,
                proof=_proof(found.get(r.check.id)),
            )
        )
    return out


def _proof(found: Approval | None) -> Proof | None:
    # None both when not verified and when not proven: only a shown review is proof.
    return found.proof if found is not None else None


def collect(ev: Evaluation, source: Provenance, approvals: ApprovalMap | None = None) -> Audit:
    """The audit block for `ev`; `approvals` fill each decision's `proof`."""
    return Audit(
        repository=source.repository,
        commit=source.commit,
        manifest_path=ev.loaded.file,
        manifest_sha256=source.manifest_sha256,
        profile=ev.profile.name,
        profile_sha256=profile_digest(ev.profile),
        tool_version=__version__,
        evaluated_at=source.evaluated_at,
        decisions=decisions(ev, approvals),
    )
