"""The README onboards: it stays short, its commands run, and every page it links exists."""

from __future__ import annotations

import re
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Result

README = (ROOT / "README.md").read_text()


def test_the_readme_is_short() -> None:
    assert len(README.splitlines()) < 300


def test_every_local_link_in_the_docs_exists() -> None:
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#\s]+)", page.read_text()):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def _commands() -> list[list[str]]:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    found = []
    for block in blocks:
        for raw in block.splitlines():
            command = raw.split("#", 1)[0].strip().removeprefix(".venv/bin/")
            if command.startswith("launch-gate "):
                found.append(shlex.split(command.split(">", 1)[0]))
    return found


def test_the_readme_shows_commands() -> None:
    assert {argv[1] for argv in _commands()} >= {"init", "review", "check"}


@pytest.mark.parametrize("argv", _commands(), ids=" ".join)
def test_the_readme_commands_run(
    argv: list[str], cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    if argv[1] != "init":
        assert cli("init", "--profile", "startup", "--capabilities", "rag").code == 0
    res = cli(*argv[1:], *(["--offline"] if argv[1] == "check" else []))
    assert res.code in (0, 1), res.err  # a fresh manifest fails, as it should
