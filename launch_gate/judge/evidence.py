"""What evidence verification found, as data the rules read.

Kept free of network imports: the rules read these types, and the offline
gate must not pay for httpx or PyGithub just to name them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal, NamedTuple

from launch_gate.judge.manifest import WorkflowEvidence

State = Literal["ok", "broken", "unreachable", "skipped"]
Kind = Literal["url", "path", "github", "workflow"]
# A decision's `tracking` link must also be open; plain evidence need only exist.
Role = Literal["evidence", "tracking"]
Item = str | WorkflowEvidence
# Where an item sits in the manifest: (check ID, "evidence", index) or
# (check ID, "decision", "tracking"); the tail is the rule's finding path.
EvidenceKey = tuple[str, str, int | str]
EvidenceMap = Mapping[EvidenceKey, "EvidenceResult"]


class EvidenceResult(NamedTuple):
    item: str
    kind: Kind
    state: State
    reason: str = ""


# `scheme://user:password@`: what is between `//` and `@` is never shown anywhere.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s@]*@")


def hide_credentials(text: str) -> str:
    """`text` with the user information of every URL in it replaced by `***`."""
    # No `@`, no user information: most evidence, and every report repeats this for each item.
    return _USERINFO.sub(r"\1***@", text) if "@" in text else text


def describe(item: Item) -> str:
    """An evidence item as every report shows it: never with a URL's credentials."""
    if isinstance(item, str):
        return hide_credentials(item)
    parts = [f"workflow {item.workflow}"]
    if item.repo:
        parts.append(f"in {item.repo}")
    if item.branch:
        parts.append(f"on {item.branch}")
    return " ".join(parts)
