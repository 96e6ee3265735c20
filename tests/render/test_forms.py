"""Golden files for every form a pull request's report takes: the comment (one manifest and a
monorepo), the job summary and SARIF. `UPDATE_GOLDEN=1` rewrites them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.render.forms import LINKS, RUN, scenario
from tests.viewing import render_body, render_comment, sarif_report

GOLDEN = Path(__file__).parent / "golden" / "forms"


def form(name: str) -> str:
    pr, other = scenario()
    if name == "comment.md":
        return render_comment([pr], "services/refunds/readiness.yaml", RUN, links=LINKS)
    if name == "comment-monorepo.md":
        return render_comment([other, pr], "services/*/readiness.yaml", RUN, links=LINKS)
    if name == "summary.md":
        return render_body([other, pr], links=LINKS, full=True)
    assert name == "report.sarif"
    assert pr.evaluation is not None
    return sarif_report(pr.evaluation)


FORMS = ["comment.md", "comment-monorepo.md", "summary.md", "report.sarif"]


@pytest.mark.parametrize("name", FORMS)
def test_form(name: str) -> None:
    got = form(name)
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(got)
    assert got == golden.read_text()


def test_the_comment_reads_in_order() -> None:
    """What the five-second reader needs comes first, in this order."""
    body = form("comment.md")
    order = [
        "❌ **launch-gate: fail** for refund-agent",
        "score 84 → 82",
        "1 expiry pushed later",
        "**Needs a reviewer**",
        "`2026-10-01` → `2027-06-01`",
        "| downgrade, not-applicable |",
        "Every request is logged in full",
        "### Undecided gaps",
        "<details>",
    ]
    at = [body.index(x) for x in order]
    assert at == sorted(at), list(zip(order, at, strict=True))
    assert "- [ ]" not in body
    assert f"blob/{LINKS.head}/services/refunds/readiness.yaml#L" in body


def test_sarif_golden_is_valid_json() -> None:
    json.loads((GOLDEN / "report.sarif").read_text())
