"""The command blocks of docs/ run as written, with the installed `launch-gate`, in a
repository set up as each page assumes (issue 28: docs that cannot drift)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent
# Blocks that need what a test cannot have: GitHub itself (attestations) or a real wiki.
ELSEWHERE = {"action.md": "gh and GitHub's attestation API", "evidence.md": "a real wiki host"}
# A command may fail the gate (1): a page's example starts from a fresh manifest. It may not
# be unable to evaluate (2) or crash (3).
PRELUDE = "set -o errtrace; trap 'c=$?; [ $c -le 1 ] || exit $c' ERR\n"


def blocks(page: str) -> list[str]:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    found = re.findall(r"```sh\n(.*?)```", text, re.S)
    return [b for b in found if "launch-gate " in b]


def test_every_page_with_commands_is_run_or_says_why_not() -> None:
    pages = {p.name for p in (ROOT / "docs").glob("*.md") if blocks(p.name)}
    assert pages <= {"decisions.md", "fleet.md"} | set(ELSEWHERE), pages


def run(block: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    return subprocess.run(
        ["bash", "-c", PRELUDE + block], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip


def repository(path: Path) -> Path:
    path.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    done = run("launch-gate init --profile startup --capabilities rag --owner @acme/ml", path)
    assert done.returncode == 0, done.stderr
    return path


def commit(path: Path) -> None:
    git = ["git", "-C", str(path), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "manifest"], check=True)


@pytest.mark.subprocess
def test_decisions_page(tmp_path: Path) -> None:
    repo = repository(tmp_path / "repo")
    (repo / "docs" / "runbooks").mkdir(parents=True)
    for name in ("rollback.md", "logging.md"):
        (repo / "docs" / "runbooks" / name).write_text(f"# {name}\n")
    # The page's one fixed date moves with today, so the example stays inside the window.
    soon = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=60)).isoformat()
    for block in blocks("decisions.md"):
        done = run(block.replace("2027-03-01", soon), repo)
        assert done.returncode in (0, 1), f"{block}\n{done.stdout}\n{done.stderr}"
    report = run("launch-gate check --offline --format json", repo)
    outcomes = {c["id"]: c["status"] for c in json.loads(report.stdout)["checks"]}
    assert outcomes["prompt.one-step-rollback"] == "done"  # from the review block
    assert outcomes["obs.log-requests-responses"] == "done"
    assert outcomes["cost.unit-costs"] == "accepted-risk"
    assert outcomes["cost.caching"] == "not-applicable"
    assert (repo / "signoff.html").read_text().lower().startswith("<!doctype html>")
    assert (repo / "signoff.csv").read_text().count("\n") > 10


@pytest.mark.subprocess
def test_fleet_page(tmp_path: Path) -> None:
    for name in ("app", "billing", "search"):
        commit(repository(tmp_path / name))
    here = repository(tmp_path / "platform")
    for block in blocks("fleet.md"):
        done = run(block, here)
        assert done.returncode == 0, f"{block}\n{done.stdout}\n{done.stderr}"
    assert len((here / "fleet.jsonl").read_text().splitlines()) == 3
    assert (here / "site" / "index.html").exists()
