"""The GitHub port over PyGithub, every call through our retry policy (retry.py).

PyGithub is the only library that speaks to GitHub's REST API here, and this is
the only module of the Action's steps that imports it. Its exceptions become
`GitHubError`, so no caller needs to know PyGithub's types.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Callable
from typing import Any, TypeVar

from github import Github, GithubException, UnknownObjectException
from github.GithubException import BadAttributeException

from launch_gate.gather.github import retry
from launch_gate.gather.github.port import (
    Artifact,
    Comment,
    GitHubError,
    Issue,
    PullFacts,
    Review,
    Run,
)

T = TypeVar("T")
# Whom a workflow's GITHUB_TOKEN acts as; GitHub answers GET /user with 403 for it.
ACTIONS_BOT = "github-actions[bot]"


def _header(exc: GithubException, name: str) -> str:
    for key, value in (exc.headers or {}).items():
        if key.lower() == name:
            return str(value)
    return ""


def _call(fn: Callable[[], T]) -> T:
    try:
        return retry.call(fn)
    except GithubException as exc:
        data = exc.data if isinstance(exc.data, dict) else {}
        message = str(data.get("message") or "")
        permissions = _header(exc, "x-accepted-github-permissions")
        raise GitHubError(exc.status, message, permissions) from exc
    except retry.GiveUp as exc:
        raise GitHubError(None, str(exc)) from exc
    except OSError as exc:
        raise GitHubError(None, type(exc).__name__) from exc
    except UNREADABLE as exc:
        # A 200 that is not what GitHub's description promises (a proxy's HTML page,
        # truncated JSON, a field of the wrong type): a failed step, never a lost verdict.
        raise GitHubError(
            None, f"GitHub's answer could not be read ({type(exc).__name__})"
        ) from exc


# What reading a malformed answer raises, in PyGithub or in our reading of its objects.
UNREADABLE = (
    ValueError,  # json.JSONDecodeError, int("...")
    TypeError,
    KeyError,
    AttributeError,
    IndexError,
    RecursionError,
    BadAttributeException,
    AssertionError,  # PyGithub asserts on some shapes (ContentFile.decoded_content)
)
# A listing longer than this is cut: a `Link: rel="next"` that points back at itself
# would otherwise be followed for ever.
MAX_LISTED = 3000


def _listed(items: Any) -> list[Any]:
    return list(itertools.islice(items, MAX_LISTED))


def _raw(obj: Any) -> dict[str, Any]:
    """What the listing itself said of an object: `raw_data` would fetch it first."""
    raw = getattr(obj, "_rawData", None)
    return raw if isinstance(raw, dict) else {}


def _association(review: Any) -> str:
    return str(_raw(review).get("author_association") or "")


class PyGitHub:
    """A `GitHub` port for one token, one API URL and one run."""

    def __init__(self, api_url: str, token: str, timeout: float, pool_size: int = 10) -> None:
        seconds = max(1, int(timeout + 0.999))
        self.gh: Github = retry.client(api_url, token, seconds, pool_size=pool_size)

    def close(self) -> None:
        self.gh.close()

    @functools.cached_property
    def _identity(self) -> str:
        try:
            return str(_call(lambda: self.gh.get_user().login))
        except GitHubError:
            return ACTIONS_BOT

    def identity(self) -> str:
        return self._identity

    def file(self, repository: str, path: str, ref: str) -> bytes | None:
        def read() -> bytes | None:
            try:
                found = self.gh.get_repo(repository).get_contents(path, ref=ref)
            except UnknownObjectException:
                return None
            return None if isinstance(found, list) else found.decoded_content

        return _call(read)

    def pull(self, repository: str, number: int) -> PullFacts:
        pull = _call(lambda: self.gh.get_repo(repository).get_pull(number))
        reviews = _call(
            lambda: [
                Review(
                    int(r.id),
                    str(r.user.login) if r.user else "",
                    str(r.state),
                    str(r.commit_id or ""),
                    _association(r),
                )
                for r in _listed(pull.get_reviews())
            ]
        )
        return _call(lambda: PullFacts(number, str(pull.user.login), str(pull.head.sha), reviews))

    def pull_head(self, repository: str, number: int) -> str:
        return str(_call(lambda: self.gh.get_repo(repository).get_pull(number).head.sha))

    def pulls_with(self, repository: str, sha: str, *, merged: bool) -> list[int]:
        pulls = _call(lambda: _listed(self.gh.get_repo(repository).get_commit(sha).get_pulls()))
        if merged:
            return _call(lambda: sorted(int(p.number) for p in pulls if p.merged_at is not None))
        return _call(lambda: sorted(int(p.number) for p in pulls if p.state == "open"))

    def permission(self, repository: str, user: str) -> str:
        repo = self.gh.get_repo(repository)
        role = str(_call(lambda: repo.get_collaborator_role_name(user)))
        if role in ROLES:
            return role
        # A custom repository role: its base role is what the legacy field names.
        return str(_call(lambda: repo.get_collaborator_permission(user)))

    def team_member(self, team: str, user: str) -> bool:
        """Raises GitHubError 403/404 when the token cannot see the team at all (a
        workflow's GITHUB_TOKEN never can): that is "cannot tell", not "not a member"."""
        org, slug = team.strip().lstrip("@").split("/", 1)

        # The team first, fetched for real (the client is lazy): a 404 there means this
        # token cannot see it (or it is gone), which is "cannot tell", not "not a member".
        def fetch_team() -> Any:
            found = self.gh.get_organization(org).get_team_by_slug(slug)
            found.update()
            return found

        found = _call(fetch_team)

        def ask() -> bool:
            try:
                return bool(found.get_team_membership(user).state == "active")
            except UnknownObjectException:
                return False  # the team is visible: 404 here is "not a member"

        return _call(ask)

    def comments(self, repository: str, number: int) -> list[Comment]:
        issue = self.gh.get_repo(repository).get_issue(number)
        return _call(
            lambda: [
                Comment(int(c.id), str(c.user.login) if c.user else "", str(c.body or ""))
                for c in _listed(issue.get_comments())
            ]
        )

    def create_comment(self, repository: str, number: int, body: str) -> int:
        issue = self.gh.get_repo(repository).get_issue(number)
        return _call(lambda: int(issue.create_comment(body).id))

    def delete_comment(self, repository: str, number: int, comment_id: int) -> None:
        issue = self.gh.get_repo(repository).get_issue(number)
        _call(lambda: issue.get_comment(comment_id).delete())

    def edit_comment(self, repository: str, number: int, comment_id: int, body: str) -> None:
        # lazy=True: the issue and the comment are not fetched, only edited (one PATCH).
        issue = self.gh.get_repo(repository).get_issue(number)
        _call(lambda: issue.get_comment(comment_id).edit(body))

    def issues(self, repository: str, label: str = "") -> list[Issue]:
        # Read from each listed issue's own data: touching an attribute the listing left
        # unset (`pull_request` on a plain issue) makes PyGithub fetch that issue, one
        # request per issue instead of one per page.
        return _call(
            lambda: [
                Issue(
                    int(raw["number"]),
                    str((raw.get("user") or {}).get("login") or ""),
                    str(raw.get("title") or ""),
                    str(raw.get("body") or ""),
                    str(raw.get("state") or ""),
                )
                for raw in (_raw(i) for i in _listed(self._listing(repository, label)))
                if not raw.get("pull_request")
            ]
        )

    def _listing(self, repository: str, label: str) -> Any:
        repo = self.gh.get_repo(repository)
        if not label:
            return repo.get_issues(state="all")
        # A label by name, without the request PyGithub's get_label would make first.
        from github.Label import Label

        return repo.get_issues(state="all", labels=[Label(repo.requester, {}, {"name": label})])

    def create_issue(self, repository: str, title: str, body: str, label: str = "") -> int:
        labels = [label] if label else []
        made = _call(
            lambda: self.gh.get_repo(repository).create_issue(title=title, body=body, labels=labels)
        )
        return _call(lambda: int(made.number))

    def edit_issue(
        self, repository: str, number: int, *, title: str, body: str, state: str
    ) -> None:
        issue = self.gh.get_repo(repository).get_issue(number)
        _call(lambda: issue.edit(title=title, body=body, state=state))

    def object_state(self, repository: str, kind: str, number: int, ref: str, path: str) -> str:
        def ask() -> str:
            repo = self.gh.get_repo(repository)
            if kind == "repo":
                repo.update()  # lazy until now: the one GET /repos/{owner}/{name}
                return "exists"
            obj: Any
            if kind in {"issue", "pull"}:
                obj = repo.get_issue(number) if kind == "issue" else repo.get_pull(number)
            elif kind == "workflow":
                obj = repo.get_workflow(path)
            elif path:
                obj = repo.get_contents(path, ref=ref)
            else:
                obj = repo.get_commit(ref)
            if isinstance(obj, list):  # a folder's listing: already fetched, so it exists
                return "exists"
            obj.update()  # the client is lazy: this is the one request that proves it
            return str(obj.state) if kind in {"issue", "pull"} else "exists"

        return _call(ask)

    def artifacts(self, repository: str, run_id: int, name: str) -> list[Artifact]:
        def ask() -> list[Artifact]:
            url = f"{self.gh.get_repo(repository).url}/actions/runs/{run_id}/artifacts"
            _, data = self.gh.requester.requestJsonAndCheck(
                "GET", url, parameters={"name": name, "per_page": 100}
            )
            return [
                Artifact(
                    int(a["id"]),
                    str(a["name"]),
                    int(a["size_in_bytes"]),
                    bool(a["expired"]),
                    str(a.get("digest") or ""),
                )
                for a in data["artifacts"]
            ]

        return _call(ask)

    def artifact_location(self, repository: str, artifact_id: int) -> str:
        def ask() -> str:
            url = f"{self.gh.get_repo(repository).url}/actions/artifacts/{artifact_id}/zip"
            status, headers, body = self.gh.requester.requestJson("GET", url)
            if status == 302:
                where = {k.lower(): v for k, v in headers.items()}.get("location")
                if isinstance(where, str) and where:
                    return where
            message = ""
            try:
                message = str(json.loads(body).get("message") or "") if body else ""
            except (ValueError, AttributeError):
                message = ""
            raise GitHubError(status, message or f"GitHub answered {status}")

        return _call(ask)

    def latest_run(self, repository: str, workflow: str, branch: str | None) -> Run | None:
        from github.GithubObject import NotSet

        def ask() -> Run | None:
            found = self.gh.get_repo(repository).get_workflow(workflow)
            runs = found.get_runs(status="completed", branch=branch or NotSet)
            # GitHub's `branch` filter matches a fork's pull request whose branch has the
            # same name: only the repository's own runs, not made for a pull request, count.
            for seen, run in enumerate(runs):
                if seen >= MAX_RUNS_SCANNED:
                    break
                if run.event in PULL_REQUEST_EVENTS:
                    continue
                # The listing carries head_repository (the workflow-run schema): no request.
                head = run.head_repository
                name = head.full_name if head is not None else None
                if not isinstance(name, str) or name.lower() != repository.lower():
                    continue
                return Run(
                    str(run.conclusion),
                    run.updated_at.date(),
                    int(run.run_number),
                    str(run.head_sha),
                    int(run.id),
                )
            return None

        return _call(ask)


# Repository roles from least to most (GitHub's base roles; custom roles build on them).
ROLES = ("none", "read", "triage", "write", "maintain", "admin")
# Runs a pull request made (or whose head is a fork's) never speak for a branch.
PULL_REQUEST_EVENTS = frozenset({"pull_request", "pull_request_target"})
# How far back to look for the repository's own run among others (one page of GitHub's).
MAX_RUNS_SCANNED = 100


def connect(api_url: str) -> Callable[[str, float], PyGitHub]:
    """The `Connect` the Action uses: one adapter per step, bound to the API URL."""
    return functools.partial(PyGitHub, api_url)
