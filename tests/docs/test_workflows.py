"""The workflows shown in the README and docs are the files under examples/workflows/, which
the linters check (tests/test_linters.py); this keeps the two from drifting apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "workflows"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```yaml\n(# examples/workflows/([\w.-]+\.yml)[^\n]*\n.*?)```", re.S)
PINNED = re.compile(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def shown() -> list[tuple[Path, str, str]]:
    return [(p, m[2], m[1]) for p in PAGES for m in BLOCK.finditer(p.read_text())]


@pytest.mark.parametrize(("page", "name", "text"), shown(), ids=lambda x: getattr(x, "name", x))
def test_a_shown_workflow_is_its_file(page: Path, name: str, text: str) -> None:
    assert text == (EXAMPLES / name).read_text(), f"{page.name} shows an old copy of {name}"


def test_every_example_is_shown_somewhere() -> None:
    assert {n for _, n, _ in shown()} == {p.name for p in EXAMPLES.glob("*.yml")}


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yml")), ids=lambda p: p.name)
def test_actions_are_pinned_by_sha_with_their_version(path: Path) -> None:
    for line in path.read_text().splitlines():
        uses = line.strip().removeprefix("- ")
        # Ours go by the release tag (examples/zizmor.yml says why): the Action and the
        # reusable fleet workflow alike.
        if not uses.startswith("uses:") or uses.startswith("uses: launch-gate/launch-gate"):
            continue
        assert PINNED.match(uses), line
        assert "checkout@" not in uses or "persist-credentials" in path.read_text()
