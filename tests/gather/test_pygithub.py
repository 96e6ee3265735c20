"""The PyGithub adapter against the HTTP fake: request counts that stay bounded."""

from __future__ import annotations

from launch_gate.gather.github.pygithub import PyGitHub
from tests.conftest_fakegithub import fake_github  # noqa: F401 - a fixture, by import
from tests.fakegithub import FakeGitHub

REPO = "acme/app"


def test_listing_issues_costs_one_request_per_page_not_per_issue(
    fake_github: FakeGitHub,  # noqa: F811
) -> None:
    for n in range(1, 251):
        fake_github.add_issue(REPO, f"issue {n}", number=n)
    fake_github.add_pull(REPO, 251)
    gh = PyGitHub(fake_github.url, "t", 10)
    before = len(fake_github.requests)
    found = gh.issues(REPO)
    assert len(found) == 250  # the pull request is left out
    assert len(fake_github.requests) - before == 3  # 100 a page
