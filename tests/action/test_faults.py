"""Faults do not change the verdict: GitHub down, slow or rate-limited, evidence that hangs.

The deadline tests run the real `python -m launch_gate action` subprocess, the others
in-process; the workspace check and the token grep of every artifact happen in the
`action` fixture on every run.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from launch_gate.gather.github import retry
from tests.action.conftest import PR, REPO, ActionRunner

# Deadlines abandon threads and end the process on time: only a real process shows that.
in_a_process = pytest.mark.subprocess


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    # In-process runs retry as the Action does, only without seconds of real sleep.
    monkeypatch.setattr(retry, "BACKOFF", 0.01)


# Every check the mvp profile requires, settled: the verdict is pass (exit 0) as long
# as evidence is taken at its word or is merely unreachable (a warning in mvp).
MANIFEST = """\
version: 1
system:
  name: faq-bot
profile: mvp
checks:
  prompt.one-step-rollback: {{status: done, evidence: ["{url}"]}}
  eval.real-traffic-dataset: {{status: done, evidence: [{{workflow: evals.yml}}]}}
  eval.release-gated: {{status: done, evidence: [docs/gate.md]}}
  obs.log-requests-responses: {{status: done, evidence: [docs/logging.md]}}
  sec.untrusted-input: {{status: done, evidence: [docs/threat-model.md]}}
  sec.no-secrets-in-context: {{status: not-applicable, reason: No secret is ever in reach.}}
"""


@pytest.fixture
def silent_server() -> Iterator[str]:
    """An evidence server that accepts connections (the kernel does) and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/never"


@pytest.fixture
def closed_port() -> str:
    """A local URL where nothing listens: every connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def write_manifest(action: ActionRunner, url: str) -> None:
    (action.workspace / "readiness.yaml").write_text(MANIFEST.format(url=url))
    docs = action.workspace / "docs"
    docs.mkdir(exist_ok=True)
    for name in ("gate", "logging", "threat-model"):
        (docs / f"{name}.md").write_text("# evidence\n")


@in_a_process
def test_the_deadline_ends_the_whole_run_and_the_verdict_stands(
    action: ActionRunner, silent_server: str
) -> None:
    write_manifest(action, silent_server)
    # GitHub answers nothing within a minute, the evidence server never does, and each
    # evidence request alone may take 10 s: only the run's deadline can end this.
    action.fake.delay = 60.0
    timeout = 3
    started = time.monotonic()
    run = action(
        verify_evidence="true",
        allow_private_hosts="true",
        timeout_seconds=str(timeout),
        evidence_timeout_seconds="10",
    )
    elapsed = time.monotonic() - started
    assert run.code == 0, run.stdout + run.stderr  # the manifest's verdict: pass
    assert run.outputs["verdict"] == "pass"
    assert elapsed < timeout + 10, f"the run took {elapsed:.1f} s"
    # Cut at the deadline, not skipped: evidence had until 60 % of it, the comment after.
    assert elapsed > timeout * 0.6, f"the run ended after only {elapsed:.1f} s"
    warnings = [x for x in run.stdout.splitlines() if x.startswith("::warning")]
    assert any("GitHub did not answer within timeout-seconds (3 s)" in w for w in warnings)
    unchecked = [w for w in warnings if "not checked before the time limit" in w]
    assert len(unchecked) == 2, warnings  # the URL and the workflow run
    assert all("[unreachable-evidence]" in w for w in unchecked)
    assert "could not comment" in run.summary
    assert action.fake.comments(REPO, PR) == []
    assert "Traceback" not in run.stderr


@in_a_process
def test_regulated_counts_evidence_the_deadline_left_unchecked_as_broken(
    action: ActionRunner, silent_server: str
) -> None:
    write_manifest(action, silent_server)
    run = action(
        verify_evidence="true",
        allow_private_hosts="true",
        timeout_seconds="2",
        comment="never",
        profile="regulated",
    )
    assert run.code == 1
    assert run.report is not None
    problems = [
        p for m in run.report["manifests"] for c in m["checks"] for p in c.get("problems", [])
    ]
    assert any(
        p["code"] == "broken-evidence" and "not checked before the time limit" in p["message"]
        for p in problems
    ), problems


def test_api_refusing_connections_is_a_warning(action: ActionRunner, closed_port: str) -> None:
    action.manifest("enterprise-agent.yaml")
    run = action(extra_env={"GITHUB_API_URL": closed_port})
    assert run.code == 1  # the manifest's verdict
    assert run.outputs["verdict"] == "fail"
    warnings = [x for x in run.stdout.splitlines() if x.startswith("::warning")]
    # The base manifest is read with the rest of what the run gathers, before the comment.
    assert "could not read the base manifest: ConnectionError" in warnings[0]
    assert any("could not comment: ConnectionError" in w for w in warnings)
    assert "launch-gate: fail" in run.summary


def test_502_forever_is_retried_a_bounded_number_of_times(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    action.fake.fail_next("*", r"/comments$", 502, times=100)
    run = action()
    assert run.code == 0
    assert "could not comment: GitHub answered 502" in run.stdout
    assert len(action.fake.calls(path_contains="/comments")) == 4
    assert action.fake.comments(REPO, PR) == []


def test_rate_limit_resetting_in_an_hour_is_not_waited_for(action: ActionRunner) -> None:
    action.manifest("enterprise-agent.yaml")
    reset = str(int(time.time()) + 3600)
    action.fake.fail_next(
        "GET",
        r"/comments$",
        403,
        body={"message": "API rate limit exceeded"},
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset},
        times=10,
    )
    started = time.monotonic()
    run = action()
    assert time.monotonic() - started < 30
    assert run.code == 1
    assert "GitHub asked to wait" in run.stdout
    assert "not waiting" in run.stdout
    assert len(action.fake.calls(path_contains="/comments")) == 1


def test_a_retry_that_would_pass_the_deadline_gives_up_at_once(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    action.fake.fail_next("GET", r"/comments$", 429, headers={"Retry-After": "30"}, times=5)
    run = action(timeout_seconds="5")
    assert run.code == 0
    assert "would pass the run's deadline" in run.stdout
    assert len(action.fake.calls(path_contains="/comments")) == 1


def test_a_secondary_rate_limit_waits_a_minute_or_says_so(action: ActionRunner) -> None:
    # GitHub's secondary limit: a 403 that says so, with no Retry-After; not a fork's token.
    action.manifest("startup-rag-assistant.yaml")
    action.fake.fail_next(
        "GET",
        r"/comments$",
        403,
        body={"message": "You have exceeded a secondary rate limit. Please wait a few minutes"},
        times=5,
    )
    run = action(timeout_seconds="20")
    assert run.code == 0
    assert "secondary rate limit" in run.stdout
    assert "read-only token" not in run.stdout
    assert len(action.fake.calls(path_contains="/comments")) == 1  # a minute is past the deadline


def test_a_403_naming_the_missing_permission_says_which(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    action.fake.fail_next(
        "POST",
        r"/issues/\d+/comments$",
        403,
        body={"message": "Resource not accessible by integration"},
        headers={"X-Accepted-GitHub-Permissions": "issues=write; pull_requests=write"},
    )
    run = action()
    warning = next(x for x in run.stdout.splitlines() if "could not comment" in x)
    assert "add `issues: write (or pull-requests: write)` to the workflow" in warning
    assert "permissions: block" in warning
