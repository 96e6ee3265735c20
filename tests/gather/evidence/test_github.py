"""GitHub objects through PyGithub, against the fake GitHub API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import pytest

from launch_gate.gather.evidence.ghurls import api_url_for, parse, server_hosts
from launch_gate.gather.evidence.github import GitHubChecker
from launch_gate.gather.evidence.verify import Target, verify_async
from launch_gate.judge.evidence import EvidenceResult, Item, Role
from launch_gate.judge.shape import validate
from launch_gate.judge.shapes import WorkflowEvidence
from tests.fakegithub import FakeGitHub
from tests.gather.evidence.conftest import LOOPBACK_ONLY, settings

REPO = "acme/app"
GH = "https://github.com/acme/app"


def run(
    fake: FakeGitHub, root: Path, item: Item, role: Role = "evidence", **kw: Any
) -> EvidenceResult:
    options: dict[str, Any] = {"github_token": "ghs_test", "github_api_url": fake.url} | kw
    found = [Target(("c", "evidence", 0), item, role)]
    results = asyncio.run(verify_async(found, settings(root, **options), guard=LOOPBACK_ONLY))
    return results[("c", "evidence", 0)]


def wf(**kw: Any) -> WorkflowEvidence:
    return validate(WorkflowEvidence, {"workflow": "evals.yml", "repo": REPO} | kw)


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)


def test_green_fresh_run(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add_workflow_run(REPO, "evals.yml", "main", "success", updated_at=at("2026-11-20"))
    assert run(fake_github, tmp_path, wf(branch="main", max_age_days=7)).state == "ok"


def test_red_run_is_broken(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add_workflow_run(REPO, "evals.yml", "main", "success", updated_at=at("2026-11-01"))
    sha = "c0ffee" + "0" * 34
    fake_github.add_workflow_run(
        REPO, "evals.yml", "main", "failure", updated_at=at("2026-11-02"), head_sha=sha
    )
    result = run(fake_github, tmp_path, wf(branch="main"))
    # The message names the run it judged: its number and commit.
    assert result.state == "broken"
    assert re.fullmatch(r"run #\d+ \(c0ffee0\) on main failed on 2026-11-02", result.reason)


def test_stale_run_is_broken(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add_workflow_run(REPO, "evals.yml", "main", "success", updated_at=at("2026-11-02"))
    result = run(fake_github, tmp_path, wf(branch="main", max_age_days=7))
    assert result.state == "broken"
    assert result.reason.endswith("on main succeeded on 2026-11-02, 21 days ago (max_age_days: 7)")


def test_runs_on_other_branches_and_in_progress_do_not_count(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.add_workflow_run(REPO, "evals.yml", "main", "success", updated_at=at("2026-11-20"))
    fake_github.add_workflow_run(REPO, "evals.yml", "feature", "failure")
    fake_github.add_workflow_run(REPO, "evals.yml", "main", None, status="in_progress")
    assert run(fake_github, tmp_path, wf(branch="main")).state == "ok"
    assert run(fake_github, tmp_path, wf(branch="dev")).reason.startswith("no completed run on dev")


@pytest.mark.parametrize(
    ("event", "head_repo"),
    [
        ("pull_request", "mallory/app"),  # a fork's pull request from a branch named main
        ("pull_request", REPO),  # the repository's own pull request: still not main's run
        ("pull_request_target", "mallory/app"),
        ("push", "mallory/app"),  # a head in a fork, whatever the event says
    ],
)
def test_a_run_a_pull_request_or_fork_made_never_speaks_for_the_branch(
    fake_github: FakeGitHub, tmp_path: Path, event: str, head_repo: str
) -> None:
    # Issue 25, case 2. GitHub's `branch` filter matches head_branch, which a fork's pull
    # request sets to its own branch's name (docs: "List workflow runs for a workflow",
    # parameter branch); head_repository is in the workflow-run schema.
    fake_github.add_workflow_run(REPO, "evals.yml", "main", "failure", updated_at=at("2026-11-20"))
    fake_github.add_workflow_run(
        REPO, "evals.yml", "main", "success", updated_at=at("2026-11-22"),
        event=event, head_repo=head_repo,
    )  # fmt: skip
    result = run(fake_github, tmp_path, wf(branch="main"))
    assert result.state == "broken"
    assert "failed on 2026-11-20" in result.reason


def test_workflow_repo_defaults_to_github_repository(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    fake_github.add_workflow_run(REPO, "evals.yml", "main", "success")
    item = WorkflowEvidence(workflow="evals.yml")
    assert run(fake_github, tmp_path, item, github_repository=REPO).state == "ok"
    assert run(fake_github, tmp_path, item).reason == (
        "no `repo:` given and GITHUB_REPOSITORY is not set"
    )


def test_unknown_workflow_is_broken(fake_github: FakeGitHub, tmp_path: Path) -> None:
    result = run(fake_github, tmp_path, wf(workflow="nope.yml"))
    assert (result.state, result.reason) == ("broken", "not found on GitHub")


def test_issues_and_pulls(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add_issue(REPO, number=42)
    fake_github.add_issue(REPO, number=43, state="closed")
    fake_github.add_pull(REPO, 7)
    assert run(fake_github, tmp_path, f"{GH}/issues/42").state == "ok"
    assert run(fake_github, tmp_path, f"{GH}/issues/43").state == "ok"  # evidence may be closed
    assert run(fake_github, tmp_path, f"{GH}/pull/7/files").state == "ok"
    assert run(fake_github, tmp_path, f"{GH}/issues/99").reason == "not found on GitHub"
    assert run(fake_github, tmp_path, f"{GH}/issues/42", "tracking").state == "ok"
    closed = run(fake_github, tmp_path, f"{GH}/issues/43", "tracking")
    assert (closed.state, closed.reason) == (
        "broken",
        "#43 is closed; a tracking issue must be open",
    )


def test_blob_at_a_commit(fake_github: FakeGitHub, tmp_path: Path) -> None:
    sha = "a" * 40
    fake_github.add_file(REPO, "docs/evals.md", "# Evals\n", ref=sha)
    assert run(fake_github, tmp_path, f"{GH}/blob/{sha}/docs/evals.md").state == "ok"
    missing = run(fake_github, tmp_path, f"{GH}/blob/{sha}/docs/gone.md")
    assert (missing.state, missing.reason) == ("broken", "not found on GitHub")


def test_the_token_goes_to_the_api_and_only_there(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add_issue(REPO, number=1)
    run(fake_github, tmp_path, f"{GH}/issues/1")
    assert fake_github.calls()
    assert all(r.headers["authorization"] == "token ghs_test" for r in fake_github.calls())


def test_without_a_token_nothing_is_asked(fake_github: FakeGitHub, tmp_path: Path) -> None:
    result = run(fake_github, tmp_path, f"{GH}/issues/1", github_token=None)
    assert (result.state, result.reason) == (
        "unreachable",
        "needs a GitHub token (GITHUB_TOKEN) to check",
    )
    assert fake_github.calls() == []


def test_api_errors_are_unreachable(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.fail_next("GET", "/issues/5", 403, times=5)
    result = run(fake_github, tmp_path, f"{GH}/issues/5")
    assert (result.state, result.reason) == ("unreachable", "GitHub API answered 403")


def test_offline_skips_github(fake_github: FakeGitHub, tmp_path: Path) -> None:
    result = run(fake_github, tmp_path, wf(), offline=True)
    assert (result.state, result.reason) == ("skipped", "offline")
    assert fake_github.calls() == []


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        (f"{GH}/issues/4", "issue"),
        (f"{GH}/pull/4", "pull"),
        (f"{GH}/blob/main/a/b.md", "blob"),
        (f"{GH}/tree/main/prompts", "blob"),
        (f"{GH}/actions/workflows/evals.yml", "workflow"),
        (GH, "repo"),
    ],
)
def test_github_urls_are_recognised(url: str, kind: str) -> None:
    ref = parse(url, server_hosts("https://github.com"))
    assert ref is not None
    assert (ref.kind, ref.repo) == (kind, REPO)


def test_ghes_host_and_api_url() -> None:
    hosts = server_hosts("https://git.corp.example")
    assert parse("https://git.corp.example/a/b/issues/1", hosts) is not None
    assert parse("https://github.com/a/b/issues/1", hosts) is None
    assert api_url_for("https://git.corp.example") == "https://git.corp.example/api/v3"
    assert api_url_for("https://github.com") == "https://api.github.com"


def test_repository_urls(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.missing_repo("acme/gone")
    assert run(fake_github, tmp_path, GH).state == "ok"
    assert run(fake_github, tmp_path, "https://github.com/acme/gone").state == "broken"


def test_one_request_per_object(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.add_issue(REPO, number=42)
    run(fake_github, tmp_path, f"{GH}/issues/42", "tracking")
    assert [r.path for r in fake_github.calls()] == [f"/repos/{REPO}/issues/42"]


def test_a_lookup_that_hangs_frees_its_slot(tmp_path: Path) -> None:
    checker = GitHubChecker(settings(tmp_path, timeout=0.2, github_token="t"), asyncio.Semaphore(1))

    def stuck() -> tuple[bool, str]:
        time.sleep(3)  # a daemon thread: abandoned, not joined
        return True, ""

    start = time.monotonic()
    result = asyncio.run(checker._run("acme/app#1", stuck))
    assert (result.state, result.reason) == ("unreachable", "the GitHub API did not answer in time")
    assert time.monotonic() - start < 2.5


def test_another_repository_the_token_cannot_see_is_unreachable_not_broken(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    # GITHUB_TOKEN is scoped to its own repository: a private neighbour answers 404.
    item = "https://github.com/acme/other/issues/3"
    result = run(fake_github, tmp_path, item, github_repository=REPO)
    assert result.state == "unreachable"
    assert result.reason == "this token cannot see acme/other (or it does not exist)"
    # In its own repository a 404 is what it says: the object is not there.
    own = run(fake_github, tmp_path, f"{GH}/issues/99", github_repository=REPO)
    assert (own.state, own.reason) == ("broken", "not found on GitHub")
