"""The fleet page for a thousand systems: small enough to mail, and what headless Chromium
shows of it. `UPDATE_SCREENSHOTS=1` writes docs/images/fleet.png for docs/fleet.md."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from launch_gate.load.catalogue import load_catalogue
from launch_gate.render import fleet as render
from launch_gate.report.fleet import view
from tests.conftest import ROOT
from tests.render.test_screenshots import chromium

TODAY = dt.date(2026, 12, 7)
LAYERS = ("prompt", "eval", "obs", "cost", "rag", "sec", "gov", "deploy")


def fleet(systems: int, weeks: int = 12) -> list[dict[str, Any]]:
    """`systems` manifests with a version a week, scores creeping up, a few risks."""
    cat = load_catalogue()
    ids = list(cat.checks)
    out = []
    for n in range(systems):
        for w in range(weeks):
            day = TODAY - dt.timedelta(days=7 * (weeks - w))
            score = min(100, (n * 37) % 70 + w * 2)
            failing = score < 50
            gaps = ids[: (n % 7) + 1] if failing else []
            out.append({
                "record_version": 1, "repo": f"acme/service-{n // 3}",
                "path": f"svc{n % 3}/readiness.yaml", "commit": f"{n:020x}{w:020x}",
                "date": f"{day.isoformat()}T12:00:00+00:00", "collected": TODAY.isoformat(),
                "tool": "0.1.0", "catalogue": 1, "system": f"assistant-{n}",
                "owner": f"@acme/team-{n % 9}",
                "profile": ("startup", "enterprise", "regulated")[n % 3],
                "verdict": "fail" if failing else "pass", "score": score,
                "layers": {k: (score + 11 * i) % 101 for i, k in enumerate(LAYERS)},
                "gaps": gaps,
                "outcomes": {c: ("gap" if c in gaps else "passed") for c in ids},
                "decisions": [{"check": "eval.release-gated", "status": "accepted-risk",
                               "owner": "@bob", "approver": "@carol" if n % 4 else "@bob",
                               "expires": (TODAY + dt.timedelta(days=n % 120 - 20)).isoformat()}],
            })  # fmt: skip
    return out


def test_a_thousand_systems_fit_in_two_megabytes() -> None:
    found = view(fleet(1000), load_catalogue(), TODAY)
    html = render.page(found)
    assert len(html.encode()) < 2 * 1024 * 1024, len(html.encode())
    assert len(found.systems) == 1000
    assert html.count("<tr>") > 1000


@pytest.mark.subprocess
def test_the_page_as_a_browser_shows_it(tmp_path: Path) -> None:
    browser = chromium()
    source = tmp_path / "index.html"
    source.write_text(render.page(view(fleet(40), load_catalogue(), TODAY)))
    shot = tmp_path / "fleet.png"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--disable-background-networking", "--no-first-run", "--disable-component-update",
         "--window-size=1280,900", f"--screenshot={shot}", source.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    with Image.open(shot) as img:
        rgb = img.convert("RGB")
    assert rgb.size == (1280, 900)
    # The heat map's cells are coloured: many hues in the page's middle band.
    band = {rgb.getpixel((x, y)) for x in range(0, 1280, 8) for y in range(300, 700, 8)}
    assert len(band) > 20, "the heat map is drawn"
    if os.environ.get("UPDATE_SCREENSHOTS"):
        shutil.copy(shot, ROOT / "docs" / "images" / "fleet.png")
