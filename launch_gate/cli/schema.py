"""``launch-gate schema``: the JSON Schema of readiness.yaml, for editors."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from launch_gate.errors import EXIT_PASS
from launch_gate.judge.manifest import Manifest
from launch_gate.load.catalogue import load_catalogue

SCHEMA_ID = (
    "https://raw.githubusercontent.com/launch-gate/launch-gate/main/schema/readiness.schema.json"
)


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "schema",
        help="print the JSON Schema of readiness.yaml",
        description="Print the JSON Schema of the manifest, with every check ID spelled out "
        "so editors can complete and check them.",
    )
    p.set_defaults(run=run)


def build() -> dict[str, Any]:
    cat = load_catalogue()
    schema = Manifest.model_json_schema()
    # pydantic sees `checks` as a free-form mapping; spell out the 50 IDs.
    schema["properties"]["checks"] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            cid: {"$ref": "#/$defs/CheckEntry", "description": c.title}
            for cid, c in cat.checks.items()
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "launch-gate readiness manifest",
        **schema,
    }


def render() -> str:
    return json.dumps(build(), indent=2) + "\n"


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(render())
    return EXIT_PASS
