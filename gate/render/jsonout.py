"""The JSON report, as printed by ``--format json``."""

from __future__ import annotations

from gate.evaluate import Evaluation
from gate.report import build


def render(ev: Evaluation, colour: bool = False) -> str:
    return build(ev).model_dump_json(indent=2) + "\n"
