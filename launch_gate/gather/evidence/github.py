"""GitHub objects as evidence, through the GitHub port with the workflow's token.

The port's adapter (PyGithub) is synchronous, so each lookup runs in a worker thread
while holding one of the same global slots the URL checks use.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from launch_gate.gather.deadline import in_daemon_thread
from launch_gate.gather.evidence.ghurls import GitHubRef
from launch_gate.gather.evidence.results import MAX_BYTES, Unreadable, from_artifact, verdict
from launch_gate.gather.evidence.settings import Settings
from launch_gate.judge.evidence import EvidenceResult, Role, State, describe
from launch_gate.judge.shapes import WorkflowEvidence

if TYPE_CHECKING:
    from launch_gate.gather.evidence.http import HttpChecker
    from launch_gate.gather.github.port import Artifact, GitHub, GitHubError, Run
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

    async def check_artifact(self, item: WorkflowEvidence, http: HttpChecker) -> EvidenceResult:
        """The numbers in an artifact of the workflow's newest qualifying run: the run found
        and judged as for a plain workflow item, its artifact listed, fetched from the
        short-lived URL GitHub redirects to (without our token, through the SSRF guard),
        one member read in memory and judged against the item's assertions."""
        text = describe(item)
        changed = self._changed_by_the_change(item)
        if changed:
            return EvidenceResult(text, "results", "broken", changed)
        plan: list[Any] = []
        found = await self._run(text, lambda: self._artifact(item, plan))
        if found.state != "ok":
            return found._replace(kind="results")
        run, artifact, repo = plan
        where = f"{item.workflow} run #{run.number}, {run.head_sha[:7]}, {self._ago(run.day)}"
        return await self._judge_artifact(
            item, text, http, repo=repo, artifact=artifact, where=where
        )

    def _changed_by_the_change(self, item: WorkflowEvidence) -> str:
        """On a pull request's run, numbers count only from the base's workflow definition:
        a change to the workflow that produced them would let the change certify itself."""
        base = self.settings.base
        if base is None or (item.repo and item.repo != self.settings.github_repository):
            return ""
        rel = item.workflow if "/" in item.workflow else f".github/workflows/{item.workflow}"
        root = self.settings.repo_root
        if root is None:
            return ""
        try:
            head = (root / rel).read_bytes()
        except OSError:
            head = None
        try:
            before = base.read(rel)
        except Exception:
            before = b"\0unreadable"
        if head == before:
            return ""
        return (
            f"this change edits {rel}, the workflow that produces these numbers: they count "
            "once the change is merged and the base's workflow has run"
        )

    @staticmethod
    def _ago(day: dt.date) -> str:
        return day.isoformat()

    def _artifact(self, item: WorkflowEvidence, plan: list[Any]) -> tuple[bool, str]:
        ok, reason, run = self._judge_run(item)
        if not ok:
            return ok, reason
        repo = item.repo or self.settings.github_repository or ""
        assert run is not None
        assert item.artifact is not None
        named = self._github().artifacts(repo, run.id, item.artifact)
        if not named:
            return False, (
                f"run #{run.number} uploaded no artifact named {item.artifact} "
                "(does the workflow's upload-artifact step use that name?)"
            )
        if len(named) > 1:
            return False, f"run #{run.number} has {len(named)} artifacts named {item.artifact}"
        artifact = named[0]
        if artifact.expired:
            return False, (
                f"the artifact {item.artifact} of run #{run.number} has expired (past its "
                "retention): run the workflow again, or keep its artifacts longer"
            )
        if artifact.size > MAX_BYTES:
            return False, f"the artifact {item.artifact} is larger than {MAX_BYTES >> 20} MiB"
        plan[:] = [run, artifact, repo]
        return True, ""

    async def _judge_artifact(
        self,
        item: WorkflowEvidence,
        text: str,
        http: HttpChecker,
        *,
        repo: str,
        artifact: Artifact,
        where: str,
    ) -> EvidenceResult:
        got = await self._download(text, http, repo, artifact)
        if isinstance(got, EvidenceResult):
            return got
        assert item.format is not None  # load checked it
        assert item.assert_ is not None
        try:
            summary = from_artifact(got, item.file, item.format, item.assert_)
        except Unreadable as exc:
            name = item.file or item.artifact
            why = f"{name} is not {item.format} results: {exc}"
            return EvidenceResult(text, "results", "broken", why)
        return verdict(text, summary, item.assert_, where)

    async def _download(
        self, text: str, http: HttpChecker, repo: str, artifact: Artifact
    ) -> bytes | EvidenceResult:
        """The artifact's zip, checked against its size cap and digest; or why not."""
        import httpx

        from launch_gate.gather.evidence.ssrf import Refused

        failed = EvidenceResult(text, "results", "unreachable", "")
        for attempt in range(2):
            got = await self._run(text, lambda: self._locate(repo, artifact))
            if got.state != "ok":
                return got._replace(kind="results")
            try:
                status, raw = await http.download(got.reason, MAX_BYTES)
            except Refused as exc:
                return failed._replace(reason=f"download refused: {exc.reason}")
            except (httpx.HTTPError, TimeoutError, OSError) as exc:
                return failed._replace(reason=f"download failed ({type(exc).__name__})")
            # A signed URL lives about a minute: one that expired meanwhile is asked again.
            if status == 200 or attempt == 1 or status not in {401, 403, 404, 410}:
                break
        if status != 200:
            return failed._replace(reason=f"the download answered HTTP {status}")
        problem = _checked(raw, artifact)
        return EvidenceResult(text, "results", "broken", problem) if problem else raw

    def _locate(self, repo: str, artifact: Artifact) -> tuple[bool, str]:
        # The Location is returned as the "reason" of an ok lookup: it never reaches a report.
        return True, self._github().artifact_location(repo, artifact.id)

    def _workflow(self, item: WorkflowEvidence) -> tuple[bool, str]:
        ok, reason, _run = self._judge_run(item)
        return ok, reason

    def _judge_run(self, item: WorkflowEvidence) -> tuple[bool, str, Run | None]:
        full_name = item.repo or self.settings.github_repository
        if not full_name:
            return False, "no `repo:` given and GITHUB_REPOSITORY is not set", None
        latest = self._github().latest_run(full_name, item.workflow, item.branch)
        on = f" on {item.branch}" if item.branch else ""
        if latest is None:
            why = f"no completed run{on} of the repository's own (pull request runs and forks "
            return False, why + "do not count)", None
        run = f"run #{latest.number}" if latest.number else "last run"
        if latest.head_sha:
            run += f" ({latest.head_sha[:7]})"
        if latest.conclusion != "success":
            said = _CONCLUSIONS.get(latest.conclusion, f"ended {latest.conclusion}")
            return False, f"{run}{on} {said} on {latest.day.isoformat()}", latest
        age = (self.settings.today - latest.day).days
        if item.max_age_days is not None and age > item.max_age_days:
            why = (
                f"{run}{on} succeeded on {latest.day.isoformat()}, {age} days ago "
                f"(max_age_days: {item.max_age_days})"
            )
            return False, why, latest
        return True, "", latest


def _checked(raw: bytes, artifact: Artifact) -> str:
    if len(raw) > MAX_BYTES:
        return "the artifact is larger than allowed"
    if artifact.digest.startswith("sha256:"):
        import hashlib

        if hashlib.sha256(raw).hexdigest() != artifact.digest.removeprefix("sha256:"):
            return "the artifact's bytes do not match the digest GitHub recorded"
    return ""
