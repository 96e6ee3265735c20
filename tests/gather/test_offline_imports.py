"""An offline check never loads the network side: no httpx, httpcore, PyGithub or dulwich.

A fresh process, so nothing another test imported can hide an import.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import contextlib, io, json, sys
from launch_gate.main import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
# A None entry marks a module as absent (gather/evidence/__init__.py): not an import.
roots = sorted({m.split(".")[0] for m, found in sys.modules.items() if found is not None})
print(json.dumps({"code": code, "modules": roots}))
"""


def test_an_offline_check_imports_no_network_library() -> None:
    args = [
        "check", "--manifest", "examples/enterprise-agent.yaml", "--today", "2026-11-23",
        "--offline", "--repo-root", "examples/repo",
    ]  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    seen = json.loads(done.stdout)
    assert seen["code"] == 1  # the example fails, as it should
    loaded = set(seen["modules"])
    assert loaded.isdisjoint({"httpx", "httpcore", "github", "dulwich", "anyio", "ssl"}), loaded
