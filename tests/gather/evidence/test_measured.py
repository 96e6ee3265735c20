"""Measured evidence end to end: a results file in the repository through `check`, and an
artifact of a workflow run through the GitHub port against the fake API (list the run's
artifacts, follow GitHub's 302 to the signed URL without our token, read one member).

GitHub's behaviour, from its REST docs: "List workflow run artifacts" (GET /repos/{owner}/
{repo}/actions/runs/{run_id}/artifacts, `name` filters by exact name), "Download an artifact"
(GET .../actions/artifacts/{artifact_id}/zip answers 302 with a Location that works for one
minute; 410 Gone once the artifact is past its retention); artifacts uploaded by
upload-artifact v4 and later carry a `digest`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from launch_gate.gather.evidence.verify import Target, verify_async
from launch_gate.judge.evidence import EvidenceResult
from launch_gate.judge.shape import validate
from launch_gate.judge.shapes import WorkflowEvidence
from launch_gate.main import main
from launch_gate.pipeline import evaluate_file
from tests.fakegithub import FakeGitHub
from tests.gather.evidence.conftest import LOOPBACK_ONLY, TODAY, settings

FIXTURES = Path(__file__).parent / "fixtures"
REPO = "acme/app"
PROMPTFOO = (FIXTURES / "promptfoo.json").read_bytes()
MANIFEST = """version: 1
system: {{name: bot}}
profile: minimum-viable
checks:
  eval.release-gated:
    status: done
    evidence:
      - results: evals/results.json
        format: promptfoo
        assert: {{pass_rate: "{bar}", tests: ">= 200"}}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "evals").mkdir()
    (tmp_path / "evals" / "results.json").write_bytes(PROMPTFOO)
    return tmp_path


def run_check(repo: Path, bar: str, *extra: str) -> tuple[int, dict[str, Any]]:
    (repo / "readiness.yaml").write_text(MANIFEST.format(bar=bar))
    out = repo / "report.json"
    flags = ["--offline", "--today", "2026-11-23", "--repo-root", str(repo)]
    code = main(["check", str(repo / "readiness.yaml"), *flags, "--format", "json",
                 "--output", str(out), *extra])  # fmt: skip
    return code, json.loads(out.read_text())


def release_gated(report: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in report["checks"] if c["id"] == "eval.release-gated")


def test_a_pass_rate_below_the_bar_is_broken_evidence_at_its_line(repo: Path) -> None:
    code, report = run_check(repo, ">= 0.98")
    assert code == 1
    check = release_gated(report)
    assert check["outcome"] == "invalid"
    [problem] = check["problems"]
    assert problem["code"] == "broken-evidence"
    assert problem["line"] == 8
    assert problem["message"].startswith(
        "results evals/results.json (promptfoo): pass_rate 0.97 (194 of 200) < 0.98 in "
        "evals/results.json; first failures: refund edge case 0: Expected output to mention"
    )


def test_a_pass_rate_that_holds_is_shown_with_its_numbers(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = run_check(repo, "95%")
    check = release_gated(report)
    assert code == 1  # the other checks minimum-viable requires are still undecided
    assert check["outcome"] == "passed"
    assert check["measured"] == [
        "pass rate 97.0% (194/200) ≥ 95%; tests 200 ≥ 200 in evals/results.json"
    ]
    main(["check", str(repo / "readiness.yaml"), "--offline", "--today", "2026-11-23",
          "--repo-root", str(repo), "-v"])  # fmt: skip
    assert "pass rate 97.0% (194/200) ≥ 95%" in capsys.readouterr().out
    # The sign-off record (and the job summary's every-check table) show it too.
    main(["export", str(repo / "readiness.yaml"), "--offline", "--today", "2026-11-23",
          "--repo-root", str(repo), "--format", "html"])  # fmt: skip
    assert "pass rate 97.0% (194/200) ≥ 95%" in capsys.readouterr().out


def test_a_results_file_that_is_not_its_format_names_the_file(repo: Path) -> None:
    (repo / "evals" / "results.json").write_text("<html>not results</html>")
    code, report = run_check(repo, ">= 0.9")
    assert code == 1
    [problem] = release_gated(report)["problems"]
    assert "evals/results.json is not promptfoo results: not JSON" in problem["message"]


def test_a_missing_results_file_is_broken(repo: Path) -> None:
    (repo / "evals" / "results.json").unlink()
    code, report = run_check(repo, ">= 0.9")
    assert code == 1
    assert "evals/results.json: file not found" in release_gated(report)["problems"][0]["message"]


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (("format: promptfoo", "format: promptfu"), "did you mean 'promptfoo'?"),
        (('tests: ">= 200"', 'test: ">= 200"'), "did you mean 'tests'?"),
        (('tests: ">= 200"', 'tests: "about 200"'), "is not an assertion"),
        (
            ("- results: evals/results.json", "- result: evals/results.json"),
            "did you mean 'results'?",
        ),
    ],
)
def test_a_mistake_in_the_item_is_exit_2_at_its_line(
    repo: Path, edit: tuple[str, str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "readiness.yaml").write_text(MANIFEST.format(bar=">= 0.9").replace(*edit))
    code = main(["check", str(repo / "readiness.yaml"), "--offline"])
    err = capsys.readouterr().err
    assert code == 2
    assert "readiness.yaml:" in err
    assert says in err


# -- an artifact of a workflow run, through the fake GitHub ---------------------------------


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)


def artifact_item(**changes: Any) -> WorkflowEvidence:
    data = {
        "workflow": "evals.yml",
        "branch": "main",
        "artifact": "promptfoo-results",
        "file": "output.json",
        "format": "promptfoo",
        "assert": {"pass_rate": ">= 0.95", "errors": "<= 1"},
    } | changes
    return validate(WorkflowEvidence, data)


def check_artifact(
    fake: FakeGitHub, root: Path, item: WorkflowEvidence, **kw: Any
) -> EvidenceResult:
    options: dict[str, Any] = {
        "github_token": "ghs_test",
        "github_api_url": fake.url,
        "github_repository": REPO,
    } | kw
    found = [Target(("eval.release-gated", "evidence", 0), item, "evidence")]
    results = asyncio.run(verify_async(found, settings(root, **options), guard=LOOPBACK_ONLY))
    return results[("eval.release-gated", "evidence", 0)]


@pytest.fixture
def green_run(fake_github: FakeGitHub) -> int:
    return fake_github.add_workflow_run(
        REPO,
        "evals.yml",
        "main",
        "success",
        updated_at=at("2026-11-21"),
        head_sha="c0ffee" * 6 + "abcd",
    )


def test_the_artifact_of_the_newest_green_run_is_read_and_judged(
    fake_github: FakeGitHub, green_run: int, tmp_path: Path
) -> None:
    fake_github.add_artifact(REPO, green_run, "promptfoo-results", {"output.json": PROMPTFOO})
    result = check_artifact(fake_github, tmp_path, artifact_item())
    assert (result.state, result.kind) == ("ok", "results")
    assert result.measured.startswith(
        "pass rate 97.0% (194/200) ≥ 95%; errors 1 ≤ 1 in evals.yml run #"
    )
    # The signed URL got no token of ours; the listing asked for the one name.
    listed = fake_github.calls("GET", "/artifacts")
    assert listed[0].query.get("name") == "promptfoo-results"


def test_numbers_below_the_bar_name_the_run(
    fake_github: FakeGitHub, green_run: int, tmp_path: Path
) -> None:
    fake_github.add_artifact(REPO, green_run, "promptfoo-results", {"output.json": PROMPTFOO})
    result = check_artifact(
        fake_github, tmp_path, artifact_item(**{"assert": {"pass_rate": ">= 0.99"}})
    )
    assert result.state == "broken"
    assert result.reason.startswith("pass_rate 0.97 (194 of 200) < 0.99 in evals.yml run #")
    assert ", c0ffeec, 2026-11-21" in result.reason


@pytest.mark.parametrize(
    ("setup", "state", "says"),
    [
        ("expired", "broken", "has expired (past its retention)"),
        ("absent", "broken", "uploaded no artifact named promptfoo-results"),
        ("twice", "broken", "has 2 artifacts named promptfoo-results"),
        ("wrong digest", "broken", "do not match the digest"),
        ("two files, none named", "broken", "2 files in the artifact"),
        ("stale signed URL", "ok", ""),
    ],
)
def test_artifact_failures_say_what_to_do(
    fake_github: FakeGitHub, green_run: int, tmp_path: Path, setup: str, state: str, says: str
) -> None:
    item = artifact_item()
    files = {"output.json": PROMPTFOO}
    if setup == "expired":
        fake_github.add_artifact(REPO, green_run, "promptfoo-results", files, expired=True)
    elif setup == "twice":
        fake_github.add_artifact(REPO, green_run, "promptfoo-results", files)
        fake_github.add_artifact(REPO, green_run, "promptfoo-results", files)
    elif setup == "wrong digest":
        fake_github.add_artifact(
            REPO, green_run, "promptfoo-results", files, digest="sha256:" + "0" * 64
        )
    elif setup == "two files, none named":
        item = artifact_item(file=None)
        fake_github.add_artifact(REPO, green_run, "promptfoo-results", files | {"b.json": b"{}"})
    elif setup == "stale signed URL":
        fake_github.add_artifact(REPO, green_run, "promptfoo-results", files)
        fake_github.stale_blobs = 1  # the first URL expired before it was used: ask again
    result = check_artifact(fake_github, tmp_path, item)
    assert result.state == state, result
    assert says in result.reason


def test_a_forks_or_a_pull_requests_run_never_gives_the_numbers(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    # The repository's own green run on main has numbers below the bar; a fork's pull
    # request run from a branch named main uploads perfect ones.
    own = fake_github.add_workflow_run(
        REPO, "evals.yml", "main", "success", updated_at=at("2026-11-20")
    )
    fork = fake_github.add_workflow_run(
        REPO, "evals.yml", "main", "success", updated_at=at("2026-11-22"),
        event="pull_request", head_repo="mallory/app",
    )  # fmt: skip
    perfect = json.loads(PROMPTFOO)
    perfect["results"]["stats"] = {"successes": 200, "failures": 0, "errors": 0}
    fake_github.add_artifact(
        REPO, fork, "promptfoo-results", {"output.json": json.dumps(perfect).encode()}
    )
    fake_github.add_artifact(REPO, own, "promptfoo-results", {"output.json": PROMPTFOO})
    result = check_artifact(
        fake_github, tmp_path, artifact_item(**{"assert": {"pass_rate": ">= 0.99"}})
    )
    assert result.state == "broken"
    assert "pass_rate 0.97 (194 of 200)" in result.reason


def test_without_actions_read_the_permission_is_named(
    fake_github: FakeGitHub, green_run: int, tmp_path: Path
) -> None:
    from tests.fakegithub import Installation

    fake_github.add_artifact(REPO, green_run, "promptfoo-results", {"output.json": PROMPTFOO})
    fake_github.installation = Installation(REPO, {"contents": "read"})
    result = check_artifact(fake_github, tmp_path, artifact_item())
    assert result.state == "unreachable"
    assert "add `actions: read`" in result.reason or "actions=read" in result.reason


def test_offline_an_artifact_is_skipped_a_repository_file_is_read(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    result = check_artifact(fake_github, tmp_path, artifact_item(), offline=True)
    assert (result.state, result.reason) == ("skipped", "offline")


def test_a_pull_request_that_edits_the_workflow_does_not_certify_itself(
    fake_github: FakeGitHub, green_run: int, tmp_path: Path
) -> None:
    # Nobody certifies themselves: the base's evals.yml differs from the pull request's.
    from launch_gate.load.tree import WorkingTree

    fake_github.add_artifact(REPO, green_run, "promptfoo-results", {"output.json": PROMPTFOO})
    head = tmp_path / "head"
    base = tmp_path / "base"
    for root, text in ((head, "run: promptfoo eval || true\n"), (base, "run: promptfoo eval\n")):
        (root / ".github" / "workflows").mkdir(parents=True)
        (root / ".github" / "workflows" / "evals.yml").write_text(text)
    result = check_artifact(fake_github, head, artifact_item(), base=WorkingTree(base))
    assert result.state == "broken"
    assert "this change edits .github/workflows/evals.yml" in result.reason
    shutil.copy(base / ".github/workflows/evals.yml", head / ".github/workflows/evals.yml")
    assert check_artifact(fake_github, head, artifact_item(), base=WorkingTree(base)).state == "ok"


def test_the_judged_check_counts_the_artifacts_numbers(
    fake_github: FakeGitHub, green_run: int, tmp_path: Path
) -> None:
    fake_github.add_artifact(REPO, green_run, "promptfoo-results", {"output.json": PROMPTFOO})
    manifest = tmp_path / "readiness.yaml"
    manifest.write_text(
        "version: 1\nsystem: {name: bot}\nprofile: minimum-viable\nchecks:\n"
        "  eval.release-gated:\n    status: done\n    evidence:\n"
        "      - {workflow: evals.yml, branch: main, artifact: promptfoo-results,\n"
        "         file: output.json, format: promptfoo, assert: {pass_rate: '>= 0.99'}}\n"
    )
    evidence = settings(tmp_path, github_token="t", github_api_url=fake_github.url,
                        github_repository=REPO, allow_private_hosts=True)  # fmt: skip
    ev = evaluate_file(manifest, today=TODAY, evidence=evidence)
    result = next(r for r in ev.checks if r.check.id == "eval.release-gated")
    assert result.outcome == "invalid"
    assert result.problems[0].line == 8


def test_the_comment_and_the_summary_show_the_numbers_that_held(repo: Path) -> None:
    from launch_gate.gather.evidence.settings import Settings
    from launch_gate.report.run import Section
    from tests.viewing import render_body, render_comment

    (repo / "readiness.yaml").write_text(MANIFEST.format(bar="95%"))
    evidence = Settings(today=TODAY, offline=True, repo_root=repo)
    ev = evaluate_file(repo / "readiness.yaml", today=TODAY, evidence=evidence)
    section = Section("readiness.yaml", ev)
    said = "pass rate 97.0% (194/200) ≥ 95%; tests 200 ≥ 200 in evals/results.json"
    assert said in render_comment([section], "readiness.yaml", None)
    assert said in render_body([section], full=True)
