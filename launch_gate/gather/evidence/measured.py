"""Measured evidence as an `EvidenceResult`: the file read (results.py), the numbers judged
(judge/measure.py), and the sentence every report shows, passing or not."""

from __future__ import annotations

from pathlib import Path

from launch_gate.gather.evidence.paths import check_path
from launch_gate.gather.evidence.results import Unreadable, read_file
from launch_gate.gather.evidence.settings import Settings
from launch_gate.judge.evidence import EvidenceResult, describe
from launch_gate.judge.measure import Summary, judge
from launch_gate.judge.shapes import ResultsEvidence


def verdict(
    item_text: str, summary: Summary, asserts: dict[str, str], where: str
) -> EvidenceResult:
    found = judge(summary, asserts, where)
    if found.ok:
        return EvidenceResult(item_text, "results", "ok", "", found.text)
    return EvidenceResult(item_text, "results", "broken", found.text, found.text)


def in_repository(item: ResultsEvidence, settings: Settings) -> EvidenceResult:
    """A results file in the repository: found as any repository path is (inside it, no
    link out), then read and judged."""
    text = describe(item)
    located = check_path(item.results, settings.repo_root or Path.cwd())
    if located.state != "ok":
        return EvidenceResult(text, "results", "broken", f"{item.results}: {located.reason}")
    root = (settings.repo_root or Path.cwd()).resolve()
    try:
        summary = read_file(root / item.results, item.format, item.assert_, details=False)
        found = verdict(text, summary, item.assert_, item.results)
        if found.state != "ok" and not summary.failures:
            # Failing: read again for the failures a reviewer starts from.
            summary = read_file(root / item.results, item.format, item.assert_)
            found = verdict(text, summary, item.assert_, item.results)
    except Unreadable as exc:
        return EvidenceResult(
            text, "results", "broken", f"{item.results} is not {item.format} results: {exc}"
        )
    return found
