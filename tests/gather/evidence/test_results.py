"""Results files of each eval tool, read into one summary; and every hostile file a pull
request can commit in their place, each a finding (Unreadable) within the limits.

Fixtures: fixtures/ (SOURCES.md names the tool source each shape comes from)."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from launch_gate.gather.evidence.results import (
    MAX_BYTES,
    Unreadable,
    from_artifact,
    member,
    read_bytes,
    read_file,
)
from launch_gate.judge.measure import ResultsFormat, Summary, judge, parse

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str, fmt: ResultsFormat, paths: tuple[str, ...] = ()) -> Summary:
    return read_file(FIXTURES / name, fmt, paths)


def test_promptfoo() -> None:
    s = read("promptfoo.json", "promptfoo")
    assert (s.tests, s.passed, s.failed, s.errors) == (200, 194, 5, 1)
    assert s.pass_rate == Decimal(194) / Decimal(200)
    # namedScores averaged over the results that report them: (194 x 0.9 + 5 x 0.5) / 199
    assert s.metrics["faithfulness"] == (Decimal("0.9") * 194 + Decimal("0.5") * 5) / 199
    assert s.failures[0] == "refund edge case 0: Expected output to mention the 30-day window"
    assert len(s.failures) == 5  # the first few: a reviewer's starting point, not a dump


def test_deepeval_latest_run_and_results_folder_file() -> None:
    s = read("deepeval.json", "deepeval")
    assert (s.tests, s.passed, s.failed) == (50, 47, 3)
    assert s.metrics["Faithfulness"] == Decimal("0.79")
    assert s.failures == (
        "test_legal: Faithfulness: The answer cites a policy that is not in the context.",
    )
    # A DEEPEVAL_RESULTS_FOLDER file is the run itself, without the testRunData key.
    bare = json.loads((FIXTURES / "deepeval.json").read_text())["testRunData"]
    assert read_bytes(json.dumps(bare).encode(), "deepeval").passed == 47


def test_junit_totals_on_testsuites_or_summed_over_suites() -> None:
    s = read("junit.xml", "junit")
    # 12 tests, 1 skipped: 11 ran; 2 failures, 1 error: 8 passed.
    assert (s.tests, s.passed, s.failed, s.errors, s.skipped) == (11, 8, 2, 1, 1)
    assert s.failures[0] == "tests.test_refunds.test_partial: assert 'thirty days' in answer"
    text = (FIXTURES / "junit.xml").read_text()
    bare = text.replace('tests="12" failures="2" errors="1" skipped="1" time="3.2"', "")
    assert read_bytes(bare.encode(), "junit").tests == 11  # summed over <testsuite>


@pytest.mark.parametrize("name", ["inspect.json", "inspect.eval"])
def test_inspect_log_and_eval_archive(name: str) -> None:
    s = read(name, "inspect")
    assert s.tests == 200
    assert s.metrics["accuracy"] == Decimal("0.935")
    assert s.metrics["model_graded_fact.stderr"] == Decimal("0.0174")
    assert s.pass_rate == Decimal("0.935")
    assert s.unfinished is None


def test_an_inspect_run_that_did_not_finish_fails_whatever_its_numbers() -> None:
    doc = json.loads((FIXTURES / "inspect.json").read_text()) | {"status": "error"}
    s = read_bytes(json.dumps(doc).encode(), "inspect")
    found = judge(s, {"metrics.accuracy": ">= 0.5"}, "log.json")
    assert not found.ok
    assert found.text == "the eval run did not finish (status error) in log.json"


def test_lm_eval_metrics_with_and_without_their_filter() -> None:
    s = read("lm-eval.json", "lm-eval")
    assert s.metrics["hellaswag.acc"] == Decimal("0.5712")
    assert s.metrics["hellaswag.acc,none"] == Decimal("0.5712")
    assert s.metrics["gsm8k.exact_match,strict-match"] == Decimal("0.4102")
    assert "gsm8k.exact_match" not in s.metrics  # no filter is "none" there: name it
    assert s.tests == 10042 + 1319


def test_json_dotted_paths() -> None:
    s = read("custom.json", "json", ("summary.accuracy", "summary.cases.0.score", "summary.x"))
    assert s.paths == {
        "summary.accuracy": Decimal("0.93"),
        "summary.cases.0.score": Decimal("0.5"),
        "summary.x": None,
    }


@pytest.mark.parametrize(
    ("text", "measured", "holds"),
    [
        (">= 0.95", Decimal("0.95"), True),
        ("> 0.95", Decimal("0.95"), False),
        ("95%", Decimal("0.95"), True),
        ("< 1%", Decimal("0.009"), True),
        ("== 0", Decimal(0), True),
        ("!= 0", Decimal(0), False),
        ("200", Decimal(199), False),  # a bare number is a floor
        ("<= 0.3", Decimal(1) / Decimal(3), False),  # decimals: 0.333... is not <= 0.3
        (">= 0", Decimal("NaN"), False),
        (">= 0", Decimal("Infinity"), False),
        (">= 0", None, False),
    ],
)
def test_assertions_compare_exactly(text: str, measured: Decimal | None, holds: bool) -> None:
    assert parse("x", text).holds(measured) is holds


def test_the_words_of_a_failing_and_a_passing_assertion() -> None:
    s = Summary(200, 182, 17, 1, 0)
    failed = judge(s, {"pass_rate": ">= 0.95", "tests": ">= 200"}, "evals/results.json")
    assert failed == (False, "pass_rate 0.91 (182 of 200) < 0.95 in evals/results.json")
    s = Summary(200, 194, 6, 0, 0)
    held = judge(s, {"pass_rate": "95%", "tests": ">= 200"}, "evals/results.json")
    assert held == (True, "pass rate 97.0% (194/200) ≥ 95%; tests 200 ≥ 200 in evals/results.json")


def test_no_tests_fails_every_pass_rate() -> None:
    found = judge(Summary(0, 0, 0, 0, 3), {"pass_rate": ">= 0"}, "r.json")
    assert found == (False, "pass_rate: no tests ran (needs ≥ 0%) in r.json")


# -- what a pull request can commit instead ------------------------------------------------


def zipped(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


HOSTILE: dict[str, tuple[bytes, ResultsFormat, str]] = {
    "empty": (b"", "promptfoo", "the file is empty"),
    "blank": (b"  \n", "junit", "the file is empty"),
    "not JSON": (b"<html>hi</html>", "promptfoo", "not JSON"),
    "JSON of another tool": (b'{"testPassed": 1}', "promptfoo", "not promptfoo output"),
    "wrong types": (
        b'{"results": {"stats": {"successes": "many", "failures": 0}}}',
        "promptfoo",
        "successes is not a count",
    ),
    "negative count": (b'{"testPassed": -1, "testFailed": 0}', "deepeval", "not a count"),
    "nested too deep": (b"[" * 100_000 + b"]" * 100_000, "json", "nested too deeply"),
    "a thousand digits": (
        b'{"testPassed": ' + b"9" * 1000 + b', "testFailed": 0}',
        "deepeval",
        "a number with 1000 digits",
    ),
    "not UTF-8": (b'{"x": "\xff"}', "json", "not UTF-8"),
    "XML DOCTYPE (billion laughs)": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><testsuites tests="&lol2;"/>',
        "junit",
        "DOCTYPE or entity",
    ),
    "XML external entity": (
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><testsuite>&e;</testsuite>',
        "junit",
        "DOCTYPE or entity",
    ),
    "not XML": (b"<testsuites", "junit", "not XML"),
    "other XML": (b"<html/>", "junit", "is not JUnit XML"),
    "more failures than tests": (b'<testsuite tests="1" failures="3"/>', "junit", "more failures"),
    "inspect without status": (b'{"eval": {}}', "inspect", "not an Inspect log"),
    "lm-eval without results": (b'{"config": {}}', "lm-eval", "not lm-eval output"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_file_is_a_finding(case: str) -> None:
    raw, fmt, says = HOSTILE[case]
    with pytest.raises(Unreadable, match=None) as caught:
        read_bytes(raw, fmt, ("x",))
    assert says in str(caught.value)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "results.json"
    with big.open("wb") as fh:  # sparse: 1 GiB on paper, nothing on disk
        fh.truncate(1024**3)
    with pytest.raises(Unreadable, match="larger than 256 MiB"):
        read_file(big, "promptfoo")


def test_a_fifo_is_refused(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "results.json")
    with pytest.raises(Unreadable, match="not a regular file"):
        read_file(tmp_path / "results.json", "promptfoo")


ARCHIVES: dict[str, tuple[bytes, str | None, str]] = {
    "traversal": (zipped({"../../etc/passwd": b"x"}), None, "would leave the archive"),
    "absolute": (zipped({"/etc/passwd": b"x"}), None, "would leave the archive"),
    "windows drive": (zipped({"C:/x.json": b"x"}), None, "would leave the archive"),
    "zip bomb": (zipped({"r.json": b"0" * (50 * 1024 * 1024)}), None, "inflate past the limits"),
    "several files, none named": (zipped({"a.json": b"{}", "b.json": b"{}"}), None, "2 files"),
    "the named file is absent": (zipped({"a.json": b"{}"}), "output.json", "no output.json"),
    "not a zip": (b"PK\x03\x04garbage", None, "not a zip archive"),
    "an archive in an archive": (
        zipped({"inner.zip": zipped({"deeper.zip": zipped({"r.json": b"{}"})})}),
        None,
        "an archive itself",
    ),
}


@pytest.mark.parametrize("case", sorted(ARCHIVES))
def test_a_hostile_artifact_is_a_finding(case: str) -> None:
    raw, name, says = ARCHIVES[case]
    with pytest.raises(Unreadable) as caught:
        from_artifact(raw, name, "promptfoo", ())
    assert says in str(caught.value)


def test_an_eval_log_inside_an_artifact_is_one_level_and_allowed() -> None:
    inner = (FIXTURES / "inspect.eval").read_bytes()
    summary = from_artifact(zipped({"logs/run.eval": inner}), None, "inspect", ())
    assert summary.tests == 200


def test_member_size_is_checked_while_reading_not_only_as_declared() -> None:
    # A member whose header lies about its size: the read itself stops at the cap.
    raw = zipped({"r.json": b"{}"})
    assert member(raw, None) == b"{}"
    assert MAX_BYTES >= 50 * 1024 * 1024


def test_nan_and_infinity_in_a_file_fail_their_assertions() -> None:
    raw = b'{"summary": {"accuracy": NaN, "loss": Infinity}}'
    s = read_bytes(raw, "json", ("summary.accuracy", "summary.loss"))
    found = judge(s, {"summary.accuracy": ">= 0.9", "summary.loss": "<= 1"}, "r.json")
    assert not found.ok
    assert "summary.accuracy is NaN" in found.text


def test_a_large_promptfoo_file_is_streamed_to_the_same_summary(tmp_path: Path) -> None:
    # Past STREAM_FROM the file is read with ijson, not loaded whole: the same numbers.
    from launch_gate.gather.evidence.results import STREAM_FROM

    doc = json.loads((FIXTURES / "promptfoo.json").read_text())
    rows = doc["results"]["results"]
    doc["results"]["results"] = rows * (STREAM_FROM // len(json.dumps(rows)) + 1)
    big = tmp_path / "results.json"
    big.write_text(json.dumps(doc))
    assert big.stat().st_size > STREAM_FROM
    loaded = read_bytes(big.read_bytes(), "promptfoo", ("metrics.faithfulness",))
    streamed = read_file(big, "promptfoo", ("metrics.faithfulness",))
    assert streamed == loaded
    totals = read_file(big, "promptfoo", ("pass_rate",), details=False)
    assert (totals.tests, totals.passed, totals.failures) == (200, 194, ())
    broken = tmp_path / "broken.json"
    broken.write_bytes(big.read_bytes()[: STREAM_FROM + 10])
    with pytest.raises(Unreadable, match="not JSON"):
        read_file(broken, "promptfoo", ())
