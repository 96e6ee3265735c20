"""judge/shape.py: NamedTuples checked by pydantic-core from their annotations."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, NamedTuple

import pytest
from pydantic_core import ValidationError

from launch_gate.judge.catalogue import Catalogue
from launch_gate.judge.manifest import CheckEntry, Manifest, WorkflowEvidence
from launch_gate.judge.profile import Profile
from launch_gate.judge.shape import about, dump, fields, json_schema, shape_at, validate
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.manifest import load_manifest
from launch_gate.load.policy import load_profile
from tests.conftest import ROOT


class Inner(NamedTuple):
    """A nested shape."""

    size: Annotated[int, about("How big.", ge=1)]


class Outer(NamedTuple):
    """A shape with an aliased key, a nested one and a default."""

    kind: Annotated[str, about("What it is.", alias="class", min_length=1)]
    inner: Inner | None = None
    tags: list[str] = []


def errors(shape: type, data: object) -> list[tuple[str, tuple[str | int, ...]]]:
    with pytest.raises(ValidationError) as caught:
        validate(shape, data)
    return [(e["type"], tuple(e["loc"])) for e in caught.value.errors()]


def test_a_mapping_becomes_the_shape_with_its_defaults() -> None:
    got = validate(Outer, {"class": "x", "inner": {"size": 2}})
    assert got == Outer("x", Inner(2), [])
    assert isinstance(got.inner, Inner)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"class": "x", "typo": 1}, [("extra_forbidden", ("typo",))]),
        ({}, [("missing", ("class",))]),
        ({"class": ""}, [("string_too_short", ("class",))]),
        ({"class": "x", "inner": {"size": 0}}, [("greater_than_equal", ("inner", "size"))]),
        # Strict: YAML's true and 2.0 are not whole numbers, "3" is not one either.
        ({"class": "x", "inner": {"size": True}}, [("int_type", ("inner", "size"))]),
        ({"class": "x", "inner": {"size": 2.0}}, [("int_type", ("inner", "size"))]),
        ({"class": "x", "inner": {"size": "3"}}, [("int_type", ("inner", "size"))]),
        ({"kind": "x"}, [("missing", ("class",)), ("extra_forbidden", ("kind",))]),
        ("x", [("dict_type", ())]),
    ],
)
def test_each_problem_has_its_place(
    data: object, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert errors(Outer, data) == expected


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
    assert [f.key for f in fields(Outer)] == ["class", "inner", "tags"]


def test_what_is_read_dumps_back_to_the_same_shape() -> None:
    cat = load_catalogue()
    assert validate(Catalogue, dump(cat)) == cat
    profile = load_profile("regulated", cat)
    assert validate(Profile, dump(profile)) == profile
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        manifest = load_manifest(path, path.name, cat).manifest
        assert validate(Manifest, dump(manifest, drop_none=True)) == manifest, path


def test_the_json_schema_says_what_the_shape_says() -> None:
    schema = json_schema(Outer)
    assert schema["required"] == ["class"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["class"] == {
        "description": "What it is.",
        "minLength": 1,
        "title": "Kind",
        "type": "string",
    }
    assert schema["$defs"]["Inner"]["properties"]["size"]["minimum"] == 1
    assert schema["properties"]["inner"]["anyOf"] == [{"$ref": "#/$defs/Inner"}, {"type": "null"}]
