"""Shapes of what users write, as NamedTuples that pydantic-core checks directly.

Why not pydantic models: the first validation through a model imports pydantic's schema
generator, and that alone costs an offline check more than reading, judging and printing
(docs/performance.md). pydantic-core is the same validator underneath; this module hands it
the schema a NamedTuple's annotations describe, built the first time a class is validated.

A field says what it is with ``Annotated[type, about(...)]``: its description and examples
(for editors, through the JSON Schema), its limits, the key it has in the file when that is
not a Python name, and a function that sees the raw value first.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, NamedTuple, TypeVar

from pydantic_core import SchemaValidator
from pydantic_core import core_schema as cs

T = TypeVar("T")


class About(NamedTuple):
    description: str = ""
    examples: tuple[Any, ...] = ()
    alias: str | None = None  # the key in the file, where it is not a Python name
    before: Callable[[Any], Any] | None = None  # sees the raw value before it is checked
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    ge: int | None = None
    le: int | None = None
    json: Mapping[str, Any] | None = None  # more JSON Schema keys


NOTHING = About()


def about(description: str = "", *, examples: Iterable[Any] = (), **more: Any) -> About:
    return About(description, tuple(examples), **more)


def _merged(metas: Iterable[Any]) -> About:
    """Several ``about`` on one field (a shared ``Text`` plus its own): the later one wins
    key by key."""
    found = [m for m in metas if isinstance(m, About) and m != NOTHING]
    if len(found) < 2:
        return found[0] if found else NOTHING
    out = found[0]
    for meta in found[1:]:
        out = out._replace(**{k: v for k, v in meta._asdict().items() if v not in (None, "", ())})
    return out


def is_shape(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields")


def _split(tp: Any) -> tuple[Any, About]:
    if typing.get_origin(tp) is typing.Annotated:
        inner, *metas = typing.get_args(tp)
        inner, nested = _split(inner)
        return inner, _merged((nested, *metas))
    return tp, NOTHING


class Field(NamedTuple):
    name: str  # as Python knows it
    key: str  # as the file spells it
    tp: Any  # without its Annotated
    about: About
    required: bool
    default: Any


_FIELDS: dict[type, tuple[Field, ...]] = {}


def fields(cls: type) -> tuple[Field, ...]:
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls, include_extras=True)
        defaults: dict[str, Any] = cls._field_defaults  # type: ignore[attr-defined]
        out = []
        for name in cls._fields:  # type: ignore[attr-defined]
            tp, meta = _split(hints[name])
            out.append(
                Field(name, meta.alias or name, tp, meta, name not in defaults, defaults.get(name))
            )
        found = _FIELDS[cls] = tuple(out)
    return found


def _optional(tp: Any) -> tuple[Any, bool]:
    """``X | None`` as ``(X, True)``; any other type as ``(type, False)``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) < len(typing.get_args(tp)):
            # A union built at run time has no `|` spelling.
            return (args[0] if len(args) == 1 else typing.Union[tuple(args)]), True  # noqa: UP007
    return tp, False


def _union(args: tuple[Any, ...]) -> cs.CoreSchema:
    """A scalar is checked as the one scalar choice; a mapping as the shape whose first
    field's key it holds (`workflow:`, `results:`), so each kind gets errors about itself
    only. A mapping with none of those keys gets one error that names them all."""
    shapes = {fields(a)[0].key: a for a in args if is_shape(a)}
    scalars = [a for a in args if not is_shape(a)]
    if len(scalars) > 1 or len(shapes) < len([a for a in args if is_shape(a)]):
        raise TypeError(f"ambiguous union {args!r}")  # a programming error, caught by the tests
    # A tag appears in an error's location: braced, it can never be taken for a key.
    choices = {f"{{{key}}}": _core(a, NOTHING) for key, a in shapes.items()}
    if scalars:
        choices["{scalar}"] = _core(scalars[0], NOTHING)

    def tag(value: Any) -> str | None:
        if not isinstance(value, dict):
            return "{scalar}" if scalars else None
        return next((f"{{{key}}}" for key in shapes if key in value), None)

    kinds = " or ".join(f"`{key}:`" for key in shapes)
    return cs.tagged_union_schema(
        choices,
        tag,
        custom_error_type="evidence_kind",
        custom_error_message=f"a mapping here needs {kinds}",
    )


def _core(tp: Any, meta: About) -> cs.CoreSchema:
    tp, nullable = _optional(tp)
    schema = _bare(tp, meta)
    if nullable:
        schema = cs.nullable_schema(schema)
    if meta.before is not None:
        schema = cs.no_info_before_validator_function(meta.before, schema)
    return schema


def _bare(tp: Any, meta: About) -> cs.CoreSchema:  # noqa: PLR0911 (one branch per kind)
    inner, nested = _split(tp)
    if nested != NOTHING:
        # The outer `before` already wraps this schema (in _core): not a second time.
        return _core(inner, _merged((meta._replace(before=None), nested)))
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is str:
        return cs.str_schema(
            strict=True,
            min_length=meta.min_length,
            max_length=meta.max_length,
            pattern=meta.pattern,
        )
    if tp is bool:
        return cs.bool_schema(strict=True)
    if tp is int:
        return cs.int_schema(strict=True, ge=meta.ge, le=meta.le)
    if tp is dt.date:
        return cs.date_schema(strict=True)
    if tp is float:
        return cs.float_schema(strict=False, allow_inf_nan=False)
    if tp is Any:
        return cs.any_schema()
    if origin is Literal:
        return cs.literal_schema(list(args))
    if origin is list:
        return cs.list_schema(_core(args[0], NOTHING), strict=True)
    if origin is dict:
        return cs.dict_schema(_core(args[0], NOTHING), _core(args[1], NOTHING), strict=True)
    if origin in (typing.Union, types.UnionType):
        return _union(args)
    if is_shape(tp):
        return _shape_schema(tp)
    raise TypeError(f"no schema for {tp!r}")  # a programming error, caught by the tests


def _shape_schema(cls: type) -> cs.CoreSchema:
    def build(data: dict[str, Any]) -> Any:
        return cls(**data)

    own = {
        f.name: cs.typed_dict_field(
            _core(f.tp, f.about),
            required=f.required,
            validation_alias=f.key if f.key != f.name else None,
        )
        for f in fields(cls)
    }
    checked = cs.typed_dict_schema(own, extra_behavior="forbid", strict=True, total=True)
    return cs.no_info_after_validator_function(build, checked)


_VALIDATORS: dict[type, SchemaValidator] = {}


def validate(cls: type[T], data: Any) -> T:
    """`data` as a `cls`, or pydantic-core's ValidationError naming each problem's place."""
    validator = _VALIDATORS.get(cls)
    if validator is None:
        validator = _VALIDATORS[cls] = SchemaValidator(_shape_schema(cls))
    found: T = validator.validate_python(data)
    return found


def shape_at(cls: type, path: Iterable[str | int]) -> type | None:
    """The shape a key path into `cls`'s data lands in, if it lands in one."""
    current: Any = cls
    for part in path:
        if is_shape(current):
            by_key = {f.key: f for f in fields(current)}
            field = by_key.get(str(part))
            current = field.tp if field else None
        else:
            current = _element(current)
    found = current if is_shape(current) else _element(current)
    return found if is_shape(found) else None


def _element(tp: Any) -> Any:
    """The shape inside ``X | None``, ``list[X]`` or ``dict[str, X]``, if any."""
    if is_shape(tp):
        return tp
    for arg in typing.get_args(_split(tp)[0]) if tp is not None else ():
        found = _element(arg)
        if found is not None:
            return found
    return None


_PLAIN = frozenset({str, int, float, bool, type(None)})
_KEYS: dict[type, tuple[str, ...]] = {}


def dump(value: Any, *, drop_none: bool = False) -> Any:  # noqa: PLR0911 (one per kind)
    """Plain JSON-ready data: shapes as mappings under their file keys, dates as ISO text.

    On every report of a monorepo run: plain values are passed through where they are met,
    without a call each (most of a report is strings and numbers)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {
            k: v if type(v) in _PLAIN else dump(v, drop_none=drop_none) for k, v in value.items()
        }
    if kind is list:
        return [v if type(v) in _PLAIN else dump(v, drop_none=drop_none) for v in value]
    keys = _KEYS.get(kind)
    if keys is None and is_shape(kind):
        keys = _KEYS[kind] = tuple(f.key for f in fields(kind))
    if keys is not None:
        return {
            k: v if type(v) in _PLAIN else dump(v, drop_none=drop_none)
            for k, v in zip(keys, value, strict=True)
            if v is not None or not drop_none
        }
    if isinstance(value, tuple):
        return [dump(v, drop_none=drop_none) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of `cls` for editors: each shape under ``$defs``, every key described."""
    defs: dict[str, Any] = {}
    root = _object(cls, defs)
    defs.pop(cls.__name__, None)
    return {**root, "$defs": dict(sorted(defs.items()))} if defs else root


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    props = {f.key: _property(f, defs) for f in fields(cls)}
    out: dict[str, Any] = {"additionalProperties": False}
    if cls.__doc__:
        out["description"] = "\n".join(line.strip() for line in cls.__doc__.strip().splitlines())
    out["properties"] = props
    required = [f.key for f in fields(cls) if f.required]
    if required:
        out["required"] = required
    return out | {"title": cls.__name__, "type": "object"}


def _property(f: Field, defs: dict[str, Any]) -> dict[str, Any]:
    out = _json_type(f.tp, f.about, defs)
    if not f.required:
        out["default"] = dump(f.default)
    if f.about.description:
        out["description"] = f.about.description
    if f.about.examples:
        out["examples"] = dump(list(f.about.examples))
    if not is_shape(_optional(_split(f.tp)[0])[0]):  # a shape's own title says it
        out["title"] = f.name.replace("_", " ").title()
    return out | dict(f.about.json or {})


def _json_type(tp: Any, meta: About, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: PLR0911, PLR0912
    # Peeled in the order _core peels them: `| None` first, then the Annotated inside.
    tp, nullable = _optional(tp)
    if nullable:
        return {"anyOf": [_json_type(tp, meta, defs), {"type": "null"}]}
    inner, nested = _split(tp)
    if nested != NOTHING:
        return _json_type(inner, _merged((meta, nested)), defs)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is str:
        text: dict[str, Any] = {
            "maxLength": meta.max_length,
            "minLength": meta.min_length,
            "pattern": meta.pattern,
        }
        return {k: v for k, v in text.items() if v is not None} | {"type": "string"}
    if tp is int:
        bounds = {"maximum": meta.le, "minimum": meta.ge}
        return {k: v for k, v in bounds.items() if v is not None} | {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is dt.date:
        return {"format": "date", "type": "string"}
    if origin is Literal:
        return {"enum": list(args), "type": "string"}
    if origin is list:
        return {"items": _json_type(args[0], NOTHING, defs), "type": "array"}
    if origin is dict:
        out = {"additionalProperties": _json_type(args[1], NOTHING, defs)}
        if typing.get_origin(args[0]) is Literal:
            out["propertyNames"] = {"enum": list(typing.get_args(args[0]))}
        return out | {"type": "object"}
    if origin in (typing.Union, types.UnionType):
        return {"oneOf": [_json_type(a, NOTHING, defs) for a in args]}
    if is_shape(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # claimed first: a shape may name itself
            defs[tp.__name__] = _object(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no JSON Schema for {tp!r}")
