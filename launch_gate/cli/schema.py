"""``launch-gate schema``: the JSON Schema of readiness.yaml, for editors."""

from __future__ import annotations

import argparse
import copy
import json
import sys
from typing import Any

from launch_gate import REPOSITORY, __version__
from launch_gate.cli import json_schemas
from launch_gate.errors import EXIT_PASS
from launch_gate.load.catalogue import load_catalogue

# Pinned to the release that wrote it: an editor validates against the rules this version
# applies, not whatever the main branch says today.
BASE = f"https://raw.githubusercontent.com/{REPOSITORY}/v{__version__}/schema"
SCHEMA_URL = f"{BASE}/readiness.schema.json"
POLICY_URL = f"{BASE}/policy.schema.json"
CONFIG_URL = f"{BASE}/config.schema.json"


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "schema",
        help="print the JSON Schema of readiness.yaml",
        description="Print the JSON Schema of the manifest, with every check ID spelled out "
        "so editors can complete and check them; --policy prints the policy file's, --config "
        "the project defaults file's.",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--policy", action="store_true", help="the schema of a custom profile's policy file"
    )
    which.add_argument(
        "--config", action="store_true", help="the schema of .launch-gate.yaml (project defaults)"
    )
    p.set_defaults(run=run)


def _document(url: str, title: str, schema: dict[str, Any], **more: Any) -> dict[str, Any]:
    """A schema document: the shape's schema under its URL, titled for people rather than
    with the class name, which an editor's hover should not show."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": url,
        **schema,
        "title": title,
        **more,
    }


def build() -> dict[str, Any]:
    cat = load_catalogue()
    schema = copy.deepcopy(json_schemas.MANIFEST)
    # The shape says `checks` is a mapping of entries; spell out the 50 IDs.
    schema["properties"]["checks"] = {
        "description": schema["properties"]["checks"]["description"],
        "type": "object",
        "additionalProperties": False,
        "properties": {
            cid: {"$ref": "#/$defs/CheckEntry", "description": c.title}
            for cid, c in cat.checks.items()
        },
    }
    return _document(SCHEMA_URL, "launch-gate readiness manifest", schema)


def build_policy() -> dict[str, Any]:
    """A policy file is a partial profile: what it names overrides what it `extends`."""
    cat = load_catalogue()
    schema = copy.deepcopy(json_schemas.PROFILE)
    props = schema["properties"]
    del props["source"]  # set by the loader from where the file was read
    props["extends"] = {
        "type": "string",
        "description": "The profile this one starts from: a built-in name (minimum-viable, "
        "startup, enterprise, regulated) or another policy file's path, relative to this one.",
        "examples": ["enterprise"],
    }
    ids = {"enum": sorted(cat.checks)}
    for key in ("require", "waive", "forbid_acceptance", "allow_acceptance"):
        props[key]["items"] = ids
    props["effective_from"]["propertyNames"] = ids
    # Without `extends`, nothing is inherited: the file must say its name and tier itself.
    required = schema.pop("required", [])
    return _document(
        POLICY_URL,
        "launch-gate policy file (a custom profile)",
        schema,
        **{"if": {"not": {"required": ["extends"]}}, "then": {"required": required}},
    )


def build_config() -> dict[str, Any]:

    title = "launch-gate project defaults (.launch-gate.yaml, or [tool.launch-gate])"
    return _document(CONFIG_URL, title, copy.deepcopy(json_schemas.DEFAULTS))


def render(policy: bool = False, config: bool = False) -> str:
    built = build_policy() if policy else build_config() if config else build()
    return json.dumps(built, indent=2) + "\n"


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(render(args.policy, args.config))
    return EXIT_PASS
