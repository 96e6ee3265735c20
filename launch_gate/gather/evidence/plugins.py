"""The verifier plug-ins: each claims the items it knows how to check, and answers both
offline (no network: what the disk can tell) and online. `registry` is the one list;
verify.offline() and verify_async() both walk it, first claim wins."""

from __future__ import annotations

import re
from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from launch_gate.errors import closest
from launch_gate.gather.evidence import ghurls
from launch_gate.gather.evidence.paths import check_path
from launch_gate.gather.evidence.settings import Settings
from launch_gate.judge.evidence import EvidenceResult, Item, Kind, Role, describe
from launch_gate.judge.shapes import ResultsEvidence, WorkflowEvidence

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

    def offline(self, item: Item, role: Role) -> EvidenceResult:
        """What can be told without the network (often: skipped)."""

    async def check(self, item: Item, role: Role) -> EvidenceResult: ...


class Online(NamedTuple):
    """The network side, made only when something goes online."""

    http: HttpChecker
    github: GitHubChecker


def registry(settings: Settings, online: Online | None = None) -> list[Verifier]:
    """Every verifier, in the order they claim: measured results before plain workflows
    (both are `{workflow: ...}` mappings), GitHub links before other URLs, paths last."""
    return [
        ResultsVerifier(settings, online),
        GitHubVerifier(settings, online),
        UrlVerifier(settings, online),
        PathVerifier(settings),
    ]


def is_url(item: Item) -> bool:
    return isinstance(item, str) and bool(_SCHEME.match(item))


def _scheme(url: str) -> str:
    return url.split(":", 1)[0].lower()


def _skipped(item: Item, kind: Kind) -> EvidenceResult:
    return EvidenceResult(describe(item), kind, "skipped", "offline")


class GitHubVerifier:
    kind: Kind = "github"

    def __init__(self, settings: Settings, online: Online | None) -> None:
        self.settings, self.online = settings, online
        self.hosts = ghurls.server_hosts(settings.github_server_url)

    def claim(self, item: Item, role: Role) -> Hashable | None:
        if isinstance(item, WorkflowEvidence):
            return ("workflow", item.repo, item.workflow, item.branch, item.max_age_days)
        ref = ghurls.parse(item, self.hosts) if isinstance(item, str) and is_url(item) else None
        # Only issues and pull requests answer differently for a tracking link.
        return None if ref is None else ("github", ref, role if ref.number else "")

    def offline(self, item: Item, role: Role) -> EvidenceResult:
        return _skipped(item, "github")

    async def check(self, item: Item, role: Role) -> EvidenceResult:
        if self.settings.offline or self.online is None:
            return self.offline(item, role)
        if isinstance(item, WorkflowEvidence):
            return await self.online.github.check_workflow(item)
        assert isinstance(item, str)
        ref = ghurls.parse(item, self.hosts)
        assert ref is not None  # claim() said so
        return await self.online.github.check_ref(item, ref, role)


class UrlVerifier:
    kind: Kind = "url"

    def __init__(self, settings: Settings, online: Online | None) -> None:
        self.settings, self.online = settings, online

    def claim(self, item: Item, role: Role) -> Hashable | None:
        # The fragment never reaches the server, so it does not make a new URL.
        return ("url", item.partition("#")[0]) if isinstance(item, str) and is_url(item) else None

    def offline(self, item: Item, role: Role) -> EvidenceResult:
        assert isinstance(item, str)
        scheme = _scheme(item)
        if scheme not in {"http", "https"}:
            # What the online check refuses too (ssrf.py); no network is needed to say so,
            # and a misspelt `htps://` must not pass as "not checked offline".
            meant = " (did you mean https://?)" if closest(scheme, ("https",)) else ""
            why = f"refused: only http and https URLs ({scheme}:){meant}"
            return EvidenceResult(describe(item), "url", "broken", why)
        return _skipped(item, "url")

    async def check(self, item: Item, role: Role) -> EvidenceResult:
        assert isinstance(item, str)
        if self.settings.offline or self.online is None or _scheme(item) not in {"http", "https"}:
            return self.offline(item, role)
        return await self.online.http.check(item)


class PathVerifier:
    kind: Kind = "path"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def claim(self, item: Item, role: Role) -> Hashable | None:
        return ("path", item) if isinstance(item, str) else None

    def offline(self, item: Item, role: Role) -> EvidenceResult:
        assert isinstance(item, str)
        return check_path(item, self.settings.repo_root or Path.cwd(), self.settings.manifest_dir)

    async def check(self, item: Item, role: Role) -> EvidenceResult:
        return self.offline(item, role)


class ResultsVerifier:
    """Measured evidence: a results file in the repository (read offline too), or an
    artifact of a workflow's run (online only)."""

    kind: Kind = "results"

    def __init__(self, settings: Settings, online: Online | None) -> None:
        self.settings, self.online = settings, online

    def claim(self, item: Item, role: Role) -> Hashable | None:
        if isinstance(item, ResultsEvidence):
            return ("results", item.results, item.format, tuple(sorted(item.assert_.items())))
        if isinstance(item, WorkflowEvidence) and item.artifact is not None:
            asserts = tuple(sorted((item.assert_ or {}).items()))
            return ("artifact", describe(item), item.file, item.max_age_days, asserts)
        return None

    def offline(self, item: Item, role: Role) -> EvidenceResult:
        if not isinstance(item, ResultsEvidence):
            return _skipped(item, "results")
        from launch_gate.gather.evidence import results

        return results.in_repository(item, self.settings)

    async def check(self, item: Item, role: Role) -> EvidenceResult:
        if isinstance(item, ResultsEvidence) or self.settings.offline or self.online is None:
            return self.offline(item, role)
        assert isinstance(item, WorkflowEvidence)
        return await self.online.github.check_artifact(item, self.online.http)
