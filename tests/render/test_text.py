"""The terminal report."""

from __future__ import annotations

from collections.abc import Callable

from launch_gate.judge.evaluate import Evaluation
from tests.viewing import text_report


def test_the_terminal_report_shows_escapes_not_raw_control_sequences(
    judge: Callable[..., Evaluation],
) -> None:
    ev = judge('version: 1\nsystem: {name: "x\\e[32mPASS\\e[0m\\u202eevil"}\n')
    out = text_report(ev, colour=False)
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\\x1b[32mPASS" in out
