"""What evidence verification found, as data the rules read.

Kept free of network imports: the rules read these types, and the offline
gate must not pay for httpx or PyGithub just to name them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple, assert_never

from launch_gate.judge.document import KeyPath
from launch_gate.judge.shapes import ResultsEvidence, WorkflowEvidence
from launch_gate.redact import hide_credentials

State = Literal["ok", "broken", "unreachable", "skipped"]
Kind = Literal["url", "path", "github", "workflow", "results"]
# A decision's `tracking` link must also be open; plain evidence need only exist.
Role = Literal["evidence", "tracking"]
# An evidence item: a URL or a repository path, a workflow that must be green, or measured
# results (models/manifest.py tells the mappings apart by their kind key). Each function
# below that names the kinds ends in `assert_never`: a kind added to the models and left
# out here fails type checking.
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


class Misfit(NamedTuple):
    """A key of an evidence item that the item's other keys rule out (judge/measure.py
    `misfits`; load/manifest.py places it at its line)."""

    at: KeyPath
    message: str


def measures(item: Item) -> bool:
    """Whether `item` is measured evidence: numbers read from an eval's results and held to
    assertions (judge/measure.py), with rules between its keys."""
    if isinstance(item, str):
        return False
    if isinstance(item, WorkflowEvidence):
        # A plain workflow must only be green; any of these keys reads its results.
        return any(v is not None for v in (item.artifact, item.format, item.assert_, item.file))
    if isinstance(item, ResultsEvidence):
        return True
    assert_never(item)
