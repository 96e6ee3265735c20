"""`launch-gate action` tunes the collector for its run and gives it back afterwards."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path
from typing import Any

import pytest

from launch_gate.action import run as action_run
from launch_gate.cli import action


def test_the_collector_is_put_back_after_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake(env: Any, out: Any, cwd: Path) -> int:
        seen["during"] = gc.get_threshold()
        seen["frozen"] = gc.get_freeze_count()
        raise RuntimeError("the run fails")

    before = gc.get_threshold()
    monkeypatch.setattr(action_run, "run_action", fake)
    with pytest.raises(RuntimeError):
        action.run(argparse.Namespace())
    assert seen["during"][0] == 200_000
    assert seen["frozen"] > 0
    # A process that runs more than the action (these tests) keeps its own collector.
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
