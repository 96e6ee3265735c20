"""The 50-check catalogue, read once from ``policies/catalogue.yaml``."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic_core import ValidationError

from launch_gate.judge.catalogue import layer_of
from launch_gate.judge.shape import validate
from launch_gate.judge.shapes import Catalogue
from launch_gate.load import yamldoc
from launch_gate.load.explain import raise_for


def policies_dir() -> Path:
    """Where the built-in policy files are: in the wheel, or in a source checkout.

    The wheel maps `policies/` into `launch_gate/policies/` without an `__init__.py`
    (it is data, not code), so look for the file rather than import a package.
    """
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "policies", here.parent / "policies"):
        if (candidate / "catalogue.yaml").is_file():
            return candidate
    return here.parent / "policies"


@functools.cache
def load_catalogue() -> Catalogue:
    path = policies_dir() / "catalogue.yaml"
    doc = yamldoc.load_ours(path, "policies/catalogue.yaml")
    try:
        raw = validate(Catalogue, doc.data)
    except ValidationError as exc:
        raise_for(exc, doc, Catalogue)
    checks = {cid: check._replace(id=cid, layer=layer_of(cid)) for cid, check in raw.checks.items()}
    return raw._replace(checks=checks)
