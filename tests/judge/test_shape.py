"""judge/shape.py: the generated shapes, validated by pydantic-core, read back and dumped."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic_core import ValidationError

from launch_gate.judge.shape import dump, keys, shape_at, validate
from launch_gate.judge.shapes import (
    Catalogue,
    Check,
    CheckEntry,
    DoneRules,
    Manifest,
    Profile,
    ResultsEvidence,
    WorkflowEvidence,
)
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.manifest import load_manifest
from launch_gate.load.policy import load_profile
from tests.conftest import ROOT

AGE = "max_age_days"


def errors(shape: type, data: object) -> list[tuple[str, tuple[str | int, ...]]]:
    with pytest.raises(ValidationError) as caught:
        validate(shape, data)
    return [(e["type"], tuple(e["loc"])) for e in caught.value.errors()]


def test_a_mapping_becomes_the_shape_with_its_defaults() -> None:
    got = validate(WorkflowEvidence, {"workflow": "evals.yml", "assert": {"tests": 200}})
    assert got == WorkflowEvidence("evals.yml", assert_={"tests": ">= 200"})
    assert isinstance(validate(Profile, {"name": "p", "tier": "startup"}).rules.done, DoneRules)


@pytest.mark.parametrize(
    ("shape", "data", "expected"),
    [
        (WorkflowEvidence, {"workflow": "x", "typo": 1}, [("extra_forbidden", ("typo",))]),
        (WorkflowEvidence, {}, [("missing", ("workflow",))]),
        (WorkflowEvidence, {"workflow": ""}, [("string_too_short", ("workflow",))]),
        (WorkflowEvidence, {"workflow": "x", "max_age_days": 0},
         [("greater_than_equal", ("max_age_days",))]),
        # Strict: YAML's true and 2.0 are not whole numbers, "3" is not one either.
        (WorkflowEvidence, {"workflow": "x", AGE: True}, [("int_type", (AGE,))]),
        (WorkflowEvidence, {"workflow": "x", AGE: 2.0}, [("int_type", (AGE,))]),
        (WorkflowEvidence, {"workflow": "x", AGE: "3"}, [("int_type", (AGE,))]),
        # The file's key (`assert`, `from`) is the one named, never the Python name.
        (ResultsEvidence, {"results": "r", "format": "json", "assert_": {}},
         [("missing", ("assert",)), ("extra_forbidden", ("assert_",))]),
        (Check, {"title": "t", "description": "d", "evidence": []}, [("missing", ("from",))]),
        (WorkflowEvidence, "x", [("model_type", ())]),
    ],
)  # fmt: skip
def test_each_problem_has_its_place(
    shape: type, data: object, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert errors(shape, data) == expected


def test_a_mistyped_workflow_mapping_gets_one_error_about_the_mapping() -> None:
    # A mapping item is one of the kinds by its first key; with none of them, one error says
    # which keys make a kind (load/explain.py adds the nearest).
    found = errors(CheckEntry, {"status": "done", "evidence": [{"workflw": "ci.yml"}]})
    assert [kind for kind, _ in found] == ["evidence_kind"]
    assert all(loc[:2] == ("evidence", 0) for _, loc in found)


def test_each_mapping_kind_gets_errors_about_itself_only() -> None:
    found = errors(
        CheckEntry, {"status": "done", "evidence": [{"results": "r.json", "format": "junit"}]}
    )
    assert [kind for kind, _ in found] == ["missing"]  # assert, of the results kind


def test_dates_are_dates_not_timestamps() -> None:
    assert validate(CheckEntry, {"status": "done", "reviewed": "2026-01-02"}).reviewed == dt.date(
        2026, 1, 2
    )
    found = errors(CheckEntry, {"status": "done", "reviewed": dt.datetime(2026, 1, 2, 3, 4)})
    assert found == [("value_error", ("reviewed",))]


def test_shape_at_follows_keys_lists_and_mappings() -> None:
    assert shape_at(Manifest, ("checks", "prompt.versioned")) is CheckEntry
    assert shape_at(Manifest, ("checks", "x", "evidence", 0)) is WorkflowEvidence
    assert shape_at(Manifest, ("system", "name")) is None
    assert keys(ResultsEvidence) == ("results", "format", "assert")


def test_what_is_read_dumps_back_to_the_same_shape() -> None:
    cat = load_catalogue()
    assert validate(Catalogue, dump(cat)) == cat
    profile = load_profile("regulated", cat)
    assert validate(Profile, dump(profile)) == profile
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        manifest = load_manifest(path, path.name, cat).manifest
        assert validate(Manifest, dump(manifest, drop_none=True)) == manifest, path
