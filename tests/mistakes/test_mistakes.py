"""Mistakes a team makes, each run as it would be met, with the exact words it must get back.

The cases are in cases.yaml, the words in golden/<id>.txt; `UPDATE_GOLDEN=1` rewrites them.
Beside the words, each message is scored as the everyday-flow issue scores them: a point for
the place (`file:line`, or the flag or argument at fault) and a point for the fix (a
`= fix:` line). The average must stay at or above 1.85 and no message may score 0.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Result

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "cases.yaml").read_text())
TODAY = "2026-11-23"

# Where a message can put its reader: a file's line, a file as a whole, a flag, an argument.
_PLACE = re.compile(
    r"^(?:\S+:\d+(?::\d+)?: (?:error|warning)"
    r"|(?!launch-gate)\S+: error: "
    r"|launch-gate(?: \w+)?: error: (?:--[\w-]+|[A-Z_]+):)",
    re.M,
)
_LISTED_AT = re.compile(r"\(\S+:\d+\)$", re.M)  # a gap in the layer list, at its line


def _git(repo: Path, *args: str) -> None:
    when = "2026-11-01T00:00:00Z"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def _lay_out(repo: Path, case: dict[str, Any]) -> None:
    repo.mkdir()
    if case.get("manifest") is not None:
        (repo / "readiness.yaml").write_text(case["manifest"])
    for name, text in (case.get("files") or {}).items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "first")


def _argv(case: dict[str, Any]) -> list[str]:
    argv = shlex.split(case["run"])
    if argv[0] == "check":
        argv += ["--offline", *([] if "--today" in argv else ["--today", TODAY])]
    return argv


def _transcript(argv: list[str], res: Result, repo: Path) -> str:
    def clean(text: str) -> str:
        return text.replace(str(repo), "<repo>")

    return (
        f"$ launch-gate {shlex.join(argv)}\n[exit {res.code}]\n"
        f"--- stderr\n{clean(res.err)}--- stdout\n{clean(res.out)}"
    )


def score(res: Result) -> int:
    """2 = the exact place and the fix; 1 = one of them; 0 = neither."""
    said = res.err + res.out
    place = bool(_PLACE.search(said) or _LISTED_AT.search(said))
    fix = "\n  = fix: " in f"\n{said}"
    return int(place) + int(fix)


def _run(
    case: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: Callable[..., Result],
) -> tuple[list[str], Result, Path]:
    repo = tmp_path / "repo"
    _lay_out(repo, case)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("COLUMNS", "100")
    argv = _argv(case)
    return argv, cli(*argv), repo


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_mistake_gets_its_message(
    case: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: Callable[..., Result],
) -> None:
    before = {p: p.read_bytes() for p in (tmp_path).rglob("*") if p.is_file()}
    argv, res, repo = _run(case, tmp_path, monkeypatch, cli)
    assert res.code == case["exit"], res.err
    assert "Traceback" not in res.err
    if case["run"].split()[0] != "init":
        edited = [p for p, b in before.items() if p.read_bytes() != b]
        assert not edited, "a mistake never changes the user's files"
    said = _transcript(argv, res, repo)
    golden = GOLDEN / f"{case['id']}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(said)
    assert said == golden.read_text(), f"{golden} (UPDATE_GOLDEN=1 rewrites it)"


def test_messages_score_as_the_issue_asks(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    cli: Callable[..., Result],
) -> None:
    scores = {}
    for case in CASES:
        with monkeypatch.context() as m:
            _, res, _ = _run(case, tmp_path_factory.mktemp(case["id"]), m, cli)
        scores[case["id"]] = score(res)
    low = {k: v for k, v in scores.items() if v == 0}
    assert not low, f"messages with neither place nor fix: {low}"
    mean = sum(scores.values()) / len(scores)
    assert mean >= 1.85, f"mean {mean:.2f}: {scores}"


def test_there_are_forty_and_each_has_its_golden() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)
    assert {p.stem for p in GOLDEN.glob("*.txt")} == set(ids), "a golden without its case"


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("readiness.yaml:6:5: error: x\n  = fix: y\n", 2),
        ("readiness.yaml:6:5: error: x\n", 1),
        ("launch-gate check: error: --format: 'xml' is not one of json\n  = fix: `--x`\n", 2),
        ("launch-gate: error: something went wrong\n", 0),
        ("launch-gate: error: something went wrong\n  = fix: try again\n", 1),
    ],
)
def test_the_score_can_fail(said: str, expected: int) -> None:
    assert score(Result(2, "", said)) == expected
