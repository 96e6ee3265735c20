"""Run ``launch-gate action`` with the runner's variables, a workspace and the fake API.

Runs are in-process by default (`main(["action"])` with the variables as the whole
environment), which keeps the suite fast; modules that must see the real process
(deadlines that abandon threads, signals, stdout buffering) are marked `subprocess`.
The image itself is tested as the runner starts it in tests/image/.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import secrets
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar, NamedTuple
from unittest import mock

import pytest

from launch_gate.load import git
from launch_gate.main import main
from tests.conftest_fakegithub import fake_github
from tests.fakegithub import FakeGitHub

__all__ = ["fake_github"]

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
REPO = "acme/app"
PR = 7
HEAD_SHA = "a" * 40
BASE_SHA = "b" * 40
_HEREDOC = re.compile(r"^([\w-]+)<<(\S+)\n(.*?)\n\2$", re.M | re.S)


class Run(NamedTuple):
    code: int
    stdout: str
    stderr: str
    summary: str
    outputs: dict[str, str]
    report: dict[str, Any] | None
    temp: Path


def parse_outputs(text: str) -> dict[str, str]:
    found = {m[1]: m[3] for m in _HEREDOC.finditer(text)}
    assert sum(1 for line in text.splitlines() if "<<" in line) == len(found)
    return found


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def pull_payload(fork: bool = False, number: int = PR) -> dict[str, Any]:
    head_repo = "mallory/app" if fork else REPO
    return {
        "action": "synchronize",
        "number": number,
        "pull_request": {
            "number": number,
            "head": {"sha": HEAD_SHA, "ref": "feature", "repo": {"full_name": head_repo}},
            "base": {"sha": BASE_SHA, "ref": "main", "repo": {"full_name": REPO}},
        },
        "repository": {"full_name": REPO},
    }


class ActionRunner:
    """One runner machine: a workspace and a temp dir, reused across runs of a test."""

    def __init__(self, tmp: Path, fake: FakeGitHub, *, subprocess: bool = False) -> None:
        self.subprocess = subprocess
        self.fake = fake
        self.workspace = tmp / "workspace"
        self.runner = tmp / "runner"
        self.workspace.mkdir()
        self.runner.mkdir()
        self.token = "ghs_" + secrets.token_hex(18)
        self.runs = 0
        # What a `subprocess` run starts: the Action as the image starts it, or a probe.
        self.argv = [sys.executable, "-m", "launch_gate", "action"]

    def manifest(self, example: str, dest: str = "readiness.yaml") -> Path:
        path = self.workspace / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((EXAMPLES / example).read_bytes())
        return path

    def __call__(
        self,
        event: str = "pull_request",
        payload: dict[str, Any] | bytes | None = None,
        *,
        extra_env: dict[str, str] | None = None,
        **inputs: str,
    ) -> Run:
        """`payload` as bytes is written verbatim; `extra_env` overrides the runner's env."""
        self.runs += 1
        temp = self.runner / f"temp{self.runs}"
        temp.mkdir()
        files = {n: self.runner / f"{n}{self.runs}" for n in ("summary", "output", "event")}
        files["summary"].touch()
        files["output"].touch()
        if payload is None:
            payload = pull_payload() if event == "pull_request" else {"after": HEAD_SHA}
        raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        files["event"].write_bytes(raw)
        # Every input action.yml declares arrives, defaults included, as the runner does.
        given = {
            "manifest": "readiness.yaml",
            "profile": "",
            "github-token": self.token,
            "comment": "auto",
            "comment-from": "",
            "fail-on": "gaps",
            "warn-days": "",
            "verify-evidence": "false",
            # Off here as verify-evidence is: the approver tests turn it on.
            "verify-approvals": "false",
            "allow-private-hosts": "false",
            "timeout-seconds": "120",
            "today": "2026-11-23",
        } | {k.replace("_", "-"): v for k, v in inputs.items()}
        env = (
            {
                "PATH": os.environ["PATH"],
                "HOME": str(self.runner),
                "GITHUB_ACTIONS": "true",
                "CI": "true",
                "GITHUB_EVENT_NAME": event,
                "GITHUB_EVENT_PATH": str(files["event"]),
                "GITHUB_REPOSITORY": REPO,
                "GITHUB_API_URL": self.fake.url,
                "GITHUB_SERVER_URL": "https://github.com",
                "GITHUB_WORKSPACE": str(self.workspace),
                "GITHUB_SHA": HEAD_SHA,
                "GITHUB_RUN_ID": "4242",
                "GITHUB_REF": "refs/heads/main",
                "RUNNER_TEMP": str(temp),
                "GITHUB_STEP_SUMMARY": str(files["summary"]),
                "GITHUB_OUTPUT": str(files["output"]),
            }
            | {f"INPUT_{k.upper()}": v for k, v in given.items()}
            | (extra_env or {})
        )
        before = snapshot(self.workspace)
        proc = self._subprocess(env) if self.subprocess else self._in_process(env)
        assert snapshot(self.workspace) == before, "the action changed the workspace"
        outputs = parse_outputs(files["output"].read_text())
        report_path = outputs.get("report")
        report = json.loads(Path(report_path).read_text()) if report_path else None
        run = Run(
            proc.returncode,
            proc.stdout,
            proc.stderr,
            files["summary"].read_text(),
            outputs,
            report,
            temp,
        )
        self.assert_token_hidden(run)
        return run

    def _subprocess(self, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.argv,
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def _in_process(self, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        out, err = io.StringIO(), io.StringIO()
        # One run is one process on a runner: nothing cached may outlive it.
        git._open.cache_clear()
        with (
            mock.patch.dict(os.environ, env, clear=True),
            contextlib.chdir(self.workspace),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            code = main(["action"])
        return subprocess.CompletedProcess([], code, out.getvalue(), err.getvalue())

    def assert_token_hidden(self, run: Run) -> None:
        # Markdown escapes the token's `_`; that spelling shows it just as well.
        escaped = self.token.replace("_", "\\_")
        assert escaped not in run.stdout + run.summary
        assert all(escaped not in c.body for c in self.fake.comments(REPO, PR))
        lines = [x for x in run.stdout.splitlines() if self.token in x]
        assert lines in ([], [f"::add-mask::{self.token}"])
        if lines:
            assert run.stdout.startswith(lines[0]), "the mask must come before any other line"
        assert self.token not in run.stderr + run.summary + json.dumps(run.outputs)
        assert self.token not in (self.runner / f"output{self.runs}").read_text()
        for c in self.fake.comments(REPO, PR):
            assert self.token not in c.body
        for path in run.temp.rglob("*"):
            if path.is_file():
                assert self.token.encode() not in path.read_bytes()
        for request in self.fake.requests:
            assert self.token not in json.dumps(request.json)
            assert self.token not in request.path + json.dumps(request.query)


@pytest.fixture
def action(tmp_path: Path, fake_github: FakeGitHub, request: pytest.FixtureRequest) -> ActionRunner:
    fake_github.add_pull(REPO, PR, head_sha=HEAD_SHA, base_sha=BASE_SHA)
    as_process = request.node.get_closest_marker("subprocess") is not None
    return ActionRunner(tmp_path, fake_github, subprocess=as_process)


class _Counting(BaseHTTPRequestHandler):
    seen: ClassVar[Counter[str]]

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        type(self).seen[self.path] += 1
        # A page that is gone (`/gone...`) answers 404; every other one is there.
        self.send_response(404 if self.path.startswith("/gone") else 200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2")
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def counting_server() -> Iterator[tuple[str, Counter[str]]]:
    """A real evidence server on 127.0.0.1 that counts the requests for each path."""
    handler = type("Handler", (_Counting,), {"seen": Counter()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.seen
    finally:
        server.shutdown()
        server.server_close()


# A monorepo's service: every check the mvp profile requires, settled; the rollback check
# rests on the links a test gives it, the others on files `service` writes under docs/.
SERVICE = """\
version: 1
system:
  name: {name}
profile: mvp
checks:
  prompt.one-step-rollback: {{status: done, evidence: {links}}}
  eval.real-traffic-dataset: {{status: done, evidence: [docs/data.md]}}
  eval.release-gated: {{status: done, evidence: [docs/gate.md]}}
  obs.log-requests-responses: {{status: done, evidence: [docs/logging.md]}}
  sec.untrusted-input: {{status: done, evidence: [docs/threat-model.md]}}
  sec.no-secrets-in-context: {{status: not-applicable, reason: No secret is ever in reach.}}
"""


def service(runner: ActionRunner, name: str, links: list[str]) -> None:
    """svc/<name>/readiness.yaml, whose rollback check cites `links`, and the documents its
    other checks cite."""
    path = runner.workspace / "svc" / name / "readiness.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SERVICE.format(name=name, links=json.dumps(links)))
    docs = runner.workspace / "docs"
    docs.mkdir(exist_ok=True)
    for doc in ("data", "gate", "logging", "threat-model"):
        (docs / f"{doc}.md").write_text("# evidence\n")
