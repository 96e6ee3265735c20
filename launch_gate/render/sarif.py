"""SARIF 2.1.0 for GitHub code scanning (``github/codeql-action/upload-sarif``).

One rule per check of the catalogue, with its help text; one result per
problem or warning on the manifest line that holds it. An accepted risk is a
result suppressed externally, its rationale the justification, so the audit
trail shows every decision without it counting as an open alert.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from launch_gate import __version__
from launch_gate.judge.catalogue import Check
from launch_gate.judge.evaluate import CheckResult, Evaluation
from launch_gate.judge.findings import Finding
from launch_gate.render import safe

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/launch-gate/launch-gate"
# Problems of the whole manifest (a score below the minimum) have no check.
MANIFEST_RULE = "launch-gate.manifest"


def _rule(check: Check) -> dict[str, Any]:
    evidence = "".join(f"\n- {e}" for e in check.evidence)
    return {
        "id": check.id,
        "name": check.id.replace(".", "/"),
        "shortDescription": {"text": check.title},
        "fullDescription": {"text": check.description},
        "help": {
            "text": f"{check.description}\n\nEvidence that counts:{evidence}",
            "markdown": f"**{check.title}**\n\n{check.description}\n\n"
            f"Evidence that counts:{evidence}",
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


def artifact_uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix())


def _location(file: str, line: int | None) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(file)},
            "region": {"startLine": line or 1},
        }
    }


def _fingerprint(*parts: str) -> str:
    # Stable across line moves, so code scanning keeps one alert per check and code.
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def _result(f: Finding, outcome: str) -> dict[str, Any]:
    rule = f.check or MANIFEST_RULE
    text = f"{f.message} [{f.code}]" + (f" Fix: {f.hint}" if f.hint else "")
    return {
        "ruleId": rule,
        "level": "error" if f.severity == "error" else "warning",
        "message": {"text": text},
        "locations": [_location(f.file, f.line)],
        # The key tells apart two broken evidence items of one check.
        "partialFingerprints": {"launchGate/v1": _fingerprint(rule, f.code, f.key)},
        "properties": {"code": f.code, "outcome": outcome},
    }


def _accepted(r: CheckResult, file: str, line: int | None) -> dict[str, Any]:
    d = r.entry.decision if r.entry else None
    rationale = safe.clip(d.rationale or "", 1000) if d else ""
    expires = d.expires.isoformat() if d and d.expires else "never"
    owner = d.owner if d and d.owner else "nobody named"
    return {
        "ruleId": r.check.id,
        "level": "note",
        "message": {"text": f"accepted as a risk by {owner}, expires {expires}"},
        "locations": [_location(file, line)],
        "partialFingerprints": {"launchGate/v1": _fingerprint(r.check.id, "accepted-risk")},
        "suppressions": [
            {"kind": "external", "status": "accepted", "justification": rationale or "none given"}
        ],
        "properties": {"code": "accepted-risk", "outcome": r.outcome},
    }


def results(ev: Evaluation) -> list[dict[str, Any]]:
    out = []
    for r in ev.checks:
        out += [_result(f, r.outcome) for f in (*r.problems, *r.warnings)]
        if r.status == "accepted-risk" and r.outcome == "accepted":
            line = ev.loaded.line("checks", r.check.id, "decision")
            out.append(_accepted(r, ev.loaded.file, line))
    out += [_result(f, "manifest") for f in ev.problems]
    return out


def build(ev: Evaluation) -> dict[str, Any]:
    rules = [_rule(c) for c in ev.catalogue.checks.values()]
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
                "automationDetails": {"id": f"launch-gate/{ev.loaded.file}/"},
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


def render(ev: Evaluation, colour: bool = False) -> str:
    return json.dumps(build(ev), indent=2, ensure_ascii=False) + "\n"
