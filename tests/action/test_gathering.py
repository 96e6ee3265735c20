"""The proof stage's findings once the deadline has closed them: its abandoned worker may
go on writing, and none of that reaches the run."""

from __future__ import annotations

from launch_gate.action.proving import Gathering
from launch_gate.gather.approvals.needs import unproven


def test_what_the_run_took_never_changes_after_the_deadline() -> None:
    gathering = Gathering()
    gathering.warn("first")
    gathering.baseline("a/readiness.yaml", None)
    done, waiting = gathering.close()
    # The worker, abandoned, finishes its manifest and starts the next one.
    gathering.warn("late")
    gathering.baseline("b/readiness.yaml", None)
    gathering.approvals("a/readiness.yaml", unproven([], "late"))
    gathering.waiting("b/readiness.yaml", [])
    assert done.warnings == ["first"]
    assert list(done.baselines) == ["a/readiness.yaml"]
    assert done.approvals == {}
    assert waiting == {}
    # And a second look finds the same: nothing was added after the close.
    assert gathering.close() == (done, waiting)
