"""A credential in any URL a manifest holds never reaches any output the gate writes.

Who controls it: the manifest's author (a pull request) pastes links with a password in the
user part or a token in the query, knowingly or not. Every form is searched: the CLI's
text (also -v), Markdown, JSON, SARIF, the sign-off records (HTML, CSV), `diff`, `expiring`;
and the Action's log, annotations, job summary, comment, JSON report and export files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from launch_gate.main import main
from tests.action.conftest import PR, REPO, ActionRunner

SECRETS = {
    "userinfo": "pw-5ecret-userinfo",
    "token": "t0ken-5ecret-query",
    "sig": "s1g-5ecret-signed-url",
    "tracking": "tr4ck-5ecret-access-token",
    "key": "4pi-5ecret-key",
    "prose": "pr0se-5ecret-password",
}
MANIFEST = f"""version: 1
system: {{name: leaky, owner: "@acme/ml"}}
profile: startup
checks:
  obs.log-requests-responses:
    status: done
    evidence:
      - https://bob:{SECRETS["userinfo"]}@wiki.example.com/runbook
      - https://grafana.example.com/d/x?orgId=1&token={SECRETS["token"]}
      - https://bucket.s3.example.com/report.pdf?X-Amz-Signature={SECRETS["sig"]}&sig={SECRETS["sig"]}
  eval.release-gated:
    status: accepted-risk
    decision:
      rationale: "See https://dash.example.com/?api_key={SECRETS["key"]} for the numbers."
      owner: "@bob"
      approved_by: "@carol"
      expires: 2026-12-01
      tracking: https://tracker.example.com/i/1?access_token={SECRETS["tracking"]}
      mitigation: "Reviewed at https://x.example.com/login?password={SECRETS["prose"]}"
  cost.token-caps:
    status: done
    evidence:
      - https://alice:{SECRETS["userinfo"]}@docs.example.com/missing?key={SECRETS["key"]}
"""
TODAY = "2026-11-23"


def assert_hidden(text: str, where: str) -> None:
    leaked = [name for name, value in SECRETS.items() if value in text]
    assert not leaked, f"{where} shows {leaked}"


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    path = tmp_path / "readiness.yaml"
    path.write_text(MANIFEST)
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--format", "text", "-v"],
        ["check", "--format", "text"],
        ["check", "--format", "markdown"],
        ["check", "--format", "json"],
        ["check", "--format", "json", "--audit"],
        ["check", "--format", "sarif"],
        ["export", "--format", "html"],
        ["export", "--format", "csv"],
        ["expiring", "--within", "90"],
        ["expiring", "--within", "90", "--format", "json"],
        ["expiring", "--within", "90", "--format", "markdown"],
        ["explain", "eval.release-gated"],
    ],
)
def test_no_cli_form_shows_a_urls_credentials(
    manifest: Path,
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(manifest.parent)
    flags = ["--today", TODAY] if argv[0] not in {"explain"} else []
    offline = ["--offline"] if argv[0] in {"check", "export"} else []
    main([*argv, *flags, *offline, *([str(manifest)] if argv[0] != "explain" else [])])
    out = capsys.readouterr()
    assert_hidden(out.out + out.err, " ".join(argv))


def test_the_view_holds_none_and_no_registered_format_shows_one(manifest: Path) -> None:
    # The view is built once and every renderer reads only it: nothing in it may hold a
    # credential, and every format the registry names is rendered from it here, so a format
    # added later is searched without a change to this test.
    import datetime as dt

    from launch_gate import render
    from launch_gate.cli.check import audit_here
    from launch_gate.judge.expiry import due
    from launch_gate.pipeline import evaluate_file
    from launch_gate.render.signoff import Record
    from launch_gate.report import build

    ev = evaluate_file(manifest, today=dt.date.fromisoformat(TODAY), digest=True)
    seen = build.manifest(ev)
    assert_hidden(repr(seen), "the report's view")
    for fmt in render.REPORT_FORMATS:
        assert_hidden(render.report(fmt, seen), f"the {fmt} report")
    rec = Record(seen, audit_here(ev, manifest), build.due(due(ev, 90)), "https://github.com")
    assert rec.due, "the decision due must be in the record, or its owner goes unsearched"
    for kind in render.RECORD_FORMATS:
        assert_hidden(render.record(kind, rec), f"the {kind} record")


def test_check_output_file_shows_none(manifest: Path, tmp_path: Path) -> None:
    for fmt in ("json", "markdown", "sarif", "text"):
        out = tmp_path / f"report.{fmt}"
        main(["check", str(manifest), "--offline", "--today", TODAY, "--format", fmt,
              "--output", str(out)])  # fmt: skip
        assert_hidden(out.read_text(), f"check --output ({fmt})")


@pytest.mark.parametrize("export", ["", "html", "csv"])
def test_no_action_output_shows_a_urls_credentials(action: ActionRunner, export: str) -> None:
    (action.workspace / "readiness.yaml").write_text(MANIFEST)
    run = action(export=export)
    texts = {
        "log": run.stdout + run.stderr,
        "summary": run.summary,
        "outputs": json.dumps(run.outputs),
        "report": json.dumps(run.report),
        "comments": "\n".join(c.body for c in action.fake.comments(REPO, PR)),
    }
    for path in run.temp.rglob("*"):
        if path.is_file():
            texts[str(path)] = path.read_text(errors="replace")
    for where, text in texts.items():
        assert_hidden(text, where)


def test_the_expiry_issue_shows_none(action: ActionRunner) -> None:
    (action.workspace / "readiness.yaml").write_text(MANIFEST)
    run = action("schedule", {}, mode="expiry-issue", expiry_window_days="60")
    assert run.outputs.get("expiry-issue", "").startswith("opened"), run.stdout
    bodies = [i.title + "\n" + i.body for i in action.fake.issues(REPO)]
    assert bodies
    for body in bodies:
        assert_hidden(body, "the expiry issue")
    assert_hidden(run.stdout + run.summary, "the expiry run's log and summary")
