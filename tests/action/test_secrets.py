"""The token never leaks, whatever GitHub or the manifest sends back.

The `action` fixture greps stdout (only the leading ::add-mask:: line may hold it),
stderr, the job summary, $GITHUB_OUTPUT, every file under RUNNER_TEMP (the JSON
report and saved comment), every comment on the fake and every request body.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from launch_gate.errors import EXIT_INTERNAL
from launch_gate.main import main
from tests.action.conftest import PR, REPO, ActionRunner


def test_a_401_quoting_the_token_is_redacted(action: ActionRunner) -> None:
    action.manifest("enterprise-agent.yaml")
    action.fake.fail_next(
        "GET",
        r"/comments$",
        401,
        body={"message": f"Bad credentials: Authorization: token {action.token}"},
    )
    run = action()
    assert run.code == 1
    assert "could not comment: GitHub answered 401 (Bad credentials: Authorization: token ***)" in (
        run.stdout
    )
    assert "token ***" in run.summary


def test_a_body_echoing_the_request_headers_is_redacted(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    echoed = {"authorization": f"token {action.token}", "user-agent": "launch-gate"}
    action.fake.fail_next(
        "POST",
        r"/comments$",
        422,
        body={"message": f"Validation failed for {echoed}", "errors": [echoed]},
    )
    run = action()
    assert run.code == 0
    assert "GitHub answered 422" in run.stdout
    assert action.fake.comments(REPO, PR) == []


def test_a_token_quoted_by_the_manifest_is_redacted_everywhere(action: ActionRunner) -> None:
    path = action.manifest("startup-rag-assistant.yaml")
    text = path.read_text()
    old = "Spend is under 200 EUR a month; the provider's hard limit caps it."
    assert old in text
    path.write_text(text.replace(old, f"Our token is {action.token} (not really)."))
    run = action(comment="file")
    assert run.code == 0
    assert run.report is not None
    assert "Our token is *** (not really)." in str(run.report)
    assert "Our token is *** (not really)." in run.summary
    run = action()
    assert run.code == 0
    (comment,) = action.fake.comments(REPO, PR)
    assert "Our token is *** (not really)." in comment.body


def test_an_internal_error_in_the_action_prints_only_its_type(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = "ghs_" + "7" * 36

    def boom(*_args: object) -> int:
        raise RuntimeError(f"GET https://api.github.com/ with Authorization: token {token}")

    monkeypatch.setattr("launch_gate.action.run.evaluate_and_report", boom)
    for name in [k for k in os.environ if k.startswith(("INPUT_", "GITHUB_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("INPUT_GITHUB-TOKEN", token)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("RUNNER_TEMP", str(tmp_path))
    code = main(["action"])
    out, err = capsys.readouterr()
    assert code == EXIT_INTERNAL
    assert "internal error (RuntimeError)" in err
    assert token not in err
    assert [line for line in out.splitlines() if token in line] == [f"::add-mask::{token}"]
    assert out.startswith(f"::add-mask::{token}\n")
