"""Tests of the fake GitHub API, driven through real PyGithub.

Retry policy used here: most clients are built with ``retry=None`` so every
request the fake sees maps one-to-one onto a PyGithub call (PyGithub's default
``GithubRetry`` silently retries 5xx up to 10 times, and 403s that carry
``Retry-After`` or a rate-limit message). The retry tests build their own
``GithubRetry`` explicitly to show what the default policy does.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import github
import pytest
from github import Auth, Github, GithubException, GithubRetry

from tests.conftest_fakegithub import fake_github  # noqa: F401 - pytest fixture
from tests.fakegithub import FakeGitHub, Request, Response

REPO = "acme/rocket"
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

MakeClient = Callable[..., Github]


@pytest.fixture
def make_client(fake_github: FakeGitHub) -> Iterator[MakeClient]:  # noqa: F811
    """Build PyGithub clients aimed at the fake; all are closed after the test."""
    clients: list[Github] = []

    def make(token: str | None = "t0ken", **kwargs: object) -> Github:
        options: dict[str, object] = {
            "base_url": fake_github.url,
            "retry": None,
            # PyGithub throttles to 4 requests/s and 1 write/s by default.
            "seconds_between_requests": None,
            "seconds_between_writes": None,
        }
        if token is not None:
            options["auth"] = Auth.Token(token)
        client = Github(**(options | kwargs))  # type: ignore[arg-type]
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def gh(make_client: MakeClient) -> Github:
    return make_client()


def _pages(fake: FakeGitHub, path: str) -> list[dict[str, str]]:
    return [r.query for r in fake.calls("GET") if r.path == path]


# -- pagination and comments -------------------------------------------------


@pytest.mark.parametrize(
    ("per_page", "expected_queries"),
    [
        (30, [{}, {"page": "2"}, {"page": "3"}]),
        (50, [{"per_page": "50"}, {"per_page": "50", "page": "2"}]),
    ],
)
def test_lists_comments_across_pages(
    fake_github: FakeGitHub,  # noqa: F811
    make_client: MakeClient,
    per_page: int,
    expected_queries: list[dict[str, str]],
) -> None:
    fake_github.add_pull(REPO, 7)
    for i in range(75):
        fake_github.add_comment(REPO, 7, f"comment {i}", user=f"user{i % 3}")
    pull = make_client(per_page=per_page).get_repo(REPO).get_pull(7)

    comments = list(pull.get_issue_comments())

    assert [c.body for c in comments] == [f"comment {i}" for i in range(75)]
    assert comments[4].user.login == "user1"
    # PyGithub sends per_page only when it differs from 30, then follows the
    # absolute rel="next" links the fake built, keeping their query intact.
    assert _pages(fake_github, f"/repos/{REPO}/issues/7/comments") == expected_queries


def test_link_header_is_absolute_and_keeps_the_query(
    fake_github: FakeGitHub,  # noqa: F811
    gh: Github,
) -> None:
    for i in range(75):
        fake_github.add_comment(REPO, 7, f"c{i}")
    path = f"/repos/{REPO}/issues/7/comments"
    base = f"{fake_github.url}{path}?per_page=30"

    headers, page2 = gh.requester.requestJsonAndCheck(
        "GET", path, parameters={"per_page": 30, "page": 2}
    )
    _, page3 = gh.requester.requestJsonAndCheck("GET", path, parameters={"page": 3})

    assert headers["link"] == (
        f'<{base}&page=3>; rel="next", <{base}&page=3>; rel="last", '
        f'<{base}&page=1>; rel="prev", <{base}&page=1>; rel="first"'
    )
    assert [c["body"] for c in page2] == [f"c{i}" for i in range(30, 60)]
    assert [c["body"] for c in page3] == [f"c{i}" for i in range(60, 75)]
    assert headers["content-type"] == "application/json; charset=utf-8"


def test_total_count_reads_the_last_link(fake_github: FakeGitHub, gh: Github) -> None:  # noqa: F811
    fake_github.add_issue(REPO, number=3)
    for i in range(75):
        fake_github.add_comment(REPO, 3, f"c{i}")

    assert gh.get_repo(REPO).get_issue(3).get_comments().totalCount == 75
    # totalCount asks for one item per page and reads the page number of rel="last".
    assert _pages(fake_github, f"/repos/{REPO}/issues/3/comments") == [{"per_page": "1"}]


def test_creates_edits_and_fetches_a_comment(fake_github: FakeGitHub, gh: Github) -> None:  # noqa: F811
    fake_github.clock = lambda: T0
    fake_github.add_pull(REPO, 12)
    seeded = fake_github.add_comment(REPO, 12, "old report")
    pull = gh.get_repo(REPO).get_pull(12)

    created = pull.create_issue_comment("gate: 3 findings")
    fake_github.clock = lambda: T0 + timedelta(minutes=5)
    created.edit("gate: 0 findings")

    assert created.id > seeded
    assert created.user.login == "github-actions[bot]"
    assert created.body == "gate: 0 findings"
    assert (created.created_at, created.updated_at) == (T0, T0 + timedelta(minutes=5))
    assert created.html_url.endswith(f"/{REPO}/issues/12#issuecomment-{created.id}")
    assert [c.body for c in fake_github.comments(REPO, 12)] == [
        "old report",
        "gate: 0 findings",
    ]
    assert pull.as_issue().get_comment(created.id).body == "gate: 0 findings"
    post, patch = fake_github.calls("POST")[0], fake_github.calls("PATCH")[0]
    assert post.json == {"body": "gate: 3 findings"}
    assert patch.path == f"/repos/{REPO}/issues/comments/{created.id}"
    assert patch.json == {"body": "gate: 0 findings"}


def test_comment_author_follows_the_token(fake_github: FakeGitHub, make_client: MakeClient) -> None:  # noqa: F811
    fake_github.token_logins["pat-of-alice"] = "alice"
    fake_github.add_issue(REPO, number=1)

    comment = make_client("pat-of-alice").get_repo(REPO).get_issue(1).create_comment("hi")

    assert comment.user.login == "alice"
    assert make_client("pat-of-alice").get_user().login == "alice"
    assert make_client().get_user().login == "github-actions[bot]"


# -- fault injection and retries ---------------------------------------------


def test_forbidden_create_is_not_retried_even_by_default_retry(
    fake_github: FakeGitHub,  # noqa: F811
    make_client: MakeClient,
) -> None:
    fake_github.add_pull(REPO, 5)
    fake_github.fail_next(
        "POST", r"/issues/5/comments$", 403, {"message": "Resource not accessible by integration"}
    )
    pull = make_client(retry=GithubRetry(backoff_factor=0)).get_repo(REPO).get_pull(5)

    with pytest.raises(GithubException) as caught:
        pull.create_issue_comment("nope")

    assert caught.value.status == 403
    assert caught.value.message == "Resource not accessible by integration"
    assert len(fake_github.calls("POST")) == 1
    assert fake_github.comments(REPO, 5) == []
    assert fake_github.pending_faults() == 0


def test_server_error_then_success_without_retry(
    fake_github: FakeGitHub,  # noqa: F811
    gh: Github,
) -> None:
    fake_github.fail_next("GET", rf"^/repos/{REPO}$", 500)

    with pytest.raises(GithubException) as caught:
        gh.get_repo(REPO)
    repo = gh.get_repo(REPO)

    assert caught.value.status == 500
    assert repo.full_name == REPO
    assert len(fake_github.calls("GET", REPO)) == 2


def test_server_error_is_retried_transparently_by_github_retry(
    fake_github: FakeGitHub,  # noqa: F811
    make_client: MakeClient,
) -> None:
    fake_github.fail_next("*", rf"^/repos/{REPO}$", 502, times=2)
    client = make_client(retry=GithubRetry(total=3, backoff_factor=0))

    assert client.get_repo(REPO).name == "rocket"
    assert len(fake_github.calls("GET", REPO)) == 3


def test_rate_limit_403_maps_to_rate_limit_exception(
    fake_github: FakeGitHub,  # noqa: F811
    gh: Github,
) -> None:
    reset = int(time.time()) + 120
    fake_github.fail_next(
        "GET",
        r"/pulls/\d+/reviews",
        403,
        {"message": "API rate limit exceeded for installation ID 42."},
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset), "Retry-After": "1"},
    )
    fake_github.add_pull(REPO, 9)
    pull = gh.get_repo(REPO).get_pull(9)

    with pytest.raises(github.RateLimitExceededException) as caught:
        list(pull.get_reviews())

    assert caught.value.headers is not None
    assert caught.value.headers["x-ratelimit-remaining"] == "0"
    assert gh.rate_limiting_resettime == reset


def test_secondary_rate_limit_waits_retry_after(
    fake_github: FakeGitHub,  # noqa: F811
    make_client: MakeClient,
) -> None:
    fake_github.fail_next(
        "GET",
        "/rate_limit",
        403,
        {"message": "You have exceeded a secondary rate limit"},
        headers={"Retry-After": "1"},
    )
    client = make_client(retry=GithubRetry(backoff_factor=0))

    started = time.monotonic()
    remaining = client.get_rate_limit().resources.core.remaining

    assert time.monotonic() - started >= 0.9
    assert len(fake_github.calls("GET", "/rate_limit")) == 2
    assert remaining == 5000 - 2


def test_fault_delay_and_global_delay(fake_github: FakeGitHub, gh: Github) -> None:  # noqa: F811
    fake_github.fail_next("GET", r"^/repos/", 200, {"full_name": REPO, "name": "x"}, delay=0.3)
    fake_github.delay = 0.1

    started = time.monotonic()
    repo = gh.get_repo(REPO)
    elapsed = time.monotonic() - started

    assert repo.name == "x"
    assert 0.4 <= elapsed < 2


def test_stop_is_prompt_while_a_request_is_delayed(make_client: MakeClient) -> None:
    fake = FakeGitHub().start()
    fake.delay = 30
    client = make_client(base_url=fake.url, timeout=5)
    errors: list[BaseException] = []

    def call() -> None:
        try:
            client.get_repo(REPO)
        except (OSError, GithubException) as exc:
            errors.append(exc)

    caller = threading.Thread(target=call, daemon=True)
    caller.start()
    while not fake.calls():
        time.sleep(0.01)
    started = time.monotonic()
    fake.stop()
    caller.join(timeout=5)

    assert time.monotonic() - started < 1
    assert not caller.is_alive()
    # stop() cuts the injected delay short, so the in-flight call still gets its answer.
    assert errors == []


# -- auth, errors, headers ---------------------------------------------------


def test_a_crash_inside_the_fake_is_a_loud_500(fake_github: FakeGitHub, gh: Github) -> None:  # noqa: F811
    def boom(request: Request, groups: dict[str, str]) -> Response:
        raise KeyError("bug in the fake")

    fake_github._repo_routes.insert(0, ("GET", re.compile(r"/boom"), boom, ()))

    with pytest.raises(GithubException) as caught:
        gh.requester.requestJsonAndCheck("GET", f"/repos/{REPO}/boom")

    assert caught.value.status == 500
    assert "FakeGitHub crashed: KeyError('bug in the fake')" in str(caught.value.data)
    assert [type(e) for e in fake_github.errors] == [KeyError]
    fake_github.errors.clear()  # expected here; the fixture fails the test otherwise


def test_requires_a_token_and_records_it(fake_github: FakeGitHub, make_client: MakeClient) -> None:  # noqa: F811
    with pytest.raises(GithubException) as caught:
        make_client(token=None).get_repo(REPO)
    make_client("s3cret").get_repo(REPO)

    assert caught.value.status == 401
    assert [r.headers.get("Authorization") for r in fake_github.requests] == [None, "token s3cret"]
    fake_github.allow_anonymous = True
    assert make_client(token=None).get_repo(REPO).full_name == REPO


def test_unknown_routes_and_missing_repos_are_404(fake_github: FakeGitHub, gh: Github) -> None:  # noqa: F811
    fake_github.missing_repo("acme/ghost")

    with pytest.raises(github.UnknownObjectException):
        gh.get_repo("acme/ghost")
    with pytest.raises(github.UnknownObjectException):
        gh.get_repo(REPO).get_branch("main")
    with pytest.raises(github.UnknownObjectException):
        gh.get_repo(REPO).get_pull(404)


def test_answers_carry_rate_limit_headers(fake_github: FakeGitHub, gh: Github) -> None:  # noqa: F811
    gh.get_repo(REPO)
    gh.get_repo(REPO)

    assert gh.rate_limiting == (4998, 5000)
    assert gh.get_rate_limit().resources.core.limit == 5000


# -- domain endpoints ----------------------------------------------------------


def test_pull_request_shape(fake_github: FakeGitHub, gh: Github) -> None:  # noqa: F811
    fake_github.add_pull(
        REPO,
        21,
        user="mallory",
        head_ref="evil",
        head_sha="f" * 40,
        head_repo="mallory/rocket",
        state="closed",
        merged_at=T0,
    )

    pull = gh.get_repo(REPO).get_pull(21)

    assert (pull.user.login, pull.state) == ("mallory", "closed")
    assert (pull.merged, pull.merged_at) == (True, T0)
    assert (pull.head.ref, pull.head.sha, pull.base.ref) == ("evil", "f" * 40, "main")
    assert pull.head.repo.full_name == "mallory/rocket"
    assert pull.head.repo.fork is True
    assert pull.base.repo.fork is False


def test_workflow_runs_filtered_by_branch_newest_first(
    fake_github: FakeGitHub,  # noqa: F811
    gh: Github,
) -> None:
    for hours, branch, conclusion in [
        (1, "main", "failure"),
        (2, "dev", "success"),
        (3, "main", "success"),
    ]:
        fake_github.add_workflow_run(
            REPO, "eval.yml", branch, conclusion, updated_at=T0 + timedelta(hours=hours)
        )
    fake_github.add_workflow_run(
        REPO, "eval.yml", "main", None, status="in_progress", updated_at=T0 + timedelta(hours=4)
    )
    fake_github.add_workflow_run(REPO, "other.yml", "main", "success", updated_at=T0)

    workflow = gh.get_repo(REPO).get_workflow("eval.yml")
    runs = list(workflow.get_runs(branch="main"))
    successes = list(workflow.get_runs(branch="main", status="success"))

    assert [(r.status, r.conclusion) for r in runs] == [
        ("in_progress", None),
        ("completed", "success"),
        ("completed", "failure"),
    ]
    assert [r.updated_at for r in successes] == [T0 + timedelta(hours=3)]
    assert {r.workflow_id for r in runs} == {workflow.id}
    assert workflow.path == ".github/workflows/eval.yml"
    assert fake_github.calls(path_contains="/runs")[0].query == {"branch": "main"}
    with pytest.raises(github.UnknownObjectException):
        gh.get_repo(REPO).get_workflow("missing.yml").get_runs()[0]


def test_reviews(fake_github: FakeGitHub, gh: Github) -> None:  # noqa: F811
    fake_github.add_pull(REPO, 3, head_sha="a" * 40)
    fake_github.add_review(REPO, 3, "alice", "CHANGES_REQUESTED", submitted_at=T0)
    fake_github.add_review(
        REPO, 3, "alice", "APPROVED", submitted_at=T0 + timedelta(hours=1), commit_id="b" * 40
    )
    fake_github.add_review(REPO, 3, "bob", "COMMENTED")
    fake_github.add_review(REPO, 4, "carol", "APPROVED")

    reviews = list(gh.get_repo(REPO).get_pull(3).get_reviews())

    assert [(r.user.login, r.state) for r in reviews] == [
        ("alice", "CHANGES_REQUESTED"),
        ("alice", "APPROVED"),
        ("bob", "COMMENTED"),
    ]
    assert [r.commit_id for r in reviews[:2]] == ["a" * 40, "b" * 40]
    assert reviews[1].submitted_at == T0 + timedelta(hours=1)
    with pytest.raises(ValueError, match="not a review state"):
        fake_github.add_review(REPO, 3, "bob", "LGTM")


def test_team_membership(fake_github: FakeGitHub, gh: Github) -> None:  # noqa: F811
    fake_github.add_team("acme", "release-owners", ["alice", "bob"], maintainers=["carol"])

    team = gh.get_organization("acme").get_team_by_slug("release-owners")
    membership = team.get_team_membership("alice")

    assert (membership.state, membership.role) == ("active", "member")
    assert team.get_team_membership("carol").role == "maintainer"
    with pytest.raises(github.UnknownObjectException):
        team.get_team_membership("mallory")
    assert sorted(m.login for m in team.get_members()) == ["alice", "bob", "carol"]
    with pytest.raises(github.UnknownObjectException):
        gh.get_organization("acme").get_team_by_slug("nobody")


def test_commit_to_pulls(fake_github: FakeGitHub, gh: Github) -> None:  # noqa: F811
    sha = "c0ffee" + "0" * 34
    fake_github.add_pull(REPO, 8, title="Ship it", head_sha=sha)
    fake_github.link_commit(REPO, sha, 8)
    fake_github.link_commit(REPO, sha, 11)  # creates a placeholder pull

    pulls = list(gh.get_repo(REPO).get_commit(sha).get_pulls())

    assert [(p.number, p.title) for p in pulls] == [(8, "Ship it"), (11, "A change")]
    assert list(gh.get_repo(REPO).get_commit("f" * 40).get_pulls()) == []


def test_contents_at_ref(fake_github: FakeGitHub, gh: Github) -> None:  # noqa: F811
    fake_github.add_file(REPO, "launch/manifest.yaml", "version: 1\n")
    fake_github.add_file(REPO, "launch/manifest.yaml", "version: 2\n" * 40, ref="release")
    repo = gh.get_repo(REPO)

    default = repo.get_contents("launch/manifest.yaml")
    release = repo.get_contents("launch/manifest.yaml", ref="release")

    assert not isinstance(default, list)
    assert not isinstance(release, list)
    assert default.decoded_content == b"version: 1\n"
    assert release.decoded_content == b"version: 2\n" * 40
    assert release.sha == hashlib.sha1(b"blob 440\0" + b"version: 2\n" * 40).hexdigest()
    assert (release.type, release.name, release.size) == ("file", "manifest.yaml", 440)
    assert fake_github.calls(path_contains="/contents/")[1].query == {"ref": "release"}
    with pytest.raises(github.UnknownObjectException):
        repo.get_contents("launch/missing.yaml", ref="release")


def test_issue_create_edit_close_and_list(fake_github: FakeGitHub, gh: Github) -> None:  # noqa: F811
    repo = gh.get_repo(REPO)
    fake_github.add_issue(REPO, "old", labels=["launch-gate"], user="alice", state="closed")

    issue = repo.create_issue("Launch blocked", body="3 findings", labels=["launch-gate", "p1"])
    other = repo.create_issue("Unrelated", labels=["p1"])
    issue.edit(body="0 findings", state="closed")

    assert issue.number == 2
    assert other.number == 3
    assert (issue.state, issue.body, issue.closed_at is not None) == ("closed", "0 findings", True)
    assert fake_github.calls("POST")[0].json == {
        "title": "Launch blocked",
        "body": "3 findings",
        "labels": ["launch-gate", "p1"],
    }
    assert [i.number for i in repo.get_issues(state="all", labels=["launch-gate"])] == [2, 1]
    assert [i.number for i in repo.get_issues(labels=["p1"])] == [3]
    # PyGithub's annotation says NamedUser, but it accepts (and the API wants) a login.
    by_alice = repo.get_issues(state="all", creator="alice")  # type: ignore[arg-type]
    assert [i.number for i in by_alice] == [1]
    assert [i.title for i in fake_github.issues(REPO)] == ["old", "Launch blocked", "Unrelated"]
