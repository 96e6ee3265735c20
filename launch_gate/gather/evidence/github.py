"""GitHub objects as evidence, through the GitHub port with the workflow's token.

The port's adapter (PyGithub) is synchronous, so each lookup runs in a worker thread
while holding one of the same global slots the URL checks use.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from launch_gate.gather.deadline import in_daemon_thread
from launch_gate.gather.evidence.ghurls import GitHubRef
from launch_gate.gather.evidence.settings import Settings
from launch_gate.judge.evidence import EvidenceResult, Role, State, describe
from launch_gate.judge.manifest import WorkflowEvidence

if TYPE_CHECKING:
    from launch_gate.gather.github.port import GitHub, GitHubError
    from launch_gate.gather.github.pygithub import PyGitHub

# The adapter (and PyGithub) is imported where a GitHub object is first checked: it
# costs a third of a second at start-up, which manifests without GitHub evidence never need.

_CONCLUSIONS = {"failure": "failed", "timed_out": "timed out", "cancelled": "was cancelled"}


class GitHubChecker:
    def __init__(self, settings: Settings, slots: asyncio.Semaphore) -> None:
        self.settings = settings
        self.slots = slots
        self._port: PyGitHub | None = None

    def _github(self) -> GitHub:
        if self._port is None:
            from launch_gate.gather.github.pygithub import PyGitHub

            assert self.settings.github_token  # checked by _run before any call
            # The token goes to this one API URL only; the global slots bound how hard
            # we press it, so the pool holds as many connections as may run at once.
            self._port = PyGitHub(
                self.settings.github_api_url,
                self.settings.github_token,
                self.settings.timeout,
                pool_size=self.settings.concurrency,
            )
        return self._port

    def close(self) -> None:
        if self._port is not None:
            self._port.close()  # its connection pool, opened for the evidence checks
            self._port = None

    async def check_ref(self, item: str, ref: GitHubRef, role: Role) -> EvidenceResult:
        return await self._run(item, lambda: self._object(ref, role), ref.repo)

    async def check_workflow(self, item: WorkflowEvidence) -> EvidenceResult:
        return await self._run(describe(item), lambda: self._workflow(item))

    async def _run(
        self, item: str, lookup: Callable[[], tuple[bool, str]], repo: str | None = None
    ) -> EvidenceResult:
        from launch_gate.gather.github.port import GitHubError

        if not self.settings.github_token:
            return EvidenceResult(
                item, "github", "unreachable", "needs a GitHub token (GITHUB_TOKEN) to check"
            )
        try:
            # A slow or trickling API must not hold a global slot past two timeouts.
            async with self.slots, asyncio.timeout(self.settings.timeout * 2):
                # Not to_thread: a lookup stuck past the run's deadline must not
                # be joined at exit (see launch_gate/gather/deadline.py).
                ok, reason = await in_daemon_thread(lookup)
        except TimeoutError:
            return EvidenceResult(
                item, "github", "unreachable", "the GitHub API did not answer in time"
            )
        except GitHubError as exc:
            return self._failed(item, repo, exc)
        return EvidenceResult(item, "github", "ok" if ok else "broken", reason)

    def _failed(self, item: str, repo: str | None, exc: GitHubError) -> EvidenceResult:
        status = exc.status
        if status == 404:
            return self._not_found(item, repo)
        if status is None:  # no answer: DNS, refused, a timeout, or we gave up retrying
            why = f"cannot reach the GitHub API ({exc.message})"
            return EvidenceResult(item, "github", "unreachable", why)
        state: State = "broken" if status in {410, 422} else "unreachable"
        if status == 403 and exc.missing():
            why = f"the token cannot read it: add `{exc.missing()}` to the workflow's permissions"
            return EvidenceResult(item, "github", state, why)
        return EvidenceResult(item, "github", state, f"GitHub API answered {status}")

    def _not_found(self, item: str, repo: str | None) -> EvidenceResult:
        own = (self.settings.github_repository or "").casefold()
        if repo and own and repo.casefold() != own:
            # A workflow's token sees its own repository only: GitHub answers 404 for a
            # private one next door. That is "cannot tell", not "broken".
            why = f"this token cannot see {repo} (or it does not exist)"
            return EvidenceResult(item, "github", "unreachable", why)
        return EvidenceResult(item, "github", "broken", "not found on GitHub")

    def _object(self, ref: GitHubRef, role: Role) -> tuple[bool, str]:
        state = self._github().object_state(ref.repo, ref.kind, ref.number, ref.ref, ref.path)
        if role == "tracking" and ref.kind in {"issue", "pull"} and state != "open":
            return False, f"#{ref.number} is {state}; a tracking issue must be open"
        return True, ""

    def _workflow(self, item: WorkflowEvidence) -> tuple[bool, str]:
        full_name = item.repo or self.settings.github_repository
        if not full_name:
            return False, "no `repo:` given and GITHUB_REPOSITORY is not set"
        latest = self._github().latest_run(full_name, item.workflow, item.branch)
        on = f" on {item.branch}" if item.branch else ""
        if latest is None:
            return (
                False,
                f"no completed run{on} of the repository's own "
                "(pull request runs and forks do not count)",
            )
        run = f"run #{latest.number}" if latest.number else "last run"
        if latest.head_sha:
            run += f" ({latest.head_sha[:7]})"
        if latest.conclusion != "success":
            said = _CONCLUSIONS.get(latest.conclusion, f"ended {latest.conclusion}")
            return False, f"{run}{on} {said} on {latest.day.isoformat()}"
        age = (self.settings.today - latest.day).days
        if item.max_age_days is not None and age > item.max_age_days:
            return False, (
                f"{run}{on} succeeded on {latest.day.isoformat()}, {age} days ago "
                f"(max_age_days: {item.max_age_days})"
            )
        return True, ""
