"""What verification produces, and the settings that shape it.

Kept free of network imports: the rules read these types, and the offline
gate must not pay for httpx or PyGithub just to name them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, NamedTuple

from gate.manifest import WorkflowEvidence

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


class Settings(NamedTuple):
    """How to verify. The defaults are the documented ones."""

    repo_root: Path
    today: dt.date
    offline: bool = False
    allow_private_hosts: bool = False
    concurrency: int = 16
    per_host: int = 4
    timeout: float = 10.0
    max_redirects: int = 5
    # Enough to see that a page really starts answering, never a whole download.
    max_body: int = 64 * 1024
    retry_after_cap: float = 10.0
    github_token: str | None = None
    github_api_url: str = "https://api.github.com"
    github_server_url: str = "https://github.com"
    # `owner/name` for workflow mappings that do not say `repo:`.
    github_repository: str | None = None
    progress: bool = False
    # A `time.monotonic()` moment after which nothing more is checked: what is
    # still pending then is reported unreachable (the Action's timeout-seconds).
    deadline: float | None = None


def describe(item: Item) -> str:
    if isinstance(item, str):
        return item
    parts = [f"workflow {item.workflow}"]
    if item.repo:
        parts.append(f"in {item.repo}")
    if item.branch:
        parts.append(f"on {item.branch}")
    return " ".join(parts)
