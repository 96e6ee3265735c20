"""Verify every evidence item of a manifest, concurrently, each distinct one once."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Hashable, Iterator
from typing import NamedTuple, Protocol, TextIO

import httpx

from gate.evidence import ghurls
from gate.evidence.github import GitHubChecker
from gate.evidence.http import HttpChecker
from gate.evidence.model import (
    EvidenceKey,
    EvidenceResult,
    Item,
    Role,
    Settings,
    describe,
)
from gate.evidence.paths import check_path
from gate.evidence.progress import Progress
from gate.evidence.ssrf import Guard
from gate.manifest import Manifest, WorkflowEvidence

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class Target(NamedTuple):
    key: EvidenceKey
    item: Item
    role: Role


class Verifier(Protocol):
    """A plug-in: claims the items it knows how to check and checks them."""

    def claim(self, item: Item, role: Role) -> Hashable | None:
        """A key equal for items that need only one check; None if not ours."""

    async def check(self, item: Item, role: Role) -> EvidenceResult: ...


def targets(manifest: Manifest) -> Iterator[Target]:
    """Evidence of done checks and the tracking links of accepted risks."""
    for cid, entry in manifest.checks.items():
        if entry.status == "done":
            for index, item in enumerate(entry.evidence):
                yield Target((cid, "evidence", index), item, "evidence")
        elif entry.status == "accepted-risk" and entry.decision and entry.decision.tracking:
            yield Target((cid, "decision", "tracking"), entry.decision.tracking, "tracking")


def is_url(item: Item) -> bool:
    return isinstance(item, str) and bool(_SCHEME.match(item))


class GitHubVerifier:
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
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def claim(self, item: Item, role: Role) -> Hashable | None:
        return ("path", item) if isinstance(item, str) else None

    async def check(self, item: Item, role: Role) -> EvidenceResult:
        assert isinstance(item, str)
        return check_path(item, self.settings.repo_root)


async def verify_async(
    found: list[Target],
    settings: Settings,
    *,
    guard: Guard | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    stream: TextIO | None = None,
) -> dict[EvidenceKey, EvidenceResult]:
    http = HttpChecker(settings, guard=guard, transport=transport)
    github = GitHubChecker(settings, http.slots)
    verifiers: list[Verifier] = [
        GitHubVerifier(github, settings),
        UrlVerifier(http, settings),
        PathVerifier(settings),
    ]
    jobs: dict[Hashable, asyncio.Task[EvidenceResult]] = {}
    owners: dict[EvidenceKey, Hashable] = {}
    progress = Progress(0, stream)

    async def run(verifier: Verifier, item: Item, role: Role) -> EvidenceResult:
        try:
            return await verifier.check(item, role)
        finally:
            progress.tick()

    try:
        for target in found:
            verifier, key = next(
                (v, k) for v in verifiers if (k := v.claim(target.item, target.role)) is not None
            )
            owners[target.key] = (id(verifier), key)
            if owners[target.key] not in jobs:
                coro = run(verifier, target.item, target.role)
                jobs[owners[target.key]] = asyncio.create_task(coro)
        progress.total = len(jobs)
        shown = asyncio.create_task(progress.run())
        await asyncio.gather(*jobs.values())
        await shown
    finally:
        await http.aclose()
        github.close()
    return {t.key: jobs[owners[t.key]].result()._replace(item=describe(t.item)) for t in found}


def verify(
    found: list[Target], settings: Settings, *, guard: Guard | None = None
) -> dict[EvidenceKey, EvidenceResult]:
    """The blocking entry point the pipeline calls."""
    stream = sys.stderr if settings.progress and sys.stderr.isatty() else None
    return asyncio.run(verify_async(found, settings, guard=guard, stream=stream))
