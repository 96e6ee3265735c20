"""The project's defaults (`.launch-gate.yaml`, or `[tool.launch-gate]` in pyproject.toml)
for the Action: the same file the CLI and the pre-commit hook read, so a repository has
one judge. It is read at the repository's root in the tree the trust rule names (a pull
request's base; the checkout otherwise), and the workflow's inputs still win over it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from launch_gate.action.context import ActionContext
from launch_gate.action.inputs import ActionInputs
from launch_gate.errors import InputError
from launch_gate.gather.github.port import GitHubError
from launch_gate.judge.shapes import Defaults, Profile
from launch_gate.load import defaults
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.policy import Namer, load_profile
from launch_gate.load.tree import Tree
from launch_gate.pipeline import DEFAULT_PROFILE


def apply(
    inputs: ActionInputs, ctx: ActionContext, tree: Tree, *, local: bool
) -> tuple[ActionInputs, ActionContext]:
    """`inputs` and `ctx` with the project's defaults filled in where the workflow said
    nothing (`warn-days` empty, a manifest that names no profile).

    A `local` tree (the checkout, or a base commit in its history) is read now. A base
    only GitHub can give is read when a manifest first needs the default profile: most
    manifests name their own, and a run should not spend its deadline on a file it does not
    need; there `warn_days` of the file does not apply (it changes warnings only).
    """
    if not local:
        return inputs, ctx._replace(default_profile=functools.cache(lambda: _lazy(tree)))
    found = _read(tree)
    if found is None:
        return inputs, ctx
    project, file = found
    if inputs.warn_days is None and project.warn_days is not None:
        inputs = inputs._replace(warn_days=project.warn_days)
    if project.profile:
        return inputs, ctx._replace(default_profile=_loader(project.profile, file, tree))
    return inputs, ctx


def _read(tree: Tree) -> tuple[Defaults, str] | None:
    try:
        return defaults.in_tree(tree)
    except GitHubError as exc:
        # Fail closed: without the base's defaults, the head's would have to judge.
        raise InputError(
            f"cannot read the project's defaults at the base ({exc}); a pull request is "
            "judged by the base's: fetch the base commit (fetch-depth: 0) or give the Action "
            "a token that can read the repository",
            file=defaults.CONFIG,
        ) from None


def _loader(spec: str, file: str, tree: Tree) -> Callable[[], Profile]:
    named_by = Namer(file, None, "profile")

    def default() -> Profile:
        # A path is relative to the file, which lies at the root of `tree`.
        return load_profile(spec, load_catalogue(), tree=tree, folder="", named_by=named_by)

    return default


def _lazy(tree: Tree) -> Profile:
    found = _read(tree)
    if found is None or not found[0].profile:
        return load_profile(DEFAULT_PROFILE, load_catalogue())
    try:
        return _loader(found[0].profile, found[1], tree)()
    except GitHubError as exc:
        raise InputError(
            f"cannot read the base's policy file {found[0].profile} ({exc})", file=found[1]
        ) from None
