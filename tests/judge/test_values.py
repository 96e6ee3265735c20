"""judge/values.py: the values inside a shape, which the models and the generated shapes share."""

from __future__ import annotations

import datetime as dt

import pytest

from launch_gate.errors import Unfit
from launch_gate.judge.shapes import ResultsEvidence, WorkflowEvidence
from launch_gate.judge.values import (
    SCALAR,
    EvidenceKind,
    as_date,
    canonical,
    none_as_empty_dict,
    none_as_empty_list,
    version_one,
)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("https://example.com/runbook", SCALAR),
        (["a list"], SCALAR),  # refused as a string, with the scalar's own error
        ({"workflow": "evals.yml"}, "{workflow}"),
        ({"results": "r.json", "format": "json"}, "{results}"),
        # Both keys: the first kind named wins, as the union lists them.
        ({"results": "r.json", "workflow": "evals.yml"}, "{workflow}"),
        ({"workflw": "evals.yml"}, None),  # no kind: one error names them all
        # What pydantic asks of an item it has read, to write it back out.
        (WorkflowEvidence("evals.yml"), "{workflow}"),
        (ResultsEvidence("r.json", "json", {"tests": ">= 1"}), "{results}"),
    ],
)
def test_an_evidence_item_is_told_apart_by_its_kind_key(value: object, kind: str | None) -> None:
    assert EvidenceKind(("workflow", "results"))(value) == kind


@pytest.mark.parametrize(
    ("written", "read"),
    [(">= 0.95", ">= 0.95"), ("95%", ">= 95%"), (200, ">= 200"), ("==0", "== 0"), (" < 3 ", "< 3")],
)
def test_an_assertion_is_spelled_one_way(written: object, read: str) -> None:
    assert canonical(written) == read


@pytest.mark.parametrize("written", [True, None, "about 95", ">= ", [1]])
def test_what_is_no_assertion_says_how_to_write_one(written: object) -> None:
    with pytest.raises(ValueError, match="is not an assertion"):
        canonical(written)


def test_dates_and_their_fixes() -> None:
    assert as_date("2027-03-31") == dt.date(2027, 3, 31)
    assert as_date(dt.date(2027, 3, 31)) == dt.date(2027, 3, 31)
    with pytest.raises(Unfit) as caught:
        as_date("31/03/2027")
    assert caught.value.fix == "write it year first: `2027-03-31`"
    with pytest.raises(ValueError, match="not a timestamp"):
        as_date(dt.datetime(2027, 3, 31, 12, 0))


def test_a_version_is_exactly_the_integer_one() -> None:
    assert version_one(1) == 1
    for wrong in (1.0, True, "1", 2):
        with pytest.raises(Unfit):
            version_one(wrong)


def test_an_emptied_list_or_mapping_reads_as_empty() -> None:
    assert none_as_empty_list(None) == []
    assert none_as_empty_dict(None) == {}
    assert none_as_empty_list(["x"]) == ["x"]
