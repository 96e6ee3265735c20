"""Turn pydantic-core's validation errors into ``file:line: key: message`` lines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NoReturn

from pydantic_core import ErrorDetails, ValidationError

from launch_gate.errors import InputError, brief
from launch_gate.judge.document import Document, KeyPath
from launch_gate.judge.shape import fields, shape_at

MAX_REPORTED = 10


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib  # only a misspelling pays for it

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def data_path(loc: tuple[int | str, ...], data: Any) -> KeyPath:
    """Keep the parts of a pydantic location that really index into the data.

    Union and validator names also appear in ``loc``; they are not keys.
    """
    out: list[str | int] = []
    for i, part in enumerate(loc):
        if isinstance(data, dict) and isinstance(part, str):
            if part in data:
                data = data[part]
                out.append(part)
            elif i == len(loc) - 1:
                # A missing or unknown key: name it, though the data lacks it.
                out.append(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
            out.append(part)
    return tuple(out)


def _describe(value: Any) -> str:
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing (null)",
    }
    return names.get(type(value), type(value).__name__)


_EXPECTED = {
    "string_type": "a string",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
    "int_from_float": "a whole number",
    "float_type": "a number",
}


def explain(err: ErrorDetails, shape: type, doc: Document) -> InputError:
    path = data_path(err["loc"], doc.data)
    kind = err["type"]
    key = ".".join(str(p) for p in path) or None
    if kind == "extra_forbidden":
        parent = shape_at(shape, path[:-1])
        allowed = sorted(f.key for f in fields(parent)) if parent else []
        message = "unknown key" + did_you_mean(str(path[-1]), allowed)
        if allowed:
            message += "; allowed here: " + ", ".join(allowed)
    elif kind == "missing":
        message = "this key is required"
        line_path = path[:-1]
        return InputError(message, file=doc.file, line=doc.line(line_path), key=key)
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        got = err.get("input")
        choices = [c.strip(" '") for c in str(expected).replace(" or ", ",").split(",")]
        message = f"must be one of {expected}; got {brief(got)}" + did_you_mean(str(got), choices)
    elif kind == "evidence_kind":
        # A mapping that is none of the kinds: the nearest kind for the keys it has.
        given = err.get("input")
        keys = [str(k) for k in given] if isinstance(given, dict) else []
        kinds = re.findall(r"`(\w+):`", err["msg"])
        hint = next((h for k in keys if (h := did_you_mean(k, kinds))), "")
        message = err["msg"] + hint
    elif kind in {"value_error", "assertion_error"}:
        message = str(err.get("ctx", {}).get("error", err["msg"]))
    elif kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {_describe(err.get('input'))}"
    else:
        message = err["msg"][0].lower() + err["msg"][1:]
    return InputError(message, file=doc.file, line=doc.line(path), key=key)


def raise_for(exc: ValidationError, doc: Document, shape: type) -> NoReturn:
    def where(err: ErrorDetails) -> tuple[int, str]:
        path = data_path(err["loc"], doc.data)
        return doc.line(path) or 0, ".".join(map(str, path))

    # Order by position first and explain only what is shown: a hostile file can
    # carry tens of thousands of errors, and "did you mean" is not free.
    shown = sorted(exc.errors(include_url=False), key=where)[:MAX_REPORTED]
    errors = [explain(e, shape, doc) for e in shown]
    first = errors[0]
    raise InputError(
        first.message,
        file=first.file,
        line=first.line,
        key=first.key,
        more=tuple(errors[1:MAX_REPORTED]),
    )
