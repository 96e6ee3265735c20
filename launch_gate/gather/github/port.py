"""The one port to GitHub: what the gate asks, answered as plain data.

The Action's steps (base manifest, approver proof, the PR comment, the expiry
issue) speak only this protocol. `pygithub.py` is the adapter for the real API
(and GitHub Enterprise Server through its base URL), with our retry policy;
tests give the steps an in-memory double instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol

from launch_gate.load.tree import Unavailable


class GitHubError(Unavailable):
    """GitHub could not answer: a status (None without one: network, gave up) and why.
    A tree GitHub serves (gather/baseline.py) is then `Unavailable` to load/, which reads
    the base's policy files without knowing who serves them."""

    def __init__(self, status: int | None, message: str, permissions: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        # GitHub's X-Accepted-GitHub-Permissions on a 403: what the token lacks.
        self.permissions = permissions

    def missing(self) -> str:
        """What to add to the workflow's `permissions:` block, as it is written there:
        GitHub's `pull_requests=write; issues=write` becomes `pull-requests: write (or
        issues: write)`. Empty when GitHub did not say."""
        lines = []
        for part in self.permissions.split(";"):
            scope, _, level = part.strip().partition("=")
            if scope:
                lines.append(f"{scope.strip().replace('_', '-')}: {level.strip() or 'read'}")
        return " (or ".join(lines) + ")" * (len(lines) - 1)


class Review(NamedTuple):
    """A pull request review as GitHub lists it."""

    id: int
    user: str
    state: str
    commit: str
    # GitHub's author_association: OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, ...
    association: str = ""


class PullFacts(NamedTuple):
    """What approver proof reads of a pull request."""

    number: int
    author: str
    head: str
    reviews: Sequence[Review]  # oldest first, as GitHub lists them


class Comment(NamedTuple):
    id: int
    author: str
    body: str


class Issue(NamedTuple):
    number: int
    author: str
    title: str
    body: str
    state: str  # open | closed


class Run(NamedTuple):
    """A workflow's latest completed run that may speak for the repository."""

    conclusion: str
    day: dt.date
    number: int = 0
    head_sha: str = ""
    id: int = 0


class Artifact(NamedTuple):
    """An artifact a workflow run uploaded (GET /repos/{o}/{r}/actions/runs/{id}/artifacts)."""

    id: int
    name: str
    size: int
    expired: bool
    digest: str = ""  # "sha256:<hex>" where GitHub gives one


class GitHub(Protocol):
    def identity(self) -> str:
        """The login the token acts as (github-actions[bot] when GitHub will not say)."""
        ...

    def file(self, repository: str, path: str, ref: str) -> bytes | None:
        """A file at a ref; None when the ref has no such file."""
        ...

    def pull(self, repository: str, number: int) -> PullFacts: ...

    def pull_head(self, repository: str, number: int) -> str: ...

    def pulls_with(self, repository: str, sha: str, *, merged: bool) -> list[int]:
        """Pull requests that carry `sha`: the open ones, or the merged ones."""
        ...

    def permission(self, repository: str, user: str) -> str:
        """`user`'s role on `repository`: read, triage, write, maintain or admin (GET
        /repos/{owner}/{repo}/collaborators/{username}/permission); "none" for none."""
        ...

    def team_member(self, team: str, user: str) -> bool:
        """Whether `user` is an active member of `@org/team`."""
        ...

    def comments(self, repository: str, number: int) -> list[Comment]: ...

    def create_comment(self, repository: str, number: int, body: str) -> int:
        """The new comment's ID."""
        ...

    def delete_comment(self, repository: str, number: int, comment_id: int) -> None: ...

    def edit_comment(self, repository: str, number: int, comment_id: int, body: str) -> None: ...

    def issues(self, repository: str, label: str = "") -> list[Issue]:
        """Every issue, open and closed (with `label`: only those carrying it), pull
        requests left out."""
        ...

    def create_issue(self, repository: str, title: str, body: str, label: str = "") -> int: ...

    def edit_issue(
        self, repository: str, number: int, *, title: str, body: str, state: str
    ) -> None: ...

    def object_state(self, repository: str, kind: str, number: int, ref: str, path: str) -> str:
        """That an object exists: `open`/`closed` for an issue or pull request, `exists`
        for anything else; GitHubError 404 when it is not there (or not visible)."""
        ...

    def artifacts(self, repository: str, run_id: int, name: str) -> list[Artifact]:
        """The run's artifacts called `name` (GitHub filters by exact name)."""
        ...

    def artifact_location(self, repository: str, artifact_id: int) -> str:
        """Where the artifact's zip can be fetched for a minute: the Location of GitHub's
        302 (GET .../actions/artifacts/{id}/zip); GitHubError 410 once it has expired."""
        ...

    def latest_run(self, repository: str, workflow: str, branch: str | None) -> Run | None:
        """The workflow's latest completed run, on `branch` if given."""
        ...


# How a step gets a client: (token, seconds it may take); made once per run by the shell.
Connect = Callable[[str, float], GitHub]
