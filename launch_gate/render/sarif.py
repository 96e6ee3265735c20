"""SARIF 2.1.0 for GitHub code scanning (``github/codeql-action/upload-sarif``).

One rule per check of the catalogue, with its help text; one result per
problem or warning on the manifest line that holds it. An accepted risk is a
result suppressed externally, its rationale the justification, so the audit
trail shows every decision without it counting as an open alert.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from launch_gate import __version__
from launch_gate.findings import Finding
from launch_gate.render import safe
from launch_gate.report.view import CheckInfo, CheckView, ManifestView

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/launch-gate/launch-gate"
# Problems of the whole manifest (a score below the minimum) have no check.
MANIFEST_RULE = "launch-gate.manifest"


def _rule(check: CheckInfo) -> dict[str, Any]:
    evidence = "".join(f"\n- {e}" for e in check.evidence)
    return {
        "id": check.id,
        "name": check.id.replace(".", "/"),
        "shortDescription": {"text": check.title},
        "fullDescription": {"text": check.description},
        "help": {
            "text": f"{check.description}\n\nEvidence that counts:{evidence}\n\n"
            f"`launch-gate explain {check.id}` says more, for your profile.",
            "markdown": f"**{check.title}**\n\n{check.description}\n\n"
            f"Evidence that counts:{evidence}\n\n"
            f"`launch-gate explain {check.id}` says more, for your profile.",
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["launch-gate", check.layer], "from": check.from_},
    }


def _manifest_rule() -> dict[str, Any]:
    text = "The manifest as a whole falls short of the profile (today: its maturity score)."
    return {
        "id": MANIFEST_RULE,
        "shortDescription": {"text": "Manifest-wide readiness"},
        "help": {"text": text},
        "defaultConfiguration": {"level": "error"},
    }


# Code scanning resolves locations against the repository's root by this base ID.
SRCROOT = "%SRCROOT%"


def artifact_uri(file: str, repo_path: str | None = None) -> str:
    """The manifest relative to its repository's root; where that is unknown, the path
    as given if it is relative and stays below the working directory, else its name."""
    if repo_path:
        return quote(repo_path)
    path = PurePosixPath(Path(file).as_posix())
    if path.is_absolute() or ".." in path.parts:
        return quote(path.name)
    return quote(str(path))


def _location(file: str, line: int | None, repo_path: str | None) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(file, repo_path), "uriBaseId": SRCROOT},
            "region": {"startLine": line or 1},
        }
    }


def _fingerprint(*parts: str) -> str:
    # Stable across line moves, so code scanning keeps one alert per check and code.
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def _result(f: Finding, outcome: str, repo_path: str | None) -> dict[str, Any]:
    rule = f.check or MANIFEST_RULE
    text = f"{f.message} [{f.code}]" + (f" Fix: {f.hint}" if f.hint else "")
    return {
        "ruleId": rule,
        "level": "error" if f.severity == "error" else "warning",
        "message": {"text": text},
        "locations": [_location(f.file, f.line, repo_path)],
        # The key tells apart two broken evidence items of one check.
        "partialFingerprints": {"launchGate/v1": _fingerprint(rule, f.code, f.key)},
        "properties": {"code": f.code, "outcome": outcome},
    }


def _accepted(r: CheckView, file: str, line: int | None, repo_path: str | None) -> dict[str, Any]:
    d = r.entry.decision if r.entry else None
    rationale = safe.clip(d.rationale or "", 1000) if d else ""
    expires = d.expires.isoformat() if d and d.expires else "never"
    owner = d.owner if d and d.owner else "nobody named"
    return {
        "ruleId": r.check.id,
        "level": "note",
        "message": {"text": f"accepted as a risk by {owner}, expires {expires}"},
        "locations": [_location(file, line, repo_path)],
        "partialFingerprints": {"launchGate/v1": _fingerprint(r.check.id, "accepted-risk")},
        "suppressions": [
            {"kind": "external", "status": "accepted", "justification": rationale or "none given"}
        ],
        "properties": {"code": "accepted-risk", "outcome": r.outcome},
    }


def results(ev: ManifestView) -> list[dict[str, Any]]:
    out = []
    where = ev.repo_path
    for r in ev.checks:
        out += [_result(f, r.outcome, where) for f in (*r.problems, *r.warnings)]
        if r.status == "accepted-risk" and r.outcome == "accepted":
            out.append(_accepted(r, ev.file, r.decision_line, where))
    out += [_result(f, "manifest", where) for f in ev.problems]
    return out


def build(ev: ManifestView) -> dict[str, Any]:
    rules = [_rule(c) for c in ev.catalogue]
    where = ev.repo_path or ev.file
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "launch-gate",
                        "version": __version__,
                        "informationUri": INFO_URI,
                        "rules": [*rules, _manifest_rule()],
                    }
                },
                "automationDetails": {"id": f"launch-gate/{where}/"},
                "originalUriBaseIds": {
                    SRCROOT: {"description": {"text": "The root of the manifest's repository."}}
                },
                "results": results(ev),
                "properties": {
                    "verdict": ev.verdict,
                    "profile": ev.profile.name,
                    "score": ev.score,
                    "gaps": ev.gaps,
                },
            }
        ],
    }


def render(ev: ManifestView, colour: bool = False) -> str:
    return json.dumps(build(ev), indent=2, ensure_ascii=False) + "\n"
