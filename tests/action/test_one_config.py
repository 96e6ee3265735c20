"""One repository, one judge: the CLI, the pre-commit hook and the Action read the same
defaults file (.launch-gate.yaml, or [tool.launch-gate] in pyproject.toml). The Action reads
it under the trust rule: at the base on pull requests, from the checkout otherwise; its
inputs still win."""

from __future__ import annotations

import contextlib
import io
import json
import shlex
from pathlib import Path

import pytest
import yaml

from launch_gate.main import main
from tests.action.conftest import BASE_SHA, REPO, ROOT, ActionRunner

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def unprofiled(action: ActionRunner) -> Path:
    path = action.manifest("startup-rag-assistant.yaml")
    lines = [x for x in path.read_text().splitlines() if not x.startswith("profile:")]
    path.write_text("\n".join(lines) + "\n")
    return path


def cli_profile(workspace: Path, argv: list[str]) -> str:
    out = io.StringIO()
    with contextlib.chdir(workspace), contextlib.redirect_stdout(out):
        main([*argv, "--format", "json", "--today", "2026-11-23"])
    return str(json.loads(out.getvalue())["profile"])


@pytest.mark.parametrize(
    ("file", "text"),
    [
        (".launch-gate.yaml", "profile: policies/team.yaml\n"),
        ("pyproject.toml", '[tool.launch-gate]\nprofile = "policies/team.yaml"\n'),
    ],
)
def test_cli_hook_and_action_judge_with_the_same_profile(
    action: ActionRunner, file: str, text: str
) -> None:
    unprofiled(action)
    (action.workspace / "policies").mkdir()
    (action.workspace / "policies" / "team.yaml").write_text("extends: enterprise\n")
    (action.workspace / file).write_text(text)
    hook = next(h for h in HOOKS if h["id"] == "launch-gate")
    argv = shlex.split(hook["entry"])[1:]
    assert cli_profile(action.workspace, ["check"]) == "team"
    assert cli_profile(action.workspace, [*argv, "readiness.yaml"]) == "team"
    run = action("push", comment="never")
    assert run.report is not None
    assert run.report["manifests"][0]["profile"] == "team"
    # The workflow's input still wins over the file.
    run = action("push", comment="never", profile="regulated")
    assert run.report is not None
    assert run.report["manifests"][0]["profile"] == "regulated"


def test_on_a_pull_request_the_bases_defaults_judge(action: ActionRunner) -> None:
    # The base says enterprise; the pull request rewrites the file to say mvp.
    manifest = unprofiled(action)
    action.fake.add_file(REPO, ".launch-gate.yaml", "profile: enterprise\n", ref=BASE_SHA)
    action.fake.add_file(REPO, "readiness.yaml", manifest.read_text(), ref=BASE_SHA)
    (action.workspace / ".launch-gate.yaml").write_text("profile: minimum-viable\n")
    run = action(comment="never")
    assert run.report is not None
    assert run.report["manifests"][0]["profile"] == "enterprise"


def test_a_base_whose_defaults_cannot_be_read_never_lets_the_heads_judge(
    action: ActionRunner,
) -> None:
    # Who controls what: the pull request writes a lax defaults file; GitHub (or whatever
    # stands in its place) fails every read of the base. The head's file must not judge.
    unprofiled(action)
    (action.workspace / ".launch-gate.yaml").write_text("profile: minimum-viable\n")
    action.fake.fail_next("GET", r"/contents/", 500, times=20)
    run = action(comment="never")
    assert run.code == 2, run.stdout
    assert run.outputs["verdict"] == "error"
    assert "cannot read the project's defaults at the base" in run.stdout
    assert run.report is not None
    assert run.report["manifests"] == []


def test_warn_days_from_the_file_unless_the_input_says(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    (action.workspace / ".launch-gate.yaml").write_text("warn_days: 400\n")
    run = action("push", comment="never")
    assert run.report is not None
    soon = [w for w in run.report["manifests"][0]["warnings"] if w["code"] == "expires-soon"]
    assert soon
    run = action("push", comment="never", warn_days="0")
    assert run.report is not None
    assert not [w for w in run.report["manifests"][0]["warnings"] if w["code"] == "expires-soon"]


def test_a_broken_defaults_file_is_exit_2_naming_it(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    (action.workspace / ".launch-gate.yaml").write_text("profle: enterprise\n")
    run = action("push", comment="never")
    assert run.code == 2
    assert ".launch-gate.yaml:1" in run.stdout
