"""Overlapping runs converge: one gate comment per pull request and one tracking issue,
whatever the interleaving, and a duplicate an interrupted run left is cleaned up.

Three runs at once is what a push of several commits in a row gives (one workflow run
each); GitHub answering in 0.15-0.3 s is what made the old code open three issues.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from launch_gate.action import comment, expiry
from launch_gate.gather.github.pygithub import PyGitHub
from tests.action.conftest import PR, REPO, ActionRunner
from tests.fakegithub import FakeGitHub

MARK = expiry.marker("readiness.yaml")


def together(n: int, work: Callable[[int], object]) -> None:
    """`n` threads released at the same moment, each with its own client."""
    start = threading.Barrier(n)
    errors: list[BaseException] = []

    def one(i: int) -> None:
        start.wait()
        try:
            work(i)
        except BaseException as exc:  # reported below, not lost in a thread
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors


class Lockstep:
    """The port, with every create held until all runs reach it: the interleaving that
    matters (each run found nothing, then each creates), forced rather than hoped for."""

    def __init__(self, gh: PyGitHub, gate: threading.Barrier) -> None:
        self.gh = gh
        self.gate = gate

    def __getattr__(self, name: str) -> object:
        return getattr(self.gh, name)

    def create_issue(self, *args: object, **kwargs: object) -> int:
        self.gate.wait(30)
        return self.gh.create_issue(*args, **kwargs)  # type: ignore[arg-type]

    def create_comment(self, *args: object) -> int:
        self.gate.wait(30)
        return self.gh.create_comment(*args)  # type: ignore[arg-type]


def open_tracking_issues(fake: FakeGitHub) -> list[int]:
    return [i.number for i in fake.issues(REPO) if i.state == "open" and i.body.startswith(MARK)]


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.3])
def test_three_expiry_runs_at_once_leave_one_open_issue(
    fake_github: FakeGitHub, delay: float
) -> None:
    fake_github.delay = delay
    gate = threading.Barrier(3)

    def run(i: int) -> None:
        gh = Lockstep(PyGitHub(fake_github.url, "ghs_t", 30), gate)
        text = f"{MARK}\nrun {i}: 2 decisions due"
        expiry.sync(gh, REPO, MARK, text, title="2 decisions due", any_due=True)  # type: ignore[arg-type]

    together(3, run)
    assert len(open_tracking_issues(fake_github)) == 1
    # Every duplicate is closed and no longer carries the marker: no later run takes it.
    closed = [i for i in fake_github.issues(REPO) if i.state == "closed"]
    assert all(not i.body.startswith(MARK) for i in closed)
    # A later run finds that one issue and leaves it be.
    fake_github.delay = 0.0
    gh = PyGitHub(fake_github.url, "ghs_t", 30)
    kept = open_tracking_issues(fake_github)[0]
    text = next(i.body for i in fake_github.issues(REPO) if i.number == kept)
    said = expiry.sync(gh, REPO, MARK, text, title="2 decisions due", any_due=True)
    assert said == f"#{kept} unchanged"


@pytest.mark.parametrize("delay", [0.0, 0.15, 0.3])
def test_three_comment_runs_at_once_leave_one_comment(
    fake_github: FakeGitHub, delay: float
) -> None:
    fake_github.add_pull(REPO, PR)
    fake_github.delay = delay
    mark = "<!-- launch-gate:readiness.yaml -->"
    gate = threading.Barrier(3)

    def run(i: int) -> None:
        gh = Lockstep(PyGitHub(fake_github.url, "ghs_t", 30), gate)
        comment.upsert(gh, REPO, PR, mark, f"{mark}\nverdict of run {i}")  # type: ignore[arg-type]

    together(3, run)
    assert len([c for c in fake_github.comments(REPO, PR) if c.body.startswith(mark)]) == 1


def test_a_duplicate_an_interrupted_run_left_is_deleted(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    first = action()
    assert first.code == 0
    [ours] = action.fake.comments(REPO, PR)
    # A run that was cancelled after creating its comment, before settling the race.
    action.fake.add_comment(REPO, PR, ours.body.replace("pass", "fail"))
    assert len(action.fake.comments(REPO, PR)) == 2
    action()
    [left] = action.fake.comments(REPO, PR)
    assert left.id == ours.id
