"""What a caller (the CLI, the Action) chooses, turned into verification settings."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from launch_gate.gather.evidence.ghurls import api_url_for
from launch_gate.gather.evidence.settings import Settings


class EvidenceOptions(NamedTuple):
    """Pass one to `pipeline.evaluate_file(evidence=...)` to verify evidence.

    The GitHub URLs and repository default to the Actions environment variables
    (GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_REPOSITORY). The token never
    does: the caller hands it over on purpose.
    """

    offline: bool = False
    repo_root: Path | None = None
    allow_private_hosts: bool = False
    concurrency: int = 16
    timeout: float = 10.0
    github_token: str | None = None
    github_api_url: str | None = None
    github_server_url: str | None = None
    github_repository: str | None = None
    progress: bool = False
    # See `Settings.deadline`: the whole verification stops there.
    deadline: float | None = None

    def settings(
        self, manifest: Path, today: dt.date, environ: Mapping[str, str] | None = None
    ) -> Settings:
        env = os.environ if environ is None else environ
        server = self.github_server_url or env.get("GITHUB_SERVER_URL") or "https://github.com"
        return Settings(
            repo_root=self.repo_root or repo_root_of(manifest),
            today=today,
            offline=self.offline,
            allow_private_hosts=self.allow_private_hosts,
            concurrency=self.concurrency,
            per_host=min(4, self.concurrency),
            timeout=self.timeout,
            github_token=self.github_token or None,
            github_api_url=self.github_api_url or env.get("GITHUB_API_URL") or api_url_for(server),
            github_server_url=server,
            github_repository=self.github_repository or env.get("GITHUB_REPOSITORY") or None,
            progress=self.progress,
            deadline=self.deadline,
        )


def repo_root_of(manifest: Path) -> Path:
    """The manifest's git work tree (a `.git` dir or worktree file), else the cwd."""
    start = manifest.resolve().parent
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return Path.cwd()
