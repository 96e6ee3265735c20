"""Who a decision names: its approver, wherever the manifest wrote it."""

from __future__ import annotations


def test_one_definition_of_the_approver() -> None:
    from launch_gate.judge.people import approver_of
    from launch_gate.judge.shapes import CheckEntry, Decision

    risk = CheckEntry(status="accepted-risk", decision=Decision(approved_by="@carol"))
    old_style = CheckEntry(status="accepted-risk", approved_by="@dave")
    claim = CheckEntry(status="not-applicable", reason="r", approved_by="@erin")
    assert approver_of(risk) == "@carol"
    assert approver_of(old_style) == "@dave"
    assert approver_of(claim) == "@erin"
    assert approver_of(CheckEntry(status="done", evidence=["x"])) is None
