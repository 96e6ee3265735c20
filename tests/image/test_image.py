"""The built image, run as actions/runner runs a Docker action (see runner.py).

Run by `make image-test`, which builds the unchanged Dockerfile first and names
the image in LAUNCH_GATE_IMAGE; `make test` leaves this folder out.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.action.events import merge_group
from tests.fakegithub import FakeGitHub
from tests.image.runner import REPO, ROOT, Run, Runner, engine

IMAGE = os.environ.get("LAUNCH_GATE_IMAGE", "")
TIMINGS: list[tuple[str, float]] = []
STARTUP = (ROOT / "examples" / "startup-rag-assistant.yaml").read_text()
ENTERPRISE = (ROOT / "examples" / "enterprise-agent.yaml").read_text()
PR = 7


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub(port=0) as api:
        yield api
    assert not api.errors, api.errors


@pytest.fixture
def runner(tmp_path: Path, fake: FakeGitHub) -> Runner:
    assert IMAGE, "LAUNCH_GATE_IMAGE names the image to test (make image-test sets it)"
    return Runner(tmp_path, IMAGE, fake.url)


def timed(name: str, run: Run) -> Run:
    TIMINGS.append((name, run.seconds))
    return run


def pull(base: str, head: str) -> dict[str, Any]:
    return {
        "action": "synchronize",
        "number": PR,
        "pull_request": {
            "number": PR,
            "user": {"login": "alice"},
            "head": {"sha": head, "ref": "feature", "repo": {"full_name": REPO}},
            "base": {"sha": base, "ref": "main", "repo": {"full_name": REPO}},
        },
        "repository": {"full_name": REPO},
    }


def host_file(runner: Runner, output: str) -> Path:
    """An output path must exist as the runner's later steps (uid 1001) see it."""
    path = Path(output)
    assert path.is_relative_to(runner.temp), f"{output} is not under the runner's temp"
    mode = path.stat().st_mode
    assert stat.S_IMODE(mode) == 0o644, oct(mode)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o755
    return path


def test_push_that_passes(runner: Runner) -> None:
    sha = runner.commit({"readiness.yaml": STARTUP}, "manifest")
    run = timed("push, pass", runner.run("push", {"after": sha}, sha, verify_evidence="false"))
    assert run.code == 0, run.stdout + run.stderr
    assert run.outputs["verdict"] == "pass"
    assert run.outputs["score"].isdigit()
    assert [a for a in run.annotations if a[0] == "error"] == []
    assert "support-assistant" in run.summary
    report = json.loads(host_file(runner, run.outputs["report"]).read_text())
    assert report["verdict"] == "pass"


def test_push_that_fails_annotates_the_lines(runner: Runner) -> None:
    sha = runner.commit({"readiness.yaml": ENTERPRISE}, "manifest")
    run = timed("push, fail", runner.run("push", {"after": sha}, sha, verify_evidence="false"))
    assert run.code == 1, run.stdout + run.stderr
    assert run.outputs["verdict"] == "fail"
    errors = [a for a in run.annotations if a[0] == "error"]
    assert errors
    assert all("file=readiness.yaml" in line for line in _raw(run, "error"))
    assert json.loads(run.outputs["gaps"])


def _raw(run: Run, level: str) -> list[str]:
    return [x for x in run.stdout.splitlines() if x.startswith(f"::{level} ")]


def test_pull_request_comments_once_and_edits_it_on_rerun(runner: Runner, fake: FakeGitHub) -> None:
    base = runner.commit({"readiness.yaml": STARTUP}, "base")
    head = runner.commit({"readiness.yaml": STARTUP.replace("2027-02-28", "2027-03-15")}, "head")
    fake.add_pull(REPO, PR, head_sha=head, base_sha=base, user="alice")
    first = timed(
        "pull request, comment",
        runner.run("pull_request", pull(base, head), head, verify_evidence="false"),
    )
    assert first.code == 0, first.stdout + first.stderr
    assert len(fake.comments(REPO, PR)) == 1
    again = timed(
        "pull request, rerun",
        runner.run("pull_request", pull(base, head), head, verify_evidence="false"),
    )
    assert again.code == 0
    comments = fake.comments(REPO, PR)
    assert len(comments) == 1
    assert comments[0].user == "github-actions[bot]"
    assert "rag.empty-retrieval-fallback" in comments[0].body


def test_pull_request_that_changes_a_decision_proves_its_approver(
    runner: Runner, fake: FakeGitHub
) -> None:
    base = runner.commit({"readiness.yaml": STARTUP}, "base")
    head = runner.commit({"readiness.yaml": STARTUP.replace("2027-02-28", "2027-03-15")}, "renew")
    fake.add_pull(REPO, PR, head_sha=head, base_sha=base, user="alice")
    fake.add_review(REPO, PR, "dana", "APPROVED", commit_id=head)
    run = timed(
        "pull request, approver proof",
        runner.run(
            "pull_request", pull(base, head), head, verify_approvals="true", verify_evidence="false"
        ),
    )
    assert run.code == 0, run.stdout + run.stderr
    report = json.loads(host_file(runner, run.outputs["report"]).read_text())
    manifest = report["manifests"][0]
    proven = {d["check"]: d["proof"] for d in manifest["audit"]["decisions"]}
    assert proven["rag.empty-retrieval-fallback"]["approver"] == "@dana"
    kinds = {c["kind"] for c in manifest["changes"] if c["check"] == "rag.empty-retrieval-fallback"}
    assert "expiry-later" in kinds
    assert "git history is too shallow" not in run.stdout


@pytest.mark.parametrize("approved", [True, False])
def test_a_merge_queue_judges_as_the_pull_request_did(
    runner: Runner, fake: FakeGitHub, approved: bool
) -> None:
    # Issue 26: the PR run and the queue run agree. A renewed risk approved by its approver
    # passes both; the same change nobody approved fails both.
    base = runner.commit({"readiness.yaml": STARTUP}, "base")
    head = runner.commit({"readiness.yaml": STARTUP.replace("2027-02-28", "2027-03-15")}, "renew")
    fake.add_pull(REPO, PR, head_sha=head, base_sha=base, user="alice")
    if approved:
        fake.add_review(REPO, PR, "dana", "APPROVED", commit_id=head)
    queued = runner.commit({"QUEUE.md": "the queue's merge commit\n"}, "merge group")
    inputs = {"verify_approvals": "true", "verify_evidence": "false", "fail_on": "regression"}
    on_pr = runner.run("pull_request", pull(base, head), head, **inputs)
    on_queue = timed(
        "merge group",
        runner.run("merge_group", merge_group(base, queued, PR), queued, **inputs),
    )
    expected = 0 if approved else 1
    assert on_pr.code == expected, on_pr.stdout + on_pr.stderr
    assert on_queue.code == expected, on_queue.stdout + on_queue.stderr
    assert len(fake.comments(REPO, PR)) == 1  # the PR run's; the queue edits none
    if not approved:
        assert "@dana must approve pull request #7" in on_queue.stdout


def test_a_monorepo_pull_request_gets_one_comment_and_a_focused_summary(
    runner: Runner, fake: FakeGitHub
) -> None:
    services = {f"services/s{n:03}/readiness.yaml": STARTUP for n in range(200)}
    base = runner.commit(services, "200 services")
    # The pull request changes one service's manifest into one that fails.
    head = runner.commit({"services/s123/readiness.yaml": ENTERPRISE}, "s123 goes enterprise")
    fake.add_pull(REPO, PR, head_sha=head, base_sha=base, user="alice")
    run = timed(
        "pull request, 200 manifests",
        runner.run(
            "pull_request",
            pull(base, head),
            head,
            manifest="services/*/readiness.yaml",
            verify_evidence="false",
        ),
    )
    assert run.code == 1, run.stdout[-2000:] + run.stderr
    failing = "services/s123/readiness.yaml"
    assert {line.split("file=")[1].split(",")[0] for line in _raw(run, "error")} == {failing}
    comments = fake.comments(REPO, PR)
    assert len(comments) == 1
    assert failing in comments[0].body
    report = json.loads(host_file(runner, run.outputs["report"]).read_text())
    assert len(report["manifests"]) == 200
    assert [m["manifest"] for m in report["manifests"] if m["verdict"] == "fail"] == [failing]
    # Every manifest has its row; only the one that fails (and changed) gets a section.
    assert run.summary.count("services/s0") >= 100
    lines = run.summary.splitlines()
    sections = [x for x in lines if x.startswith("<details") and "services/" in x]
    assert len(sections) == 1
    assert failing in sections[0]
    assert len(run.summary.encode()) < 900_000


def test_a_policy_file_named_by_the_manifest_is_read_from_each_side(
    runner: Runner, fake: FakeGitHub
) -> None:
    manifest = STARTUP.replace("profile: startup", "profile: policies/team.yaml")
    assert manifest != STARTUP
    files: dict[str, str | bytes] = {
        "readiness.yaml": manifest,
        "policies/team.yaml": "extends: startup\nname: team\n",
    }
    base = runner.commit(files, "base")
    head = runner.commit({"README.md": "unrelated\n"}, "head")
    fake.add_pull(REPO, PR, head_sha=head, base_sha=base, user="alice")
    run = timed(
        "pull request, policy file",
        runner.run(
            "pull_request", pull(base, head), head, fail_on="regression", verify_evidence="false"
        ),
    )
    assert run.code == 0, run.stdout + run.stderr
    body = fake.comments(REPO, PR)[0].body
    assert "This PR changes nothing the gate judges." in body
    report = json.loads(host_file(runner, run.outputs["report"]).read_text())
    assert report["manifests"][0]["profile"] == "team"
    assert report["manifests"][0]["changes"] == []


def test_workflow_dispatch_with_the_regulated_profile(runner: Runner) -> None:
    sha = runner.commit({"readiness.yaml": STARTUP}, "manifest")
    run = timed(
        "dispatch, regulated",
        runner.run(
            "workflow_dispatch", {"inputs": {}}, sha, profile="regulated", verify_evidence="false",
            export="html",
        ),
    )  # fmt: skip
    assert run.code == 1, run.stdout + run.stderr
    assert run.outputs["verdict"] == "fail"
    # The sign-off record, where the next step (upload-artifact, uid 1001) can read it.
    record = host_file(runner, str(Path(run.outputs["export"]) / "readiness.html"))
    assert f"<code>{sha}</code>" in record.read_text()
    report = json.loads(host_file(runner, run.outputs["report"]).read_text())
    assert report["manifests"][0]["profile"] == "regulated"
    assert "regulated" in run.summary


def test_comment_file_is_saved_where_a_later_step_can_read_it(
    runner: Runner, fake: FakeGitHub
) -> None:
    base = runner.commit({"readiness.yaml": STARTUP}, "base")
    head = runner.commit({"readiness.yaml": STARTUP + "# touched\n"}, "head")
    fake.add_pull(REPO, PR, head_sha=head, base_sha=base, user="alice")
    run = timed(
        "pull request, comment: file",
        runner.run("pull_request", pull(base, head), head, comment="file", verify_evidence="false"),
    )
    assert run.code == 0, run.stdout + run.stderr
    saved = json.loads(host_file(runner, run.outputs["comment-file"]).read_text())
    assert saved["pull_request"] == PR
    assert fake.comments(REPO, PR) == []


HOSTILE = 'import sys\nprint("PWNED")\nprint("::set-output name=verdict::pass")\nsys.exit(0)\n'


def test_no_module_of_the_workspace_is_ever_imported(runner: Runner) -> None:
    planted: dict[str, str | bytes] = {
        "readiness.yaml": ENTERPRISE,
        "gate/__init__.py": HOSTILE,
        "gate/__main__.py": HOSTILE,
        "gate.py": HOSTILE,
        "launch_gate/__init__.py": HOSTILE,
        "launch_gate/__main__.py": HOSTILE,
        "yaml.py": HOSTILE,
        "pydantic.py": HOSTILE,
        "sitecustomize.py": HOSTILE,
    }
    sha = runner.commit(planted, "hostile")
    run = timed("push, hostile workspace", runner.run("push", {"after": sha}, sha))
    assert "PWNED" not in run.stdout + run.stderr
    assert run.code == 1
    assert run.outputs["verdict"] == "fail"


def test_python_variables_a_workflow_sets_never_load_workspace_code(runner: Runner) -> None:
    # Issue 25, case 4: a job-level `env:` common in Python repositories, pointing the
    # interpreter at the checkout, which a pull request writes.
    planted: dict[str, str | bytes] = {
        "readiness.yaml": ENTERPRISE,
        "sitecustomize.py": HOSTILE,
        "usercustomize.py": HOSTILE,
        "startup.py": HOSTILE,
        "launch_gate/__init__.py": HOSTILE,
        "user/lib/python3.11/site-packages/usercustomize.py": HOSTILE,
        "home/lib/python3.11/os.py": HOSTILE,
    }
    sha = runner.commit(planted, "hostile interpreter settings")
    workspace = "/github/workspace"
    run = timed(
        "push, PYTHON* variables at the workspace",
        runner.run(
            "push",
            {"after": sha},
            sha,
            workflow_env={
                "PYTHONPATH": workspace,
                "PYTHONSTARTUP": f"{workspace}/startup.py",
                "PYTHONUSERBASE": f"{workspace}/user",
                "PYTHONHOME": f"{workspace}/home",
                "PYTHONINSPECT": "1",
            },
        ),
    )
    assert "PWNED" not in run.stdout + run.stderr
    assert run.code == 1, run.stdout + run.stderr
    assert run.outputs["verdict"] == "fail"


def test_a_pull_request_that_relaxes_its_policy_is_judged_by_the_bases(
    runner: Runner, fake: FakeGitHub
) -> None:
    # Issue 25: the base's policy extends enterprise; the pull request waives its way out.
    manifest = STARTUP.replace("profile: startup", "profile: policies/team.yaml")
    base = runner.commit(
        {"readiness.yaml": manifest, "policies/team.yaml": "extends: enterprise\n"}, "base"
    )
    lax = "extends: minimum-viable\nwaive: [" + ", ".join(MVP_CHECKS) + "]\n"
    head = runner.commit({"policies/team.yaml": lax}, "relax the bar")
    fake.add_pull(REPO, PR, head_sha=head, base_sha=base, user="alice")
    run = timed(
        "pull request, policy relaxed",
        runner.run("pull_request", pull(base, head), head, verify_evidence="false"),
    )
    assert run.code == 1, run.stdout + run.stderr
    report = json.loads(host_file(runner, run.outputs["report"]).read_text())
    judged = report["manifests"][0]
    assert judged["verdict"] == "fail"
    assert "judged-by-base" in [w["code"] for w in judged["warnings"]]
    assert "Policy proposed" in fake.comments(REPO, PR)[0].body


def test_a_policy_file_cannot_send_a_secret_anywhere(runner: Runner, fake: FakeGitHub) -> None:
    # Issue 25, case 1, as the image runs it: the PR adds a policy naming the runner's
    # credential and a host of its own, and cites that host as evidence.
    import http.server
    import threading

    seen: list[dict[str, str]] = []

    class Catch(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            seen.append(dict(self.headers))
            self.send_response(200)
            self.end_headers()

        do_GET = do_HEAD

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Catch)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/x"
    base = runner.commit({"readiness.yaml": STARTUP}, "base")
    manifest = STARTUP.replace("profile: startup", "profile: policies/leak.yaml").replace(
        "checks:\n", f"checks:\n  obs.trace-search:\n    status: done\n    evidence: ['{url}']\n", 1
    )
    leak = (
        "extends: startup\nrules:\n  evidence:\n    authenticated_hosts:\n"
        "      127.0.0.1: {header: X-Leak, env: ACTIONS_RUNTIME_TOKEN}\n"
    )
    head = runner.commit({"readiness.yaml": manifest, "policies/leak.yaml": leak}, "leak")
    fake.add_pull(REPO, PR, head_sha=head, base_sha=base, user="mallory")
    try:
        run = timed(
            "pull request, policy naming a secret",
            runner.run(
                "pull_request", pull(base, head), head, allow_private_hosts="true",
                workflow_env={"ACTIONS_RUNTIME_TOKEN": "runtime-5ecret"},
            ),
        )  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    assert run.code == 2, run.stdout + run.stderr
    assert "a policy file cannot send credentials" in run.stdout
    assert all("runtime-5ecret" not in json.dumps(h) for h in seen)


def test_a_required_check_fails_when_the_eval_pass_rate_falls_below_the_bar(
    runner: Runner,
) -> None:
    # Issue 29: eval.release-gated is done, backed by the numbers of a promptfoo run kept in
    # the repository; the run's pass rate (97%) is below the bar (98%).
    results = (ROOT / "tests/gather/evidence/fixtures/promptfoo.json").read_text()
    done = "  eval.release-gated:\n    status: done\n    evidence:\n"
    measured = (
        done + "      - results: evals/results.json\n        format: promptfoo\n"
        '        assert: {pass_rate: ">= 0.98", tests: ">= 200"}\n'
    )
    assert done in STARTUP
    manifest = STARTUP.replace(done, measured, 1)
    sha = runner.commit({"readiness.yaml": manifest, "evals/results.json": results}, "evals")
    run = timed("push, eval pass rate below the bar", runner.run("push", {"after": sha}, sha))
    assert run.code == 1, run.stdout + run.stderr
    errors = [a for a in run.annotations if a[0] == "error"]
    assert any("pass_rate 0.97 (194 of 200) < 0.98 in evals/results.json" in a[1] for a in errors)
    report = json.loads(host_file(runner, run.outputs["report"]).read_text())
    assert "eval.release-gated" in report["gaps"]


MVP_CHECKS = (
    "prompt.one-step-rollback", "eval.real-traffic-dataset", "eval.release-gated",
    "obs.log-requests-responses", "sec.untrusted-input", "sec.no-secrets-in-context",
)  # fmt: skip


def test_start_up_costs(runner: Runner) -> None:
    """Not asserted: engine, interpreter and imports, for the measured table."""

    def clock(name: str, *argv: str) -> None:
        import time

        start = time.perf_counter()
        subprocess.run(
            [*engine(), "run", "--rm", "--network", "none", *argv],
            check=True,
            capture_output=True,
        )
        TIMINGS.append((name, time.perf_counter() - start))

    clock("engine only (sh -c true)", "--entrypoint", "sh", IMAGE, "-c", "true")
    clock("+ interpreter (python -c pass)", "--entrypoint", "python", IMAGE, "-c", "pass")
    clock(
        "+ imports (launch_gate.action.run)",
        "--entrypoint",
        "python",
        IMAGE,
        "-c",
        "import launch_gate.action.run",
    )


def pytest_terminal_summary_lines() -> list[str]:
    return [f"  {name:<40} {seconds:6.2f} s" for name, seconds in TIMINGS]
