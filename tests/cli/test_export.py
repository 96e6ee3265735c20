"""`launch-gate export`: the sign-off record as HTML (read, printed, escaped) and as CSV."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT, Result
from tests.render.test_screenshots import chromium

ARGS = ("--today", "2026-11-23", "--offline", "--repo-root", "examples/repo")
HOSTILE = """\
version: 1
system:
  name: "<script>alert(1)</script> bot"
  owner: "@acme/ml"
profile: startup
checks:
  cost.caching:
    status: accepted-risk
    decision:
      rationale: "=HYPERLINK(\\"https://evil.example\\") <img src=x onerror=alert(1)>"
      owner: "@sam"
      approved_by: "@priya"
      expires: 2027-01-01
      tracking: "javascript:alert(1)"
"""


def export(cli: Callable[..., Result], *args: str) -> Result:
    return cli("export", *args)


def test_html_record_has_every_part_and_leaves_the_manifest_alone(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    manifest = ROOT / "examples/enterprise-agent.yaml"
    before = manifest.read_bytes()
    out = tmp_path / "record.html"
    res = export(
        cli, "examples/enterprise-agent.yaml", "--format", "html", "--output", str(out), *ARGS
    )
    assert res.code == 0, res.err  # the record is written though the gate fails
    assert manifest.read_bytes() == before
    page = out.read_text()
    assert "<title>Launch readiness sign-off: refund-agent</title>" in page
    assert '<div class="verdict fail"><b>FAIL</b>' in page
    assert page.count("<svg") == 1
    # One bar background per row: the score and the eight layers.
    assert page.count('fill="#eaeef2"') == 9
    assert page.count('<tr class="') == 50
    assert "Decisions expiring soon" in page
    assert "eval.hallucination-tracked" in page
    assert "Refund amounts come from the payments API" in page
    assert "Every refund above 50 EUR is checked by a person." in page  # mitigation
    assert re.search(r"Manifest SHA-256</th><td><code>[0-9a-f]{64}<", page)
    assert page.count("<td></td><td></td><td></td><td></td>") == 3  # signature rows
    # Self-contained: nothing to fetch, nothing to run.
    assert "<script" not in page
    assert " src=" not in page
    assert not re.search(r"""href=["'](?!https?://)""", page)
    assert "<link" not in page


def test_html_escapes_what_the_manifest_says(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "readiness.yaml").write_text(HOSTILE)
    res = export(cli, "--format", "html", "--today", "2026-11-23", "--offline")
    assert res.code == 0, res.err
    assert "<script" not in res.out
    assert "<img" not in res.out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; bot" in res.out
    assert 'href="javascript:' not in res.out
    assert "javascript:alert(1)" in res.out  # shown, not linked


def test_csv_has_a_row_per_check_and_no_formula(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "readiness.yaml").write_text(HOSTILE)
    res = export(cli, "--format", "csv", "--today", "2026-11-23", "--offline")
    assert res.code == 0, res.err
    rows = list(csv.DictReader(io.StringIO(res.out)))
    assert len(rows) == 50
    caching = next(r for r in rows if r["check"] == "cost.caching")
    assert caching["outcome"] == "optional"  # startup does not require caching
    assert caching["rationale"].startswith("'=HYPERLINK")
    assert (caching["owner"], caching["approved_by"]) == ("'@sam", "'@priya")
    assert caching["expires"] == "2027-01-01"
    assert not any(v[:1] in "=+-@" for r in rows for v in r.values() if v)


def test_the_manifest_is_not_a_destination(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    target = "examples/enterprise-agent.yaml"
    res = export(cli, target, "--format", "csv", "--output", target, *ARGS)
    assert res.code == 2
    assert "refusing to write the record over the manifest" in res.err


@pytest.mark.subprocess
def test_the_record_renders_and_prints_in_a_browser(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    browser = chromium()
    monkeypatch.chdir(ROOT)
    page = tmp_path / "record.html"
    res = export(
        cli, "examples/enterprise-agent.yaml", "--format", "html", "--output", str(page), *ARGS
    )
    assert res.code == 0, res.err
    shot, pdf = tmp_path / "signoff.png", tmp_path / "signoff.pdf"
    common = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    subprocess.run(
        [*common, "--window-size=1000,1300", f"--screenshot={shot}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    subprocess.run(
        [*common, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    with Image.open(shot) as img:
        assert img.size == (1000, 1300)
        # The verdict banner is drawn: FAIL's red-tinted background (#ffebe9) is on screen.
        colours = {c for _, c in img.convert("RGB").getcolors(1 << 20) or []}
    assert (255, 235, 233) in colours
    # Fifty checks, the audit and the signatures do not fit one A4 page: it paginates.
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages >= 3, pages
    if os.environ.get("UPDATE_SCREENSHOTS"):
        shutil.copyfile(shot, ROOT / "docs" / "images" / "signoff.png")
