"""The JSON report, as printed by ``--format json``."""

from __future__ import annotations

from launch_gate.judge.evaluate import Evaluation
from launch_gate.report.model import build


def render(ev: Evaluation, colour: bool = False) -> str:
    return build(ev).json()
