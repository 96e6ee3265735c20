from __future__ import annotations

from pathlib import Path

import pytest

from launch_gate.action import outputs
from tests.action.conftest import parse_outputs


def test_multiline_values_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "out"
    values = {"gaps": '["a", "b"]', "report": "line one\nline two\n", "empty": ""}
    outputs.write_outputs(path, values)
    outputs.write_outputs(path, {"more": "x"})
    assert parse_outputs(path.read_text()) == {
        "gaps": '["a", "b"]',
        "report": "line one\nline two\n",
        "empty": "",
        "more": "x",
    }


def test_delimiter_is_drawn_again_when_the_value_contains_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draws = iter([b"\xaa" * 16, b"\xbb" * 16])
    monkeypatch.setattr("launch_gate.action.commands.os.urandom", lambda _n: next(draws))
    text = outputs.format_outputs({"v": f"x\nghadelimiter_{'aa' * 16}\nverdict<<y"})
    assert text.startswith(f"v<<ghadelimiter_{'bb' * 16}\n")


def test_no_output_file_is_a_local_run(tmp_path: Path) -> None:
    outputs.write_outputs(None, {"verdict": "pass"})
    assert list(tmp_path.iterdir()) == []
