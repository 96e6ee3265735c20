"""Names in decisions are GitHub handles (or e-mail addresses): anything else warns at its line,
because approver proof and the expiry issue's assignee read them as handles (issue 28)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from launch_gate.judge.evaluate import Evaluation
from launch_gate.judge.people import is_handle

ACCEPTED = """\
version: 1
system: {{name: demo, owner: "@acme/ml"}}
checks:
  gov.human-review:
    status: accepted-risk
    decision:
      rationale: the pilot has five users
      owner: {owner}
      approved_by: {approver}
      expires: 2026-12-20
"""


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("@erin", True),
        ("@Erin-Smith", True),
        ("@acme/ml-platform", True),
        ("erin@example.com", True),
        ("erin", False),
        ("the ML team", False),
        ("@-erin", False),
        ("@erin--smith", False),
        ("@" + "a" * 40, False),
        ("q", False),
    ],
)
def test_what_counts_as_a_handle(name: str, ok: bool) -> None:
    assert is_handle(name) is ok


def test_a_bare_name_warns_at_its_line(judge: Callable[..., Evaluation]) -> None:
    ev = judge(ACCEPTED.format(owner="erin", approver='"@dana"'), "startup")
    found = [w for w in ev.warnings if w.code == "not-a-handle"]
    assert [(w.line, w.key) for w in found] == [(8, "decision.owner")]
    assert "'erin'" in found[0].message
    assert "@" in found[0].hint


def test_handles_and_addresses_do_not_warn(judge: Callable[..., Evaluation]) -> None:
    ev = judge(ACCEPTED.format(owner='"@acme/ml"', approver="dana@example.com"), "startup")
    assert not [w for w in ev.warnings if w.code == "not-a-handle"]
