"""An offline check never loads the network side: no httpx, httpcore, PyGithub or dulwich.

A fresh process, so nothing another test imported can hide an import.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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
    # The shapes run as generated (judge/shapes.py): pydantic-core validates them, and neither
    # pydantic nor the models it builds schemas from is loaded (docs/performance.md).
    assert "pydantic" not in loaded, loaded
    assert "pydantic_core" in loaded
    # argparse imports shutil (and the archive modules) to find the terminal's width unless
    # it is told it (main.py tells it): nothing else in an offline run needs them.
    assert loaded.isdisjoint({"shutil", "bz2", "lzma"}), loaded


def test_an_online_check_speaks_http_without_httpcore_or_anyio(tmp_path: Path) -> None:
    # Our transport (gather/evidence/wire.py) replaces httpx's: the pool, the protocol
    # and the async layer underneath it are never loaded, so never paid for.
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/runbook"
        manifest = tmp_path / "readiness.yaml"
        manifest.write_text(
            "version: 1\nsystem: {name: probe, capabilities: []}\nprofile: startup\n"
            f"checks:\n  prompt.versioned: {{status: done, evidence: ['{url}']}}\n"
        )
        args = ["check", str(manifest), "--allow-private-hosts", "--repo-root", str(tmp_path),
                "--format", "json"]  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True,
            check=True,
        )  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    loaded = set(json.loads(done.stdout)["modules"])
    assert {"httpx", "h11"} <= loaded
    assert loaded.isdisjoint({"httpcore", "anyio", "github", "dulwich"}), loaded


class _Ok(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_HEAD(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""
