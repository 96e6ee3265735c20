"""Start the built image the way actions/runner starts a Docker action.

Mirrors ContainerActionHandler.cs and DockerCommandManager.cs: every input from
action.yml as ``INPUT_<NAME>`` (upper case, hyphens kept, defaults applied), the
GITHUB_* and RUNNER_* variables with host paths translated to container paths
(RUNNER_WORKSPACE is under no mount, so it stays a host path), ``-e NAME`` with
the value passed through the engine's own environment, ``--workdir
/github/workspace --rm``, and the six mounts: the docker socket, runner temp,
home, workflow, file commands and the workspace. The workspace is a real git
checkout owned by uid 1001 while the container runs as root, as on GitHub.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import subprocess
import time
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from tests.action.conftest import parse_outputs

ROOT = Path(__file__).resolve().parents[2]
RUNNER_UID = 1001
REPO = "acme/app"
_COMMAND = re.compile(r"^::(error|warning|notice)[^:]*::(.*)$", re.M)


def engine() -> list[str]:
    return [os.environ.get("LAUNCH_GATE_ENGINE", "podman")]


def action_inputs() -> dict[str, str]:
    """action.yml's inputs with their defaults, as the runner evaluates them."""
    spec = yaml.safe_load((ROOT / "action.yml").read_text())
    return {name: str(v.get("default", "")) for name, v in spec["inputs"].items()}


class Run(NamedTuple):
    code: int
    stdout: str
    stderr: str
    summary: str
    outputs: dict[str, str]
    annotations: list[tuple[str, str]]
    seconds: float


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "dev",
        "GIT_AUTHOR_EMAIL": "dev@example.com",
        "GIT_COMMITTER_NAME": "dev",
        "GIT_COMMITTER_EMAIL": "dev@example.com",
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)
    return done.stdout.decode().strip()


def tree_digest(root: Path) -> str:
    """Every path, mode, owner and byte under `root`: any change by the Action shows."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        h.update(f"{path.relative_to(root)}\0{st.st_mode}\0{st.st_uid}\0".encode())
        if path.is_file() and not path.is_symlink():
            h.update(path.read_bytes())
    return h.hexdigest()


class Runner:
    """One runner machine: its work folder, a checkout in it, and runs of the image."""

    def __init__(self, tmp: Path, image: str, api_url: str) -> None:
        self.image = image
        self.api_url = api_url
        self.work = tmp / "work"
        self.runner_workspace = self.work / "app"
        self.workspace = self.runner_workspace / "app"
        self.temp = self.work / "_temp"
        self.token = "ghs_" + secrets.token_hex(18)
        self.runs = 0
        for folder in (self.workspace, self.temp):
            folder.mkdir(parents=True)
        git(self.workspace, "init", "-q", "-b", "main")

    def commit(self, files: dict[str, str | bytes], message: str) -> str:
        for name, content in files.items():
            path = self.workspace / name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode() if isinstance(content, str) else content
            path.write_bytes(data)
        git(self.workspace, "add", "-A")
        git(self.workspace, "commit", "-qm", message)
        return git(self.workspace, "rev-parse", "HEAD")

    def hand_over(self) -> None:
        # actions/checkout runs as the runner's user; the container runs as root.
        subprocess.run(["chown", "-R", f"{RUNNER_UID}:{RUNNER_UID}", str(self.work)], check=True)

    def run(
        self,
        event: str,
        payload: dict[str, Any],
        sha: str,
        *,
        workflow_env: dict[str, str] | None = None,
        **inputs: str,
    ) -> Run:
        """`workflow_env`: what a workflow's `env:` sets, passed to the container as the
        runner passes it (one `-e NAME` each)."""
        self.runs += 1
        self.hand_over()
        home = self.temp / "_github_home"
        workflow = self.temp / "_github_workflow"
        commands = self.temp / "_runner_file_commands"
        for folder in (home, workflow, commands):
            folder.mkdir(parents=True, exist_ok=True)
        (workflow / "event.json").write_text(json.dumps(payload))
        suffix = secrets.token_hex(8)
        output, summary = f"set_output_{suffix}", f"step_summary_{suffix}"
        (commands / output).touch()
        (commands / summary).touch()
        socket = self.work / "docker.sock"  # a stand-in: nothing here talks to it
        socket.touch()
        given = action_inputs() | {"github-token": self.token}
        given |= {k.replace("_", "-"): v for k, v in inputs.items()}
        env = (
            {f"INPUT_{k.upper()}": v for k, v in given.items()}
            | {
                "HOME": "/github/home",
                "GITHUB_JOB": "gate",
                "GITHUB_REF": "refs/heads/main",
                "GITHUB_SHA": sha,
                "GITHUB_REPOSITORY": REPO,
                "GITHUB_REPOSITORY_OWNER": "acme",
                "GITHUB_RUN_ID": "4242",
                "GITHUB_ACTOR": "alice",
                "GITHUB_EVENT_NAME": event,
                "GITHUB_SERVER_URL": "https://github.com",
                "GITHUB_API_URL": self.api_url,
                "GITHUB_GRAPHQL_URL": self.api_url + "/graphql",
                "GITHUB_WORKSPACE": "/github/workspace",
                "GITHUB_EVENT_PATH": "/github/workflow/event.json",
                "GITHUB_OUTPUT": f"/github/file_commands/{output}",
                "GITHUB_STEP_SUMMARY": f"/github/file_commands/{summary}",
                "GITHUB_ENV": f"/github/file_commands/set_env_{suffix}",
                "GITHUB_PATH": f"/github/file_commands/add_path_{suffix}",
                "GITHUB_STATE": f"/github/file_commands/save_state_{suffix}",
                "RUNNER_OS": "Linux",
                "RUNNER_ARCH": "X64",
                "RUNNER_NAME": "GitHub Actions 1",
                "RUNNER_ENVIRONMENT": "github-hosted",
                "RUNNER_TOOL_CACHE": "/opt/hostedtoolcache",
                "RUNNER_TEMP": "/github/runner_temp",
                "RUNNER_WORKSPACE": str(self.runner_workspace),
            }
            | (workflow_env or {})
        )
        argv = [
            *engine(),
            "run",
            "--name", f"launch-gate-test-{suffix}",
            "--label", "launch-gate-test",
            "--workdir", "/github/workspace",
            "--rm",
            *[a for name in env for a in ("-e", name)],
            "-e", "GITHUB_ACTIONS=true",
            "-e", "CI=true",
            # The runner uses the job's network; here the fake API listens on the host.
            "--network", "host",
            "-v", f"{socket}:/var/run/docker.sock",
            "-v", f"{self.temp}:/github/runner_temp",
            "-v", f"{home}:/github/home",
            "-v", f"{workflow}:/github/workflow",
            "-v", f"{commands}:/github/file_commands",
            "-v", f"{self.workspace}:/github/workspace",
            self.image,
        ]  # fmt: skip
        before = tree_digest(self.workspace)
        start = time.perf_counter()
        proc = subprocess.run(
            argv, env=os.environ | env, capture_output=True, text=True, timeout=180, check=False
        )
        seconds = time.perf_counter() - start
        assert tree_digest(self.workspace) == before, "the Action changed the workspace"
        out_text = (commands / output).read_text()
        # The same reader the in-process harness uses: it also checks no line was missed.
        outputs = parse_outputs(out_text)
        run = Run(
            proc.returncode,
            proc.stdout,
            proc.stderr,
            (commands / summary).read_text(),
            outputs,
            [(m[1], m[2]) for m in _COMMAND.finditer(proc.stdout)],
            seconds,
        )
        assert self.token not in proc.stdout.replace(f"::add-mask::{self.token}", "")
        assert self.token not in proc.stderr + run.summary + out_text
        return run
