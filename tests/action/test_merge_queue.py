"""Merge queues: a `merge_group` run judges the group's head against its base, proves
approvals on the queued pull request, and edits no comment.

The payload is the `merge_group` webhook event as GitHub documents it (webhook-events-and-
payloads, "merge_group", action `checks_requested`: merge_group.head_sha, head_ref,
base_sha, base_ref, head_commit); the queue's branch is named
`refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>` (docs: "Managing a merge queue").
"""

from __future__ import annotations

from typing import Any

from tests.action.conftest import REPO, ActionRunner, Run
from tests.action.events import merge_group
from tests.action.test_approvals import PULL, History, commit
from tests.action.test_run import MVP_PATHS_ONLY


def group(history: History, *, number: int | None = PULL) -> dict[str, Any]:
    return merge_group(history.base, history.head, number)


def queue(history: History, **inputs: str) -> Run:
    given = {"verify_approvals": "true"} | inputs
    return history.action("merge_group", group(history), **given)


def test_an_approved_risk_passes_the_queue(action: ActionRunner) -> None:
    history = History(action)
    history.review("carol", "APPROVED")
    run = queue(history)
    assert run.code == 0, run.stdout
    assert run.outputs["verdict"] == "pass"
    # The queue's run never touches the pull request's comment.
    assert action.fake.comments(REPO, PULL) == []
    assert not action.fake.calls("POST", "/comments")


def test_an_unapproved_risk_fails_the_queue(action: ActionRunner) -> None:
    history = History(action)
    run = queue(history)
    assert run.code == 1
    assert "@carol must approve pull request #8" in run.stdout


def test_a_group_branch_without_a_pull_request_fails_closed(action: ActionRunner) -> None:
    history = History(action)
    history.review("carol", "APPROVED")
    run = history.action("merge_group", group(history, number=None), verify_approvals="true")
    assert run.code == 1
    assert "names no pull request" in run.stdout


def test_regression_is_judged_against_the_groups_base(action: ActionRunner) -> None:
    # The base already has gaps; the queued change adds none: the ratchet passes.
    history = History(action)
    history.review("carol", "APPROVED")
    gappy = MVP_PATHS_ONLY.replace(
        "  prompt.one-step-rollback: {status: done, evidence: [docs/rollback.md]}\n", ""
    )
    assert gappy != MVP_PATHS_ONLY
    history.base = commit(action.workspace, gappy, "a base with a gap")
    history.head = commit(action.workspace, gappy + "# a comment only\n", "queued change")
    run = queue(history, fail_on="regression", verify_approvals="false")
    assert run.outputs["verdict"] == "fail"  # the manifest's own verdict
    assert run.code == 0, run.stdout  # but the change lowered nothing
    worse = gappy.replace(
        "  eval.real-traffic-dataset: {status: done, evidence: [docs/dataset.md]}\n", ""
    )
    history.head = commit(action.workspace, worse, "a new gap")
    run = queue(history, fail_on="regression", verify_approvals="false")
    assert run.code == 1
