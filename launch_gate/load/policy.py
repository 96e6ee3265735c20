"""Profiles: which checks are required and how decisions are judged, as data.

A built-in profile is a YAML file under ``policies/profiles/``. A custom one is a
file that ``extends`` a built-in (or another file) and overrides parts of it;
the two are merged as plain data and then validated as one ``Profile``, so an
error in either is reported against the file and line that holds it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from launch_gate.errors import InputError, UsageError, brief
from launch_gate.judge.catalogue import Catalogue
from launch_gate.judge.document import Document
from launch_gate.judge.profile import Profile
from launch_gate.load.catalogue import policies_dir
from launch_gate.load.explain import data_path, did_you_mean, explain
from launch_gate.load.yamldoc import load_file

_LISTS = ("require", "waive", "forbid_acceptance", "allow_acceptance", "aliases")


@functools.cache
def builtin_names() -> dict[str, Path]:
    """Every name and alias of the built-in profiles, mapped to its file."""
    names: dict[str, Path] = {}
    for path in sorted((policies_dir() / "profiles").glob("*.yaml")):
        data = load_file(path, f"policies/profiles/{path.name}").data
        names[path.stem] = path
        for alias in data.get("aliases", []) if isinstance(data, dict) else []:
            names[str(alias)] = path
    return names


def load_profile(
    spec: str, cat: Catalogue, *, base: Path | None = None, confine: Path | None = None
) -> Profile:
    """`spec` is a built-in name or alias, or a path to a custom policy file.

    Paths are relative to `base` (default: the working directory). With `confine`,
    every file of the `extends` chain must lie inside it: a manifest, written by
    whoever opens the PR, must not make the gate read files elsewhere on the runner.
    """
    docs = _chain(spec, base or Path.cwd(), (), cat, confine)
    merged: dict[str, Any] = {}
    for data, _doc in reversed(docs):
        merged = _merge(merged, data)
    merged.pop("extends", None)
    try:
        return Profile.model_validate(merged)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        # Blame the most specific file that actually holds the offending key.
        holder = next(
            (doc for _d, doc in docs if data_path(err["loc"], doc.data) == tuple(err["loc"])),
            docs[0][1],
        )
        raise explain(err, Profile, holder) from None


def _policy_path(spec: str, base: Path, confine: Path | None) -> Path:
    try:
        path = (base / spec).resolve()
        inside = confine is None or path.is_relative_to(confine.resolve())
    except (OSError, ValueError, RuntimeError):  # NUL bytes, symlink loops
        raise UsageError(f"cannot use {brief(spec)} as a policy file", key="profile") from None
    if not inside:
        raise UsageError(
            f"policy file {brief(spec)} is outside the repository; a manifest may only name "
            "policy files inside it",
            key="profile",
        )
    return path


def _chain(
    spec: str, base: Path, seen: tuple[Path, ...], cat: Catalogue, confine: Path | None
) -> list[tuple[dict[str, Any], Document]]:
    names = builtin_names()
    if spec in names:
        path, display = names[spec], f"policies/profiles/{names[spec].name}"
    elif spec.endswith((".yaml", ".yml")) or "/" in spec:
        path = _policy_path(spec, base, confine)
        display = spec
    else:
        hint = did_you_mean(spec, names)
        raise UsageError(
            f"unknown profile '{spec}'{hint}; choose one of "
            f"{', '.join(sorted(names))} or give a path to a policy file",
            key="profile",
        )
    if path in seen:
        raise InputError("'extends' makes a cycle", file=display, key="extends")
    doc = load_file(path, display)
    if not isinstance(doc.data, dict):
        raise InputError("a policy file must be a mapping", file=display, line=1)
    data = dict(doc.data)
    _check_ids(data, doc, cat)
    if path.parent.name != "profiles" or path.parent.parent != policies_dir():
        data.setdefault("name", path.stem)
        data["source"] = display
    parent = data.get("extends")
    if parent is None:
        return [(data, doc)]
    if not isinstance(parent, str):
        raise InputError(
            "must be a profile name or a file path",
            file=display,
            line=doc.line(("extends",)),
            key="extends",
        )
    return [(data, doc), *_chain(parent, path.parent, (*seen, path), cat, confine)]


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
    return out
