"""`launch-gate expiring`: what is due, by owner, in three formats."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from launch_gate.judge.evaluate import Evaluation
from launch_gate.judge.expiry import due
from launch_gate.render.expiry import markdown
from launch_gate.report import build
from launch_gate.report.view import by_owner
from tests.conftest import Result

MANIFEST = """\
version: 1
system: {name: demo, owner: "@acme/ml"}
checks:
  eval.release-gated:
    status: accepted-risk
    decision: {rationale: a, owner: "@bob", expires: 2026-12-01}
  obs.log-requests-responses:
    status: accepted-risk
    decision: {rationale: b, owner: "@bob", expires: 2026-11-01}
  prompt.one-step-rollback:
    status: accepted-risk
    decision: {rationale: c, expires: 2026-12-20}
  sec.untrusted-input:
    status: accepted-risk
    decision: {rationale: d, owner: "@carol", expires: 2027-06-01}
  sec.no-secrets-in-context:
    status: accepted-risk
    decision: {rationale: e, owner: "Eve <eve@example.com>", expires: 2026-11-30}
"""


def test_due_within_window_soonest_first(judge: Callable[..., Evaluation]) -> None:
    items = due(judge(MANIFEST, "minimum-viable"), 30)
    assert [(i.check, i.owner, i.days_left) for i in items] == [
        ("obs.log-requests-responses", "@bob", -22),
        ("sec.no-secrets-in-context", "Eve <eve@example.com>", 7),
        ("eval.release-gated", "@bob", 8),
        ("prompt.one-step-rollback", "@acme/ml", 27),
    ]
    assert items[0].expired
    assert items[0].line == 9
    assert list(by_owner(build.due(items))) == ["@acme/ml", "@bob", "Eve <eve@example.com>"]


def test_window_zero_keeps_only_expired_and_today(judge: Callable[..., Evaluation]) -> None:
    assert [i.check for i in due(judge(MANIFEST, "minimum-viable"), 0)] == [
        "obs.log-requests-responses"
    ]


def test_markdown_pings_only_plain_handles(judge: Callable[..., Evaluation]) -> None:
    items = build.due(due(judge(MANIFEST, "minimum-viable"), 30))
    pinged = markdown(items, 30, mention=True)
    assert "- @bob\n" in pinged
    assert "- @acme/ml\n" in pinged
    # Not a mailto link either: the address is shown inert.
    assert "- Eve \\<`eve@example.com`\\>\n" in pinged
    assert "- `@bob`\n" in markdown(items, 30)


def test_cli_json_and_text(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "readiness.yaml"
    path.write_text(MANIFEST)
    base = ("expiring", "--manifest", str(path), "--today", "2026-11-23", "--profile", "mvp")
    res = cli(*base, "--within", "10", "--format", "json")
    assert res.code == 0, res.err
    data = json.loads(res.out)
    assert data["within_days"] == 10
    assert data["owners"]["@bob"][0] == {
        "check": "obs.log-requests-responses",
        "expires": "2026-11-01",
        "days_left": -22,
        "expired": True,
        "file": str(path),
        "line": 9,
    }
    assert "@acme/ml" not in data["owners"]
    res = cli(*base)
    assert "expired on 2026-11-01 (22 days ago)" in res.out
    assert "sec.untrusted-input" not in res.out
    res = cli(*base, "--within", "-1")
    assert res.code == 2
