"""A run over one or several manifests: a section each; one verdict, score and list of
gaps for all; and the run's JSON report (the Action's `report` output)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from launch_gate.judge.diff import Change, compare
from launch_gate.judge.evaluate import Evaluation
from launch_gate.report.audit import Audit
from launch_gate.report.model import Report, RunReport, build
from launch_gate.report.view import SectionView, verdict


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


def score(sections: Sequence[Section]) -> int | None:
    # The weakest manifest speaks for a monorepo: a high average must not hide it.
    scores = [s.evaluation.score for s in sections if s.evaluation]
    return min(scores) if scores else None


def gaps(sections: Sequence[Section]) -> list[str]:
    return sorted({g for s in sections if s.evaluation for g in s.evaluation.gaps})


def report_parts(
    sections: Sequence[Section],
    seen: Sequence[SectionView],
    audit: Callable[[Section], Audit] | None = None,
) -> Iterator[bytes]:
    """The run's JSON report (`report/model.py: RunReport`), a manifest at a time, from the
    view of `sections` the rest of the run read (`seen`: report/build.py `sections`).
    `audit` is each manifest's audit block (left out without one: it needs the workspace)."""

    def report(s: Section, v: SectionView) -> Report:
        assert v.evaluation is not None
        return build(v.evaluation, v.changes if s.compared else (), audit(s) if audit else None)

    return RunReport(
        verdict(sections),
        score(sections),
        gaps(sections),
        (report(s, v) for s, v in zip(sections, seen, strict=True) if s.evaluation),
        [{"manifest": s.path, "message": s.error} for s in sections if s.error],
    ).parts()


__all__ = ["Section", "gaps", "report_parts", "score", "verdict"]
