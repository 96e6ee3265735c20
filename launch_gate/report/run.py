"""A run over one or several manifests: a section each, one verdict for all."""

from __future__ import annotations

from typing import NamedTuple

from launch_gate.judge.diff import Change, compare
from launch_gate.judge.evaluate import Evaluation
from launch_gate.report.view import verdict


class Section(NamedTuple):
    """One manifest: evaluated, or the one-line reason it could not be."""

    path: str
    evaluation: Evaluation | None
    error: str | None = None
    error_line: int | None = None
    # The same manifest as the PR's base had it: shows what changed. With
    # `compared` set, a None baseline means the manifest is new in the change.
    baseline: Evaluation | None = None
    compared: bool = False
    # What the change did, computed once when the baseline is attached.
    changes: tuple[Change, ...] = ()

    def compared_with(self, baseline: Evaluation | None) -> Section:
        """This section with its base attached (None: new in the change), and the diff."""
        if self.evaluation is None:
            return self
        found = tuple(compare(baseline, self.evaluation))
        return self._replace(baseline=baseline, compared=True, changes=found)


__all__ = ["Section", "verdict"]
