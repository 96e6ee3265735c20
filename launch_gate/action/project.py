"""The project's defaults (`.launch-gate.yaml`, or `[tool.launch-gate]` in pyproject.toml)
for the Action: the same file the CLI and the pre-commit hook read, so a repository has
one judge. It is read at the repository's root in the tree the trust rule names (a pull
request's base; the checkout otherwise; load/defaults.py: `of_tree`), and the workflow's
inputs still win over it.
"""

from __future__ import annotations

from launch_gate.action.context import ActionContext
from launch_gate.action.inputs import ActionInputs
from launch_gate.load.defaults import of_tree
from launch_gate.load.tree import Tree


def apply(
    inputs: ActionInputs, ctx: ActionContext, tree: Tree, *, local: bool
) -> tuple[ActionInputs, ActionContext]:
    """`inputs` and `ctx` with the project's defaults filled in where the workflow said
    nothing (`warn-days` empty, a manifest that names no profile). A `local` tree is read
    now; a base only GitHub can give, when a manifest first needs its default profile."""
    found = of_tree(tree, now=local)
    if inputs.warn_days is None and found.warn_days is not None:
        inputs = inputs._replace(warn_days=found.warn_days)
    if found.profile is not None:
        ctx = ctx._replace(default_profile=found.profile)
    return inputs, ctx
