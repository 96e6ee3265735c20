"""GitHub API requests per PR run, and the action mode's end-to-end time.

With approver proof on, each manifest adds one pull request and its reviews
(two requests, whatever the number of decisions), plus the base manifest
through the API when the checkout has no history.

Runs ``python -m launch_gate action`` as a subprocess, as the Docker action does,
against the fake GitHub API from tests/. Prints figures; asserts nothing.
Run: .venv/bin/python bench/action_requests.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.action.conftest import EXAMPLES, PR, REPO, ActionRunner, Run, pull_payload  # noqa: E402
from tests.fakegithub import FakeGitHub  # noqa: E402

RUNS = 5


def measure(runner: ActionRunner, **inputs: Any) -> tuple[list[int], list[float], Run]:
    """Requests and seconds per run: the first run, then reruns with nothing changed."""
    fake = runner.fake
    counts, times = [], []
    for _ in range(RUNS + 1):
        before = len(fake.requests)
        start = time.perf_counter()
        last = runner(**inputs)
        times.append(time.perf_counter() - start)
        counts.append(len(fake.requests) - before)
    return counts, times, last


def show(label: str, fake: FakeGitHub, counts: list[int], times: list[float]) -> None:
    edits = sum(1 for r in fake.requests if r.method == "PATCH")
    print(
        f"{label:<38} requests: first run {counts[0]}, rerun {counts[1]} "
        f"(comments on the PR: {len(fake.comments(REPO, PR))}, edits: {edits}); "
        f"end to end: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms over {len(times)} runs"
    )


def scenario(label: str, manifests: dict[str, str], pattern: str, baseline: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp, FakeGitHub() as fake:
        fake.add_pull(REPO, PR, head_sha="a" * 40, base_sha="b" * 40)
        runner = ActionRunner(Path(tmp), fake, subprocess=True)  # whole processes, as users wait
        for dest, example in manifests.items():
            path = runner.manifest(example, dest)
            if baseline:
                fake.add_file(REPO, dest, path.read_text(), ref="b" * 40)
        counts, times, _ = measure(runner, manifest=pattern)
        show(label, fake, counts, times)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def proof_scenario(label: str, *, history: bool) -> None:
    """Approver proof on: the PR pushes out the expiry of both accepted risks, both approved.

    `history`: a full clone (fetch-depth: 0), so the base comes from git; without
    it (the checkout's default depth) the base manifest is read through the API.
    """
    head = (EXAMPLES / "enterprise-agent.yaml").read_text()
    base = head.replace("expires: 2027-03-01", "expires: 2027-01-01")
    base = base.replace("expires: 2026-10-01", "expires: 2026-09-01")
    with tempfile.TemporaryDirectory() as tmp, FakeGitHub() as fake:
        runner = ActionRunner(Path(tmp), fake, subprocess=True)  # whole processes, as users wait
        manifest = runner.workspace / "readiness.yaml"
        shas = {"base": "b" * 40, "head": "a" * 40}
        if history:
            ws = runner.workspace
            git(ws, "init", "-q", "-b", "main")
            git(ws, "config", "user.email", "bench@example.com")
            git(ws, "config", "user.name", "bench")
            for name, text in (("base", base), ("head", head)):
                manifest.write_text(text)
                git(ws, "add", "readiness.yaml")
                git(ws, "commit", "-q", "-m", name)
                shas[name] = git(ws, "rev-parse", "HEAD")
        else:
            manifest.write_text(head)
            fake.add_file(REPO, "readiness.yaml", base, ref=shas["base"])
        fake.add_pull(REPO, PR, user="alice", head_sha=shas["head"], base_sha=shas["base"])
        for approver in ("priya", "sam"):
            fake.add_review(REPO, PR, approver, "APPROVED")
        payload = pull_payload()
        payload["pull_request"]["head"]["sha"] = shas["head"]
        payload["pull_request"]["base"]["sha"] = shas["base"]
        counts, times, last = measure(runner, payload=payload, verify_approvals="true")
        show(label, fake, counts, times)
        # A figure for a run that proved nothing would measure the wrong thing.
        decisions = last.report["manifests"][0]["audit"]["decisions"] if last.report else []
        proven = sum(1 for d in decisions if d.get("proof"))
        print(f"{'':<38} decisions proven: {proven} of {len(decisions)}")


def expiry_scenario(issues: int) -> None:
    """mode: expiry-issue in a repository with many issues: requests per run."""
    with tempfile.TemporaryDirectory() as tmp, FakeGitHub() as fake:
        for n in range(issues):
            fake.add_issue(REPO, title=f"bug {n}", user="someone")
        runner = ActionRunner(Path(tmp), fake, subprocess=True)
        runner.manifest("startup-rag-assistant.yaml")
        counts, times, _ = measure(
            runner, event="schedule", payload={}, mode="expiry-issue", today="2027-02-01"
        )
        print(
            f"{f'expiry issue, {issues} issues in the repo':<38} requests: first run "
            f"{counts[0]}, rerun {counts[1]} (budget: 1,000 an hour); end to end: median "
            f"{statistics.median(times) * 1000:.0f} ms"
        )


def main() -> None:
    print(f"launch-gate action mode against the fake GitHub API ({sys.version.split()[0]})")
    one = {"readiness.yaml": "enterprise-agent.yaml"}
    scenario("one manifest, base has no manifest", one, "readiness.yaml", baseline=False)
    scenario("one manifest, base has one", one, "readiness.yaml", baseline=True)
    three = {
        f"svc/{n}/readiness.yaml": e
        for n, e in (
            ("a", "enterprise-agent.yaml"),
            ("b", "startup-rag-assistant.yaml"),
            ("c", "regulated-claims-triage.yaml"),
        )
    }
    scenario("monorepo, 3 manifests, base has them", three, "svc/*/readiness.yaml", baseline=True)
    proof_scenario("approver proof on, shallow checkout", history=False)
    proof_scenario("approver proof on, full history", history=True)
    expiry_scenario(1000)


if __name__ == "__main__":
    main()
