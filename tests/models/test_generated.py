"""launch_gate/models is the source of every shape; judge/shapes.py is what runs.

Two promises: the generated files are what the models generate today, and the shipped
schemas decide every input as the models do, with the same errors at the same places (the
examples, every hostile and mistaken manifest, the policy files and generated manifests).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic_core import ValidationError

from launch_gate.errors import InputError
from launch_gate.judge import shapes
from launch_gate.judge.shape import dump, validate
from launch_gate.load.yamldoc import load
from launch_gate.models import generate
from launch_gate.models.catalogue import Catalogue
from launch_gate.models.defaults import Defaults
from launch_gate.models.manifest import CheckEntry, Manifest, WorkflowEvidence
from launch_gate.models.profile import Profile
from tests.conftest import ROOT
from tests.test_properties import JUNK, manifests, near_valid

GENERATED_WITH = re.search(r"pydantic (\S+) built", generate.SHAPES.read_text())


@pytest.mark.skipif(
    GENERATED_WITH is None or GENERATED_WITH[1] != pydantic.VERSION,
    reason="another pydantic writes other bytes; the agreement tests below still run",
)
@pytest.mark.parametrize(
    ("path", "source"),
    [(generate.SHAPES, generate.shapes_source), (generate.JSON_SCHEMAS, generate.json_source)],
    ids=["shapes", "json_schemas"],
)
def test_the_generated_files_are_what_the_models_generate(
    path: Path, source: Callable[[], str]
) -> None:
    assert path.read_text() == source(), "run `make shapes` and commit the result"


def test_every_model_is_generated_with_its_keys() -> None:
    for model in generate.MODELS:
        runtime = getattr(shapes, model.__name__)
        assert runtime._fields == tuple(model.model_fields), model
        keys = tuple(i.alias or n for n, i in model.model_fields.items())
        assert shapes.KEYS[runtime] == keys


def test_every_model_written_is_found_from_the_roots_each_after_what_it_uses() -> None:
    # Discovery walks the roots' fields: a model written but never reached (or reached only
    # through a type the walk does not open) would silently not be generated.
    import importlib
    import pkgutil

    import launch_gate.models as package

    modules = [
        importlib.import_module(f"launch_gate.models.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if info.name not in ("generate", "base")
    ]
    written = {
        obj
        for module in modules
        for obj in vars(module).values()
        if isinstance(obj, type)
        and issubclass(obj, BaseModel)
        and obj.__module__ == module.__name__
    }
    assert written == set(generate.MODELS)
    order = list(generate.MODELS)
    for model in order:
        for field in model.model_fields.values():
            for inner in generate._nested(field.annotation):
                assert order.index(inner) < order.index(model), (inner, model)


def _decided(read: Callable[[Any], Any], show: Callable[[Any], Any], data: Any) -> tuple[str, Any]:
    """What a validator made of `data`: what it read, shown as JSON-ready data, or each
    problem's type, place and message."""
    try:
        found = read(data)
    except ValidationError as exc:
        return "refused", [(e["type"], e["loc"], e["msg"]) for e in exc.errors()]
    return "read", show(found)


def assert_agree(model: type[BaseModel], data: Any) -> None:
    shipped = getattr(shapes, model.__name__)
    assert _decided(lambda d: validate(shipped, d), dump, data) == _decided(
        model.model_validate, lambda m: m.model_dump(mode="json", by_alias=True), data
    )


def _yaml_data(path: Path) -> Any:
    try:
        return load(path.read_text(), path.name).data
    except (InputError, UnicodeDecodeError):
        pytest.skip("refused before its shape is read")


MANIFESTS = sorted(
    [
        *(ROOT / "examples").glob("*.yaml"),
        *(ROOT / "tests" / "examples").rglob("*.yaml"),
        *(ROOT / "tests" / "hostile" / "manifests").glob("*.yaml"),
    ]
)


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_manifest_is_read_or_refused_alike(path: Path) -> None:
    assert_agree(Manifest, _yaml_data(path))


def _mistakes() -> list[tuple[str, str]]:
    cases = yaml.safe_load((ROOT / "tests" / "mistakes" / "cases.yaml").read_text())
    return [(c["id"], c["manifest"]) for c in cases if isinstance(c.get("manifest"), str)]


@pytest.mark.parametrize(("case", "text"), _mistakes(), ids=[c for c, _ in _mistakes()])
def test_a_mistaken_manifest_is_refused_alike(case: str, text: str) -> None:
    try:
        data = load(text, "readiness.yaml").data
    except InputError:
        pytest.skip("a YAML mistake: refused before its shape is read")
    assert_agree(Manifest, data)


@pytest.mark.parametrize(
    ("model", "path"),
    [
        (Catalogue, ROOT / "policies" / "catalogue.yaml"),
        *((Profile, p) for p in sorted((ROOT / "policies" / "profiles").glob("*.yaml"))),
        *((Profile, p) for p in sorted((ROOT / "examples").rglob("policies/*.yaml"))),
    ],
    ids=lambda x: x.relative_to(ROOT).as_posix() if isinstance(x, Path) else x.__name__,
)
def test_a_policy_file_is_read_alike(model: type[BaseModel], path: Path) -> None:
    data = _yaml_data(path)
    if isinstance(data, dict):
        data.pop("extends", None)  # the loader resolves it before the shape is read
    assert_agree(model, data)


@given(m=manifests())
def test_generated_manifests_are_read_alike(m: dict[str, Any]) -> None:
    assert_agree(Manifest, m)


@given(m=near_valid())
def test_nearly_valid_manifests_are_decided_alike(m: dict[str, Any]) -> None:
    assert_agree(Manifest, m)


@given(
    model=st.sampled_from([CheckEntry, WorkflowEvidence, Profile, Defaults]),
    data=st.dictionaries(
        st.sampled_from(["status", "evidence", "workflow", "assert", "name", "tier", "warn_days"]),
        JUNK,
        max_size=4,
    ),
)
def test_junk_is_refused_alike(model: type[BaseModel], data: dict[str, Any]) -> None:
    assert_agree(model, data)


@pytest.mark.parametrize(
    ("model", "data"),
    [
        # Strictness: what a lax validator would coerce is refused by both, alike.
        (Profile, {"name": "p", "tier": "startup", "warn_days": "3"}),
        (Profile, {"name": "p", "tier": "startup", "min_score": True}),
        (Defaults, {"warn_days": 2.0}),
        (CheckEntry, {"status": "done", "evidence": [7]}),
        (WorkflowEvidence, {"workflow": "evals.yml", "assert": {"tests": True}}),
        # The file's key, never the Python name.
        (WorkflowEvidence, {"workflow": "evals.yml", "assert_": {"tests": 1}}),
        (Catalogue, {"version": 1, "layers": {}, "checks": {"a.b": {"title": "t"}}}),
    ],
)
def test_a_value_typed_wrong_is_refused_alike(model: type[BaseModel], data: Any) -> None:
    assert_agree(model, data)
