"""pull_request_target: judged only when the checkout is the pull request's head."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.action.conftest import PR, ActionRunner, pull_payload


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def checkout(action: ActionRunner) -> str:
    action.manifest("enterprise-agent.yaml")
    git(action.workspace, "init", "-q")
    git(action.workspace, "add", "-A")
    git(action.workspace, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "base")
    return git(action.workspace, "rev-parse", "HEAD")


def test_the_base_branch_checkout_is_refused(action: ActionRunner) -> None:
    checkout(action)
    run = action("pull_request_target", pull_payload())
    assert run.code == 2
    assert "pull_request_target runs on the base branch's checkout" in run.stdout
    assert action.fake.comments("acme/app", PR) == []


def test_a_checkout_of_the_pull_requests_head_is_judged(action: ActionRunner) -> None:
    head = checkout(action)
    payload = pull_payload()
    payload["pull_request"]["head"]["sha"] = head
    action.fake.add_pull("acme/app", 9, head_sha=head)
    payload["number"] = payload["pull_request"]["number"] = 9
    run = action("pull_request_target", payload, extra_env={"GITHUB_SHA": head})
    assert run.code == 1  # the manifest's own verdict
    assert run.outputs["verdict"] == "fail"
