"""The hostile corpus: every file under tests/hostile/manifests/ must be refused cleanly,
and every event payload under tests/hostile/events/ (expectations in its expect.json)
must give its exit code and message without a crash or an injected command.

Each file states the exit code and a fragment of the one-line error in its header
(binary files keep an ASCII header before their bytes). Timing and memory of the
worst cases are measured in bench/hostile_parse.py, not asserted here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from launch_gate.action.context import MAX_EVENT_BYTES
from tests.action.conftest import BASE_SHA, HEAD_SHA, PR, REPO, ActionRunner, Run
from tests.action.test_injection import runner_commands
from tests.conftest import ROOT, Result, diagnostics
from tests.conftest_fakegithub import fake_github
from tests.fakegithub import FakeGitHub

__all__ = ["fake_github"]

CORPUS = sorted((ROOT / "tests" / "hostile" / "manifests").glob("*.yaml"))


def header(path: Path) -> dict[str, str]:
    head = path.read_bytes()[:400].decode("ascii", "replace")
    return dict(re.findall(r"^# expect-([a-z]+): (.*)$", head, re.M))


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_hostile_manifest(path: Path, cli: Callable[..., Result]) -> None:
    expect = header(path)
    before = path.read_bytes()
    res = cli("check", "--manifest", str(path), "--format", "json")
    assert res.code == int(expect["exit"]), res.err
    assert expect["error"] in res.err
    assert res.out == ""
    assert "Traceback" not in res.err
    found = diagnostics(res.err)
    assert all(d["file"] == str(path) for d in found), res.err
    assert path.read_bytes() == before


def test_oversized_manifest(tmp_path: Path, cli: Callable[..., Result]) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("version: 1\nsystem: {name: x}\n# " + "x" * (1024 * 1024) + "\n")
    res = cli("check", "--manifest", str(path))
    assert res.code == 2
    assert "file is larger than 1024 KiB" in res.err


def test_directory_and_special_files(tmp_path: Path, cli: Callable[..., Result]) -> None:
    assert "is a directory" in cli("check", "--manifest", str(tmp_path)).err
    # A device is never read (issue 25): not even /dev/null's harmless nothing.
    res = cli("check", "--manifest", "/dev/null")
    assert (res.code, "is not a regular file" in res.err) == (2, True)


def test_hostile_policy_file(tmp_path: Path, cli: Callable[..., Result]) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text("extends: startup\nrules: !!python/object/apply:os.system [id]\n")
    manifest = ROOT / "examples" / "startup-rag-assistant.yaml"
    res = cli("check", "--manifest", str(manifest), "--profile", str(policy))
    assert res.code == 2
    assert f"{policy}:2:8: error: unsupported YAML tag" in res.err


# -- hostile event payloads (GITHUB_EVENT_PATH), run through the real action -----------

EVENTS = ROOT / "tests" / "hostile" / "events"
EVENT_EXPECT: dict[str, dict[str, Any]] = json.loads((EVENTS / "expect.json").read_text())


@pytest.fixture
def action(tmp_path: Path, fake_github: FakeGitHub) -> ActionRunner:
    fake_github.add_pull(REPO, PR, head_sha=HEAD_SHA, base_sha=BASE_SHA)
    runner = ActionRunner(tmp_path, fake_github)
    # A manifest that passes: any other exit code is the event's doing.
    runner.manifest("startup-rag-assistant.yaml")
    return runner


def assert_event_outcome(run: Run, code: int, message: str) -> None:
    assert run.code == code, run.stdout + run.stderr
    assert message in run.stdout + run.summary, run.stdout
    assert "Traceback" not in run.stderr
    assert run.stderr == ""
    runner_commands(run.stdout)  # no line of it is a command we did not emit


def test_event_corpus_is_complete() -> None:
    files = sorted(p.name for p in EVENTS.glob("*.json") if p.name != "expect.json")
    assert files == sorted(EVENT_EXPECT)
    assert len(files) >= 12
    assert len(files) + len(CORPUS) > 40


@pytest.mark.parametrize("name", sorted(EVENT_EXPECT), ids=lambda n: n.removesuffix(".json"))
def test_hostile_event(name: str, action: ActionRunner) -> None:
    expect = EVENT_EXPECT[name]
    run = action(payload=(EVENTS / name).read_bytes())
    assert_event_outcome(run, expect["exit"], expect["message"])
    for comment in action.fake.comments(REPO, PR):
        # A head SHA is quoted in the comment only when it is one.
        assert "@everyone" not in comment.body
        assert "::error::" not in comment.body


def test_missing_event_file(action: ActionRunner, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-event.json")
    run = action(extra_env={"GITHUB_EVENT_PATH": missing})
    assert_event_outcome(run, 2, "cannot read the event payload: No such file or directory")


def test_event_over_the_size_cap_is_refused_unread(action: ActionRunner, tmp_path: Path) -> None:
    big = tmp_path / "big-event.json"
    with big.open("wb") as fh:
        fh.write(b'{"pull_request": {"number": 7, "body": "')
        fh.truncate(MAX_EVENT_BYTES + 10)  # sparse: cheap to make, over the cap to read
    run = action(extra_env={"GITHUB_EVENT_PATH": str(big)})
    assert_event_outcome(run, 2, "cannot read the event payload: larger than 25 MiB")


def test_too_many_values(tmp_path: Path, cli: Callable[..., Result]) -> None:
    path = tmp_path / "wide.yaml"
    path.write_text(
        "version: 1\nsystem: {name: x}\n" + "".join(f"k{i}: 1\n" for i in range(12_000))
    )
    res = cli("check", "--manifest", str(path))
    assert res.code == 2
    assert "more than 20000 values" in res.err


def test_link_to_an_endless_file(tmp_path: Path, cli: Callable[..., Result]) -> None:
    # A PR can commit a symlink to a device: it is refused before a byte is read.
    link = tmp_path / "readiness.yaml"
    link.symlink_to("/dev/zero")
    res = cli("check", "--manifest", str(link))
    assert res.code == 2
    assert "is not a regular file" in res.err


def test_a_huge_regular_file_is_cut_at_the_cap(tmp_path: Path, cli: Callable[..., Result]) -> None:
    big = tmp_path / "readiness.yaml"
    big.write_bytes(b"#" * (2 * 1024 * 1024))
    res = cli("check", "--manifest", str(big))
    assert res.code == 2
    assert "file is larger than 1024 KiB" in res.err
