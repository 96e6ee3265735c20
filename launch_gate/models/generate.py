"""Writes the run-time side of the models: `make shapes` runs ``python -m
launch_gate.models.generate`` after an edit to launch_gate/models.

judge/shapes.py gets, for each model, a NamedTuple with the same fields and defaults, and
the core schema pydantic built for the model, with two changes only:

- where pydantic builds a model instance, the schema builds the NamedTuple from the same
  validated fields (model-fields is kept, so errors, their types and their places are
  pydantic's own);
- every model becomes one named definition, so the file holds each shape once, and the
  references pydantic numbers per process get the model's name.

Functions (validators, the evidence discriminator) are written as imports of where they
live. cli/json_schemas.py gets each root model's JSON Schema, as pydantic writes it.
"""

from __future__ import annotations

import datetime as dt
import pprint
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import pydantic
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from launch_gate.judge import values
from launch_gate.models.catalogue import Catalogue
from launch_gate.models.defaults import Defaults
from launch_gate.models.manifest import Manifest
from launch_gate.models.profile import Profile

# What a run reads; every model their fields use is found from them (`_in_order`), so a
# new model (an evidence kind, say) is generated once a root's field names it.
ROOTS: tuple[type[BaseModel], ...] = (Manifest, Profile, Catalogue, Defaults)


def _nested(tp: Any) -> Iterator[type[BaseModel]]:
    """The models a field's type names: itself, or inside a union, list, dict or Annotated."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        yield tp
        return
    for arg in typing.get_args(tp):
        yield from _nested(arg)


def _in_order(roots: tuple[type[BaseModel], ...]) -> tuple[type[BaseModel], ...]:
    """Every model the roots use, each after the models its fields use: the NamedTuples are
    written in this order, and a model used as a default must already be defined."""
    found: dict[type[BaseModel], None] = {}

    def visit(model: type[BaseModel]) -> None:
        if model in found:
            return
        for field in model.model_fields.values():
            for inner in _nested(field.annotation):
                visit(inner)
        found[model] = None

    for root in roots:
        visit(root)
    return tuple(found)


MODELS = _in_order(ROOTS)
# The JSON Schemas editors read (`launch-gate schema`).
JSON_ROOTS: dict[str, type[BaseModel]] = {
    "MANIFEST": Manifest,
    "PROFILE": Profile,
    "DEFAULTS": Defaults,
}

PACKAGE = Path(__file__).resolve().parent.parent
SHAPES = PACKAGE / "judge" / "shapes.py"
JSON_SCHEMAS = PACKAGE / "cli" / "json_schemas.py"

# Keys of a core schema that only serialisation or pydantic's JSON Schema read.
_DROPPED = frozenset({"metadata", "serialization", "serialization_alias"})


class _Source:
    """A value pprint writes as the Python source that names it."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


class _Writer:
    def __init__(self) -> None:
        self.imports: dict[str, set[str]] = {}

    def function(self, fn: Callable[..., Any]) -> _Source:
        module, name = fn.__module__, fn.__qualname__
        # A lambda or a nested function has no name to import: the generated file could
        # not say it, so the model must not use one.
        if (
            "<" in name
            or "." in name
            or getattr(__import__(module, fromlist=[name]), name) is not fn
        ):
            raise TypeError(
                f"{module}.{name} cannot be imported by name; define it at module level"
            )
        self.imports.setdefault(module, set()).add(name)
        return _Source(name)

    def schema(self, node: Any) -> Any:  # noqa: PLR0911 (one branch per kind of node)
        if isinstance(node, dict):
            if node.get("type") == "model":
                return {"type": "definition-ref", "schema_ref": node["cls"].__name__}
            if node.get("type") == "definition-ref":
                return {"type": "definition-ref", "schema_ref": _name(node["schema_ref"])}
            if node.get("type") == "definitions":
                raise TypeError("definitions are collected by model, not nested")
            return {k: self.schema(v) for k, v in node.items() if k not in _DROPPED}
        if isinstance(node, list):
            return [self.schema(v) for v in node]
        if isinstance(node, BaseModel):
            return _Source(_default_call(node))
        if isinstance(node, types.FunctionType):
            return self.function(node)
        if callable(node) and not isinstance(node, type):
            # A callable object (the evidence discriminator, made with its kinds): its repr
            # must be the call of its class that makes it again.
            if "__repr__" not in vars(type(node)):
                raise TypeError(f"{type(node).__name__}: give it a __repr__ that remakes it")
            self.function(type(node))
            return _Source(repr(node))
        if isinstance(node, (str, int, float, bool, type(None))):
            return node
        raise TypeError(f"no source for {node!r} in a core schema")

    def definition(self, model: type[BaseModel]) -> Any:
        """The model's schema as one definition that builds its NamedTuple."""
        fields = self.schema(_model_node(model)["schema"])
        return {
            "type": "function-after",
            "function": {"type": "no-info", "function": _Source(f"_build({model.__name__})")},
            "schema": fields,
            "ref": model.__name__,
        }


def _model_node(model: type[BaseModel]) -> Any:
    """The `model` node pydantic built for `model`, wherever in its schema it put it."""
    core: Any = model.__pydantic_core_schema__
    definitions = core.get("definitions", []) if core["type"] == "definitions" else []
    while core["type"] == "definitions":
        core = core["schema"]
    if core["type"] == "definition-ref":
        core = next((d for d in definitions if d.get("ref") == core["schema_ref"]), core)
    if core["type"] != "model" or core["cls"] is not model:
        raise TypeError(f"{model.__name__}: expected its model schema, got {core['type']}")
    return core


def _name(ref: str) -> str:
    """`launch_gate.models.manifest.Decision:9431` as `Decision`."""
    return ref.split(":", 1)[0].rsplit(".", 1)[-1]


def _default_call(value: BaseModel) -> str:
    kind = type(value)
    if value != kind():
        raise TypeError(f"{kind.__name__}: a model default must be the model's own defaults")
    return f"{kind.__name__}()"


_ALIASES: dict[Any, str] = {
    v: k for k, v in vars(values).items() if typing.get_origin(v) is Literal and k[0].isupper()
}


def annotation(tp: Any, writer: _Writer) -> str:  # noqa: PLR0911 (one per kind of type)
    """A field's type as source, without its metadata: what mypy and the judge see. An alias
    of judge/values.py it names is imported from there."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Annotated:
        return annotation(args[0], writer)
    if tp is type(None):
        return "None"
    if tp in (str, int, bool, float):
        return str(tp.__name__)
    if tp is dt.date:
        return "dt.date"
    if origin is Literal:
        alias = _ALIASES.get(tp)
        if alias is None:
            return f"Literal[{', '.join(repr(a) for a in args)}]"
        writer.imports.setdefault(values.__name__, set()).add(alias)
        return alias
    if origin in (list, dict):
        return f"{origin.__name__}[{', '.join(annotation(a, writer) for a in args)}]"
    if origin in (typing.Union, types.UnionType):
        return " | ".join(annotation(a, writer) for a in args)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp.__name__
    raise TypeError(f"no annotation for {tp!r}")


def _class(model: type[BaseModel], writer: _Writer) -> str:
    lines = [f"class {model.__name__}(NamedTuple):"]
    if model.__doc__:
        lines.append(f"    {_docstring(model.__doc__)}")
        lines.append("")
    for name, info in model.model_fields.items():
        line = f"    {name}: {annotation(info.rebuild_annotation(), writer)}"
        if info.default is not PydanticUndefined:
            default = info.default
            shown = _default_call(default) if isinstance(default, BaseModel) else repr(default)
            line += f" = {shown}"
        lines.append(line)
    return "\n".join(lines)


def _docstring(doc: str) -> str:
    text = "\n".join(line.strip() for line in doc.strip().splitlines())
    return '"""' + text.replace("\n", "\n    ") + '"""'


def _config() -> dict[str, Any]:
    """What every model's config says that validation reads: one, or the models could not
    share one validator."""
    configs = [_root_config(m) for m in MODELS]
    if any(c != configs[0] for c in configs):
        raise TypeError(f"the models must share one config to share one validator: {configs}")
    return configs[0]


def _root_config(model: type[BaseModel]) -> dict[str, Any]:
    config = _model_node(model)["config"]
    return {k: v for k, v in config.items() if k in ("strict", "extra_fields_behavior")}


HEADER = '''"""The shapes users write, generated by `make shapes` from launch_gate/models:
do not edit.

Each NamedTuple has its model's fields and defaults; DEFINITIONS holds the core schema
pydantic {version} built for each model, which judge/shape.py hands to pydantic-core.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal, NamedTuple

'''


def shapes_source() -> str:
    writer = _Writer()
    definitions = [writer.definition(m) for m in MODELS]
    keys = {
        m.__name__: tuple(info.alias or name for name, info in m.model_fields.items())
        for m in MODELS
    }
    body = [
        "\n\n\n".join(_class(m, writer) for m in MODELS),
        "",
        "",
        "# Each shape's keys as a file writes them, in field order.",
        "KEYS: dict[type, tuple[str, ...]] = {"
        + ", ".join(f"{name}: {found!r}" for name, found in keys.items())
        + "}",
        "",
        "# What every shape shares: pydantic-core applies it to every definition.",
        f"CONFIG: dict[str, Any] = {_config()!r}",
        "",
        "",
        "def _build(cls: Any) -> Callable[[tuple[dict[str, Any], Any, Any]], Any]:",
        '    """The NamedTuple from what model-fields validated: (fields, extra, fields set)."""',
        "    return lambda validated: cls(**validated[0])",
        "",
        "",
        "DEFINITIONS: list[Any] = "
        + pprint.pformat(definitions, width=100, sort_dicts=False, compact=True),
    ]
    imports = "".join(
        f"from {module} import {', '.join(sorted(names))}\n"
        for module, names in sorted(writer.imports.items())
    )
    return HEADER.format(version=pydantic.VERSION) + imports + "\n\n" + "\n".join(body) + "\n"


JSON_HEADER = '''"""The JSON Schemas of the shapes users write, generated by `make shapes` from
launch_gate/models with pydantic {version}: do not edit. cli/schema.py adds what only a run
knows (the catalogue's check IDs).
"""
from __future__ import annotations

from typing import Any

'''


def json_source() -> str:
    parts = [
        f"{name}: dict[str, Any] = "
        + pprint.pformat(
            model.model_json_schema(by_alias=True, mode="validation"),
            width=100,
            sort_dicts=False,
            compact=True,
        )
        for name, model in JSON_ROOTS.items()
    ]
    return JSON_HEADER.format(version=pydantic.VERSION) + "\n\n".join(parts) + "\n"


def main() -> None:
    SHAPES.write_text(shapes_source())
    JSON_SCHEMAS.write_text(json_source())


if __name__ == "__main__":
    main()
