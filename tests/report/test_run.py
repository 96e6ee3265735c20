"""The run's JSON report (the Action's `report` output): one verdict, score and list of
gaps over every manifest, each manifest's report, and the manifests that could not be
read; made a manifest at a time, as if encoded whole."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from launch_gate.pipeline import evaluate_file
from launch_gate.report import build as view
from launch_gate.report.model import compact_json_bytes
from launch_gate.report.run import Section, gaps, report_parts, score


def _sections() -> list[Section]:
    examples = Path(__file__).resolve().parents[2] / "examples"
    day = dt.date(2026, 11, 23)
    return [
        Section(f"svc/{name}", evaluate_file(examples / name, display=f"svc/{name}", today=day))
        for name in ("startup-rag-assistant.yaml", "enterprise-agent.yaml")
    ] + [Section("svc/broken.yaml", None, "svc/broken.yaml:3: not a mapping", 3)]


def test_the_report_made_in_parts_is_one_line_of_json_as_if_made_whole() -> None:
    found = _sections()
    made = b"".join(report_parts(found, view.sections(found)))
    data = json.loads(made)
    # The same bytes as serialising the whole document at once, key order included.
    assert made == compact_json_bytes(data) + b"\n"
    assert list(data) == ["report_version", "tool", "verdict", "score", "gaps", "manifests",
                          "errors"]  # fmt: skip
    assert [m["manifest"] for m in data["manifests"]] == [
        "svc/startup-rag-assistant.yaml",
        "svc/enterprise-agent.yaml",
    ]
    assert data["errors"] == [
        {"manifest": "svc/broken.yaml", "message": "svc/broken.yaml:3: not a mapping"}
    ]
    assert data["verdict"] == "error"


def test_a_report_without_any_readable_manifest_is_still_json() -> None:
    found = _sections()[2:]
    data = json.loads(b"".join(report_parts(found, view.sections(found))))
    assert data["manifests"] == []
    assert data["score"] is None
    assert len(data["errors"]) == 1


def test_the_weakest_manifest_gives_the_score_and_every_gap_is_listed_once() -> None:
    found = _sections()
    scores = [s.evaluation.score for s in found if s.evaluation]
    assert score(found) == min(scores) < max(scores)
    assert gaps(found) == sorted({g for s in found if s.evaluation for g in s.evaluation.gaps})
    assert gaps(found) == sorted(set(gaps(found))) != []
    assert (score(found[2:]), gaps(found[2:])) == (None, [])
