"""Turn pydantic-core's validation errors into ``file:line: key: message`` lines."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NoReturn

from pydantic_core import ErrorDetails, ValidationError

from launch_gate.errors import InputError, brief, closest, meant_as
from launch_gate.judge.document import Document, KeyPath
from launch_gate.judge.shape import keys, shape_at

MAX_REPORTED = 10


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
    # A shape's own mapping: pydantic names the model ("a valid dictionary or instance of X").
    "model_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
    "int_from_float": "a whole number",
    "float_type": "a number",
}


# A mapping was expected: a plain one, or a shape's.
_MAPPING = frozenset({"dict_type", "model_type"})


# What went wrong, how to put it right, and the text the caret goes under (None: the key).
_Said = tuple[str, str | None, str | None]


def explain(err: ErrorDetails, shape: type, doc: Document) -> InputError:
    path = data_path(err["loc"], doc.data)
    key = ".".join(str(p) for p in path) or None
    if err["type"] == "missing":
        # A key that is not there is reported at the mapping that lacks it.
        message, fix, _ = _missing(path)
        return InputError(message, file=doc.file, line=doc.line(path[:-1]), key=key, fix=fix)
    message, fix, at = _said(err, shape, path)
    return InputError(message, file=doc.file, line=doc.line(path), key=key, fix=fix, at=at)


def _said(err: ErrorDetails, shape: type, path: KeyPath) -> _Said:
    kind = err["type"]
    said = _BY_KIND.get(kind, _expected if kind in _EXPECTED else _other)
    return said(err, shape, path)


def _value(err: ErrorDetails) -> str | None:
    """The caret goes under the value at fault, not its key, where the value is a scalar."""
    got = err.get("input")
    return str(got) if isinstance(got, str | int | float) and not isinstance(got, bool) else None


def _expected(err: ErrorDetails, shape: type, path: KeyPath) -> _Said:
    kind, got = err["type"], err.get("input")
    mapping = kind in _MAPPING
    if mapping and isinstance(got, str) and _colon_left_out(got, shape, path):
        word, rest = got.split(None, 1)
        return f"`{got}` is missing the colon after `{word}`", f"write `{word}: {rest}`", got
    message = f"expected {_EXPECTED[kind]}, got {_describe(got)}"
    name = path[-1] if path else None
    if kind == "list_type" and isinstance(got, str | int | float) and name is not None:
        return message, f"write it as a list: `{name}: [{got}]`", _value(err)
    if mapping and isinstance(got, list) and name is not None:
        fix = f"write each entry of `{name}` as a key with a colon, not as a `- ` list item"
        return message, fix, None
    return message, f"give `{name}` {_EXPECTED[kind]}" if name is not None else None, _value(err)


def _evidence_kind(err: ErrorDetails, shape: type, path: KeyPath) -> _Said:
    # A mapping that is none of the kinds: the nearest kind for the keys it has.
    got = err.get("input")
    keys = [str(k) for k in got] if isinstance(got, dict) else []
    kinds = re.findall(r"`(\w+):`", err["msg"])
    meant = next((m for k in keys if (m := closest(k, kinds))), None)
    fix = f"rename the key to `{meant}:`" if meant else "use one of the kinds named"
    return err["msg"] + meant_as(meant), fix, None


def _value_error(err: ErrorDetails, shape: type, path: KeyPath) -> _Said:
    error = err.get("ctx", {}).get("error", err["msg"])
    # A rule that knows its fix says it where it refuses the value (errors.Unfit).
    return str(error), getattr(error, "fix", None), _value(err)


def _empty(err: ErrorDetails, shape: type, path: KeyPath) -> _Said:
    name = str(path[-1]) if path else ""
    return "is empty", _EMPTY.get(name, "write something here, or remove the key"), None


def _other(err: ErrorDetails, shape: type, path: KeyPath) -> _Said:
    return err["msg"][0].lower() + err["msg"][1:], None, _value(err)


def _unknown_key(err: ErrorDetails, shape: type, path: KeyPath) -> _Said:
    parent = shape_at(shape, path[:-1])
    allowed = sorted(keys(parent)) if parent else []
    meant = closest(str(path[-1]), allowed)
    message = "unknown key" + meant_as(meant)
    if allowed:
        message += "; allowed here: " + ", ".join(allowed)
    fix = f"rename it to `{meant}`" if meant else "remove it, or use a key allowed here"
    return message, fix, None


def _missing(path: KeyPath) -> _Said:
    parent = path[-2] if len(path) > 1 else None
    if parent is None:
        where = "at the top of the file"
    elif isinstance(parent, str):
        where = f"under `{parent}:`"
    else:
        where = "to this item"
    example = " 1" if path == ("version",) else ""
    return "this key is required", f"add `{path[-1]}:{example}` {where}", None


def _choice(err: ErrorDetails, shape: type, path: KeyPath) -> _Said:
    expected, got = err.get("ctx", {}).get("expected", ""), err.get("input")
    choices = [c.strip(" '") for c in str(expected).replace(" or ", ",").split(",")]
    meant = closest(str(got), choices) or _SYNONYMS.get(str(got).lower())
    message = f"must be one of {expected}; got {brief(got)}" + meant_as(meant)
    in_list = bool(path) and isinstance(path[-1], int)
    if meant:
        fix = f"write {meant!r}" if in_list else f"write `{path[-1]}: {meant}`"
    elif in_list:
        fix = f"remove {brief(got)} from the list"
    else:
        fix = "write one of the values listed"
    return message, fix, _value(err)


_BY_KIND: dict[str, Callable[[ErrorDetails, type, KeyPath], _Said]] = {
    "extra_forbidden": _unknown_key,
    "literal_error": _choice,
    "evidence_kind": _evidence_kind,
    "value_error": _value_error,
    "assertion_error": _value_error,
    "string_too_short": _empty,
}


# Words from other trackers, read as what they mean here: a close spelling is found without.
_SYNONYMS = {
    word: status
    for status, words in {
        "done": ("complete", "completed", "finished", "yes", "ok", "passed", "implemented"),
        "todo": ("pending", "wip", "open", "planned", "in-progress", "no"),
        "accepted-risk": ("accepted", "waived", "risk-accepted", "exception"),
        "not-applicable": ("n/a", "na", "none", "irrelevant", "skip", "skipped"),
    }.items()
    for word in words
}

_EMPTY = {
    "rationale": "say in a sentence why the risk is acceptable for now",
    "reason": "say in a sentence why the check does not apply to this system",
    "name": "give the system the name people know it by",
    "owner": "name the person or team accountable, as a GitHub @handle",
}


def _colon_left_out(text: str, shape: type, path: KeyPath) -> bool:
    """`status done` where a mapping was expected: a key of that mapping without its colon."""
    words = text.split(None, 1)
    inner = shape_at(shape, path)
    return len(words) == 2 and inner is not None and words[0] in keys(inner)


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
        fix=first.fix,
        at=first.at,
        more=tuple(errors[1:MAX_REPORTED]),
    )
