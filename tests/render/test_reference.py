"""docs/checks.md is the catalogue as published, and every report link lands on an entry."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from launch_gate import HOME, __version__
from launch_gate.gather.evidence.anchors import headings, slug
from launch_gate.load.catalogue import load_catalogue
from launch_gate.render.reference import PAGE, check_link, explain_url
from tests.conftest import ROOT, Result


def test_the_page_is_current(cli: Callable[..., Result]) -> None:
    res = cli("checks", "--format", "markdown")
    assert res.code == 0, res.err
    assert (ROOT / PAGE).read_text() == res.out, "run: launch-gate checks --format markdown"


def test_every_check_has_an_anchor_the_links_use() -> None:
    anchors = {slug(h) for h in headings((ROOT / PAGE).read_text())}
    for check_id in load_catalogue().checks:
        url = explain_url(check_id)
        assert url.startswith(f"{HOME}/blob/v{__version__}/{PAGE}#")
        assert url.rsplit("#", 1)[1] in anchors, check_id


@pytest.mark.parametrize("check_id", ["sec.secrets-managed", "prompt.one-step-rollback"])
def test_a_link_shows_the_id_as_code(check_id: str) -> None:
    link = check_link(check_id)
    assert re.fullmatch(rf"\[`{re.escape(check_id)}`\]\(https://github\.com/[^ )]+\)", link)
