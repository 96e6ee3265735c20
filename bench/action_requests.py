"""GitHub API requests per PR run, and the action mode's end-to-end time.

Runs ``python -m gate action`` as a subprocess, as the Docker action does,
against the fake GitHub API from tests/. Prints figures; asserts nothing.
Run: .venv/bin/python bench/action_requests.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.action.conftest import PR, REPO, ActionRunner  # noqa: E402
from tests.fakegithub import FakeGitHub  # noqa: E402

RUNS = 5


def scenario(label: str, manifests: dict[str, str], pattern: str, baseline: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp, FakeGitHub() as fake:
        fake.add_pull(REPO, PR, head_sha="a" * 40, base_sha="b" * 40)
        runner = ActionRunner(Path(tmp), fake)
        for dest, example in manifests.items():
            path = runner.manifest(example, dest)
            if baseline:
                fake.add_file(REPO, dest, path.read_text(), ref="b" * 40)
        counts, times = [], []
        for _ in range(RUNS + 1):
            before = len(fake.requests)
            start = time.perf_counter()
            runner(manifest=pattern)
            times.append(time.perf_counter() - start)
            counts.append(len(fake.requests) - before)
        edits = sum(1 for r in fake.requests if r.method == "PATCH")
        print(
            f"{label:<38} requests: first run {counts[0]}, rerun {counts[1]} "
            f"(comments on the PR: {len(fake.comments(REPO, PR))}, edits: {edits}); "
            f"end to end: median {statistics.median(times) * 1000:.0f} ms, "
            f"max {max(times) * 1000:.0f} ms over {len(times)} runs"
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


if __name__ == "__main__":
    main()
