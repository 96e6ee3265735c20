"""What evidence verification found, as data the rules read.

Kept free of network imports: the rules read these types, and the offline
gate must not pay for httpx or PyGithub just to name them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple

from launch_gate.judge.shapes import ResultsEvidence, WorkflowEvidence
from launch_gate.redact import hide_credentials

State = Literal["ok", "broken", "unreachable", "skipped"]
Kind = Literal["url", "path", "github", "workflow", "results"]
# A decision's `tracking` link must also be open; plain evidence need only exist.
Role = Literal["evidence", "tracking"]
Item = str | WorkflowEvidence | ResultsEvidence
# Where an item sits in the manifest: (check ID, "evidence", index) or
# (check ID, "decision", "tracking"); the tail is the rule's finding path.
EvidenceKey = tuple[str, str, int | str]
EvidenceMap = Mapping[EvidenceKey, "EvidenceResult"]


class EvidenceResult(NamedTuple):
    item: str
    kind: Kind
    state: State
    reason: str = ""
    # Measured evidence: the numbers and how they compare, said of a passing item too.
    measured: str = ""


def describe(item: Item) -> str:
    """An evidence item as every report shows it: never with a URL's credentials."""
    if isinstance(item, str):
        return hide_credentials(item)
    if isinstance(item, ResultsEvidence):
        return f"results {item.results} ({item.format})"
    parts = [f"workflow {item.workflow}"]
    if item.repo:
        parts.append(f"in {item.repo}")
    if item.branch:
        parts.append(f"on {item.branch}")
    if item.artifact:
        parts.append(f"artifact {item.artifact}" + (f" ({item.format})" if item.format else ""))
    return " ".join(parts)
