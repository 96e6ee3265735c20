"""How evidence is verified: one value made by the shell, read by every verifier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from launch_gate.gather.evidence.ghurls import api_url_for
from launch_gate.load.git import worktree_root
from launch_gate.load.tree import Tree

if TYPE_CHECKING:
    from launch_gate.gather.evidence.credentials import Resolved


class Settings(NamedTuple):
    """How to verify. The defaults are the documented ones.

    Made once by the shell (the CLI's options, the Action's inputs); `for_manifest`
    fills what only the manifest can tell.
    """

    today: dt.date
    # Where repository-path evidence is looked up; None: the manifest's work tree.
    repo_root: Path | None = None
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
    # A header by exact host (lower case), named by the workflow or the command line and
    # read from its environment (gather/evidence/credentials.py); never by a repository file.
    credentials: Mapping[str, Resolved] = {}
    # A pull request's base (the Action on pull_request and merge_group runs): measured
    # evidence does not count from a workflow the change itself edits.
    base: Tree | None = None

    # The judged manifest's folder: a path that is not found from the repository root but
    # is from there gets its right spelling suggested.
    manifest_dir: Path | None = None

    def for_manifest(self, manifest: Path) -> Settings:
        here = self._replace(manifest_dir=manifest.resolve().parent)
        if self.repo_root is not None:
            return here
        return here._replace(repo_root=worktree_root(manifest) or Path.cwd())

    @classmethod
    def from_environment(cls, environ: Mapping[str, str], **choices: Any) -> Settings:
        """Settings whose GitHub URLs and repository default to the Actions variables
        (GITHUB_SERVER_URL, GITHUB_API_URL, GITHUB_REPOSITORY). The token never does:
        the caller hands it over on purpose."""
        server = environ.get("GITHUB_SERVER_URL") or "https://github.com"
        defaults = {
            "github_server_url": server,
            "github_api_url": environ.get("GITHUB_API_URL") or api_url_for(server),
            "github_repository": environ.get("GITHUB_REPOSITORY") or None,
        }
        given = {k: v for k, v in choices.items() if v is not None}
        return cls(**(defaults | given))
