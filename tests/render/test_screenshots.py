"""The PR comment photographed as a pull request shows it: GitHub's Markdown engine
(cmark-gfm), GitHub's Markdown style (github-markdown-css) and a real browser (headless
Chromium), in the light and the dark theme.

`UPDATE_SCREENSHOTS=1` also writes them to docs/images/, where the README shows them. Without
Chromium the test is skipped, unless LAUNCH_GATE_NEED_BROWSER is set, as `.ci/run` sets it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from PIL import Image

from tests.conftest import ROOT
from tests.render.forms import LINKS, RUN, scenario
from tests.viewing import render_comment

CSS = Path(__file__).parent / "github-markdown-css"
IMAGES = ROOT / "docs" / "images"
# GitHub's page backgrounds behind a comment, per theme.
BACKGROUND = {"light": (255, 255, 255), "dark": (13, 17, 23)}
WIDTH, HEIGHT = 920, 1100


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("LAUNCH_GATE_NEED_BROWSER"):
            pytest.fail("chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    return found


def page(theme: str) -> str:
    pr, _ = scenario()
    body = render_comment([pr], pr.path, RUN, links=LINKS)
    html = cmarkgfm.github_flavored_markdown_to_html(body, options=Options.CMARK_OPT_UNSAFE)
    r, g, b = BACKGROUND[theme]
    return f"""<!doctype html><html><head><meta charset="utf-8">
<style>{(CSS / f"{theme}.css").read_text()}
body {{ margin: 0; background: rgb({r},{g},{b}); }}
.markdown-body {{ box-sizing: border-box; max-width: {WIDTH}px; padding: 16px 24px; }}
</style></head><body><article class="markdown-body">{html}</article></body></html>"""


@pytest.mark.subprocess
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_comment_as_github_shows_it(tmp_path: Path, theme: str) -> None:
    browser = chromium()
    source = tmp_path / f"comment-{theme}.html"
    source.write_text(page(theme))
    shot = tmp_path / f"comment-{theme}.png"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={shot}", source.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    with Image.open(shot) as img:
        rgb = img.convert("RGB")
    assert rgb.size == (WIDTH, HEIGHT)
    assert rgb.getpixel((WIDTH - 2, HEIGHT - 2)) == BACKGROUND[theme], "the theme's background"
    # The verdict is the first thing on the page: ink within the top 60 pixels.
    top = rgb.crop((0, 0, WIDTH, 60))
    extrema = top.convert("L").getextrema()
    assert isinstance(extrema, tuple)
    assert extrema[1] - extrema[0] > 100, "text at the top"
    # And the page is the comment, not an error page: most of it carries text.
    rows_with_ink = sum(
        1
        for y in range(0, HEIGHT, 10)
        if len({rgb.getpixel((x, y)) for x in range(0, WIDTH, 2)}) > 3
    )
    assert rows_with_ink > HEIGHT // 10 // 3
    if os.environ.get("UPDATE_SCREENSHOTS"):
        IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, IMAGES / shot.name)
    assert (IMAGES / shot.name).is_file(), "UPDATE_SCREENSHOTS=1 writes it"
