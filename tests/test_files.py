"""The gate's only writes: whole files, atomically, readable by the runner's later steps."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from launch_gate.errors import UsageError
from launch_gate.files import write_new_or_replace, write_parts_new_or_replace


def test_parts_are_written_in_order_and_readable_by_everyone(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_parts_new_or_replace(target, iter([b'{"a":', b"1", b"}\n"]))
    assert target.read_bytes() == b'{"a":1}\n'
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_failure_while_making_the_parts_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old\n")

    def parts() -> Iterator[bytes]:
        yield b"half of a new "
        raise RuntimeError("the report could not be made")

    with pytest.raises(RuntimeError):
        write_parts_new_or_replace(target, parts())
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_folder_that_cannot_be_written_is_a_usage_error_naming_the_file(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "gone" / "report.json"
    with pytest.raises(UsageError, match="cannot write") as caught:
        write_parts_new_or_replace(missing, iter([b"x"]))
    assert caught.value.file == str(missing)
    with pytest.raises(UsageError, match="cannot write"):
        write_new_or_replace(missing, "x")


def test_text_replaces_a_file_keeping_the_mode_asked_for(tmp_path: Path) -> None:
    target = tmp_path / "readiness.yaml"
    target.write_text("old\n")
    write_new_or_replace(target, "new ✅\n", mode=0o600)
    assert target.read_text(encoding="utf-8") == "new ✅\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
