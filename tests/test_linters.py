"""The repository's own CI files pass the linters GitHub users will run on them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKFLOWS = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
# The workflows the README and docs show users, kept as files so they are linted as ours are.
EXAMPLES = sorted(str(p) for p in (ROOT / "examples" / "workflows").glob("*.yml"))

COMMANDS = {
    "actionlint": [str(BIN / "actionlint"), *WORKFLOWS, *EXAMPLES],
    "workflow-schema": [
        str(BIN / "check-jsonschema"),
        "--builtin-schema",
        "vendor.github-workflows",
        *WORKFLOWS,
        *EXAMPLES,
    ],
    "action-schema": [
        str(BIN / "check-jsonschema"),
        "--builtin-schema",
        "vendor.github-actions",
        str(ROOT / "action.yml"),
    ],
    "zizmor": [str(BIN / "zizmor"), "--offline", str(ROOT / ".github" / "workflows")],
    "zizmor-examples": [
        str(BIN / "zizmor"),
        "--offline",
        "--config",
        str(ROOT / "examples" / "zizmor.yml"),
        *EXAMPLES,
    ],
    "hadolint": [str(BIN / "hadolint"), str(ROOT / "Dockerfile")],
}


def test_there_are_workflows_to_lint() -> None:
    assert {Path(w).name for w in WORKFLOWS} >= {"ci.yml", "self-test.yml", "release.yml"}
    assert len(EXAMPLES) >= 7


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_linter_passes(name: str) -> None:
    proc = subprocess.run(
        COMMANDS[name], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, f"{name} failed:\n{proc.stdout}\n{proc.stderr}"


def test_every_test_path_a_workflow_runs_exists() -> None:
    # A suite moved in the tree and left behind in a workflow is an error nobody sees until
    # the macOS and Windows jobs run on GitHub.
    import re

    import yaml

    named = []
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for job in yaml.safe_load(path.read_text())["jobs"].values():
            for step in job.get("steps", []):
                named += re.findall(r"(?:--ignore=)?(tests/[\w/.-]+)", str(step.get("run", "")))
    assert named, "the CLI job names its suites"
    missing = [p for p in named if not (ROOT / p).exists()]
    assert not missing, missing
