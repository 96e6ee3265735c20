"""An in-memory fake of the GitHub REST API, served on 127.0.0.1 for PyGithub.

Tests point a real ``github.Github(auth=..., base_url=fake.url)`` at it, so the
whole client stack (URL building, pagination, retries, error mapping) runs
without network access. Only the endpoints launch-gate needs exist; any other
route answers 404 exactly as GitHub does for an unknown URL.

    with FakeGitHub() as fake:
        fake.add_pull("acme/rocket", 7, user="alice")
        fake.fail_next("POST", r"/issues/7/comments$", 403,
                       {"message": "Resource not accessible by integration"})
        ...  # run code under test against fake.url
        assert fake.calls("POST", "/comments")
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
import re
import secrets
import threading
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple, Self
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

DOCS = "https://docs.github.com/rest"
REVIEW_STATES = frozenset({"APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"})


@dataclass(frozen=True)
class Installation:
    """A workflow's GITHUB_TOKEN as GitHub treats it: issued for one repository, holding
    what the workflow's `permissions:` block grants (its spelling: `pull-requests: write`),
    with 1,000 requests an hour. Set `FakeGitHub.installation` to answer as GitHub does."""

    repository: str
    permissions: dict[str, str]
    # Repositories next door that exist but are private: the token sees them as missing.
    private: frozenset[str] = frozenset()
    budget: int = 1000

    def grants(self, scope: str, level: str) -> bool:
        if scope not in WORKFLOW_SCOPES:
            return False
        held = {k.replace("-", "_"): v for k, v in self.permissions.items()}.get(scope, "none")
        return held == "write" or (held == "read" and level == "read")


# What an endpoint asks of an installation token (any one alternative is enough), in
# GitHub's X-Accepted-GitHub-Permissions spelling; each route below names its own.
Needs = tuple[tuple[str, str], ...]
_ISSUES_READ: Needs = (("issues", "read"),)
_ISSUES_WRITE: Needs = (("issues", "write"),)
_COMMENTS_READ: Needs = (("issues", "read"), ("pull_requests", "read"))
_COMMENTS_WRITE: Needs = (("issues", "write"), ("pull_requests", "write"))
_PULLS_READ: Needs = (("pull_requests", "read"),)
_CONTENTS_READ: Needs = (("contents", "read"),)
_ACTIONS_READ: Needs = (("actions", "read"),)
# Organisation members read: no workflow `permissions:` key grants it.
_MEMBERS_READ: Needs = (("members", "read"),)
# The keys a workflow's `permissions:` block can set, in GitHub's spelling.
WORKFLOW_SCOPES = frozenset({
    "actions", "attestations", "checks", "contents", "deployments", "discussions", "id_token",
    "issues", "models", "packages", "pages", "pull_requests", "repository_projects",
    "security_events", "statuses",
})  # fmt: skip
NOT_INTEGRATION = "Resource not accessible by integration"


class Headers(dict[str, str]):
    """Request headers keyed in lower case, so lookups ignore case like HTTP does."""

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.lower())

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.lower(), default)


class Request(NamedTuple):
    method: str
    path: str  # percent-decoded, without the query string
    query: dict[str, str]  # the last value wins when a parameter repeats
    headers: Headers
    json: Any


@dataclass(frozen=True)
class Response:
    status: int
    body: Any = None  # JSON-able; a str is sent verbatim as text/plain
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class _Fault:
    method: str
    pattern: re.Pattern[str]
    response: Response
    times: int
    delay: float


@dataclass
class _Pull:
    head_ref: str
    head_sha: str
    base_ref: str
    base_sha: str
    head_repo: str
    merged_at: datetime | None
    draft: bool


@dataclass
class _Issue:
    number: int
    title: str
    body: str
    user: str
    labels: list[str]
    state: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    # GitHub models a pull request as an issue with extras (shared numbering,
    # shared comment thread), so the fake does too.
    pull: _Pull | None


@dataclass
class _Comment:
    id: int
    repo: str
    number: int
    body: str
    user: str
    created_at: datetime
    updated_at: datetime


@dataclass
class _Review:
    id: int
    repo: str
    number: int
    user: str
    state: str
    submitted_at: datetime
    commit_id: str
    body: str
    # What GitHub says of the reviewer's relation to the repository.
    association: str = "MEMBER"


@dataclass
class _Artifact:
    id: int
    repo: str
    run_id: int
    name: str
    data: bytes  # the zip GitHub serves
    expired: bool
    digest: str | None


@dataclass
class _Run:
    id: int
    repo: str
    workflow: str
    branch: str
    head_sha: str
    status: str
    conclusion: str | None
    event: str
    created_at: datetime
    updated_at: datetime
    # Where the head commit lives: a fork's pull request runs in the base repository
    # with the fork as head_repository (GitHub's workflow-run schema).
    head_repo: str = ""


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # naive datetimes in seeds mean UTC, as on GitHub
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _digest(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode()).hexdigest()  # stable fake ids, not security


def _error(status: int, message: str | None = None) -> Response:
    text = message or HTTPStatus(status).phrase
    return Response(status, {"message": text, "documentation_url": DOCS})


def _fields(request: Request) -> dict[str, Any]:
    return request.json if isinstance(request.json, dict) else {}


def _int(query: dict[str, str], name: str, default: int) -> int:
    try:
        return int(query.get(name, default))
    except ValueError:
        return default


NOT_FOUND = _error(404, "Not Found")

# GitHub refuses a comment body over 65,536 characters with a 422.
MAX_BODY = 65536


def _too_long() -> Response:
    return Response(
        422,
        {
            "message": "Validation Failed",
            "errors": [{"resource": "IssueComment", "code": "custom", "field": "body",
                        "message": "body is too long (maximum is 65536 characters)"}],
        },
    )  # fmt: skip


logger = logging.getLogger(__name__)
_Handler = Callable[[Request, dict[str, str]], Response]


class FakeGitHub:
    """Seedable fake of api.github.com; see the module docstring."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.requests: list[Request] = []
        self.errors: list[Exception] = []  # exceptions raised inside the fake itself
        self.delay = 0.0  # seconds added to every answer
        self.allow_anonymous = False
        self.user_login = "github-actions[bot]"  # whom GITHUB_TOKEN acts as
        self.token_logins: dict[str, str] = {}  # token -> login, for other identities
        self._artifacts: dict[int, _Artifact] = {}
        # Blob downloads to answer 403 first (a signed URL that expired before it was used).
        self.stale_blobs = 0
        # (repo, user) -> (role, membership public): see add_collaborator.
        self._roles: dict[tuple[str, str], tuple[str, bool]] = {}
        self.html_base = "https://github.com"  # only ever rendered into html_url strings
        self.default_branch = "main"
        self.rate_limit = 5000
        # None: every token may do everything. Set: answer as GitHub answers GITHUB_TOKEN.
        self.installation: Installation | None = None
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._faults: list[_Fault] = []
        self._missing: set[str] = set()
        self._issues: dict[str, dict[int, _Issue]] = {}
        self._comments: dict[int, _Comment] = {}
        self._reviews: list[_Review] = []
        self._teams: dict[tuple[str, str], dict[str, str]] = {}
        self._commit_pulls: dict[tuple[str, str], list[int]] = {}
        self._workflows: dict[tuple[str, str], int] = {}
        self._runs: list[_Run] = []
        self._files: dict[tuple[str, str], dict[str | None, bytes]] = {}
        self._last_id = 1000
        self._reset_epoch = int(self.clock().timestamp()) + 3600
        self._server = ThreadingHTTPServer((host, port), _RequestHandler)
        self._server.daemon_threads = True
        self._server.fake = self  # type: ignore[attr-defined]
        self.url = f"http://{host}:{self._server.server_address[1]}"
        self._thread: threading.Thread | None = None
        team = r"/orgs/(?P<org>[^/]+)/teams/(?P<slug>[^/]+)"
        self._top_routes = _compile([
            ("GET", r"/user", self._get_user),
            ("GET", r"/rate_limit", self._get_rate_limit),
            ("GET", r"/orgs/(?P<org>[^/]+)", self._get_org),
            ("GET", team, self._get_team, _MEMBERS_READ),
            ("GET", team + r"/members", self._list_team_members, _MEMBERS_READ),
            ("GET", team + r"/memberships/(?P<user>[^/]+)", self._get_membership, _MEMBERS_READ),
        ])  # fmt: skip
        # Matched against what follows /repos/{owner}/{name}; handlers get g["repo"].
        self._repo_routes = _compile([
            ("GET", r"", self._get_repo),  # metadata: every token has it
            ("GET", r"/issues", self._list_issues, _ISSUES_READ),
            ("POST", r"/issues", self._create_issue, _ISSUES_WRITE),
            ("GET", r"/issues/(?P<n>\d+)", self._get_issue, _ISSUES_READ),
            ("PATCH", r"/issues/(?P<n>\d+)", self._edit_issue, _ISSUES_WRITE),
            ("GET", r"/issues/(?P<n>\d+)/comments", self._list_comments, _COMMENTS_READ),
            ("POST", r"/issues/(?P<n>\d+)/comments", self._create_comment, _COMMENTS_WRITE),
            ("GET", r"/issues/comments/(?P<id>\d+)", self._get_comment, _COMMENTS_READ),
            ("PATCH", r"/issues/comments/(?P<id>\d+)", self._edit_comment, _COMMENTS_WRITE),
            ("DELETE", r"/issues/comments/(?P<id>\d+)", self._delete_comment, _COMMENTS_WRITE),
            ("GET", r"/pulls/(?P<n>\d+)", self._get_pull, _PULLS_READ),
            ("GET", r"/pulls/(?P<n>\d+)/reviews", self._list_reviews, _PULLS_READ),
            ("GET", r"/commits/(?P<sha>[^/]+)", self._get_commit, _CONTENTS_READ),
            ("GET", r"/commits/(?P<sha>[^/]+)/pulls", self._list_commit_pulls, _PULLS_READ),
            ("GET", r"/actions/workflows/(?P<wf>[^/]+)", self._get_workflow, _ACTIONS_READ),
            ("GET", r"/actions/workflows/(?P<wf>[^/]+)/runs", self._list_runs, _ACTIONS_READ),
            ("GET", r"/actions/runs/(?P<id>\d+)/artifacts", self._list_artifacts, _ACTIONS_READ),
            ("GET", r"/actions/artifacts/(?P<id>\d+)/zip", self._artifact_zip, _ACTIONS_READ),
            ("GET", r"/contents/(?P<path>.+)", self._get_contents, _CONTENTS_READ),
            # "Get repository permissions for a user": metadata read, which every token has.
            ("GET", r"/collaborators/(?P<user>[^/]+)/permission", self._get_permission),
        ])  # fmt: skip

    # -- lifecycle -------------------------------------------------------------

    def start(self) -> Self:
        # A short poll interval keeps stop() from waiting out the default 0.5 s.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # cuts injected delays short so handlers finish now
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=2)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- inspection and fault injection ----------------------------------------

    def calls(self, method: str | None = None, path_contains: str | None = None) -> list[Request]:
        with self._lock:
            return [
                r
                for r in self.requests
                if (method is None or method.upper() == r.method)
                and (path_contains or "") in r.path
            ]

    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int,
        body: Any = None,
        *,
        headers: dict[str, str] | None = None,
        times: int = 1,
        delay: float = 0.0,
    ) -> None:
        """Answer the next ``times`` matching requests with ``status``/``body``/``headers``.

        ``method`` may be ``"*"``; ``path_regex`` is searched in the decoded path.
        Queued faults are used first-in first-out and take precedence over routes;
        ``body=None`` means GitHub's usual ``{"message": <reason>}``.
        """
        if body is None and status != 204:
            body = _error(status).body
        answer = Response(status, body, dict(headers or {}))
        with self._lock:
            self._faults.append(_Fault(method, re.compile(path_regex), answer, times, delay))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending_faults(self) -> int:
        with self._lock:
            return sum(f.times for f in self._faults)

    # -- seeding ---------------------------------------------------------------

    def missing_repo(self, repo: str) -> None:
        with self._lock:
            self._missing.add(repo)

    def add_issue(
        self,
        repo: str,
        title: str = "An issue",
        body: str = "",
        *,
        number: int | None = None,
        user: str = "octocat",
        state: str = "open",
        labels: Iterable[str] = (),
    ) -> int:
        return self._new_issue(repo, number, title, body, user, state, list(labels))

    def add_pull(
        self,
        repo: str,
        number: int | None = None,
        *,
        title: str = "A change",
        body: str = "",
        user: str = "octocat",
        state: str = "open",
        head_ref: str = "feature",
        head_sha: str | None = None,
        base_ref: str = "main",
        base_sha: str | None = None,
        head_repo: str | None = None,  # another repo makes it a pull from a fork
        merged_at: datetime | None = None,
        draft: bool = False,
        labels: Iterable[str] = (),
    ) -> int:
        pull = _Pull(
            head_ref,
            head_sha or _digest(repo, head_ref, number),
            base_ref,
            base_sha or _digest(repo, base_ref),
            head_repo or repo,
            merged_at,
            draft,
        )
        return self._new_issue(repo, number, title, body, user, state, list(labels), pull)

    def issues(self, repo: str) -> list[_Issue]:
        with self._lock:
            return list(self._issues.get(repo, {}).values())

    def add_comment(
        self,
        repo: str,
        number: int,
        body: str,
        user: str | None = None,
        created_at: datetime | None = None,
    ) -> int:
        """Seed a comment; a missing issue is created so seeding order doesn't matter."""
        with self._lock:
            if number not in self._issues.get(repo, {}):
                self.add_issue(repo, f"Issue #{number}", number=number)
            return self._new_comment(repo, number, body, user or self.user_login, created_at)

    def comments(self, repo: str, number: int) -> list[_Comment]:
        with self._lock:
            return [c for c in self._comments.values() if (c.repo, c.number) == (repo, number)]

    def add_review(
        self,
        repo: str,
        number: int,
        user: str,
        state: str,
        *,
        submitted_at: datetime | None = None,
        commit_id: str | None = None,  # defaults to the pull's head sha
        body: str = "",
        # OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE... None: what GitHub shows for a
        # collaborator added with add_collaborator (CONTRIBUTOR while membership is
        # private), else MEMBER.
        association: str | None = None,
    ) -> int:
        if state not in REVIEW_STATES:
            raise ValueError(f"not a review state GitHub uses: {state}")
        with self._lock:
            issue = self._issues.get(repo, {}).get(number)
            head = issue.pull.head_sha if issue and issue.pull else "0" * 40
            when = submitted_at or self.clock()
            if association is None:
                known = self._roles.get((repo, user))
                association = "MEMBER" if known is None or known[1] else "CONTRIBUTOR"
            review = _Review(
                self._next_id(),
                repo,
                number,
                user,
                state,
                when,
                commit_id or head,
                body,
                association,
            )
            self._reviews.append(review)
            return review.id

    def add_collaborator(self, repo: str, user: str, role: str, *, public: bool = False) -> None:
        """`user` may act on `repo` as `role` (read, triage, write, maintain, admin) through
        the organisation. Membership is private unless `public` (GitHub's default): to a
        workflow's token their reviews then say CONTRIBUTOR, not MEMBER."""
        with self._lock:
            self._roles[(repo, user)] = (role, public)

    def add_team(
        self, org: str, slug: str, members: Iterable[str], maintainers: Iterable[str] = ()
    ) -> None:
        roles = dict.fromkeys(members, "member") | dict.fromkeys(maintainers, "maintainer")
        with self._lock:
            self._teams[(org, slug)] = roles

    def link_commit(self, repo: str, sha: str, pull_number: int) -> None:
        """Associate a commit with a pull; a missing pull is created with that head sha."""
        with self._lock:
            if pull_number not in self._issues.get(repo, {}):
                self.add_pull(repo, pull_number, head_sha=sha)
            self._commit_pulls.setdefault((repo, sha), []).append(pull_number)

    def add_workflow_run(
        self,
        repo: str,
        workflow_file: str,
        branch: str,
        conclusion: str | None,
        status: str = "completed",
        *,
        updated_at: datetime | None = None,
        created_at: datetime | None = None,  # defaults to updated_at
        head_sha: str | None = None,
        event: str = "push",
        head_repo: str | None = None,
    ) -> int:
        with self._lock:
            self._workflow_id(repo, workflow_file)
            updated = updated_at or self.clock()
            run = _Run(
                self._next_id(),
                repo,
                workflow_file,
                branch,
                head_sha or _digest(repo, branch, updated),
                status,
                conclusion if status == "completed" else None,  # GitHub's rule, enforced
                event,
                created_at or updated,
                updated,
                head_repo or repo,
            )
            self._runs.append(run)
            return run.id

    def add_artifact(
        self,
        repo: str,
        run_id: int,
        name: str,
        files: dict[str, bytes] | bytes,
        *,
        expired: bool = False,
        digest: bool | str = True,
    ) -> int:
        """An artifact of run `run_id`: `files` zipped (or a zip as given). GitHub records a
        `digest` ("sha256:<hex>") for artifacts uploaded by upload-artifact v4 and later;
        `digest=False` leaves it out, a string sets a wrong one."""
        if isinstance(files, bytes):
            data = files
        else:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for member, content in files.items():
                    archive.writestr(member, content)
            data = buffer.getvalue()
        recorded = None
        if digest is True:
            recorded = "sha256:" + hashlib.sha256(data).hexdigest()
        elif isinstance(digest, str):
            recorded = digest
        with self._lock:
            artifact = _Artifact(self._next_id(), repo, run_id, name, data, expired, recorded)
            self._artifacts[artifact.id] = artifact
            return artifact.id

    def add_file(self, repo: str, path: str, content: str | bytes, ref: str | None = None) -> None:
        """Seed a file; ``ref=None`` serves it at any ref that has no version of its own."""
        data = content.encode() if isinstance(content, str) else content
        with self._lock:
            self._files.setdefault((repo, path.strip("/")), {})[ref] = data

    # -- HTTP plumbing ---------------------------------------------------------

    def _answer(self, method: str, target: str, headers: Headers, raw: bytes) -> Response:
        split = urlsplit(target)
        query = {k: v[-1] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        try:
            body, bad_json = (json.loads(raw) if raw else None), False
        except ValueError:
            body, bad_json = None, True
        request = Request(method, unquote(split.path), query, headers, body)
        with self._lock:
            self.requests.append(request)
            used = len(self.requests)
        limit = self.installation.budget if self.installation else self.rate_limit
        rate = {
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": str(max(limit - used, 0)),
            "X-RateLimit-Reset": str(self._reset_epoch),
            "X-RateLimit-Used": str(used),
            "X-RateLimit-Resource": "core",
        }
        authorized = headers.get("authorization", "").startswith(("token ", "Bearer "))
        if split.path.startswith("/_blobs/"):
            # The signed storage URL an artifact's 302 points at: another host on GitHub,
            # reached without our token (its signature is in the query).
            with self._lock:
                response = self._blob(split.path, query, headers)
        elif not (authorized or self.allow_anonymous):
            response = _error(401, "Requires authentication")
        elif bad_json:
            response = _error(400, "Problems parsing JSON")
        elif self.installation and (denied := self._denied(split.path.rstrip("/"), used)):
            response = denied
        else:
            fault = self._take_fault(method, request.path)
            if self.delay or (fault and fault.delay):
                self._stopping.wait(self.delay + (fault.delay if fault else 0.0))
            response = fault.response if fault else self._route(request, split.path.rstrip("/"))
        # Scripted headers win, so a fault can report X-RateLimit-Remaining: 0.
        return replace(response, headers=rate | response.headers)

    def _denied(self, raw_path: str, used: int) -> Response | None:
        """An installation token past its budget, or asking who it is: refused before any
        route (each route checks its own permission, see `_route`)."""
        inst = self.installation
        assert inst is not None
        if used > inst.budget:
            message = "API rate limit exceeded for installation. See the documentation."
            return replace(_error(403, message), headers={"X-RateLimit-Remaining": "0"})
        return _error(403, NOT_INTEGRATION) if raw_path == "/user" else None

    def _refused(self, repo: str | None, needs: Needs) -> Response | None:
        """What GitHub answers an installation token that may not use this route."""
        inst = self.installation
        if inst is None:
            return None
        if repo is not None and repo != inst.repository:
            return NOT_FOUND if repo in inst.private else None
        if not needs or any(inst.grants(*n) for n in needs):
            return None
        if needs == _MEMBERS_READ:
            # An organisation's teams are hidden, not forbidden: "the team must be visible to
            # the authenticated user" (docs: Teams > Members), so a workflow's token gets 404.
            return NOT_FOUND
        accepted = "; ".join(f"{scope}={level}" for scope, level in needs)
        return replace(
            _error(403, NOT_INTEGRATION), headers={"X-Accepted-GitHub-Permissions": accepted}
        )

    def _take_fault(self, method: str, path: str) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.method.upper() in {"*", method} and fault.pattern.search(path):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def _route(self, request: Request, raw_path: str) -> Response:
        # Routing runs on the raw path so an encoded "/" inside a segment stays put.
        routes, path, extra = self._top_routes, raw_path, {}
        repo = None
        in_repo = re.fullmatch(r"/repos/([^/]+)/([^/]+)(/.*)?", raw_path)
        if in_repo:
            repo = f"{unquote(in_repo[1])}/{unquote(in_repo[2])}"
            if repo in self._missing:
                return NOT_FOUND
            routes, path, extra = self._repo_routes, in_repo[3] or "", {"repo": repo}
        for method, pattern, handler, needs in routes:
            match = pattern.fullmatch(path)
            if match and method == request.method:
                refused = self._refused(repo, needs)
                if refused is not None:
                    return refused
                with self._lock:
                    return handler(
                        request, {k: unquote(v) for k, v in match.groupdict().items()} | extra
                    )
        return NOT_FOUND

    def _paginate(self, request: Request, items: list[Any], key: str | None = None) -> Response:
        per_page = min(max(_int(request.query, "per_page", 30), 1), 100)
        page = max(_int(request.query, "page", 1), 1)
        last = max((len(items) + per_page - 1) // per_page, 1)

        def link(number: int, rel: str) -> str:
            # Absolute, keeping every other parameter and putting page last, like GitHub.
            others = {k: v for k, v in request.query.items() if k != "page"}
            query = urlencode(others | {"page": str(number)})
            return f'<{self.url}{quote(request.path)}?{query}>; rel="{rel}"'

        links = [link(page - 1, "prev"), link(1, "first")] if page > 1 else []
        if page < last:
            links = [link(page + 1, "next"), link(last, "last"), *links]
        chunk = items[(page - 1) * per_page : page * per_page]
        body = chunk if key is None else {"total_count": len(items), key: chunk}
        return Response(200, body, {"Link": ", ".join(links)} if links else {})

    # -- state helpers (callers hold the lock or take it here) ------------------

    def _next_id(self) -> int:
        # One counter for every kind of object: ids only ever increase, like GitHub's.
        with self._lock:
            self._last_id += 1
            return self._last_id

    def _new_issue(
        self,
        repo: str,
        number: int | None,
        title: str,
        body: str,
        user: str,
        state: str,
        labels: list[str],
        pull: _Pull | None = None,
    ) -> int:
        with self._lock:
            issues = self._issues.setdefault(repo, {})
            number = number or max(issues, default=0) + 1
            now = self.clock()
            closed = now if state == "closed" else None
            issues[number] = _Issue(
                number, title, body, user, labels, state, now, now, closed, pull
            )
            return number

    def _new_comment(
        self, repo: str, number: int, body: str, user: str, when: datetime | None = None
    ) -> int:
        when = when or self.clock()
        comment = _Comment(self._next_id(), repo, number, body, user, when, when)
        self._comments[comment.id] = comment
        return comment.id

    def _workflow_id(self, repo: str, file: str) -> int:
        if (repo, file) not in self._workflows:
            self._workflows[(repo, file)] = self._next_id()
        return self._workflows[(repo, file)]

    def _workflow_file(self, repo: str, id_or_file: str) -> str | None:
        # GitHub accepts either the numeric id or the file name in workflow URLs.
        for (owner, file), wf_id in self._workflows.items():
            if owner == repo and id_or_file in {file, str(wf_id)}:
                return file
        return None

    def _login(self, request: Request) -> str:
        token = request.headers.get("authorization", "").partition(" ")[2]
        return self.token_logins.get(token, self.user_login)

    # -- JSON shapes -------------------------------------------------------------

    def _user(self, login: str, kind: str | None = None) -> dict[str, Any]:
        kind = kind or ("Bot" if login.endswith("[bot]") else "User")
        return {
            "login": login,
            "id": int(_digest("user", login)[:7], 16),
            "type": kind,
            "url": f"{self.url}/users/{login}",
            "html_url": f"{self.html_base}/{login}",
        }

    def _repo(self, repo: str) -> dict[str, Any]:
        owner, name = repo.split("/", 1)
        return {
            "id": int(_digest("repo", repo)[:7], 16),
            "name": name,
            "full_name": repo,
            "owner": self._user(owner),
            "private": False,
            "fork": False,
            "archived": False,
            "default_branch": self.default_branch,
            "url": f"{self.url}/repos/{repo}",
            "html_url": f"{self.html_base}/{repo}",
        }

    def _issue(self, repo: str, issue: _Issue) -> dict[str, Any]:
        api, html = f"{self.url}/repos/{repo}", f"{self.html_base}/{repo}"
        labels = [{"name": n, "color": "ededed", "url": f"{api}/labels/{n}"} for n in issue.labels]
        data = {
            "id": int(_digest("issue", repo, issue.number)[:7], 16),
            "number": issue.number,
            "title": issue.title,
            "body": issue.body,
            "state": issue.state,
            "user": self._user(issue.user),
            "labels": labels,
            "comments": len(self.comments(repo, issue.number)),
            "created_at": _iso(issue.created_at),
            "updated_at": _iso(issue.updated_at),
            "closed_at": _iso(issue.closed_at),
            "url": f"{api}/issues/{issue.number}",
            "html_url": f"{html}/issues/{issue.number}",
        }
        if issue.pull:
            data["pull_request"] = {"url": f"{api}/pulls/{issue.number}"}
        return data

    def _pull(self, repo: str, issue: _Issue) -> dict[str, Any]:
        assert issue.pull is not None
        pull, data = issue.pull, self._issue(repo, issue)
        data |= {
            "url": data.pop("pull_request")["url"],
            "issue_url": data["url"],  # PyGithub posts PR comments via issue_url
            "html_url": f"{self.html_base}/{repo}/pull/{issue.number}",
            "draft": pull.draft,
            "merged": pull.merged_at is not None,
            "merged_at": _iso(pull.merged_at),
            "author_association": "MEMBER",
        }
        for side, side_repo, ref, sha in [
            ("head", pull.head_repo, pull.head_ref, pull.head_sha),
            ("base", repo, pull.base_ref, pull.base_sha),
        ]:
            part = self._repo(side_repo) | {"fork": side_repo != repo}
            owner = part["owner"]
            data[side] = {
                "ref": ref,
                "sha": sha,
                "label": f"{owner['login']}:{ref}",
                "user": owner,
                "repo": part,
            }
        return data

    def _comment(self, c: _Comment) -> dict[str, Any]:
        api = f"{self.url}/repos/{c.repo}/issues"
        return {
            "id": c.id,
            "body": c.body,
            "user": self._user(c.user),
            "created_at": _iso(c.created_at),
            "updated_at": _iso(c.updated_at),
            "url": f"{api}/comments/{c.id}",
            "issue_url": f"{api}/{c.number}",
            "html_url": f"{self.html_base}/{c.repo}/issues/{c.number}#issuecomment-{c.id}",
        }

    def _review(self, r: _Review) -> dict[str, Any]:
        return {
            "id": r.id,
            "user": self._user(r.user),
            "body": r.body,
            "state": r.state,
            "commit_id": r.commit_id,
            "author_association": r.association,
            "submitted_at": _iso(r.submitted_at),
            "pull_request_url": f"{self.url}/repos/{r.repo}/pulls/{r.number}",
            "html_url": f"{self.html_base}/{r.repo}/pull/{r.number}#pullrequestreview-{r.id}",
        }

    def _run(self, run: _Run) -> dict[str, Any]:
        return {
            "id": run.id,
            "name": run.workflow.rsplit(".", 1)[0],
            "workflow_id": self._workflow_id(run.repo, run.workflow),
            "path": f".github/workflows/{run.workflow}",
            "head_branch": run.branch,
            "head_sha": run.head_sha,
            "event": run.event,
            "status": run.status,
            "conclusion": run.conclusion,
            "run_number": run.id - 1000,
            "run_attempt": 1,
            "created_at": _iso(run.created_at),
            "updated_at": _iso(run.updated_at),
            "run_started_at": _iso(run.created_at),
            "url": f"{self.url}/repos/{run.repo}/actions/runs/{run.id}",
            "html_url": f"{self.html_base}/{run.repo}/actions/runs/{run.id}",
            # Both are required by the workflow-run schema (GitHub's OpenAPI description).
            "repository": self._repo(run.repo),
            "head_repository": self._repo(run.head_repo),
        }

    # -- route handlers (called with the lock held) -------------------------------

    def _get_user(self, request: Request, _: dict[str, str]) -> Response:
        return Response(200, self._user(self._login(request)))

    def _get_rate_limit(self, _: Request, __: dict[str, str]) -> Response:
        used = len(self.requests)
        core = {
            "limit": self.rate_limit,
            "used": used,
            "remaining": max(self.rate_limit - used, 0),
            "reset": self._reset_epoch,
        }
        return Response(
            200, {"resources": dict.fromkeys(["core", "search", "graphql"], core), "rate": core}
        )

    def _get_org(self, _: Request, g: dict[str, str]) -> Response:
        return Response(
            200, self._user(g["org"], "Organization") | {"url": f"{self.url}/orgs/{g['org']}"}
        )

    def _get_team(self, _: Request, g: dict[str, str]) -> Response:
        org, slug = g["org"], g["slug"]
        if (org, slug) not in self._teams:
            return NOT_FOUND
        return Response(
            200,
            {
                "id": int(_digest("team", org, slug)[:7], 16),
                "slug": slug,
                "name": slug,
                "url": f"{self.url}/orgs/{org}/teams/{slug}",
                "html_url": f"{self.html_base}/orgs/{org}/teams/{slug}",
            },
        )

    def _list_team_members(self, request: Request, g: dict[str, str]) -> Response:
        roles = self._teams.get((g["org"], g["slug"]))
        if roles is None:
            return NOT_FOUND
        role = request.query.get("role", "all")
        members = [self._user(m) for m, r in roles.items() if role in {"all", r}]
        return self._paginate(request, members)

    def _get_membership(self, request: Request, g: dict[str, str]) -> Response:
        role = self._teams.get((g["org"], g["slug"]), {}).get(g["user"])
        if role is None:
            return NOT_FOUND
        return Response(200, {"state": "active", "role": role, "url": self.url + request.path})

    def _get_permission(self, _: Request, g: dict[str, str]) -> Response:
        # GitHub's answer: `permission` is the legacy level (maintain reads as write, triage
        # as read), `role_name` the role itself (docs: "Get repository permissions for a
        # user"). A reviewer the test did not place: write if their reviews say they are a
        # member, owner or collaborator, else read (a public repository's default).
        known = self._roles.get((g["repo"], g["user"]))
        if known is not None:
            role = known[0]
        else:
            said = {
                r.association for r in self._reviews if (r.repo, r.user) == (g["repo"], g["user"])
            }
            role = "write" if said & {"MEMBER", "OWNER", "COLLABORATOR"} else "read"
        legacy = {"maintain": "write", "triage": "read"}.get(role, role)
        return Response(
            200, {"permission": legacy, "role_name": role, "user": self._user(g["user"])}
        )

    def _get_repo(self, _: Request, g: dict[str, str]) -> Response:
        return Response(200, self._repo(g["repo"]))

    def _find_issue(self, g: dict[str, str], *, pull: bool = False) -> _Issue | None:
        issue = self._issues.get(g["repo"], {}).get(int(g["n"]))
        return None if issue is None or (pull and issue.pull is None) else issue

    def _list_issues(self, request: Request, g: dict[str, str]) -> Response:
        q = request.query
        labels = {x for x in q.get("labels", "").split(",") if x}
        found = [
            self._issue(g["repo"], i)
            for i in sorted(self.issues(g["repo"]), key=lambda i: -i.number)  # newest first
            if q.get("state", "open") in {"all", i.state}
            and labels <= set(i.labels)
            and q.get("creator") in {None, i.user}
        ]
        return self._paginate(request, found)

    def _create_issue(self, request: Request, g: dict[str, str]) -> Response:
        data = _fields(request)
        if not data.get("title"):
            return _error(422, "Validation Failed")
        labels = [x if isinstance(x, str) else x["name"] for x in data.get("labels", [])]
        user = self._login(request)
        number = self._new_issue(
            g["repo"], None, data["title"], data.get("body") or "", user, "open", labels
        )
        return Response(201, self._issue(g["repo"], self._issues[g["repo"]][number]))

    def _get_issue(self, _: Request, g: dict[str, str]) -> Response:
        issue = self._find_issue(g)
        return Response(200, self._issue(g["repo"], issue)) if issue else NOT_FOUND

    def _edit_issue(self, request: Request, g: dict[str, str]) -> Response:
        issue, data = self._find_issue(g), _fields(request)
        if issue is None:
            return NOT_FOUND
        issue.title = data.get("title", issue.title)
        issue.body = data.get("body", issue.body)
        issue.labels = list(data.get("labels", issue.labels))
        if data.get("state", issue.state) != issue.state:
            issue.state = data["state"]
            issue.closed_at = self.clock() if issue.state == "closed" else None
        issue.updated_at = self.clock()
        return Response(200, self._issue(g["repo"], issue))

    def _list_comments(self, request: Request, g: dict[str, str]) -> Response:
        if self._find_issue(g) is None:
            return NOT_FOUND
        found = self.comments(g["repo"], int(g["n"]))
        return self._paginate(request, [self._comment(c) for c in found])

    def _create_comment(self, request: Request, g: dict[str, str]) -> Response:
        body = _fields(request).get("body")
        if self._find_issue(g) is None:
            return NOT_FOUND
        if not isinstance(body, str) or not body:
            return _error(422, "Validation Failed")
        if len(body) > MAX_BODY:
            return _too_long()
        new_id = self._new_comment(g["repo"], int(g["n"]), body, self._login(request))
        return Response(201, self._comment(self._comments[new_id]))

    def _find_comment(self, g: dict[str, str]) -> _Comment | None:
        comment = self._comments.get(int(g["id"]))
        return comment if comment is not None and comment.repo == g["repo"] else None

    def _get_comment(self, _: Request, g: dict[str, str]) -> Response:
        comment = self._find_comment(g)
        return Response(200, self._comment(comment)) if comment else NOT_FOUND

    def _edit_comment(self, request: Request, g: dict[str, str]) -> Response:
        comment, body = self._find_comment(g), _fields(request).get("body")
        if comment is None:
            return NOT_FOUND
        if not isinstance(body, str) or not body:
            return _error(422, "Validation Failed")
        if len(body) > MAX_BODY:
            return _too_long()
        comment.body, comment.updated_at = body, self.clock()
        return Response(200, self._comment(comment))

    def _delete_comment(self, _: Request, g: dict[str, str]) -> Response:
        comment = self._find_comment(g)
        if comment is None:
            return NOT_FOUND
        del self._comments[comment.id]
        return Response(204)

    def _get_pull(self, _: Request, g: dict[str, str]) -> Response:
        issue = self._find_issue(g, pull=True)
        return Response(200, self._pull(g["repo"], issue)) if issue else NOT_FOUND

    def _list_reviews(self, request: Request, g: dict[str, str]) -> Response:
        issue = self._find_issue(g, pull=True)
        if issue is None:
            return NOT_FOUND
        mine = [
            self._review(r)
            for r in self._reviews
            if (r.repo, r.number) == (g["repo"], issue.number)
        ]
        return self._paginate(request, mine)

    def _get_commit(self, _: Request, g: dict[str, str]) -> Response:
        # Any sha exists: PyGithub fetches the commit before listing its pulls.
        url = f"{self.url}/repos/{g['repo']}/commits/{g['sha']}"
        html = f"{self.html_base}/{g['repo']}/commit/{g['sha']}"
        return Response(
            200, {"sha": g["sha"], "url": url, "html_url": html, "commit": {"message": ""}}
        )

    def _list_commit_pulls(self, request: Request, g: dict[str, str]) -> Response:
        numbers = self._commit_pulls.get((g["repo"], g["sha"]), [])
        issues = self._issues.get(g["repo"], {})
        return self._paginate(request, [self._pull(g["repo"], issues[n]) for n in numbers])

    def _get_workflow(self, _: Request, g: dict[str, str]) -> Response:
        file = self._workflow_file(g["repo"], g["wf"])
        if file is None:
            return NOT_FOUND
        wf_id, now = self._workflows[(g["repo"], file)], _iso(self.clock())
        return Response(
            200,
            {
                "id": wf_id,
                "name": file.rsplit(".", 1)[0],
                "path": f".github/workflows/{file}",
                "state": "active",
                "created_at": now,
                "updated_at": now,
                "url": f"{self.url}/repos/{g['repo']}/actions/workflows/{wf_id}",
                "html_url": f"{self.html_base}/{g['repo']}/actions/workflows/{file}",
            },
        )

    def _list_runs(self, request: Request, g: dict[str, str]) -> Response:
        file = self._workflow_file(g["repo"], g["wf"])
        if file is None:
            return NOT_FOUND
        q = request.query
        found = [
            r
            for r in self._runs
            if (r.repo, r.workflow) == (g["repo"], file)
            and q.get("branch") in {None, r.branch}
            and q.get("event") in {None, r.event}
            and q.get("head_sha") in {None, r.head_sha}
            # GitHub's status filter accepts conclusions ("success") as well as statuses.
            and q.get("status") in {None, r.status, r.conclusion}
        ]
        found.sort(key=lambda r: (r.created_at, r.id), reverse=True)
        return self._paginate(request, [self._run(r) for r in found], "workflow_runs")

    def _list_artifacts(self, request: Request, g: dict[str, str]) -> Response:
        # "List workflow run artifacts": `name` filters by exact name.
        wanted = request.query.get("name")
        found = [
            {
                "id": a.id,
                "node_id": f"A_{a.id}",
                "name": a.name,
                "size_in_bytes": len(a.data),
                "url": f"{self.url}/repos/{a.repo}/actions/artifacts/{a.id}",
                "archive_download_url": f"{self.url}/repos/{a.repo}/actions/artifacts/{a.id}/zip",
                "expired": a.expired,
                "digest": a.digest,
                "created_at": _iso(self.clock()),
                "expires_at": _iso(self.clock()),
                "updated_at": _iso(self.clock()),
                "workflow_run": {"id": a.run_id},
            }
            for a in self._artifacts.values()
            if a.repo == g["repo"] and a.run_id == int(g["id"]) and wanted in {None, a.name}
        ]
        return Response(200, {"total_count": len(found), "artifacts": found})

    def _artifact_zip(self, _: Request, g: dict[str, str]) -> Response:
        # "Download an artifact": 302 to a URL that works for about a minute; 410 once the
        # artifact is past its retention.
        artifact = self._artifacts.get(int(g["id"]))
        if artifact is None or artifact.repo != g["repo"]:
            return NOT_FOUND
        if artifact.expired:
            return _error(410, "Artifact has expired")
        where = f"{self.url}/_blobs/{artifact.id}?sig={secrets.token_hex(8)}&se=soon"
        return Response(302, None, {"Location": where})

    def _blob(self, path: str, query: dict[str, str], headers: Headers) -> Response:
        if "authorization" in headers:
            return _error(400, "the storage URL is signed: no Authorization header")
        if self.stale_blobs:
            self.stale_blobs -= 1
            return Response(403, "AuthenticationFailed: signature expired")
        artifact = self._artifacts.get(int(path.rsplit("/", 1)[1] or 0))
        if artifact is None or "sig" not in query:
            return Response(404, "BlobNotFound")
        return Response(200, artifact.data)

    def _get_contents(self, request: Request, g: dict[str, str]) -> Response:
        path = g["path"].strip("/")
        versions = self._files.get((g["repo"], path), {})
        ref = request.query.get("ref") or self.default_branch
        data = versions.get(ref, versions.get(None))
        if data is None:
            return NOT_FOUND
        encoded = base64.b64encode(data).decode()
        # GitHub wraps base64 at 60 columns; clients that forget to cope should fail here too.
        wrapped = "".join(encoded[i : i + 60] + "\n" for i in range(0, len(encoded), 60))
        return Response(
            200,
            {
                "type": "file",
                "encoding": "base64",
                "name": path.rsplit("/", 1)[-1],
                "path": path,
                # The blob sha git computes, so tests may compare it with real hashes.
                "sha": hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest(),
                "size": len(data),
                "content": wrapped,
                "url": f"{self.url}/repos/{g['repo']}/contents/{path}?ref={ref}",
                "html_url": f"{self.html_base}/{g['repo']}/blob/{ref}/{path}",
            },
        )


def _compile(table: list[tuple[Any, ...]]) -> list[tuple[str, re.Pattern[str], _Handler, Needs]]:
    """Routes as (method, pattern, handler[, what an installation token needs])."""
    return [
        (m, re.compile(p), handler, needs[0] if needs else ()) for m, p, handler, *needs in table
    ]


class _RequestHandler(BaseHTTPRequestHandler):
    def _serve(self) -> None:
        fake: FakeGitHub = self.server.fake  # type: ignore[attr-defined]
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = Headers({k.lower(): v for k, v in self.headers.items()})
        try:
            response = fake._answer(self.command, self.path, headers, raw)
        except Exception as exc:
            # A bug in the fake must fail the test loudly, not look like a network blip;
            # the logged traceback shows up in pytest's captured-log section.
            logger.exception("FakeGitHub crashed on %s %s", self.command, self.path)
            fake.errors.append(exc)
            response = _error(500, f"FakeGitHub crashed: {exc!r}")
        body, kind = response.body, "application/json; charset=utf-8"
        if isinstance(body, bytes):
            payload, kind = body, "application/zip"
        elif isinstance(body, str):
            payload, kind = body.encode(), "text/plain; charset=utf-8"
        else:
            payload = b"" if body is None else json.dumps(body).encode()
        try:
            self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            if payload:
                self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. its own timeout); there is no one to tell

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:
        """Stay silent: pytest output is for failures, not access logs."""
