"""The gather stage: the proof's findings once the deadline has closed them (its abandoned
worker may go on writing, and none of that reaches the run), and a run's evidence gathered
in one pass over every manifest."""

from __future__ import annotations

from collections import Counter

from launch_gate.action.proving import Gathering
from launch_gate.gather.approvals.needs import unproven
from tests.action.conftest import ActionRunner, counting_server, service

__all__ = ["counting_server"]


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


def test_a_link_the_services_share_is_checked_once_for_the_run(
    action: ActionRunner, counting_server: tuple[str, Counter[str]]
) -> None:
    base, seen = counting_server
    names = ("billing", "search", "support")
    for name in names:
        # Each service cites the runbook they all share, and a dashboard of its own.
        service(action, name, [f"{base}/runbook", f"{base}/dash/{name}"])
    run = action(
        manifest="svc/*/readiness.yaml",
        verify_evidence="true",
        allow_private_hosts="true",
        comment="never",
    )
    assert run.code == 0, run.stdout
    assert run.outputs["verdict"] == "pass"
    # One gather stage for the run: each service's own dashboard is asked for once, and
    # so is the runbook all three cite, not once per manifest.
    asked = {path: n for path, n in seen.items() if path.startswith("/dash/")}
    assert set(asked) == {f"/dash/{name}" for name in names}
    assert seen["/runbook"] == next(iter(asked.values()))
    assert all(n == seen["/runbook"] for n in asked.values())
    assert run.report is not None
    assert [m["verdict"] for m in run.report["manifests"]] == ["pass"] * 3
