from __future__ import annotations

import json
from pathlib import Path

import pytest

from launch_gate.action.context import pull_from, read_context
from launch_gate.errors import UsageError
from tests.action.conftest import BASE_SHA, HEAD_SHA, pull_payload


def test_pull_request_payload() -> None:
    pull = pull_from(pull_payload())
    assert pull is not None
    assert (pull.number, pull.head_sha, pull.base_sha, pull.base_ref) == (
        7,
        HEAD_SHA,
        BASE_SHA,
        "main",
    )
    assert not pull.fork


def test_fork_and_deleted_fork() -> None:
    assert pull_from(pull_payload(fork=True)).fork  # type: ignore[union-attr]
    payload = pull_payload()
    payload["pull_request"]["head"]["repo"] = None
    assert pull_from(payload).fork  # type: ignore[union-attr]


def test_push_has_no_pull() -> None:
    assert pull_from({"after": HEAD_SHA}) is None


def test_environment(tmp_path: Path) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"after": "f" * 40}))
    ctx = read_context(
        {
            "GITHUB_EVENT_PATH": str(event),
            "GITHUB_EVENT_NAME": "push",
            "GITHUB_API_URL": "https://ghe.example.com/api/v3/",
            "GITHUB_REPOSITORY": "o/r",
            "GITHUB_RUN_ID": "9",
            "RUNNER_TEMP": str(tmp_path / "missing"),
        },
        tmp_path,
    )
    assert ctx.api_url == "https://ghe.example.com/api/v3"
    assert ctx.run_url == "https://github.com/o/r/actions/runs/9"
    assert (ctx.event.sha, ctx.workspace, ctx.event.pull) == ("f" * 40, tmp_path, None)
    assert ctx.temp != tmp_path / "missing"  # falls back when the runner did not mount it


def test_unreadable_event_payload(tmp_path: Path) -> None:
    bad = tmp_path / "event.json"
    bad.write_text("{not json")
    with pytest.raises(UsageError, match="cannot read the event payload"):
        read_context({"GITHUB_EVENT_PATH": str(bad)}, tmp_path)
