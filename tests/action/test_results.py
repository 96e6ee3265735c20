"""Which files a `manifest` glob names (inside the repository only, symlinks followed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from launch_gate.action.results import find_manifests
from launch_gate.errors import UsageError


def _write(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("version: 1\n")
    return path


def test_a_glob_over_folders_finds_each_manifest_sorted(tmp_path: Path) -> None:
    for name in ("svc/b", "svc/a", "svc/c/deep"):
        _write(tmp_path / name / "readiness.yaml")
    assert find_manifests(tmp_path, "svc/*/readiness.yaml") == [
        "svc/a/readiness.yaml",
        "svc/b/readiness.yaml",
    ]
    assert find_manifests(tmp_path, "**/readiness.yaml")[-1] == "svc/c/deep/readiness.yaml"


def test_symlinks_that_stay_inside_count_and_those_leading_out_do_not(tmp_path: Path) -> None:
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    _write(repo / "svc/real/readiness.yaml")
    _write(outside / "readiness.yaml")
    _write(outside / "team/readiness.yaml")
    (repo / "svc/alias").symlink_to(repo / "svc/real")
    (repo / "svc/away").symlink_to(outside)
    (repo / "svc/file-away").mkdir()
    (repo / "svc/file-away/readiness.yaml").symlink_to(outside / "readiness.yaml")
    # Through a folder that is itself a link inside the repository, to one leading out.
    (repo / "svc/real/up").symlink_to(outside / "team")
    found = find_manifests(repo, "svc/**/readiness.yaml")
    assert found == ["svc/alias/readiness.yaml", "svc/real/readiness.yaml"]


def test_a_manifest_that_is_a_link_to_a_file_inside_counts(tmp_path: Path) -> None:
    _write(tmp_path / "shared/readiness.yaml")
    (tmp_path / "svc/a").mkdir(parents=True)
    (tmp_path / "svc/a/readiness.yaml").symlink_to(tmp_path / "shared/readiness.yaml")
    (tmp_path / "svc/b").mkdir()
    (tmp_path / "svc/b/readiness.yaml").symlink_to(tmp_path / "shared")  # a folder
    assert find_manifests(tmp_path, "svc/*/readiness.yaml") == ["svc/a/readiness.yaml"]


def test_a_workspace_reached_through_a_symlink_still_matches(tmp_path: Path) -> None:
    _write(tmp_path / "real/svc/a/readiness.yaml")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert find_manifests(tmp_path / "link", "svc/*/readiness.yaml") == ["svc/a/readiness.yaml"]


def test_folders_and_broken_links_are_not_manifests(tmp_path: Path) -> None:
    (tmp_path / "svc/readiness.yaml").mkdir(parents=True)
    (tmp_path / "readiness.yaml").symlink_to(tmp_path / "missing.yaml")
    with pytest.raises(UsageError, match="no manifest matches"):
        find_manifests(tmp_path, "**/readiness.yaml")


@pytest.mark.parametrize("pattern", ["/etc/*.yaml", "../*/readiness.yaml", "svc/../../x"])
def test_a_pattern_that_leaves_the_repository_is_refused(tmp_path: Path, pattern: str) -> None:
    with pytest.raises(UsageError, match="inside the repository"):
        find_manifests(tmp_path, pattern)


def _frames() -> int:
    frame, count = sys._getframe(), 0
    while frame is not None:
        frame, count = frame.f_back, count + 1
    return count


def test_folders_nested_past_the_stack_are_bad_input_not_a_bug(tmp_path: Path) -> None:
    # A pull request can add folders about a thousand deep, where glob's descent (a call per
    # folder) runs out of stack. The limit is lowered here so that 300 folders do the same.
    deep = tmp_path.joinpath(*["d"] * 300)
    _write(deep / "readiness.yaml")
    literal = "d/" * 300 + "readiness.yaml"
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(_frames() + 150)
    try:
        with pytest.raises(UsageError, match="nest too deeply") as raised:
            find_manifests(tmp_path, "**/readiness.yaml")
        # Named without `**`, the same manifest is found: resolving its folders is a loop.
        assert find_manifests(tmp_path, literal) == [literal]
    finally:
        sys.setrecursionlimit(limit)
    assert raised.value.exit_code == 2
