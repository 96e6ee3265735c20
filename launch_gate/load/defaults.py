"""Project defaults: `.launch-gate.yaml`, or `[tool.launch-gate]` in pyproject.toml. The
CLI finds them in the current folder or one above it, up to the repository's root; the
Action reads them at the root of the tree the trust rule names (`of_tree`).

They stand in for flags not given on the command line. They may not widen what the gate
reaches: a pull request can edit them, so nothing here lets evidence checks touch private
addresses (that stays a flag or an Action input the workflow's owner sets).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from pydantic_core import ValidationError

from launch_gate.errors import InputError
from launch_gate.judge.document import Document
from launch_gate.judge.shape import validate
from launch_gate.judge.shapes import Defaults, Profile
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.explain import raise_for
from launch_gate.load.git import upward
from launch_gate.load.judged_by import Default, default_profile
from launch_gate.load.policy import Namer, load_profile
from launch_gate.load.text import decode, read_text
from launch_gate.load.tree import Tree, Unavailable
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


class InTree(NamedTuple):
    """The defaults of a tree as a run applies them: `warn_days`, and the profile for a
    manifest that names none (None: startup)."""

    warn_days: int | None = None
    profile: Default = None


def of_tree(tree: Tree, *, now: bool) -> InTree:
    """The defaults at the root of `tree` (the Action's: read at the commit the trust rule
    names). A tree read `now` (the checkout, or a commit in its history) gives both. A base
    only GitHub serves is read when a manifest first needs the default profile: most name
    their own, and a run should not spend its deadline on a file it does not need; its
    `warn_days` does not apply there (it changes warnings only)."""
    if not now:
        return InTree(profile=functools.cache(lambda: _default_at(tree)))
    found = _at_root(tree)
    if found is None:
        return InTree()
    project, file = found
    return InTree(
        project.warn_days, _loader(project.profile, file, tree) if project.profile else None
    )


def _at_root(tree: Tree) -> tuple[Defaults, str] | None:
    try:
        return in_tree(tree)
    except Unavailable as exc:
        # Fail closed: without the base's defaults, the head's would have to judge.
        raise InputError(
            f"cannot read the project's defaults at the base ({exc}); a pull request is "
            "judged by the base's: fetch the base commit (fetch-depth: 0) or give the Action "
            "a token that can read the repository",
            file=CONFIG,
        ) from None


def _loader(spec: str, file: str, tree: Tree) -> Callable[[], Profile]:
    named_by = Namer(file, None, "profile")

    def default() -> Profile:
        # A path is relative to the file, which lies at the root of `tree`.
        return load_profile(spec, load_catalogue(), tree=tree, folder="", named_by=named_by)

    return default


def _default_at(tree: Tree) -> Profile:
    found = _at_root(tree)
    if found is None or not found[0].profile:
        return default_profile(None, load_catalogue())
    try:
        return _loader(found[0].profile, found[1], tree)()
    except Unavailable as exc:
        raise InputError(
            f"cannot read the base's policy file {found[0].profile} ({exc})", file=found[1]
        ) from None
