"""Verify every evidence item of a manifest, concurrently, each distinct one once."""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Hashable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple, TextIO
from urllib.parse import urlsplit

from launch_gate.gather.evidence.plugins import Online, Verifier, is_url, registry
from launch_gate.gather.evidence.settings import Settings
from launch_gate.judge.evidence import EvidenceKey, EvidenceResult, Item, Role, describe
from launch_gate.judge.shapes import Manifest

if TYPE_CHECKING:  # the network side is imported only when something goes online
    from launch_gate.gather.evidence.ssrf import Guard
    from launch_gate.gather.evidence.wire import Wire


class Target(NamedTuple):
    key: EvidenceKey
    item: Item
    role: Role


def targets(manifest: Manifest) -> Iterator[Target]:
    """Evidence of done checks and accepted risks, and the tracking links of the latter.

    An accepted risk's evidence is verified too: when it all holds, the risk is
    no longer needed (see launch_gate/judge/rules/attestation.py).
    """
    for cid, entry in manifest.checks.items():
        if entry.status in ("done", "accepted-risk"):
            for index, item in enumerate(entry.evidence):
                yield Target((cid, "evidence", index), item, "evidence")
        if entry.status == "accepted-risk" and entry.decision and entry.decision.tracking:
            yield Target((cid, "decision", "tracking"), entry.decision.tracking, "tracking")


class Job(NamedTuple):
    """One manifest's evidence, and the settings its paths are read with."""

    targets: list[Target]
    settings: Settings


# Verifiers whose answer depends only on what every manifest of a run shares (the HTTP and
# GitHub clients, the server's hosts): an item they claim is checked once per run, whichever
# manifests cite it. A path or a results file is read relative to its own manifest.
_SHARED_KINDS = frozenset({"url", "github"})


async def verify_async(
    found: list[Target],
    settings: Settings,
    *,
    guard: Guard | None = None,
    transport: Wire | None = None,
    stream: TextIO | None = None,
) -> dict[EvidenceKey, EvidenceResult]:
    done = await verify_jobs([Job(found, settings)], guard=guard, transport=transport,
                             stream=stream)  # fmt: skip
    return done[0]


async def verify_jobs(
    jobs: Sequence[Job],
    *,
    guard: Guard | None = None,
    transport: Wire | None = None,
    stream: TextIO | None = None,
) -> list[dict[EvidenceKey, EvidenceResult]]:
    """Every job's evidence, under one deadline, in one window of concurrent checks; the
    clients, the deadline and the limits are the first job's settings (a run shares them)."""
    import asyncio

    from launch_gate.gather.evidence.github import GitHubChecker
    from launch_gate.gather.evidence.http import HttpChecker
    from launch_gate.gather.evidence.progress import Progress

    if not jobs:
        return []
    settings = jobs[0].settings
    http = HttpChecker(settings, guard=guard, transport=transport)
    github = GitHubChecker(settings, http.slots)
    online = Online(http, github)
    owners: list[dict[EvidenceKey, Hashable]] = []
    todo: dict[Hashable, tuple[Verifier, Target]] = {}
    for index, job in enumerate(jobs):
        verifiers = registry(job.settings, online)
        owned: dict[EvidenceKey, Hashable] = {}
        for target in job.targets:
            verifier, key = next(
                (v, k) for v in verifiers if (k := v.claim(target.item, target.role)) is not None
            )
            whose = verifier.kind if verifier.kind in _SHARED_KINDS else index
            owned[target.key] = (whose, verifier.kind, key)
            todo.setdefault(owned[target.key], (verifier, target))
        owners.append(owned)
    results: dict[Hashable, EvidenceResult] = {}
    progress = Progress(len(todo), stream)
    # A bounded window of tasks, not one per link: memory stays flat as links grow.
    window = asyncio.Semaphore(settings.concurrency * 4)

    async def run(key: Hashable, verifier: Verifier, target: Target) -> None:
        try:
            results[key] = await verifier.check(target.item, target.role)
        finally:
            progress.tick()
            window.release()

    running: set[asyncio.Task[None]] = set()
    shown = asyncio.create_task(progress.run())
    try:
        async with asyncio.timeout(_budget(settings)):
            for key in _interleaved(todo):
                await window.acquire()
                task = asyncio.create_task(run(key, *todo[key]))
                running.add(task)
                task.add_done_callback(running.discard)
            await asyncio.gather(*running)
    except TimeoutError:
        # The run's deadline: what is still pending is reported, not waited for.
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
    finally:
        shown.cancel()
        await asyncio.gather(shown, return_exceptions=True)
        await http.aclose()
        github.close()
    return [
        {t.key: _found(results, owned[t.key], todo)._replace(item=describe(t.item))
         for t in job.targets}
        for job, owned in zip(jobs, owners, strict=True)
    ]  # fmt: skip


def _budget(settings: Settings) -> float | None:
    return None if settings.deadline is None else max(0.0, settings.deadline - time.monotonic())


def _found(
    results: dict[Hashable, EvidenceResult],
    key: Hashable,
    todo: dict[Hashable, tuple[Verifier, Target]],
) -> EvidenceResult:
    if key in results:
        return results[key]
    verifier, target = todo[key]
    # Unreachable, not broken: nothing says the evidence is wrong, only unchecked;
    # the profile's rules.evidence.unreachable decides what that costs.
    return EvidenceResult(
        describe(target.item), verifier.kind, "unreachable", "not checked before the time limit"
    )


def _interleaved(todo: dict[Hashable, tuple[Verifier, Target]]) -> list[Hashable]:
    """Round-robin over hosts, so the window is never filled by one busy host."""
    lanes: dict[str, list[Hashable]] = {}
    for key, (_verifier, target) in todo.items():
        lanes.setdefault(_host(target.item), []).append(key)
    rounds = itertools.zip_longest(*lanes.values())
    return [key for row in rounds for key in row if key is not None]


def verify(
    found: list[Target], settings: Settings, *, guard: Guard | None = None
) -> dict[EvidenceKey, EvidenceResult]:
    """The blocking entry point for one manifest."""
    return verify_all([Job(found, settings)], guard=guard)[0]


def verify_all(
    jobs: Sequence[Job], *, guard: Guard | None = None
) -> list[dict[EvidenceKey, EvidenceResult]]:
    """The blocking entry point for a run's manifests: a link several of them cite is
    checked once, and all are checked in one window."""
    if not any(job.targets for job in jobs):
        return [{} for _ in jobs]  # nothing to check: no event loop, no client
    settings = jobs[0].settings
    if settings.offline:
        return [offline(job.targets, job.settings) for job in jobs]
    import asyncio

    stream = sys.stderr if settings.progress and sys.stderr.isatty() else None
    return asyncio.run(verify_jobs(jobs, guard=guard, stream=stream))


def _host(item: Item) -> str:
    if not (isinstance(item, str) and is_url(item)):
        return ""
    try:
        return urlsplit(item).hostname or ""
    except ValueError:  # `https://[::1`: the checker reports it as an invalid URL
        return ""


def offline(found: list[Target], settings: Settings) -> dict[EvidenceKey, EvidenceResult]:
    """What the disk can tell (repository paths, results files); links skipped: no event
    loop, no HTTP client. The same registry as online, each verifier's offline answer."""
    verifiers = registry(settings)
    out = {}
    for t in found:
        verifier = next(v for v in verifiers if v.claim(t.item, t.role) is not None)
        out[t.key] = verifier.offline(t.item, t.role)._replace(item=describe(t.item))
    return out
