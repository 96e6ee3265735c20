"""What each event means for the gate: one value answers every step's question about it
(which commit is judged, whose files judge it, what it is compared with, whether reviews
can prove its decisions). The payloads follow GitHub's webhook documentation: `push` carries
`before`/`after`, pull request events `pull_request.head`/`.base`, `merge_group` its
`merge_group` object (docs.github.com, "Webhook events and payloads")."""

from __future__ import annotations

from typing import Any

import pytest

from launch_gate.action.event import Event, event_from

H, B, S, P = "a" * 40, "b" * 40, "c" * 40, "d" * 40
PR = {
    "pull_request": {
        "number": 7, "head": {"sha": H, "ref": "feat"}, "base": {"sha": B, "ref": "main"},
    }
}  # fmt: skip
QUEUE = {
    "merge_group": {
        "head_sha": H, "base_sha": B, "base_ref": "refs/heads/main",
        "head_ref": f"refs/heads/gh-readonly-queue/main/pr-7-{P}",
    }
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "payload", "at_base", "base", "compared", "head", "proves"),
    [
        ("pull_request", PR, True, B, B, H, True),
        ("pull_request_target", PR, True, B, B, H, True),
        ("merge_group", QUEUE, True, B, B, S, True),
        ("push", {"before": P}, False, "", P, S, True),
        # A new branch's push names no commit before it (forty zeros).
        ("push", {"before": "0" * 40}, False, "", "", S, True),
        ("schedule", {}, False, "", "", S, False),
        ("workflow_dispatch", {}, False, "", "", S, False),
    ],
)
def test_each_event_means_one_thing(
    name: str,
    payload: dict[str, Any],
    at_base: bool,
    base: str,
    compared: str,
    head: str,
    proves: bool,
) -> None:
    event = event_from(name, payload, S)
    assert event.judged_at_base is at_base
    assert event.base_sha == base
    assert event.compared_with == compared
    assert event.head_sha == head
    assert event.proves_approvals is proves


def test_a_merge_group_names_its_newest_pull_request() -> None:
    event = event_from("merge_group", QUEUE, S)
    assert event.merge_group is not None
    assert event.merge_group.pull_number == 7
    assert event.pull is None  # it comments nowhere: the pull request's own run does


def test_a_push_without_its_sha_reads_the_payloads_after() -> None:
    assert event_from("push", {"after": P}, "") == Event("push", P)
