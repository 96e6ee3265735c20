"""A results file the gate would read outside the repository: never opened.

Who controls it: a pull request writes `results:` (the manifest is its content) and can
commit a symlink. Pointed at a file on the runner, the numbers in it must not back a check
and nothing of it may reach a report (a failing read quotes the first failures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from launch_gate.main import main
from tests.gather.evidence.test_measured import MANIFEST, PROMPTFOO

SECRET = "RUNNER-SECRET-7f3a"


def manifest(path: str) -> str:
    # The measured-evidence suite's manifest, its results file named by the pull request.
    return MANIFEST.format(bar=">= 0.99").replace("evals/results.json", path)


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("../outside/results.json", "would leave the repository"),
        ("{outside}/results.json", "an absolute path"),
        ("evals/link.json", "a symlink points outside the repository"),
    ],
    ids=["dot-dot", "absolute", "symlink"],
)
def test_a_results_file_outside_the_repository_is_refused_unread(
    tmp_path: Path, path: str, why: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    # Failing results whose first failure names the secret: read, it would be quoted.
    data = json.loads(PROMPTFOO)
    for result in data["results"]["results"]:
        result["testCase"] = {"description": SECRET}
        result["success"] = False
    (outside / "results.json").write_text(json.dumps(data))
    repo = tmp_path / "repo"
    (repo / "evals").mkdir(parents=True)
    (repo / "evals" / "link.json").symlink_to(outside / "results.json")
    (repo / "readiness.yaml").write_text(manifest(path.format(outside=outside)))
    out = tmp_path / "report.json"
    code = main(["check", str(repo / "readiness.yaml"), "--offline", "--today", "2026-11-23",
                 "--repo-root", str(repo), "--format", "json", "--output", str(out)])  # fmt: skip
    text = out.read_text()
    check = next(c for c in json.loads(text)["checks"] if c["id"] == "eval.release-gated")
    assert check["outcome"] == "invalid"
    assert any(why in p["message"] for p in check["problems"]), check["problems"]
    assert SECRET not in text
    assert code == 1  # the check it was to back is invalid: the gate fails
