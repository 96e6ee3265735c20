"""The shipped policy files are read from their parsed snapshot only while it matches them."""

from __future__ import annotations

from pathlib import Path

import pytest

from launch_gate.load import shipped, yamldoc
from launch_gate.load.catalogue import policies_dir
from launch_gate.load.text import decode

ROOT = policies_dir()
FILES = [ROOT / "catalogue.yaml", *sorted((ROOT / "profiles").glob("*.yaml"))]


def _display(path: Path) -> str:
    return f"policies/{path.relative_to(ROOT).as_posix()}"


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    shipped._snapshot.cache_clear()
    yamldoc.load_ours.cache_clear()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_snapshot_is_what_the_yaml_reader_gives_today(path: Path) -> None:
    # Fails after a policy edit until `make policies` writes the snapshot again.
    raw = path.read_bytes()
    display = _display(path)
    found = shipped.lookup(display, raw)
    assert found is not None, f"{display} changed: run `make policies`"
    parsed = yamldoc.load(decode(raw, display), display, ours=True)
    assert found == (parsed.data, parsed.lines)


def test_an_edited_file_is_parsed_not_taken_from_the_snapshot(tmp_path: Path) -> None:
    display = "policies/profiles/startup.yaml"
    original = (ROOT / "profiles" / "startup.yaml").read_text()
    edited = original.replace("warn_days: 14", "warn_days: 45")
    assert edited != original
    copy = tmp_path / "startup.yaml"
    copy.write_text(edited)
    doc = yamldoc.load_ours(copy, display)
    assert doc.data["warn_days"] == 45
    assert doc.text_of(doc.line(("warn_days",))) == "warn_days: 45"


def test_a_missing_or_broken_snapshot_means_parsing_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for content in (None, b"not marshal data"):
        shipped._snapshot.cache_clear()
        yamldoc.load_ours.cache_clear()
        broken = tmp_path / "policies.marshal"
        if content is not None:
            broken.write_bytes(content)
        monkeypatch.setattr(shipped, "SNAPSHOT", broken)
        doc = yamldoc.load_ours(ROOT / "catalogue.yaml", "policies/catalogue.yaml")
        assert len(doc.data["checks"]) == 50
        assert doc.text_of(1) == (ROOT / "catalogue.yaml").read_text().splitlines()[0]


def test_documents_from_the_snapshot_quote_their_lines() -> None:
    doc = yamldoc.load_ours(ROOT / "catalogue.yaml", "policies/catalogue.yaml")
    line = doc.line(("checks", "prompt.versioned"))
    assert line is not None
    assert "prompt.versioned" in (doc.text_of(line) or "")


def test_the_writer_makes_what_the_reader_finds() -> None:
    import marshal

    from launch_gate.load.snapshot import build

    # What `make policies` would write now holds the same entries as the committed snapshot.
    assert marshal.loads(build()) == shipped._snapshot()
