"""The JSON report, as printed by ``--format json``."""

from __future__ import annotations

from launch_gate.report.model import build
from launch_gate.report.view import ManifestView


def render(ev: ManifestView, colour: bool = False) -> str:
    return build(ev).json()
