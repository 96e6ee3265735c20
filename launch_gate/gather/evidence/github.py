"""GitHub objects as evidence, through the REST API with the workflow's token.

PyGithub is synchronous, so each lookup runs in a worker thread while holding
one of the same global slots the URL checks use.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from launch_gate.gather.deadline import in_daemon_thread
from launch_gate.gather.evidence.ghurls import GitHubRef
from launch_gate.gather.evidence.settings import Settings
from launch_gate.judge.evidence import EvidenceResult, Role, State, describe
from launch_gate.judge.manifest import WorkflowEvidence

if TYPE_CHECKING:
    from github import Github
    from github.Repository import Repository

# PyGithub is imported where a GitHub object is first checked: it costs a third of
# a second at start-up, which manifests without GitHub evidence never need.

_CONCLUSIONS = {"failure": "failed", "timed_out": "timed out", "cancelled": "was cancelled"}


class GitHubChecker:
    def __init__(self, settings: Settings, slots: asyncio.Semaphore) -> None:
        self.settings = settings
        self.slots = slots
        self._client: Github | None = None

    def _github(self) -> Github:
        from github import Auth, Github

        if self._client is None:
            assert self.settings.github_token  # checked by _run before any call
            # The token goes to this one base_url only. No client-side throttle:
            # the global semaphore already bounds how hard we press the API.
            self._client = Github(
                auth=Auth.Token(self.settings.github_token),
                base_url=self.settings.github_api_url,
                timeout=max(1, math.ceil(self.settings.timeout)),
                retry=1,
                pool_size=self.settings.concurrency,
                seconds_between_requests=None,
                # No request until an answer is needed: one call per check, not two.
                lazy=True,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    async def check_ref(self, item: str, ref: GitHubRef, role: Role) -> EvidenceResult:
        return await self._run(item, lambda: self._object(ref, role), ref.repo)

    async def check_workflow(self, item: WorkflowEvidence) -> EvidenceResult:
        return await self._run(describe(item), lambda: self._workflow(item))

    async def _run(
        self, item: str, lookup: Callable[[], tuple[bool, str]], repo: str | None = None
    ) -> EvidenceResult:
        from github import GithubException, UnknownObjectException

        if not self.settings.github_token:
            return EvidenceResult(
                item, "github", "unreachable", "needs a GitHub token (GITHUB_TOKEN) to check"
            )
        try:
            # PyGithub's timeout is per read and it retries once: a slow or trickling
            # API must not hold a global slot past two timeouts.
            async with self.slots, asyncio.timeout(self.settings.timeout * 2):
                # Not to_thread: a lookup stuck past the run's deadline must not
                # be joined at exit (see launch_gate/gather/deadline.py).
                ok, reason = await in_daemon_thread(lookup)
        except TimeoutError:
            return EvidenceResult(
                item, "github", "unreachable", "the GitHub API did not answer in time"
            )
        except UnknownObjectException:
            return self._not_found(item, repo)
        except GithubException as exc:
            state: State = "broken" if exc.status in {404, 410, 422} else "unreachable"
            return EvidenceResult(item, "github", state, f"GitHub API answered {exc.status}")
        except OSError as exc:  # requests' errors are OSErrors: DNS, refused, timeout
            return EvidenceResult(
                item, "github", "unreachable", f"cannot reach the GitHub API ({type(exc).__name__})"
            )
        return EvidenceResult(item, "github", "ok" if ok else "broken", reason)

    def _not_found(self, item: str, repo: str | None) -> EvidenceResult:
        own = (self.settings.github_repository or "").casefold()
        if repo and own and repo.casefold() != own:
            # A workflow's token sees its own repository only: GitHub answers 404 for a
            # private one next door. That is "cannot tell", not "broken".
            why = f"this token cannot see {repo} (or it does not exist)"
            return EvidenceResult(item, "github", "unreachable", why)
        return EvidenceResult(item, "github", "broken", "not found on GitHub")

    def _repo(self, full_name: str) -> Repository:
        return self._github().get_repo(full_name)

    def _object(self, ref: GitHubRef, role: Role) -> tuple[bool, str]:
        repo = self._repo(ref.repo)
        if ref.kind == "repo":
            repo.update()  # lazy until now: this is the one GET /repos/{owner}/{name}
            return True, ""
        obj: Any
        if ref.kind in {"issue", "pull"}:
            obj = repo.get_issue(ref.number) if ref.kind == "issue" else repo.get_pull(ref.number)
        elif ref.kind == "workflow":
            obj = repo.get_workflow(ref.path)
        elif ref.path:
            obj = repo.get_contents(ref.path, ref=ref.ref)
        else:
            obj = repo.get_commit(ref.ref)
        if not isinstance(obj, list):  # a /tree/ URL of a folder lists it, already fetched
            obj.update()  # the client is lazy: this is the one request that proves it exists
        if role == "tracking" and ref.kind in {"issue", "pull"} and obj.state != "open":
            return False, f"#{ref.number} is {obj.state}; a tracking issue must be open"
        return True, ""

    def _workflow(self, item: WorkflowEvidence) -> tuple[bool, str]:
        full_name = item.repo or self.settings.github_repository
        if not full_name:
            return False, "no `repo:` given and GITHUB_REPOSITORY is not set"
        from github.GithubObject import NotSet

        workflow = self._repo(full_name).get_workflow(item.workflow)
        runs = workflow.get_runs(status="completed", branch=item.branch or NotSet)
        latest = next(iter(runs), None)
        on = f" on {item.branch}" if item.branch else ""
        if latest is None:
            return False, f"no completed run{on}"
        day = latest.updated_at.date()
        if latest.conclusion != "success":
            said = _CONCLUSIONS.get(latest.conclusion, f"ended {latest.conclusion}")
            return False, f"last run{on} {said} on {day.isoformat()}"
        age = (self.settings.today - day).days
        if item.max_age_days is not None and age > item.max_age_days:
            return False, (
                f"last run{on} succeeded on {day.isoformat()}, {age} days ago "
                f"(max_age_days: {item.max_age_days})"
            )
        return True, ""
