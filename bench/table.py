"""Whole-process figures, each paired with its yardstick in the same run: the table `make bench`
prints and docs/performance.md keeps.

A and B run in turn (A B A B ...) so a drifting machine moves both; the ratio is taken pair by
pair and its median quoted. Nothing here is asserted: figures are read, not tested.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from evidence_speed import start_servers

ROOT = Path(__file__).resolve().parent.parent
# The package as users have it: `make bench` installs the wheel into a venv of its own (an
# editable install runs its own finder on every import). Without one, this interpreter's.
VENV = Path(os.environ.get("LAUNCH_GATE_BENCH_VENV") or Path(sys.executable).parent.parent)
PY = str(VENV / "bin" / "python")
# What `pipx install launch-gate` puts on PATH; the image runs `python -P -m launch_gate`.
GATE = str(VENV / "bin" / "launch-gate")
RUNS = int(os.environ.get("BENCH_RUNS", "10"))
TOKEN = "ghs_" + "0" * 36  # never sent: no row's run has anything to ask GitHub


def once(
    argv: Sequence[str],
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    fresh: Path | None = None,
) -> float:
    if fresh is not None:
        new_step(fresh)  # untimed, as the runner does it before the step
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def paired(a: Sequence[str], b: Sequence[str], **kw: object) -> tuple[float, float, float]:
    once(a, **kw)  # type: ignore[arg-type]
    once(b, **kw)  # type: ignore[arg-type]
    ta, tb = [], []
    for _ in range(RUNS):
        ta.append(once(a, **kw))  # type: ignore[arg-type]
        tb.append(once(b, **kw))  # type: ignore[arg-type]
    ratios = [x / y for x, y in zip(ta, tb, strict=True)]
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)


def row(name: str, yardstick: str, goal: str, figures: tuple[float, float, float]) -> str:
    a, b, ratio = figures
    return (
        f"| {name} | {a * 1000:.0f} ms | {yardstick} | {b * 1000:.0f} ms | {ratio:.2f}x | {goal} |"
    )


def offline_check() -> str:
    check = [
        GATE, "check", "examples/enterprise-agent.yaml",
        "--today", "2026-11-23", "--offline", "--repo-root", "examples/repo",
    ]  # fmt: skip
    figures = paired(check, [PY, "-c", "import pydantic, yaml"])
    return row(
        "offline `check`, enterprise example",
        '`python -c "import pydantic, yaml"`',
        "1.5x",
        figures,
    )


def new_step(work: Path) -> None:
    """What a step starts with on a runner: empty output and summary files, and a temporary
    folder without an earlier run's report (replacing a 2.6 MB one costs the run that does)."""
    (work / "output").write_text("")
    (work / "summary.md").write_text("")
    shutil.rmtree(work / "launch-gate", ignore_errors=True)


def push_env(work: Path, **inputs: str) -> dict[str, str]:
    """The variables of a push run on the host, verify-evidence off, workspace `work`; pass
    `fresh=work` to `once` so each run starts as a step does."""
    (work / "event.json").write_text(json.dumps({"after": "a" * 40}))
    # A token, as action.yml passes `github.token` by default; a push check asks GitHub nothing.
    given = {"verify-evidence": "false", "today": "2026-11-23", "github-token": TOKEN} | inputs
    return {
        "PATH": os.environ["PATH"],
        "GITHUB_EVENT_NAME": "push",
        "GITHUB_EVENT_PATH": str(work / "event.json"),
        "GITHUB_WORKSPACE": str(work),
        "GITHUB_REPOSITORY": "acme/app",
        "GITHUB_SHA": "a" * 40,
        "RUNNER_TEMP": str(work),
        "GITHUB_OUTPUT": str(work / "output"),
        "GITHUB_STEP_SUMMARY": str(work / "summary.md"),
        **{f"INPUT_{name.upper()}": value for name, value in given.items()},
    }


def action_push() -> str:
    """The Action's push check, verify-evidence off, as a process on the host."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copy(ROOT / "examples" / "startup-rag-assistant.yaml", work / "readiness.yaml")
        env = push_env(work)
        gate = [PY, "-P", "-m", "launch_gate", "action"]
        figures = paired(gate, [PY, "-c", "pass"], env=env, fresh=work)
    return row("Action push check, host", "`python -c pass`", "-", figures)


PER_MANIFEST = """
import datetime as dt, sys, time
from pathlib import Path
from launch_gate.pipeline import evaluate_file
path, day = Path(sys.argv[1]), dt.date(2026, 11, 23)
evaluate_file(path, today=day)  # the catalogue and profiles, loaded once
start = time.perf_counter()
for _ in range(200):
    evaluate_file(path, today=day)
print((time.perf_counter() - start) / 200)
"""


def monorepo(count: int = 200) -> list[str]:
    """The Action over `count` manifests under one glob, against `count` times what one
    manifest's evaluation costs once the catalogue and profiles are loaded (measured in a
    process of its own in the same run). Two rows: the whole process, and what the other
    manifests add to a run of one (the start-up, paid once, is the push-check row's)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        text = (ROOT / "examples" / "startup-rag-assistant.yaml").read_text()
        for n in range(count):
            folder = work / "svc" / f"s{n:03}"
            folder.mkdir(parents=True)
            (folder / "readiness.yaml").write_text(text)
        env = push_env(work, manifest="svc/*/readiness.yaml")
        alone = push_env(work, manifest="svc/s000/readiness.yaml")
        gate = [PY, "-P", "-m", "launch_gate", "action"]
        once(gate, env=env, cwd=work, fresh=work)
        times, ones, evals = [], [], []
        one = str(work / "svc" / "s000" / "readiness.yaml")
        # Twice the pairs: this figure subtracts two whole runs, so it is the noisiest.
        for _ in range(2 * RUNS):
            times.append(once(gate, env=env, cwd=work, fresh=work))
            ones.append(once(gate, env=alone, cwd=work, fresh=work))
            # -P: the installed package, not the checkout this runs from.
            done = subprocess.run([PY, "-P", "-c", PER_MANIFEST, one], cwd=ROOT,
                                  capture_output=True, text=True, check=True)  # fmt: skip
            evals.append(float(done.stdout))
    whole = [t / (e * count) for t, e in zip(times, evals, strict=True)]
    added = [(t - o) / (e * (count - 1)) for t, o, e in zip(times, ones, evals, strict=True)]
    each = statistics.median(evals)
    return [
        row(f"Action, {count} manifests under one glob", f"{count} x one evaluation, in process",
            "-", (statistics.median(times), each * count, statistics.median(whole))),
        row(f"the {count - 1} manifests a run of one does not have", f"{count - 1} x one "
            "evaluation, in process", "1.2x",
            (statistics.median(times) - statistics.median(ones), each * (count - 1),
             statistics.median(added))),
    ]  # fmt: skip


def image_push() -> str | None:
    image = os.environ.get("LAUNCH_GATE_IMAGE")
    engine = os.environ.get("LAUNCH_GATE_ENGINE", "podman")
    if not image or shutil.which(engine) is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copy(ROOT / "examples" / "startup-rag-assistant.yaml", work / "readiness.yaml")
        (work / "event.json").write_text(json.dumps({"after": "a" * 40}))
        base = [engine, "run", "--rm", "--network", "none", "-v", f"{work}:/github/workspace",
                "--workdir", "/github/workspace"]  # fmt: skip
        gate = [*base, "-e", "GITHUB_EVENT_NAME=push",
                "-e", "GITHUB_EVENT_PATH=/github/workspace/event.json",
                "-e", "INPUT_VERIFY-EVIDENCE=false", "-e", f"INPUT_GITHUB-TOKEN={TOKEN}",
                "-e", "INPUT_TODAY=2026-11-23", image]  # fmt: skip
        floor = [*base, "--entrypoint", "python", image, "-c", "pass"]
        figures = paired(gate, floor)
    return row("Action push check, image (whole `run`)", "same `run` of `python -c pass`",
               "under 1 s", figures)  # fmt: skip


def waited(argv: Sequence[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of one whole process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, _status, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped by wait4; keep Popen from waiting again
    return time.perf_counter() - start, usage.ru_maxrss


def link_manifest(urls: list[str]) -> str:
    """Every catalogue check done, the URLs dealt out over them."""
    from launch_gate.load.catalogue import load_catalogue

    ids = list(load_catalogue().checks)
    lines = ["version: 1", "system:", "  name: bench", "  capabilities: [rag, tools, agents]",
             "profile: startup", "checks:"]  # fmt: skip
    for n, cid in enumerate(ids):
        lines += [f"  {cid}:", "    status: done", "    evidence:"]
        lines += [f"      - {url}" for url in urls[n :: len(ids)]]
    return "\n".join(lines) + "\n"


def evidence(bases: list[str], count: int) -> str | None:
    """`check` verifying `count` links against lychee on the same links, same servers."""
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if lychee is None:
        return None
    urls = [f"{bases[i % len(bases)]}/doc/{i}" for i in range(count)]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "readiness.yaml").write_text(link_manifest(urls))
        (work / "links.txt").write_text("\n".join(urls) + "\n")
        gate = [GATE, "check", "readiness.yaml", "--allow-private-hosts",
                "--concurrency", "16", "--repo-root", "."]  # fmt: skip
        theirs = [lychee, "--no-progress", "--max-concurrency", "16", "links.txt"]
        waited(gate, work), waited(theirs, work)
        ta, tb, ma, mb = [], [], [], []
        # Both at the goal's line on this machine: full pairs; 2,000 links take 13 s a pair.
        for _ in range(RUNS if count < 1000 else max(3, RUNS // 2)):
            for side, times, peaks in ((gate, ta, ma), (theirs, tb, mb)):
                took, peak = waited(side, work)
                times.append(took)
                peaks.append(peak)
    ratio = statistics.median(a / b for a, b in zip(ta, tb, strict=True))
    figures = (statistics.median(ta), statistics.median(tb), ratio)
    rss = f"peak RSS {max(ma) / 1024:.0f} MiB; lychee {max(mb) / 1024:.0f} MiB"
    name = f"`check`, {count:,} links ({rss})"
    return row(name, "lychee 0.24.2, `--max-concurrency 16`", "1.3x", figures)


def promptfoo_file(path: Path, rows: int) -> None:
    """A promptfoo `-o results.json` of `rows` results (about 640 bytes each), 97 % passing."""
    results = []
    for i in range(rows):
        ok = i % 100 >= 3
        results.append({
            "success": ok, "score": int(ok), "namedScores": {"faithfulness": (i % 97) / 97},
            "testCase": {"description": f"case {i}", "vars": {"question": f"refund for {i}?"}},
            "response": {"output": "You can request a refund within 30 days. " * 8},
            "gradingResult": {"pass": ok, "score": int(ok),
                              "reason": "ok" if ok else "missing the 30-day window"},
            "failureReason": 0 if ok else 1, "latencyMs": 812,
        })  # fmt: skip
    passed = sum(r["success"] for r in results)
    stats = {"successes": passed, "failures": rows - passed, "errors": 0, "tokenUsage": {}}
    doc = {"evalId": "bench", "config": {}, "shareableUrl": None,
           "results": {"version": 3, "timestamp": "t", "results": results, "prompts": [],
                       "stats": stats}}  # fmt: skip
    path.write_text(json.dumps(doc))


def measured_evidence() -> str:
    """`check --offline` of a manifest backed by a 50 MB promptfoo file, against reading
    that file with json.load alone; and the check's peak memory against the file's size."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "evals").mkdir()
        results = work / "evals" / "results.json"
        # In a process of its own: a child forked from a parent that built 50 MB of objects
        # would start with the parent's resident pages, and its peak would read as ours.
        subprocess.run(
            [sys.executable, "-c", "import sys, table; table.promptfoo_file(__import__('pathlib')"
             ".Path(sys.argv[1]), 80_000)", str(results)],
            cwd=Path(__file__).parent, check=True,
        )  # fmt: skip
        (work / "readiness.yaml").write_text(
            "version: 1\nsystem: {name: bench}\nprofile: minimum-viable\nchecks:\n"
            "  eval.release-gated:\n    status: done\n    evidence:\n"
            "      - results: evals/results.json\n        format: promptfoo\n"
            '        assert: {pass_rate: ">= 0.95", tests: ">= 200"}\n'
        )
        gate = [GATE, "check", "readiness.yaml", "--offline", "--repo-root", "."]
        theirs = [PY, "-c", "import json; json.load(open('evals/results.json'))"]
        waited(gate, work), waited(theirs, work)
        ta, tb, peaks = [], [], []
        for _ in range(RUNS):
            took, peak = waited(gate, work)
            ta.append(took)
            peaks.append(peak)
            tb.append(waited(theirs, work)[0])
        size = results.stat().st_size
    ratio = statistics.median(a / b for a, b in zip(ta, tb, strict=True))
    figures = (statistics.median(ta), statistics.median(tb), ratio)
    rss = max(peaks) * 1024 / size
    name = (
        f"`check --offline`, a {size / 1e6:.0f} MB promptfoo results file "
        f"(peak RSS {rss:.1f}x the file; goal 3x)"
    )
    return row(name, "`json.load` of the same file", "1.5x", figures)


def history_repo(folder: Path, versions: int) -> None:
    """A repository whose readiness.yaml has `versions` versions, one commit a day, made
    with git fast-import (ten thousand `git commit`s would take minutes)."""
    text = (ROOT / "examples" / "startup-rag-assistant.yaml").read_text()
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    lines = []
    start = 1_760_000_000
    for n in range(versions):
        body = (text + f"# version {n}\n").encode()
        when = start + n * 86_400
        lines.append(
            f"commit refs/heads/main\ncommitter Bench <b@example.com> {when} +0000\n"
            f"data 2\nv\nM 100644 inline readiness.yaml\ndata {len(body)}\n".encode()
            + body
            + b"\n"
        )
    subprocess.run(["git", "fast-import", "--quiet"], cwd=folder, input=b"".join(lines),
                   check=True)  # fmt: skip
    # fast-import continues a branch from its tip: each commit is the next version.
    subprocess.run(["git", "checkout", "-q", "main"], cwd=folder, check=True)


def fleet_collect() -> list[str]:
    """`fleet collect` over 200 versions of one manifest against over one version, and how
    10,000 versions scale (time per version and peak memory, against 200)."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in (1, 200, 10_000):
            # In a process of its own, as for the promptfoo file: the peak memory read below
            # must be collect's, not what building ten thousand commits left in this one.
            where = str(work / f"r{n}")
            code = f"import table, pathlib; table.history_repo(pathlib.Path({where!r}), {n})"
            subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent, check=True)

        def argv(n: int) -> list[str]:
            return [GATE, "fleet", "collect", f"r{n}", "--output", f"o{n}.jsonl", "--no-cache"]

        figures = paired(argv(200), argv(1), cwd=work)
        out.append(row("`fleet collect`, 200 versions of one manifest", "one version",
                       "5x", figures))  # fmt: skip
        t200, m200 = waited(argv(200), work)
        t10k, m10k = waited(argv(10_000), work)
        per = (t10k / 10_000) / (t200 / 200)
        out.append(
            f"| `fleet collect`, 10,000 versions (peak RSS {m10k / 1024:.0f} MiB; 200 versions "
            f"{m200 / 1024:.0f} MiB) | {t10k * 1000:.0f} ms | 200 versions | {t200 * 1000:.0f} ms "
            f"| {per:.2f}x per version | linear, memory flat |"
        )
    return out


def fleet_page() -> str | None:
    """Headless Chromium photographing the fleet page of 1,000 systems, against the same for
    an empty page: what opening the report costs a reader's browser."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        return None
    sys.path.insert(0, str(ROOT))
    from launch_gate.load.catalogue import load_catalogue
    from launch_gate.render import fleet as render
    from launch_gate.report.fleet import view
    from tests.render.test_fleet_page import TODAY, fleet

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        page = render.page(view(fleet(1000), load_catalogue(), TODAY))
        (work / "index.html").write_text(page)
        (work / "blank.html").write_text("<!DOCTYPE html><title>x</title>")

        def shot(name: str) -> list[str]:
            return [browser, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-first-run",
                    "--disable-component-update", f"--user-data-dir={work / 'profile'}",
                    "--window-size=1280,900", f"--screenshot={work / (name + '.png')}",
                    (work / f"{name}.html").as_uri()]  # fmt: skip

        figures = paired(shot("index"), shot("blank"), cwd=work)
    size = len(page.encode()) / 1e6
    own = (figures[0] - figures[1]) * 1000
    name = (
        f"fleet page, 1,000 systems ({size:.1f} MB), Chromium's screenshot "
        f"(the page's own {own:.0f} ms)"
    )
    return row(name, "the same for an empty page", "the page under 1 s", figures)


def main() -> None:
    rows = [offline_check(), action_push(), *monorepo(), measured_evidence(), *fleet_collect()]
    bases = start_servers()
    for count in (200, 2000):
        line = evidence(bases, count)
        if line:
            rows.append(line)
    image = image_push()
    if image:
        rows.append(image)
    page = fleet_page()
    if page:
        rows.append(page)
    print(f"Whole processes, {RUNS} pairs each ({2 * RUNS} for the monorepo, {max(3, RUNS // 2)} "
          "for 2,000 links), median of A and B and of A/B pair by pair")  # fmt: skip
    print(f"(Python {sys.version.split()[0]}, {os.cpu_count()} cores, the package from {VENV})\n")
    print("| figure | A | yardstick | B | A/B | goal |")
    print("|---|---:|---|---:|---:|---|")
    for line in rows:
        print(line)


if __name__ == "__main__":
    main()
