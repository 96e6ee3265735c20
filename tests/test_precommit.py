"""The pre-commit hooks as pre-commit runs them: `pre-commit try-repo` on this checkout,
installed into pre-commit's own virtualenv from the wheelhouse `make` downloads (no index is
reached while the test runs), against a scratch repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent
REQUIRED = (
    "prompt.one-step-rollback", "eval.real-traffic-dataset", "eval.release-gated",
    "obs.log-requests-responses", "sec.untrusted-input", "sec.no-secrets-in-context",
)  # fmt: skip
HEADER = 'version: 1\nsystem: {name: bot, owner: "@acme/ml", capabilities: []}\n'


def passing() -> str:
    entries = "".join(f"  {c}:\n    status: done\n    evidence: [docs/x.md]\n" for c in REQUIRED)
    return HEADER + "profile: minimum-viable\nchecks:\n" + entries


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    if not os.environ.get("LAUNCH_GATE_WHEELHOUSE"):
        pytest.skip("needs the wheelhouse `make test` downloads (LAUNCH_GATE_WHEELHOUSE)")
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "x.md").write_text("# x\n")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def try_repo(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """Every hook of this repository on `files`, in one hook environment."""
    env = {
        "PATH": f"{BIN}:/usr/bin:/bin",
        "HOME": str(repo.parent),
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": os.environ["LAUNCH_GATE_WHEELHOUSE"],
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_CONSTRAINT": "",
        "GIT_CONFIG_GLOBAL": "/dev/null",
    }
    return subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(ROOT), "--files", *files],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


@pytest.mark.subprocess
def test_the_hooks_judge_manifests_and_policy_files(scratch: Path) -> None:
    (scratch / "readiness.yaml").write_text(passing())
    (scratch / "svc").mkdir()
    typo = passing().replace("status: done", "stauts: done", 1)
    (scratch / "svc" / "readiness.yaml").write_text(typo)
    (scratch / "team-policy.yaml").write_text("extends: startup\nwaive: [cost.cachin]\n")
    (scratch / "base-policy.yaml").write_text("extends: startup\nwaive: [cost.caching]\n")
    files = ["readiness.yaml", "svc/readiness.yaml", "team-policy.yaml", "base-policy.yaml"]
    res = try_repo(scratch, *files)
    out = res.stdout
    assert res.returncode == 1, out + res.stderr
    # The manifest hook: the good manifest passes, the typo is named at its line and key.
    assert "PASS · score 23/100" in out
    assert "svc/readiness.yaml:6:5: error: checks.prompt.one-step-rollback.stauts" in out
    assert "did you mean 'status'" in out
    # The policy hook: only policy files reach it, each judged on its own.
    assert "team-policy.yaml:2:1: error: waive: unknown check 'cost.cachin'" in out
    assert "base-policy.yaml: profile base-policy (tier startup), 26 checks required" in out
    assert "readiness.yaml: profile" not in out


@pytest.mark.subprocess
def test_a_fresh_manifest_full_of_todos_can_be_committed(scratch: Path) -> None:
    # `todo` is the normal state on a feature branch: the hook checks the file (a typo or an
    # invalid decision stops the commit), the release branch's required check holds the bar.
    from launch_gate.main import main

    assert main(["init", "--output", str(scratch / "readiness.yaml"), "--name", "bot"]) == 0
    res = try_repo(scratch, "readiness.yaml")
    assert res.returncode == 0, res.stdout + res.stderr
    (scratch / "readiness.yaml").write_text(
        (scratch / "readiness.yaml").read_text().replace("status: todo", "status: done", 1)
    )
    res = try_repo(scratch, "readiness.yaml")
    assert res.returncode == 1, res.stdout  # done without evidence: invalid
    assert "missing-evidence" in res.stdout
