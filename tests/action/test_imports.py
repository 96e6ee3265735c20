"""A push check that neither verifies evidence nor has anything to ask GitHub loads none of
the libraries for that, although it has a token (action.yml passes one by default): every
Action run starts with its imports (docs/performance.md).

A process of its own, so nothing another test imported can hide an import.
"""

from __future__ import annotations

import json
import sys

import pytest

from tests.action.conftest import ActionRunner

PROBE = """
import contextlib, io, json, sys
from launch_gate.main import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["action"])
roots = sorted({m.split(".")[0] for m, found in sys.modules.items() if found is not None})
print(json.dumps({"code": code, "modules": roots}))
"""


@pytest.mark.subprocess
def test_a_push_check_loads_no_network_or_model_library(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    action.argv = [sys.executable, "-c", PROBE]
    run = action(event="push")
    seen = json.loads(run.stdout)
    assert seen["code"] == 0
    loaded = set(seen["modules"])
    # pydantic's models (and importlib.metadata, email) only for a saved comment's file;
    # asyncio and ssl only to verify evidence; PyGithub only once a step asks GitHub; the
    # sign-off records' renderers (html, csv) only for `export`.
    unwanted = {"pydantic", "asyncio", "ssl", "email", "httpx", "github", "requests", "secrets",
                "html", "csv"}  # fmt: skip
    assert loaded.isdisjoint(unwanted), loaded & unwanted
    assert action.fake.requests == []
