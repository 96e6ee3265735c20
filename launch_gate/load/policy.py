"""Profiles: which checks are required and how decisions are judged, as data.

A built-in profile is a YAML file under ``policies/profiles/``. A custom one is a
file that ``extends`` a built-in (or another file) and overrides parts of it;
the two are merged as plain data and then validated as one ``Profile``, so an
error in either is reported against the file and line that holds it.
"""

from __future__ import annotations

import functools
import os
import posixpath
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from pydantic_core import ValidationError

from launch_gate.errors import (
    GateError,
    InputError,
    UsageError,
    brief,
    closest,
    did_you_mean,
    meant_as,
)
from launch_gate.judge.document import Document
from launch_gate.judge.shape import validate
from launch_gate.judge.shapes import Catalogue, Profile
from launch_gate.load.catalogue import policies_dir
from launch_gate.load.explain import data_path, explain
from launch_gate.load.text import decode
from launch_gate.load.tree import Tree, inside
from launch_gate.load.yamldoc import load, load_file, load_ours

_NAME_ONE = "name one of those (`startup` if unsure), or a policy file's path"
_LISTS = ("require", "waive", "forbid_acceptance", "allow_acceptance", "aliases")


def is_path(spec: str) -> bool:
    """Whether `spec` names a policy file rather than a built-in profile."""
    return spec.endswith((".yaml", ".yml")) or "/" in spec or os.sep in spec


def unknown_profile(spec: str) -> tuple[str, str | None]:
    """What is said of a name no built-in profile has, and the name probably meant."""
    names = builtin_names()
    meant = closest(spec, names)
    return (
        f"{brief(spec)}: unknown profile{meant_as(meant)}; choose one of "
        f"{', '.join(sorted(names))} or give a path to a policy file",
        meant,
    )


def missing_policy(spec: str, path: Path) -> tuple[str, str]:
    """What is said of a policy file that is not at `path`, and its fix."""
    return (
        f"policy file {brief(spec)} not found (looked for {path})",
        "give the path of a policy file that exists, or a built-in profile: "
        f"{', '.join(sorted(builtin_names()))}",
    )


@functools.cache
def builtin_names() -> dict[str, Path]:
    """Every name and alias of the built-in profiles, mapped to its file."""
    names: dict[str, Path] = {}
    for path in sorted((policies_dir() / "profiles").glob("*.yaml")):
        data = load_ours(path, f"policies/profiles/{path.name}").data
        names[path.stem] = path
        for alias in data.get("aliases", []) if isinstance(data, dict) else []:
            names[str(alias)] = path
    return names


class _Where(NamedTuple):
    """Where relative policy paths start: a folder of a tree, or of the disk."""

    tree: Tree | None  # None: the caller's own files, read from disk as given
    folder: str  # POSIX, relative to the tree's root
    disk: Path  # with no tree
    # Who named this file, nearest last: (file, line, key) of each `profile:`/`extends:`.
    chain: tuple[Namer, ...]


class Namer(NamedTuple):
    file: str
    line: int | None
    key: str


def _blame(where: _Where, message: str, fix: str | None = None, *, at: str) -> GateError:
    """An error at the key that named the file (the caret under `at`, the name it gave), and
    the chain that led there."""
    if not where.chain:
        return UsageError(message, key="profile", fix=fix)
    *earlier, last = where.chain
    via = "".join(
        f", named by {n.file}:{n.line}: {n.key}" if n.line else f", named by {n.file}: {n.key}"
        for n in reversed(earlier)
    )
    return InputError(message + via, file=last.file, line=last.line, key=last.key, fix=fix, at=at)


def load_profile(
    spec: str,
    cat: Catalogue,
    *,
    base: Path | None = None,
    tree: Tree | None = None,
    folder: str = "",
    named_by: Namer | None = None,
) -> Profile:
    """`spec` is a built-in name or alias, or a path to a custom policy file.

    With `tree`, paths are relative to `folder` of that tree (the manifest's own
    folder in the checkout or commit it was read from) and may not leave it: a
    manifest, written by whoever opens the PR, must not make the gate read files
    elsewhere on the runner. Without, they are the caller's own, relative to
    `base` (default: the working directory).
    """
    shipped = builtin_names().get(spec)
    if shipped is not None:
        return _shipped(shipped, cat)
    return _resolve(
        spec, _Where(tree, folder, base or Path.cwd(), (named_by,) if named_by else ()), cat
    )


# A shipped profile is data of this release, the same whichever manifest names it: the
# manifests of a monorepo share one object per profile (and per catalogue, held so its id is
# not reused), which the audit block then hashes once rather than once a manifest.
_SHIPPED: dict[tuple[Path, int], tuple[Catalogue, Profile]] = {}


def _shipped(path: Path, cat: Catalogue) -> Profile:
    found = _SHIPPED.get((path, id(cat)))
    if found is None or found[0] is not cat:
        where = _Where(None, "", path.parent, ())
        found = _SHIPPED[path, id(cat)] = (cat, _resolve(path.stem, where, cat))
    return found[1]


def _resolve(spec: str, where: _Where, cat: Catalogue) -> Profile:
    docs = _chain(spec, where, (), cat)
    merged: dict[str, Any] = {}
    for data, _doc in reversed(docs):
        merged = _merge(merged, data)
    merged.pop("extends", None)
    try:
        return validate(Profile, merged)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        # Blame the most specific file that actually holds the offending key.
        holder = next(
            (doc for _d, doc in docs if data_path(err["loc"], doc.data) == tuple(err["loc"])),
            docs[0][1],
        )
        raise explain(err, Profile, holder) from None


def _read(spec: str, where: _Where) -> tuple[Document, str, _Where]:
    """A policy file named by `spec`: its document, a key for cycles, where its own
    `extends` starts."""
    if where.tree is None:
        try:
            path = (where.disk / spec).resolve()
        except (OSError, ValueError, RuntimeError):  # NUL bytes, symlink loops
            raise _blame(where, f"cannot use {brief(spec)} as a policy file", at=spec) from None
        if not path.is_file():
            raise _blame(where, *missing_policy(spec, path), at=spec)
        return load_file(path, spec), str(path), where._replace(disk=path.parent)
    try:
        rel = inside(where.folder, spec)
        raw = where.tree.read(rel)
    except UsageError as exc:
        raise _blame(where, exc.message, at=spec) from None
    if raw is None:
        raise _blame(
            where,
            f"policy file {brief(spec)} not found in {where.tree.label}",
            at=spec,
            fix="add the file (paths are read from the manifest's folder), or name a built-in "
            f"profile: {', '.join(sorted(builtin_names()))}",
        )
    return load(decode(raw, spec), spec), rel, where._replace(folder=posixpath.dirname(rel))


def _chain(
    spec: str, where: _Where, seen: tuple[str, ...], cat: Catalogue
) -> list[tuple[dict[str, Any], Document]]:
    names = builtin_names()
    builtin = spec in names
    if builtin:
        path = names[spec]
        doc, key, parent_where = load_ours(path, f"policies/profiles/{path.name}"), str(path), where
    elif is_path(spec):
        doc, key, parent_where = _read(spec, where)
    else:
        message, meant = unknown_profile(spec)
        fix = f"write `{meant}`" if meant else _NAME_ONE
        raise _blame(where, message, fix, at=spec)
    display = doc.file
    if key in seen:
        raise InputError("'extends' makes a cycle", file=display, key="extends")
    if not isinstance(doc.data, dict):
        raise InputError("a policy file must be a mapping", file=display, line=1)
    data = dict(doc.data)
    _refuse_credentials(data, doc)
    _check_ids(data, doc, cat)
    if not builtin:
        data.setdefault("name", PurePosixPath(key).stem)
        data["source"] = display
    parent = data.get("extends")
    if parent is None:
        return [(data, doc)]
    line = doc.line(("extends",))
    if not isinstance(parent, str):
        raise InputError(
            "must be a profile name or a file path", file=display, line=line, key="extends"
        )
    above = parent_where._replace(chain=(*where.chain, Namer(display, line, "extends")))
    return [(data, doc), *_chain(parent, above, (*seen, key), cat)]


def _refuse_credentials(data: dict[str, Any], doc: Document) -> None:
    """A policy file may be a pull request's: it never names a secret or where one goes."""
    rules = data.get("rules")
    evidence = rules.get("evidence") if isinstance(rules, dict) else None
    if isinstance(evidence, dict) and "authenticated_hosts" in evidence:
        raise InputError(
            "a policy file cannot send credentials (a pull request can edit it); remove this "
            "key and name each host in the workflow instead: the Action's "
            "`evidence-credentials: wiki.example.com=WIKI_TOKEN` input, or "
            "`--evidence-credential wiki.example.com=WIKI_TOKEN` on the command line",
            file=doc.file,
            line=doc.line(("rules", "evidence", "authenticated_hosts")),
            key="rules.evidence.authenticated_hosts",
        )


def _check_ids(data: dict[str, Any], doc: Document, cat: Catalogue) -> None:
    phased = data.get("effective_from")
    for cid in phased if isinstance(phased, dict) else ():
        if isinstance(cid, str) and cid not in cat.checks:
            raise InputError(
                f"unknown check '{cid}'{did_you_mean(cid, cat.checks)}",
                file=doc.file,
                line=doc.line(("effective_from", cid)),
                key=f"effective_from.{cid}",
            )
    for key in _LISTS[:-1]:
        for i, cid in enumerate(data.get(key) or []):
            if isinstance(cid, str) and cid not in cat.checks:
                raise InputError(
                    f"unknown check '{cid}'{did_you_mean(cid, cat.checks)}",
                    file=doc.file,
                    line=doc.line((key, i)),
                    key=key,
                )


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(parent)
    for key, value in child.items():
        old = out.get(key)
        if key in _LISTS and isinstance(old, list) and isinstance(value, list):
            out[key] = [*old, *(v for v in value if v not in old)]
        elif isinstance(old, dict) and isinstance(value, dict):
            out[key] = _merge(old, value)
        else:
            out[key] = value
    if "require" in child and isinstance(out.get("waive"), list):
        out["waive"] = [c for c in out["waive"] if c not in child["require"]]
    if "waive" in child and isinstance(out.get("require"), list):
        out["require"] = [c for c in out["require"] if c not in child["waive"]]
    # The nearer file wins: a child's forbid undoes an inherited allow, and back.
    if "forbid_acceptance" in child and isinstance(out.get("allow_acceptance"), list):
        out["allow_acceptance"] = [
            c for c in out["allow_acceptance"] if c not in child["forbid_acceptance"]
        ]
    if "allow_acceptance" in child and isinstance(out.get("forbid_acceptance"), list):
        out["forbid_acceptance"] = [
            c for c in out["forbid_acceptance"] if c not in child["allow_acceptance"]
        ]
    return out
