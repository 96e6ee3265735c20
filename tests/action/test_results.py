"""Which files a `manifest` glob names: inside the repository only, symlinks followed."""

from __future__ import annotations

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
