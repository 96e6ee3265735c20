"""The editor schemas: every key explained, versioned URLs, and a schema for policy files."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import yaml

from launch_gate import __version__
from launch_gate.cli import schema
from tests.conftest import ROOT


def properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every property of a schema, its definitions included, with a dotted path."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            found.append((f"{path}.{key}", sub))
            found += properties(sub, f"{path}.{key}")
        for name, sub in node.get("$defs", {}).items():
            found += properties(sub, name)
    return found


@pytest.mark.parametrize("policy", [False, True], ids=["manifest", "policy"])
def test_every_key_says_what_it_is(policy: bool) -> None:
    built = schema.build_policy() if policy else schema.build()
    found = properties(built)
    assert len(found) > 20
    # The 50 check IDs describe themselves by their title.
    missing = [p for p, sub in found if "description" not in sub]
    assert missing == []
    assert built["$id"].endswith(
        f"/v{__version__}/schema/" + ("policy" if policy else "readiness") + ".schema.json"
    )


def test_committed_policy_schema_is_current() -> None:
    committed = (ROOT / "schema" / "policy.schema.json").read_text()
    assert committed == schema.render(policy=True), "run `make schema` and commit the result"


def test_policy_schema_accepts_the_built_in_profiles_and_refuses_a_half_policy() -> None:
    validator = jsonschema.Draft202012Validator(schema.build_policy())
    for path in sorted((ROOT / "policies" / "profiles").glob("*.yaml")):
        assert not list(validator.iter_errors(yaml.safe_load(path.read_text()))), path
    # With `extends`, a few overrides are a whole policy.
    assert not list(validator.iter_errors({"extends": "enterprise", "waive": ["cost.caching"]}))
    # Without it, nothing is inherited: the name and tier must be there.
    errors = [e.message for e in validator.iter_errors({"waive": ["cost.caching"]})]
    assert any("'tier' is a required property" in m for m in errors)
    assert list(validator.iter_errors({"extends": "startup", "waive": ["cost.cachin"]}))
