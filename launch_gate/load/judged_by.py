"""Which profile judges a manifest, and from which tree its policy files are read.

The caller's `--profile` if given, else the manifest's own `profile:`, else the project's
default, else startup. On a pull request or a merge group the manifest is the head's, but
a policy file it names is read at the base (PRODUCT.md section 6): a change never picks
its judge. A base that cannot be read fails closed.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path

from launch_gate.errors import GateError, InputError
from launch_gate.judge.manifest import LoadedManifest
from launch_gate.judge.shapes import Catalogue, Profile
from launch_gate.load import git as gitsrc
from launch_gate.load.manifest import parse
from launch_gate.load.policy import Namer, is_path, load_profile
from launch_gate.load.text import decode
from launch_gate.load.tree import Tree, Unavailable, WorkingTree

DEFAULT_PROFILE = "startup"
# The project's default profile: a name or a path as the caller resolved it (the CLI: from
# the working directory), or a loader (the Action: read in the tree its trust rule names).
Default = str | Callable[[], Profile] | None


def default_profile(default: Default, cat: Catalogue) -> Profile:
    if callable(default):
        return default()
    return load_profile(default or DEFAULT_PROFILE, cat)


def working_copy(manifest: Path) -> tuple[Tree, str]:
    """The checkout holding `manifest` (or its folder, outside any), and its path there."""
    root = gitsrc.toplevel(manifest) or manifest.resolve().parent
    return WorkingTree(root), manifest.resolve().relative_to(root).as_posix()


def choose_profile(
    override: str | None,
    loaded: LoadedManifest,
    cat: Catalogue,
    source: Callable[[], tuple[Tree, str]],
    default: Default = None,
) -> Profile:
    """The caller's profile if given, else the manifest's, else `default` (the project's,
    from .launch-gate.yaml), else startup.

    A policy file the manifest names is read from the same tree as the manifest
    (`source`: the tree and the manifest's path in it), relative to the manifest;
    the caller's own `--profile` is trusted as given.
    """
    if override:
        return load_profile(override, cat)
    declared = loaded.manifest.profile
    if not declared:
        return default_profile(default, cat)
    line = loaded.line("profile")
    here = Namer(loaded.file, line, "profile")
    try:
        if not is_path(declared):
            return load_profile(declared, cat)
        tree, rel = source()
        folder = posixpath.dirname(rel)
        return load_profile(declared, cat, tree=tree, folder=folder, named_by=here)
    except InputError as exc:
        if exc.file is not None:
            raise
        # The manifest named it: point at the manifest's `profile:` line.
        raise InputError(
            exc.message, file=loaded.file, line=line, key="profile", fix=exc.fix, at=declared
        ) from None


def judged_by_base(
    override: str | None,
    loaded: LoadedManifest,
    cat: Catalogue,
    head: Callable[[], tuple[Tree, str]],
    *,
    base: Tree,
    default: Default = None,
) -> tuple[Profile, Profile | None]:
    """A pull request's manifest: the profile that judges it, and the one the head's own
    files propose when that differs (shown as a bar change, never the verdict).

    The manifest's `profile:` is content, like its decisions (a switch between built-in
    profiles is a bar change the diff shows); a policy file it names, and every file that
    one `extends`, is read at the base. A policy file only the head has judges nothing:
    the profile the base's manifest names does (or the default, for a new manifest).
    """
    declared = loaded.manifest.profile
    if override or not declared or not is_path(declared):
        return choose_profile(override, loaded, cat, head, default), None
    rel = loaded.repo_path or head()[1]
    proposed = choose_profile(None, loaded, cat, head, default)
    try:
        judging = choose_profile(None, loaded, cat, lambda: (base, rel), default)
    except InputError as exc:
        if f"not found in {base.label}" not in exc.message:
            raise _base_unreadable(loaded, exc.message) from None
        judging = _base_manifests_own(loaded, cat, base, rel, default)
    except Unavailable as exc:
        raise _base_unreadable(loaded, str(exc)) from None
    return judging, (None if proposed == judging else proposed)


def _base_manifests_own(
    loaded: LoadedManifest, cat: Catalogue, base: Tree, rel: str, default: Default
) -> Profile:
    """The profile the base's copy of the manifest names, read at the base."""
    try:
        raw = base.read(rel)
        older = parse(decode(raw, rel), rel, cat) if raw is not None else None
        if older is not None and older.manifest.profile:
            return choose_profile(None, older, cat, lambda: (base, rel), default)
    except Unavailable as exc:
        raise _base_unreadable(loaded, str(exc)) from None
    except GateError:
        pass  # the base's manifest does not parse: the default judges
    return default_profile(default, cat)


def _base_unreadable(loaded: LoadedManifest, why: str) -> InputError:
    # Fail closed: judging with anything but the base's policy would let the head choose.
    return InputError(
        f"the base's policy cannot be read ({why}); a pull request is judged by the base's "
        "policy files: fetch the base commit (actions/checkout with fetch-depth: 0) or give "
        "the Action a token that can read the repository",
        file=loaded.file,
        line=loaded.line("profile"),
        key="profile",
        fix="`fetch-depth: 0` on actions/checkout, or a `token` that can read the repository",
    )
