"""Eval results files, read into one `Summary` whatever tool wrote them.

A results file is written by a pull request as easily as any other file, so it is read as
hostile: bounded in size before it is opened, XML with a DOCTYPE refused before parsing
(no entity can expand), JSON nested too deeply or holding numbers of a thousand digits
refused, archives checked member by member (names, sizes, ratio, one level of nesting).
Every failure is `Unreadable` with a sentence naming what is wrong: a finding, never a crash.

Field paths, from each tool's own source (cited again in tests/gather/evidence/fixtures/):
- promptfoo (`-o results.json`, OutputFile in src/types/index.ts): results.stats.{successes,
  failures, errors}; the failures in results.results[] where success is false.
- DeepEval (deepeval/test_run/test_run.py): `.deepeval/.latest_test_run.json` holds the run
  under "testRunData"; a results-folder file is the run itself: testPassed, testFailed,
  metricsScores[].{metric, scores}, testCases[].{name, success, metricsData[].reason}.
- JUnit XML: <testsuites tests failures errors skipped>, else the sum over <testsuite>.
- Inspect (inspect_ai/log/_log.py, EvalLog): status, results.completed_samples,
  results.scores[].{name, metrics.<m>.value}; a `.eval` log is a zip holding header.json.
- lm-eval (lm_eval/evaluator.py): results.<task>["<metric>,<filter>"], n-samples.<task>.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any, assert_never

from launch_gate.gather.evidence.paths import check_path
from launch_gate.gather.evidence.settings import Settings
from launch_gate.judge.evidence import EvidenceResult, describe
from launch_gate.judge.measure import ResultsFormat, Summary, judge, number
from launch_gate.judge.shapes import ResultsEvidence

# A results file larger than this is refused unread: 50 MB is a large promptfoo run.
MAX_BYTES = 256 * 1024 * 1024
# An archive member may inflate at most this much, and to at most MAX_BYTES.
MAX_RATIO = 200
MAX_MEMBERS = 10_000
FAILURES_KEPT = 5
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


# A promptfoo file larger than this is streamed (ijson's C parser), not loaded whole: a 50 MB
# run as Python objects took over five times its size in memory.
STREAM_FROM = 4 * 1024 * 1024


class Unreadable(Exception):
    """The file is not what its format says, or not safe to read: the message says which."""


def read_file(
    path: Path, fmt: ResultsFormat, paths: Iterable[str] = (), *, details: bool = True
) -> Summary:
    """The summary of the results file at `path` (a regular file inside the repository, as
    the caller has checked). Without `details`, a large promptfoo file is read for its
    totals only (one streaming pass, memory flat); the caller asks again, with details, for
    the failures to quote when an assertion fails."""
    from launch_gate.load.text import NotRegular, read_regular

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise Unreadable(f"larger than {MAX_BYTES // (1024 * 1024)} MiB")
        if fmt == "promptfoo" and size > STREAM_FROM:
            return _promptfoo_stream(path, paths, details)
        raw = read_regular(path, MAX_BYTES + 1)
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except IsADirectoryError:
        raise Unreadable("is a directory, not a results file") from None
    except NotRegular:
        raise Unreadable("not a regular file") from None
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror}") from None
    return read_bytes(raw, fmt, paths)


def read_bytes(raw: bytes, fmt: ResultsFormat, paths: Iterable[str] = ()) -> Summary:
    if not raw.strip():
        raise Unreadable("the file is empty")
    if len(raw) > MAX_BYTES:
        raise Unreadable(f"larger than {MAX_BYTES // (1024 * 1024)} MiB")
    match fmt:
        case "junit":
            return _junit(raw)
        case "inspect":
            if raw[:4] == b"PK\x03\x04":  # a `.eval` log: the summary is its header.json
                raw = member(raw, "header.json", nested=True)
            return _inspect(_json(raw))
        case "promptfoo":
            return _promptfoo(_json(raw))
        case "deepeval":
            return _deepeval(_json(raw))
        case "lm-eval":
            return _lm_eval(_json(raw))
        case "json":
            return _dotted(_json(raw), paths)
        case _:
            assert_never(fmt)


def _big_int(text: str) -> int:
    if len(text.lstrip("-")) > 40:
        raise Unreadable(f"a number with {len(text)} digits; results hold counts and scores")
    return int(text)


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw, parse_int=_big_int)
    except RecursionError:
        raise Unreadable("JSON nested too deeply") from None
    except UnicodeDecodeError:
        raise Unreadable("not UTF-8 text") from None
    except ValueError as exc:
        raise Unreadable(f"not JSON ({str(exc).splitlines()[0][:120]})") from None


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _count(data: Any, *path: str, what: str) -> int:
    value = _get(data, *path)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Unreadable(f"{'.'.join(path)} is not a count of {what}")
    if value >= 10**40:  # a streamed file's integers are not capped by the JSON reader
        raise Unreadable(f"{'.'.join(path)} is a number of more than 40 digits")
    return value


def _mean(values: Iterable[Any]) -> Decimal | None:
    found = [n for n in (number(v) for v in values) if n is not None]
    return sum(found, Decimal(0)) / len(found) if found else None


def _clip(text: Any, limit: int = 200) -> str:
    words = " ".join(str(text).split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


def _promptfoo(doc: Any, streamed: Iterable[Any] | None = None, *, metrics: bool = True) -> Summary:
    summary = _get(doc, "results")
    stats = _get(summary, "stats")
    if not isinstance(stats, dict):
        raise Unreadable("no results.stats: not promptfoo output (`promptfoo eval -o FILE.json`)")
    passed = _count(stats, "successes", what="passed tests")
    failed = _count(stats, "failures", what="failed tests")
    errors = _count(stats, "errors", what="errors") if "errors" in stats else 0
    if streamed is None:
        listed = _get(summary, "results")
        streamed = listed if isinstance(listed, list) else []
    rows = streamed
    failures: list[str] = []
    scores: dict[str, list[Any]] = {}
    for row in rows:
        if not isinstance(row, dict):
            continue
        for name, value in (row.get("namedScores") or {}).items():
            scores.setdefault(str(name), []).append(value)
        if row.get("success") is False and len(failures) < FAILURES_KEPT:
            case = _get(row, "testCase", "description") or _get(row, "description") or "a test"
            why = _get(row, "gradingResult", "reason") or row.get("error") or "failed"
            failures.append(f"{_clip(case, 80)}: {_clip(why)}")
        elif not metrics and len(failures) >= FAILURES_KEPT:
            break  # a stream read for its failures only: the first few are enough
    means = {name: _mean(values) for name, values in scores.items()} if metrics else {}
    return Summary(passed + failed + errors, passed, failed, errors, 0, means, tuple(failures))


def _promptfoo_stream(path: Path, paths: Iterable[str], details: bool) -> Summary:
    """`_promptfoo` by streaming: the totals first (results.stats, a small object at the
    end of a large file), then the rows only if a named metric is asserted or failures
    are wanted."""
    import ijson  # only a large promptfoo file pays for it

    try:
        with path.open("rb") as fh:
            stats = next(ijson.items(fh, "results.stats"), None)
        if not isinstance(stats, dict):
            raise Unreadable(
                "no results.stats: not promptfoo output (`promptfoo eval -o FILE.json`)"
            )
        head = {"results": {"stats": stats}}
        metrics = any(p.startswith("metrics.") for p in paths)
        if not (details or metrics):
            return _promptfoo(head, ())
        with path.open("rb") as fh:
            rows = ijson.items(fh, "results.results.item")
            return _promptfoo(head, rows, metrics=metrics)
    except ijson.JSONError as exc:
        raise Unreadable(f"not JSON ({str(exc).splitlines()[0][:120]})") from None
    except RecursionError:
        raise Unreadable("JSON nested too deeply") from None
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror}") from None


def _deepeval(doc: Any) -> Summary:
    run = doc.get("testRunData", doc) if isinstance(doc, dict) else None
    if not isinstance(run, dict) or "testPassed" not in run:
        raise Unreadable("no testPassed: not a DeepEval test run (.deepeval/.latest_test_run.json)")
    passed = _count(run, "testPassed", what="passed tests")
    failed = _count(run, "testFailed", what="failed tests")
    metrics = {}
    for entry in run.get("metricsScores") or []:
        if isinstance(entry, dict) and isinstance(entry.get("metric"), str):
            scores = entry.get("scores")
            metrics[entry["metric"]] = _mean(scores if isinstance(scores, list) else [])
    failures = []
    for case in run.get("testCases") or []:
        if isinstance(case, dict) and case.get("success") is False:
            reasons = [
                f"{m.get('name')}: {_clip(m.get('reason') or 'failed', 120)}"
                for m in case.get("metricsData") or []
                if isinstance(m, dict) and m.get("success") is False
            ]
            failures.append(f"{_clip(case.get('name') or 'a test case', 80)}: {'; '.join(reasons)}")
            if len(failures) >= FAILURES_KEPT:
                break
    return Summary(passed + failed, passed, failed, 0, 0, metrics, tuple(failures))


def _junit(raw: bytes) -> Summary:
    # No DOCTYPE, so no entity (internal or external) can be declared, let alone expand.
    if _DOCTYPE.search(raw[:65536]) or _DOCTYPE.search(raw):
        raise Unreadable("XML with a DOCTYPE or entity declaration is refused")
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(raw)  # noqa: S314
    except ET.ParseError as exc:
        raise Unreadable(f"not XML ({exc})") from None
    except RecursionError:
        raise Unreadable("XML nested too deeply") from None
    if root.tag not in {"testsuites", "testsuite"}:
        raise Unreadable(f"<{_clip(root.tag, 40)}> is not JUnit XML (<testsuites> or <testsuite>)")
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    counts = {}
    for name in ("tests", "failures", "errors", "skipped"):
        own = root.get(name) if root.tag == "testsuites" else None
        values = [own] if own is not None else [s.get(name, "0") for s in suites]
        try:
            counts[name] = sum(_big_int(v.strip() or "0") for v in values)
        except ValueError:
            raise Unreadable(f"{name} is not a whole number") from None
    tests, failed, errors, skipped = (counts[k] for k in ("tests", "failures", "errors", "skipped"))
    passed = tests - failed - errors - skipped
    if passed < 0:
        raise Unreadable("more failures, errors and skips than tests")
    failures = []
    for case in root.iter("testcase"):
        problem = case.find("failure")
        problem = problem if problem is not None else case.find("error")
        if problem is not None:
            name = ".".join(p for p in (case.get("classname"), case.get("name")) if p)
            failures.append(f"{_clip(name, 80)}: {_clip(problem.get('message') or 'failed')}")
            if len(failures) >= FAILURES_KEPT:
                break
    return Summary(tests - skipped, passed, failed, errors, skipped, {}, tuple(failures))


def _inspect(doc: Any) -> Summary:
    if not isinstance(doc, dict) or "eval" not in doc or "status" not in doc:
        raise Unreadable("no eval and status: not an Inspect log (inspect eval --log-format json)")
    status = doc.get("status")
    found = doc.get("results")
    results: dict[str, Any] = found if isinstance(found, dict) else {}
    metrics: dict[str, Decimal | None] = {}
    for i, score in enumerate(results.get("scores") or []):
        if not isinstance(score, dict):
            continue
        for name, metric in (score.get("metrics") or {}).items():
            value = number(metric.get("value")) if isinstance(metric, dict) else None
            metrics[f"{score.get('name')}.{name}"] = value
            if i == 0:
                metrics.setdefault(str(name), value)
    if "accuracy" in metrics:
        metrics.setdefault("pass_rate", metrics["accuracy"])
    samples = results.get("completed_samples")
    tests = samples if isinstance(samples, int) and not isinstance(samples, bool) else None
    unfinished = None if status == "success" else f"status {_clip(status, 40)}"
    return Summary(tests=tests, metrics=metrics, unfinished=unfinished)


def _lm_eval(doc: Any) -> Summary:
    tasks = _get(doc, "results")
    if not isinstance(tasks, dict) or not tasks:
        raise Unreadable("no results.<task>: not lm-eval output (--output_path)")
    metrics: dict[str, Decimal | None] = {}
    for task, values in tasks.items():
        for key, value in (values or {}).items() if isinstance(values, dict) else ():
            name, _, kind = str(key).partition(",")
            metrics[f"{task}.{key}"] = number(value)
            if kind in {"", "none"}:
                metrics.setdefault(f"{task}.{name}", number(value))
    counted = [_get(doc, "n-samples", str(t), "effective") for t in tasks]
    tests = sum(n for n in counted if isinstance(n, int)) if any(counted) else None
    return Summary(tests=tests, metrics=metrics)


def _dotted(doc: Any, paths: Iterable[str]) -> Summary:
    found: dict[str, Decimal | None] = {}
    for path in paths:
        value: Any = doc
        for part in path.split("."):
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            else:
                value = None
                break
        found[path] = number(value)
    return Summary(paths=found)


def member(raw: bytes, name: str | None, *, nested: bool = False) -> bytes:
    """One file of a zip archive, in memory: `name`, or the only file when None. Refuses
    names that leave the archive, members that inflate past the caps, and an archive inside
    an archive inside this one (`nested`: this is already the inner one)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Unreadable("not a zip archive") from None
    if len(infos) > MAX_MEMBERS:
        raise Unreadable(f"more than {MAX_MEMBERS} members")
    for info in infos:
        parts = PurePosixPath(info.filename.replace("\\", "/")).parts
        if (
            info.filename.startswith(("/", "\\"))
            or ".." in parts
            or re.match(r"^[A-Za-z]:", info.filename)
        ):
            raise Unreadable(f"member {_clip(info.filename, 80)!r} would leave the archive")
    files = [i for i in infos if not i.is_dir()]
    if name is None:
        if len(files) != 1:
            listed = ", ".join(_clip(i.filename, 60) for i in files[:10]) or "none"
            raise Unreadable(
                f"{len(files)} files in the artifact ({listed}): name one with `file:`"
            )
        info = files[0]
    else:
        info = next((i for i in files if i.filename == name), None)  # type: ignore[assignment]
        if info is None:
            listed = ", ".join(_clip(i.filename, 60) for i in files[:10]) or "none"
            raise Unreadable(f"no {name} in the archive (it holds {listed})")
    if info.file_size > MAX_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise Unreadable(f"{_clip(info.filename, 80)} would inflate past the limits (a zip bomb?)")
    try:
        with archive.open(info) as fh:
            data = fh.read(MAX_BYTES + 1)
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, NotImplementedError) as exc:
        raise Unreadable(f"cannot read {_clip(info.filename, 80)} ({type(exc).__name__})") from None
    if len(data) > MAX_BYTES or len(data) > MAX_RATIO * max(info.compress_size, 1):
        raise Unreadable(f"{_clip(info.filename, 80)} inflates past the limits (a zip bomb?)")
    if data[:4] == b"PK\x03\x04" and nested and not info.filename.endswith(".json"):
        raise Unreadable("an archive inside an archive inside the artifact: one level only")
    return data


def from_artifact(
    raw: bytes, file: str | None, fmt: ResultsFormat, paths: Iterable[str]
) -> Summary:
    data = member(raw, file)
    if data[:4] == b"PK\x03\x04" and fmt != "inspect":
        raise Unreadable(
            "the member is an archive itself: name the results file inside with `file:`"
        )
    return read_bytes(data, fmt, paths)


def verdict(
    item_text: str, summary: Summary, asserts: dict[str, str], where: str
) -> EvidenceResult:
    """Measured evidence as an `EvidenceResult`: the numbers judged (judge/measure.py), and
    the sentence every report shows, passing or not."""
    found = judge(summary, asserts, where)
    if found.ok:
        return EvidenceResult(item_text, "results", "ok", "", found.text)
    return EvidenceResult(item_text, "results", "broken", found.text, found.text)


def in_repository(item: ResultsEvidence, settings: Settings) -> EvidenceResult:
    """A results file in the repository: found as any repository path is (inside it, no
    link out), then read and judged."""
    text = describe(item)
    located = check_path(item.results, settings.repo_root or Path.cwd())
    if located.state != "ok":
        return EvidenceResult(text, "results", "broken", f"{item.results}: {located.reason}")
    root = (settings.repo_root or Path.cwd()).resolve()
    try:
        summary = read_file(root / item.results, item.format, item.assert_, details=False)
        found = verdict(text, summary, item.assert_, item.results)
        if found.state != "ok" and not summary.failures:
            # Failing: read again for the failures a reviewer starts from.
            summary = read_file(root / item.results, item.format, item.assert_)
            found = verdict(text, summary, item.assert_, item.results)
    except Unreadable as exc:
        return EvidenceResult(
            text, "results", "broken", f"{item.results} is not {item.format} results: {exc}"
        )
    return found
