"""Validating and reading the shapes generated from launch_gate/models (judge/shapes.py).

pydantic-core validates with the schema pydantic built for each model when the package was
made, so a run pays for neither pydantic's schema builder nor the models' classes.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic_core import SchemaValidator

from launch_gate.judge.shapes import CONFIG, DEFINITIONS, KEYS

T = TypeVar("T")


def is_shape(tp: Any) -> bool:
    return tp in KEYS


def keys(cls: type) -> tuple[str, ...]:
    """The keys a file may give `cls`, in field order."""
    return KEYS[cls]


_VALIDATORS: dict[type, SchemaValidator] = {}


def validate(cls: type[T], data: Any) -> T:
    """`data` as a `cls`, or pydantic-core's ValidationError naming each problem's place."""
    validator = _VALIDATORS.get(cls)
    if validator is None:
        root = {"type": "definition-ref", "schema_ref": cls.__name__}
        schema: Any = {"type": "definitions", "schema": root, "definitions": DEFINITIONS}
        validator = _VALIDATORS[cls] = SchemaValidator(schema, CONFIG)  # type: ignore[arg-type]
    found: T = validator.validate_python(data)
    return found


def _types(cls: type) -> dict[str, Any]:
    """Each key of `cls` and the type its value has."""
    hints = typing.get_type_hints(cls)
    return {key: hints[name] for key, name in zip(KEYS[cls], cls._fields, strict=True)}  # type: ignore[attr-defined]


def shape_at(cls: type, path: Iterable[str | int]) -> type | None:
    """The shape a key path into `cls`'s data lands in, if it lands in one."""
    current: Any = cls
    for part in path:
        current = _types(current).get(str(part)) if is_shape(current) else _element(current)
    found = current if is_shape(current) else _element(current)
    return found if is_shape(found) else None


def _element(tp: Any) -> Any:
    """The shape inside ``X | None``, ``list[X]`` or ``dict[str, X]``, if any."""
    if is_shape(tp):
        return tp
    for arg in typing.get_args(tp) if tp is not None else ():
        found = _element(arg)
        if found is not None:
            return found
    return None


_PLAIN = frozenset({str, int, float, bool, type(None)})
_NAMED: dict[type, tuple[str, ...]] = {}


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
    keys = KEYS.get(kind) or _NAMED.get(kind)
    if keys is None and isinstance(value, tuple) and hasattr(kind, "_fields"):
        keys = _NAMED[kind] = kind._fields  # another NamedTuple: its keys are its names
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
