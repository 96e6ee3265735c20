"""How long the offline gate takes: parse, validate and evaluate a full manifest.

Prints figures; asserts nothing. Run: .venv/bin/python bench/core_speed.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import time
from pathlib import Path

from launch_gate.judge.evaluate import evaluate
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.manifest import parse
from launch_gate.load.policy import load_profile
from launch_gate.render import REPORT_FORMATS, report
from launch_gate.report import build

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)


def timed(fn: object, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, max(samples) * 1000


def main() -> None:
    cat = load_catalogue()
    text = (ROOT / "examples" / "regulated-claims-triage.yaml").read_text()
    profile = load_profile("regulated", cat)
    loaded = parse(text, "m.yaml", cat)
    ev = evaluate(loaded, profile, cat, TODAY)
    seen = build.manifest(ev)
    steps = {
        "parse + validate (50 checks)": lambda: parse(text, "m.yaml", cat),
        "load profile": lambda: load_profile("regulated", cat),
        "evaluate": lambda: evaluate(loaded, profile, cat, TODAY),
        "build the report's view": lambda: build.manifest(ev),
        **{f"render {name}": (lambda n=name: report(n, seen, False)) for name in REPORT_FORMATS},
    }
    print(f"{'step':<32} {'median ms':>10} {'max ms':>10}")
    for name, fn in steps.items():
        med, worst = timed(fn, 50)
        print(f"{name:<32} {med:>10.2f} {worst:>10.2f}")
    cmd = [
        sys.executable,
        "-m",
        "launch_gate",
        "check",
        "--manifest",
        "examples/regulated-claims-triage.yaml",
        "--today",
        "2026-11-23",
        "--offline",
        "--repo-root",
        "examples/repo",
    ]
    med, worst = timed(lambda: subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False), 5)
    print(f"{'whole CLI run (process start)':<32} {med:>10.2f} {worst:>10.2f}")


if __name__ == "__main__":
    main()
