"""Project defaults for the CLI: `.launch-gate.yaml`, or `[tool.launch-gate]` in
pyproject.toml, in the current folder or one above it, up to the repository's root.

They stand in for flags not given on the command line. They may not widen what the gate
reaches: a pull request can edit them, so nothing here lets evidence checks touch private
addresses (that stays a flag or an Action input the workflow's owner sets).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, NamedTuple

from pydantic import Field, ValidationError

from launch_gate.errors import InputError
from launch_gate.judge.document import Document
from launch_gate.judge.models import Strict
from launch_gate.load.explain import raise_for
from launch_gate.load.git import upward
from launch_gate.load.text import read_text
from launch_gate.load.yamldoc import load_file

CONFIG = ".launch-gate.yaml"
PYPROJECT = "pyproject.toml"


class Defaults(Strict):
    """Defaults for launch-gate's commands; a flag given on the command line wins."""

    profile: Annotated[
        str | None,
        Field(
            description="The profile when a manifest names none and no --profile is given: "
            "a built-in name or a policy file's path relative to this file.",
            examples=["enterprise"],
        ),
    ] = None
    manifest: Annotated[
        str | None,
        Field(
            description="The manifest commands use when none is named, relative to this "
            "file (default: the nearest readiness.yaml).",
            examples=["services/api/readiness.yaml"],
        ),
    ] = None
    warn_days: Annotated[
        int | None,
        Field(
            ge=0,
            description="Warn about decisions expiring within this many days "
            "(default: the profile's).",
        ),
    ] = None


class Found(NamedTuple):
    defaults: Defaults
    file: Path


def _from_yaml(path: Path) -> Defaults:
    doc = load_file(path, str(path))
    data = {} if doc.data is None else doc.data
    try:
        return Defaults.model_validate(data)
    except ValidationError as exc:
        raise_for(exc, doc._replace(data=data), Defaults)


def _from_pyproject(path: Path) -> Defaults | None:
    import tomllib

    try:
        data: Any = tomllib.loads(read_text(path, str(path)))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", file=str(path)) from None
    table = data.get("tool", {}).get("launch-gate")
    if table is None:
        return None
    # TOML keeps no line numbers here: errors name the file and the key.
    doc = Document(table, {}, f"{path} [tool.launch-gate]")
    try:
        return Defaults.model_validate(table)
    except ValidationError as exc:
        raise_for(exc, doc, Defaults)


def find(start: Path) -> Found | None:
    """The nearest defaults at or above `start`, up to the repository's root."""
    for folder in upward(start):
        if (folder / CONFIG).is_file():
            return Found(_from_yaml(folder / CONFIG), folder / CONFIG)
        if (folder / PYPROJECT).is_file():
            found = _from_pyproject(folder / PYPROJECT)
            if found is not None:
                return Found(found, folder / PYPROJECT)
    return None
