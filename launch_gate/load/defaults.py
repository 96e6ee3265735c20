"""Project defaults for the CLI: `.launch-gate.yaml`, or `[tool.launch-gate]` in
pyproject.toml, in the current folder or one above it, up to the repository's root.

They stand in for flags not given on the command line. They may not widen what the gate
reaches: a pull request can edit them, so nothing here lets evidence checks touch private
addresses (that stays a flag or an Action input the workflow's owner sets).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from pydantic_core import ValidationError

from launch_gate.errors import InputError
from launch_gate.judge.document import Document
from launch_gate.judge.shape import validate
from launch_gate.judge.shapes import Defaults
from launch_gate.load.explain import raise_for
from launch_gate.load.git import upward
from launch_gate.load.text import decode, read_text
from launch_gate.load.tree import Tree
from launch_gate.load.yamldoc import load, load_file

CONFIG = ".launch-gate.yaml"
# `[tool.launch-gate]`, `tool."launch-gate".x = ...`, or a `[tool]` table that may hold it.
_OUR_TABLE = re.compile(r"""tool\s*\.\s*["']?launch-gate|^\s*\[\s*tool\s*\]""", re.MULTILINE)
PYPROJECT = "pyproject.toml"


class Found(NamedTuple):
    defaults: Defaults
    file: Path


def _from_yaml(path: Path) -> Defaults:
    return _yaml_doc(load_file(path, str(path)))


def _yaml_doc(doc: Document) -> Defaults:
    data = {} if doc.data is None else doc.data
    try:
        return validate(Defaults, data)
    except ValidationError as exc:
        raise_for(exc, doc._replace(data=data), Defaults)


def _from_pyproject(path: Path) -> Defaults | None:
    return _pyproject_text(read_text(path, str(path)), str(path))


def _pyproject_text(text: str, path: str) -> Defaults | None:
    # Most pyproject.toml files have no table of ours: do not parse TOML to find that out.
    if not _OUR_TABLE.search(text):
        return None
    import tomllib

    try:
        data: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", file=str(path)) from None
    table = data.get("tool", {}).get("launch-gate")
    if table is None:
        return None
    # TOML keeps no line numbers here: errors name the file and the key.
    doc = Document(table, {}, f"{path} [tool.launch-gate]")
    try:
        return validate(Defaults, table)
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


def in_tree(tree: Tree) -> tuple[Defaults, str] | None:
    """The defaults at the root of `tree` (the Action's: the repository's root, read at
    the commit the trust rule names), with the file they came from."""
    raw = tree.read(CONFIG)
    if raw is not None:
        return _yaml_doc(load(decode(raw, CONFIG), CONFIG)), CONFIG
    raw = tree.read(PYPROJECT)
    if raw is not None:
        found = _pyproject_text(decode(raw, PYPROJECT), PYPROJECT)
        if found is not None:
            return found, PYPROJECT
    return None
