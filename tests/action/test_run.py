"""The action mode end to end, as a subprocess against the fake GitHub API."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.action.conftest import EXAMPLES, HEAD_SHA, PR, REPO, ActionRunner, pull_payload

MARKER = "<!-- launch-gate:readiness.yaml -->"


def comment_calls(action: ActionRunner) -> list[str]:
    return [f"{r.method} {r.path}" for r in action.fake.requests if "comments" in r.path]


def test_passing_pr_creates_one_comment_and_reports_everywhere(action: ActionRunner) -> None:
    judged = action.manifest("startup-rag-assistant.yaml").read_bytes()
    run = action()
    assert run.code == 0, run.stdout + run.stderr
    assert run.outputs["verdict"] == "pass"
    assert json.loads(run.outputs["gaps"]) == []
    assert run.report is not None
    assert run.report["manifests"][0]["verdict"] == "pass"
    audit = run.report["manifests"][0]["audit"]
    assert audit["manifest_sha256"] == hashlib.sha256(judged).hexdigest()
    assert audit["commit"] == HEAD_SHA
    assert run.outputs["score"] == str(run.report["score"])
    assert run.outputs["report"].startswith(str(run.temp))
    assert "launch-gate: pass" in run.summary
    assert "PR comment on #7: created" in run.summary
    (comment,) = action.fake.comments(REPO, PR)
    assert comment.body.startswith(MARKER)
    assert "Every check this profile requires is settled" in comment.body
    assert "::error" not in run.stdout
    assert comment_calls(action) == [
        f"GET /repos/{REPO}/issues/{PR}/comments",
        f"POST /repos/{REPO}/issues/{PR}/comments",
        # Listed again: a run racing ours may have created one too (one is kept).
        f"GET /repos/{REPO}/issues/{PR}/comments",
    ]


def test_second_run_edits_the_same_comment_never_a_second(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    assert action().code == 0
    (first,) = action.fake.comments(REPO, PR)
    # A new push makes a manifest that now fails: the comment follows it in place.
    action.manifest("enterprise-agent.yaml")
    run = action()
    assert run.code == 1
    (second,) = action.fake.comments(REPO, PR)
    assert second.id == first.id
    assert "launch-gate: fail" in second.body
    assert comment_calls(action)[-2:] == [
        f"GET /repos/{REPO}/issues/{PR}/comments",
        f"PATCH /repos/{REPO}/issues/comments/{first.id}",
    ]
    # A rerun that changes nothing sends no write at all.
    before = len(action.fake.requests)
    assert action().code == 1
    assert [r.method for r in action.fake.requests[before:] if "comments" in r.path] == ["GET"]


def test_failing_gate_annotates_lines_and_comments_before_failing(action: ActionRunner) -> None:
    action.manifest("enterprise-agent.yaml")
    run = action()
    assert run.code == 1
    assert run.outputs["verdict"] == "fail"
    assert "eval.hallucination-tracked" in json.loads(run.outputs["gaps"])
    errors = [x for x in run.stdout.splitlines() if x.startswith("::error ")]
    # Written-but-wrong decisions come before undecided checks.
    assert errors[0] == (
        "::error file=readiness.yaml,line=54,title=eval.hallucination-tracked::expired on "
        "2026-10-01 [expired]. Fix: after a fresh look, `launch-gate renew "
        "eval.hallucination-tracked --days N` sets a new `expires` date; or close the gap"
    )
    assert "[undecided]" in errors[-1]
    (comment,) = action.fake.comments(REPO, PR)
    assert "Undecided gaps (5)" in comment.body


def test_fail_on_never_reports_without_failing(action: ActionRunner) -> None:
    action.manifest("enterprise-agent.yaml")
    run = action(fail_on="never", comment="never")
    assert (run.code, run.outputs["verdict"]) == (0, "fail")
    assert action.fake.requests == []


def test_fork_pr_403_warns_and_keeps_the_verdict(action: ActionRunner) -> None:
    action.manifest("enterprise-agent.yaml")
    action.fake.fail_next(
        "POST",
        r"/issues/\d+/comments$",
        403,
        body={"message": "Resource not accessible by integration"},
    )
    run = action(payload=pull_payload(fork=True))
    assert run.code == 1
    assert run.outputs["verdict"] == "fail"
    warning = next(x for x in run.stdout.splitlines() if x.startswith("::warning"))
    assert "title=launch-gate%3A PR comment" in warning
    assert "read-only token" in warning
    assert "could not comment" in run.summary
    assert "launch-gate: fail" in run.summary
    assert action.fake.comments(REPO, PR) == []


def test_500_then_200_is_retried(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    action.fake.fail_next("GET", r"/issues/\d+/comments$", 500)
    run = action()
    assert run.code == 0
    assert len(action.fake.comments(REPO, PR)) == 1
    assert [c.split()[0] for c in comment_calls(action)] == ["GET", "GET", "POST", "GET"]


def test_rate_limit_waits_for_retry_after_then_gives_up_bounded(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    limited = {"Retry-After": "0", "X-RateLimit-Remaining": "0"}
    action.fake.fail_next(
        "POST",
        r"/comments$",
        403,
        body={"message": "API rate limit exceeded"},
        headers=limited,
        times=9,
    )
    run = action()
    assert run.code == 0  # the comment failing never changes the verdict
    posts = [c for c in comment_calls(action) if c.startswith("POST")]
    assert len(posts) == 4  # bounded: the first try and three retries
    assert "could not comment" in run.stdout


def test_monorepo_one_verdict_one_comment_a_section_each(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml", "services/search/readiness.yaml")
    action.manifest("enterprise-agent.yaml", "services/agent/readiness.yaml")
    run = action(manifest="services/*/readiness.yaml")
    assert run.code == 1
    assert run.outputs["verdict"] == "fail"
    assert run.report is not None
    assert len(run.report["manifests"]) == 2
    (comment,) = action.fake.comments(REPO, PR)
    assert comment.body.startswith("<!-- launch-gate:services/*/readiness.yaml -->")
    assert "launch-gate: fail (2 manifests)" in comment.body
    assert re.search(r"\| `services/agent/readiness.yaml` \|.*❌ fail", comment.body)
    assert re.search(r"\| `services/search/readiness.yaml` \|.*✅ pass", comment.body)
    assert comment.body.count("## ") >= 2
    files = {m["manifest"] for m in run.report["manifests"]}
    assert files == {"services/agent/readiness.yaml", "services/search/readiness.yaml"}


def test_a_monorepo_in_a_checkout_links_each_finding_to_its_file(action: ActionRunner) -> None:
    # The links need each manifest's path in the repository (load/git.py: Locator), which a
    # run finds once per folder; the workspace is a checkout here, with a linked folder.
    subprocess.run(["git", "init", "-q"], cwd=action.workspace, check=True)
    action.manifest("enterprise-agent.yaml", "services/agent/readiness.yaml")
    action.manifest("startup-rag-assistant.yaml", "services/search/readiness.yaml")
    (action.workspace / "services" / "alias").symlink_to(action.workspace / "services" / "agent")
    run = action(manifest="services/*/readiness.yaml")
    assert run.code == 1
    (comment,) = action.fake.comments(REPO, PR)
    blob = f"https://github.com/{REPO}/blob/{HEAD_SHA}/"
    assert re.search(re.escape(blob) + r"services/agent/readiness\.yaml#L\d+\)", comment.body)
    # The linked folder's manifest is the agent's file, and links there, never to `alias/`.
    assert "services/alias/readiness.yaml` |" in comment.body
    assert f"{blob}services/alias/" not in comment.body


def test_a_large_monorepo_details_only_what_needs_attention(action: ActionRunner) -> None:
    for n in range(11):
        action.manifest("startup-rag-assistant.yaml", f"services/s{n:02}/readiness.yaml")
    action.manifest("enterprise-agent.yaml", "services/zz-agent/readiness.yaml")
    run = action(event="push", manifest="services/*/readiness.yaml", extra_env={"NO_COLOR": "1"})
    assert run.code == 1
    # Every manifest has its row; only the failing one has a section.
    rows = [x for x in run.summary.splitlines() if re.match(r"\| `services/.*\| (✅|❌) ", x)]
    assert len(rows) == 12
    assert "11 manifests pass unchanged: shown as table rows only" in run.summary
    assert run.summary.count("<details open>") == 1
    assert "services/zz-agent/readiness.yaml`: fail" in run.summary
    assert "services/s00/readiness.yaml`: pass" not in run.summary
    assert len(run.report["manifests"] if run.report else []) == 12
    # The log: the failing manifest in full, each passing one on its verdict line.
    assert "zz-agent/readiness.yaml:54:" in run.stdout
    assert "services/s03/readiness.yaml: PASS, score 60/100" in run.stdout
    assert run.stdout.count("launch-gate: support-assistant") == 0


def test_ten_manifests_still_get_a_section_each(action: ActionRunner) -> None:
    for n in range(10):
        action.manifest("startup-rag-assistant.yaml", f"services/s{n:02}/readiness.yaml")
    run = action(event="push", manifest="services/*/readiness.yaml")
    assert run.code == 0
    assert run.summary.count("<details><summary>✅ `services/") == 10
    assert "shown as table rows only" not in run.summary
    assert run.stdout.count("launch-gate: support-assistant") == 10


def test_a_folder_name_that_is_not_utf8_is_reported_not_a_crash(action: ActionRunner) -> None:
    # Git stores names as bytes: a checkout can hold one no encoding reads.
    folder = os.fsencode(action.workspace) + b"/services/\xff"
    os.makedirs(folder)
    with open(folder + b"/readiness.yaml", "wb") as fh:
        fh.write((EXAMPLES / "startup-rag-assistant.yaml").read_bytes())
    action.manifest("startup-rag-assistant.yaml", "services/search/readiness.yaml")
    run = action(event="push", manifest="services/*/readiness.yaml")
    assert run.code == 0, run.stdout + run.stderr
    assert run.report is not None
    files = {m["manifest"] for m in run.report["manifests"]}
    assert files == {"services/\udcff/readiness.yaml", "services/search/readiness.yaml"}
    assert "services/\\udcff/readiness.yaml" in run.summary


def test_push_is_a_status_check_without_any_api_call(action: ActionRunner) -> None:
    action.manifest("enterprise-agent.yaml")
    run = action(event="push")
    assert run.code == 1
    assert "launch-gate: fail" in run.summary
    assert action.fake.requests == []


def test_workflow_dispatch_takes_the_profile_input(action: ActionRunner) -> None:
    action.manifest("enterprise-agent.yaml")
    run = action(event="workflow_dispatch", payload={"inputs": {"profile": "mvp"}}, profile="mvp")
    assert run.code == 0
    assert "profile `minimum-viable`" in run.summary
    assert run.report is not None
    assert run.report["manifests"][0]["profile"] == "minimum-viable"


def test_comment_always_on_push_finds_the_open_pr(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    action.fake.link_commit(REPO, HEAD_SHA, PR)
    run = action(event="push", comment="always")
    assert run.code == 0
    assert len(action.fake.comments(REPO, PR)) == 1


def test_comment_shows_what_the_pr_changed(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    old = (
        (action.workspace / "readiness.yaml").read_text().replace("status: done", "status: todo", 1)
    )
    action.fake.add_file(REPO, "readiness.yaml", old, ref="b" * 40)
    assert action().code == 0
    (comment,) = action.fake.comments(REPO, PR)
    assert "### What this PR changes" in comment.body
    assert "- **Upgrades**:" in comment.body
    assert "- **Maturity score**: `57` → `60`" in comment.body


def test_comment_found_on_a_later_page(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    for i in range(130):
        action.fake.add_comment(REPO, PR, f"chatter {i}", user="octocat")
    ours = action.fake.add_comment(REPO, PR, MARKER + "\nold report")
    assert action().code == 0
    bodies = [c for c in action.fake.comments(REPO, PR) if c.body.startswith(MARKER)]
    assert [c.id for c in bodies] == [ours]
    assert "old report" not in bodies[0].body


def test_bad_input_exits_2_with_a_clear_message(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    run = action(fail_on="sometimes")
    assert run.code == 2
    assert (
        "::error title=launch-gate::inputs: fail-on: 'sometimes' is not one of: gaps, invalid, "
        "warnings, never" in run.stdout
    )


def test_no_matching_manifest_exits_2(action: ActionRunner) -> None:
    run = action(manifest="nowhere/*.yaml")
    assert run.code == 2
    assert "no manifest matches 'nowhere/*.yaml'" in run.stdout


def test_unreadable_manifest_exits_2_and_still_explains(action: ActionRunner) -> None:
    (action.workspace / "readiness.yaml").write_text("version: 1\nsystem: [\n")
    run = action()
    assert run.code == 2
    assert run.outputs["verdict"] == "error"
    assert "::error file=readiness.yaml,line=" in run.stdout
    (comment,) = action.fake.comments(REPO, PR)
    assert "could not evaluate" in comment.body


def test_two_workflow_pattern_saves_then_posts(action: ActionRunner) -> None:
    action.manifest("enterprise-agent.yaml")
    saved = action(payload=pull_payload(fork=True), comment="file")
    assert saved.code == 1
    assert action.fake.comments(REPO, PR) == []
    data = json.loads(Path(saved.outputs["comment-file"]).read_text())
    assert (data["pull_request"], data["head_sha"]) == (PR, HEAD_SHA)
    # The workflow_run side: the file arrives as a downloaded artifact.
    artifact = action.runner / "artifact.json"
    artifact.write_text(json.dumps(data))
    event = {"workflow_run": {"head_sha": HEAD_SHA, "event": "pull_request"}}
    posted = action(event="workflow_run", payload=event, comment_from=str(artifact))
    assert posted.code == 0, posted.stdout
    (comment,) = action.fake.comments(REPO, PR)
    assert comment.body == data["body"]


def test_comment_from_refuses_a_file_for_another_commit(action: ActionRunner) -> None:
    artifact = action.runner / "artifact.json"
    body = "<!-- launch-gate:readiness.yaml -->\nhello"
    artifact.write_text(
        json.dumps(
            {
                "pull_request": PR,
                "head_sha": "c" * 40,
                "marker": "<!-- launch-gate:readiness.yaml -->",
                "body": body,
            }
        )
    )
    event = {"workflow_run": {"head_sha": "c" * 40}}
    run = action(event="workflow_run", payload=event, comment_from=str(artifact))
    assert run.code == 0
    assert "not posting" in run.stdout
    assert action.fake.comments(REPO, PR) == []


MVP_PATHS_ONLY = """\
version: 1
system:
  name: faq-bot
profile: mvp
checks:
  prompt.one-step-rollback: {status: done, evidence: [docs/rollback.md]}
  eval.real-traffic-dataset: {status: done, evidence: [docs/dataset.md]}
  eval.release-gated: {status: done, evidence: [docs/gate.md]}
  obs.log-requests-responses: {status: done, evidence: [docs/logging.md]}
  sec.untrusted-input: {status: done, evidence: [docs/threat-model.md]}
  sec.no-secrets-in-context: {status: not-applicable, reason: No secret is ever in reach.}
"""


def test_verify_evidence_checks_repository_paths_in_the_workspace(action: ActionRunner) -> None:
    (action.workspace / "readiness.yaml").write_text(MVP_PATHS_ONLY)
    docs = action.workspace / "docs"
    docs.mkdir()
    for name in ("rollback", "dataset", "gate", "logging"):
        (docs / f"{name}.md").write_text("# evidence\n")
    run = action(verify_evidence="true", comment="never")
    assert run.code == 1
    assert json.loads(run.outputs["gaps"]) == ["sec.untrusted-input"]
    assert "title=sec.untrusted-input::" in run.stdout
    assert "[broken-evidence]" in run.stdout
    # Without verification the same manifest is taken at its word.
    assert action(verify_evidence="false", comment="never").code == 0


def test_each_manifest_is_read_once_per_run(
    action: ActionRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from launch_gate.load import manifest as loader

    reads: list[str] = []
    real = loader.load_manifest

    def counting(path: Path, display: str, cat: Any, **kw: Any) -> Any:
        reads.append(display)
        return real(path, display, cat, **kw)

    monkeypatch.setattr("launch_gate.pipeline.load_manifest", counting)
    action.manifest("startup-rag-assistant.yaml")
    # Approver proof and the regression check both judge it before the verdict does.
    assert action(verify_approvals="true", fail_on="regression").code in (0, 1)
    assert reads == ["readiness.yaml"]


def test_the_log_is_coloured_unless_no_color(action: ActionRunner) -> None:
    action.manifest("enterprise-agent.yaml")
    assert "\x1b[1;31mFAIL\x1b[0m" in action().stdout  # the runner renders ANSI colour
    plain = action(extra_env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" not in plain
    assert "FAIL · score" in plain
