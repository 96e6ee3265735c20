"""Whatever GitHub (or a proxy in front of it) answers, a port call raises GitHubError or
returns: never another exception, which would end the Action at exit 3 without a verdict.

Who controls it: anyone between the runner and the API (a proxy's maintenance page, a
truncated body), and a pull request that provokes odd answers. GitHub's REST API documents
JSON bodies (docs.github.com/rest/using-the-rest-api/getting-started-with-the-rest-api,
"Media types"); anything else is garbage to us.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launch_gate.gather.github.port import GitHubError
from launch_gate.gather.github.pygithub import MAX_LISTED, PyGitHub
from tests.conftest_fakegithub import fake_github  # noqa: F401 - a fixture, by import
from tests.fakegithub import FakeGitHub

REPO = "acme/app"
CALLS: dict[str, Callable[[PyGitHub], Any]] = {
    "file": lambda gh: gh.file(REPO, "readiness.yaml", "b" * 40),
    "pull": lambda gh: gh.pull(REPO, 7),
    "pull_head": lambda gh: gh.pull_head(REPO, 7),
    "pulls_with": lambda gh: gh.pulls_with(REPO, "a" * 40, merged=True),
    "team_member": lambda gh: gh.team_member("@acme/risk", "dave"),
    "permission": lambda gh: gh.permission(REPO, "carol"),
    "comments": lambda gh: gh.comments(REPO, 7),
    "create_comment": lambda gh: gh.create_comment(REPO, 7, "hello"),
    "edit_comment": lambda gh: gh.edit_comment(REPO, 7, 1, "hello"),
    "delete_comment": lambda gh: gh.delete_comment(REPO, 7, 1),
    "issues": lambda gh: gh.issues(REPO, "launch-gate"),
    "create_issue": lambda gh: gh.create_issue(REPO, "t", "b", "launch-gate"),
    "edit_issue": lambda gh: gh.edit_issue(REPO, 3, title="t", body="b", state="open"),
    "object_state": lambda gh: gh.object_state(REPO, "issue", 3, "", ""),
    "latest_run": lambda gh: gh.latest_run(REPO, "evals.yml", "main"),
}
GARBAGE: dict[str, tuple[Any, dict[str, str]]] = {
    "an HTML page": ("<html><body>Down for maintenance</body></html>", {}),
    "HTML said to be JSON": ("<html>oops</html>", {"Content-Type": "application/json"}),
    "truncated JSON": ('{"id": 12, "user": {"lo', {"Content-Type": "application/json"}),
    "a list for an object": ([1, 2, 3], {}),
    "an object for a list": ({"message": "hello"}, {}),
    "wrong types": ({"id": "twelve", "number": [], "user": 5, "head": "x", "state": 3}, {}),
    "null": (None, {"Content-Type": "application/json"}),
    "list of wrong items": (["x", None, 3], {}),
    "workflow runs of wrong shape": ({"total_count": "x", "workflow_runs": [{"id": None}]}, {}),
}


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("garbage", sorted(GARBAGE))
def test_every_call_turns_garbage_into_a_github_error(
    fake_github: FakeGitHub,  # noqa: F811
    call: str,
    garbage: str,
) -> None:
    fake_github.add_pull(REPO, 7)
    body, headers = GARBAGE[garbage]
    fake_github.fail_next("*", ".", 200, body=body, headers=headers, times=1000)
    gh = PyGitHub(fake_github.url, "t", 5)
    with contextlib.suppress(GitHubError):
        CALLS[call](gh)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=JSON, call=st.sampled_from(sorted(CALLS)))
def test_property_any_json_body_ends_in_a_value_or_a_github_error(
    fake_github: FakeGitHub,  # noqa: F811
    body: Any,
    call: str,
) -> None:
    fake_github.fail_next("*", ".", 200, body=body, headers={"Content-Type": "application/json"},
                          times=1000)  # fmt: skip
    gh = PyGitHub(fake_github.url, "t", 5)
    try:
        CALLS[call](gh)
    except GitHubError:
        pass
    finally:
        fake_github.clear_faults()


def test_a_link_that_loops_ends(fake_github: FakeGitHub) -> None:  # noqa: F811
    # RFC 8288 `Link: <same page>; rel="next"`: a listing that never ends on its own.
    comment = {"id": 1, "user": {"login": "x"}, "body": "b"}
    url = f"{fake_github.url}/repos/{REPO}/issues/7/comments?page=1"
    fake_github.fail_next(
        "GET", r"/comments$", 200, body=[comment], headers={"Link": f'<{url}>; rel="next"'},
        times=MAX_LISTED + 10,
    )  # fmt: skip
    gh = PyGitHub(fake_github.url, "t", 5)
    assert len(gh.comments(REPO, 7)) == MAX_LISTED
