"""The verifier plug-ins: each claims the items it knows how to check."""

from __future__ import annotations

import re
from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from launch_gate.gather.evidence import ghurls
from launch_gate.gather.evidence.paths import check_path
from launch_gate.gather.evidence.settings import Settings
from launch_gate.judge.evidence import EvidenceResult, Item, Kind, Role, describe
from launch_gate.judge.manifest import WorkflowEvidence

if TYPE_CHECKING:  # only the online verifiers hold them
    from launch_gate.gather.evidence.github import GitHubChecker
    from launch_gate.gather.evidence.http import HttpChecker

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class Verifier(Protocol):
    """A plug-in: claims the items it knows how to check and checks them."""

    # What its results are, also for an item the deadline left unchecked.
    kind: Kind

    def claim(self, item: Item, role: Role) -> Hashable | None:
        """A key equal for items that need only one check; None if not ours."""

    async def check(self, item: Item, role: Role) -> EvidenceResult: ...


def is_url(item: Item) -> bool:
    return isinstance(item, str) and bool(_SCHEME.match(item))


class GitHubVerifier:
    kind: Kind = "github"

    def __init__(self, checker: GitHubChecker, settings: Settings) -> None:
        self.checker, self.settings = checker, settings
        self.hosts = ghurls.server_hosts(settings.github_server_url)

    def claim(self, item: Item, role: Role) -> Hashable | None:
        if isinstance(item, WorkflowEvidence):
            return ("workflow", item.repo, item.workflow, item.branch, item.max_age_days)
        ref = ghurls.parse(item, self.hosts) if is_url(item) else None
        # Only issues and pull requests answer differently for a tracking link.
        return None if ref is None else ("github", ref, role if ref.number else "")

    async def check(self, item: Item, role: Role) -> EvidenceResult:
        if self.settings.offline:
            return EvidenceResult(describe(item), "github", "skipped", "offline")
        if isinstance(item, WorkflowEvidence):
            return await self.checker.check_workflow(item)
        ref = ghurls.parse(item, self.hosts)
        assert ref is not None  # claim() said so
        return await self.checker.check_ref(item, ref, role)


class UrlVerifier:
    kind: Kind = "url"

    def __init__(self, checker: HttpChecker, settings: Settings) -> None:
        self.checker, self.settings = checker, settings

    def claim(self, item: Item, role: Role) -> Hashable | None:
        # The fragment never reaches the server, so it does not make a new URL.
        return ("url", item.partition("#")[0]) if isinstance(item, str) and is_url(item) else None

    async def check(self, item: Item, role: Role) -> EvidenceResult:
        assert isinstance(item, str)
        if self.settings.offline:
            return EvidenceResult(item, "url", "skipped", "offline")
        return await self.checker.check(item)


class PathVerifier:
    kind: Kind = "path"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def claim(self, item: Item, role: Role) -> Hashable | None:
        return ("path", item) if isinstance(item, str) else None

    async def check(self, item: Item, role: Role) -> EvidenceResult:
        assert isinstance(item, str)
        return self.check_now(item)

    def check_now(self, item: str) -> EvidenceResult:
        return check_path(item, self.settings.repo_root or Path.cwd())
