"""How evidence is verified: one value made by the shell, read by every verifier."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple


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
