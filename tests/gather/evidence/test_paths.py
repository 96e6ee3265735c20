from __future__ import annotations

import os
from pathlib import Path

import pytest

from launch_gate.gather.evidence.anchors import anchors, slug
from launch_gate.gather.evidence.paths import check_path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "runbook.md").write_text(
        "# Rollback runbook\n\n## Step 1: `revert` the *prompt*\n\n## FAQ\n\n## FAQ\n\n"
        "```\n# not a heading\n```\n\nSetext heading\n--------------\n"
        '<a name="custom-anchor"></a>\n'
    )
    (root / "src.py").write_text("a = 1\nb = 2\nc = 3\n")
    (tmp_path / "secret.txt").write_text("outside")
    return root


def test_existing_file_and_directory(repo: Path) -> None:
    assert check_path("docs/runbook.md", repo).state == "ok"
    assert check_path("docs", repo).state == "ok"


def test_missing_file(repo: Path) -> None:
    result = check_path("docs/nope.md", repo)
    assert result.state == "broken"
    assert result.reason.startswith("file not found (looked from the repository root, ")


@pytest.mark.parametrize(
    ("item", "why"),
    [
        ("../secret.txt", "`..` would leave the repository"),
        ("docs/../../secret.txt", "`..` would leave the repository"),
        ("/etc/passwd", "an absolute path"),
        ("C:/Windows/win.ini", "an absolute path"),
        ("..\\secret.txt", "`..` would leave the repository"),
    ],
)
def test_traversal_is_refused(repo: Path, item: str, why: str) -> None:
    result = check_path(item, repo)
    assert result.state == "broken"
    assert why in result.reason


def test_symlink_out_of_the_repo_is_refused(repo: Path) -> None:
    os.symlink(repo.parent / "secret.txt", repo / "docs" / "link.md")
    result = check_path("docs/link.md", repo)
    assert (result.state, result.reason) == (
        "broken",
        "refused: a symlink points outside the repository",
    )


def test_symlink_inside_the_repo_is_fine(repo: Path) -> None:
    os.symlink(repo / "docs" / "runbook.md", repo / "latest.md")
    assert check_path("latest.md#faq", repo).state == "ok"


@pytest.mark.parametrize(
    "anchor",
    [
        "rollback-runbook",
        "step-1-revert-the-prompt",
        "faq",
        "faq-1",
        "setext-heading",
        "custom-anchor",
        "FAQ",
    ],
)
def test_markdown_anchors_that_exist(repo: Path, anchor: str) -> None:
    assert check_path(f"docs/runbook.md#{anchor}", repo).state == "ok"


@pytest.mark.parametrize("anchor", ["not-a-heading", "faq-2", "missing"])
def test_markdown_anchors_that_do_not(repo: Path, anchor: str) -> None:
    result = check_path(f"docs/runbook.md#{anchor}", repo)
    assert (result.state, result.reason) == ("broken", f"no heading #{anchor} in the file")


def test_line_anchors(repo: Path) -> None:
    assert check_path("src.py#L2", repo).state == "ok"
    assert check_path("src.py#L1-L3", repo).state == "ok"
    assert check_path("src.py#L9", repo).reason == "no line(s) #L9 in the file"


def test_github_slugs() -> None:
    assert slug("What's new in v2.0?") == "whats-new-in-v20"
    assert slug("[Links](https://x) and `code` and _emphasis_") == "links-and-code-and-emphasis"
    assert slug("snake_case stays") == "snake_case-stays"
    assert slug("Ünïcode Títle") == "ünïcode-títle"
    assert anchors("# A\n# A\n# A\n") == {"a", "a-1", "a-2"}


def test_a_name_too_long_is_just_not_found(repo: Path) -> None:
    assert check_path("x" * 1000, repo).reason.startswith("file not found")


def test_a_path_written_from_the_manifests_folder_gets_its_right_spelling(tmp_path: Path) -> None:
    # Issue 28: in a monorepo, evidence paths are relative to the repository's root.
    (tmp_path / "services" / "bot" / "docs").mkdir(parents=True)
    (tmp_path / "services" / "bot" / "docs" / "runbook.md").write_text("# x\n")
    result = check_path("docs/runbook.md", tmp_path, tmp_path / "services" / "bot")
    assert result.state == "broken"
    assert result.reason == (
        f"file not found (looked from the repository root, {tmp_path.name}/); "
        "did you mean services/bot/docs/runbook.md?"
    )
