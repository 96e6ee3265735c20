"""What evidence verification found, as data the rules read.

Kept free of network imports: the rules read these types, and the offline
gate must not pay for httpx or PyGithub just to name them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
    """A key of an evidence item that the item's other keys rule out."""

    at: KeyPath
    message: str


def misfits(item: Item, at: KeyPath) -> Iterator[Misfit]:
    """What no one key of `item` (at `at` in its manifest) can say alone, by kind. Only
    measured evidence has such rules (judge/measure.py), loaded for a manifest that has
    some."""
    if isinstance(item, str):
        return iter(())
    if isinstance(item, WorkflowEvidence):
        if all(v is None for v in (item.artifact, item.format, item.assert_, item.file)):
            return iter(())  # a plain workflow: nothing measured
        from launch_gate.judge import measure

        return measure.artifact_misfits(item, at)
    if isinstance(item, ResultsEvidence):
        from launch_gate.judge import measure

        return measure.results_misfits(item, at)
    assert_never(item)
