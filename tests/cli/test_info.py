"""`checks`, `explain`, `schema`, help and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import pytest

from launch_gate.cli import COMMANDS, schema
from launch_gate.main import main
from tests.conftest import ROOT, Result


@pytest.mark.parametrize(
    ("profile", "required", "acceptable"),
    [
        ("mvp", 6, 6),
        ("startup", 26, 24),
        ("enterprise", 46, 36),
        ("regulated", 50, 33),
    ],
)
def test_checks_table_counts(
    cli: Callable[..., Result], profile: str, required: int, acceptable: int
) -> None:
    res = cli("checks", "--profile", profile)
    assert res.code == 0
    assert res.out.count("\n") == 50 + 3
    assert f"{required} required, {acceptable} of them may be accepted" in res.out


def test_checks_with_capabilities_marks_na(cli: Callable[..., Result]) -> None:
    res = cli("checks", "--profile", "regulated", "--capabilities", "tools")
    assert "rag.drift-monitoring" in res.out
    assert "(needs rag)" in res.out
    assert "43 required" in res.out


def test_explain(cli: Callable[..., Result]) -> None:
    res = cli("explain", "eval.release-gated")
    assert res.code == 0
    assert "What counts as evidence:" in res.out
    rows = [
        ln.split()
        for ln in res.out.splitlines()
        if ln.startswith(("minimum", "startup", "enterprise", "regul"))
    ]
    assert rows == [
        ["minimum-viable", "yes", "yes"],
        ["startup", "yes", "yes"],
        ["enterprise", "yes", "no"],
        ["regulated", "yes", "no"],
    ]


def test_explain_unknown_suggests(cli: Callable[..., Result]) -> None:
    res = cli("explain", "eval.release-gate")
    assert res.code == 2
    assert "did you mean 'eval.release-gated'" in res.err


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "schema" / "readiness.schema.json").read_text()
    assert committed == schema.render(), "run `make schema` and commit the result"


def test_schema_accepts_the_examples() -> None:
    import jsonschema
    import yaml

    validator = jsonschema.Draft202012Validator(schema.build())
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
        assert not list(validator.iter_errors(data)), path
    assert list(
        validator.iter_errors(
            {"version": 1, "system": {"name": "x"}, "checks": {"nope.nope": {"status": "done"}}}
        )
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_help_on_every_command(cli: Callable[..., Result], command: str) -> None:
    res = cli(command, "--help")
    assert res.code == 0
    assert "usage: launch-gate" in res.out


def test_help_wraps_to_columns(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    # As shutil would have it (main.py finds the width without it): COLUMNS first.
    shown = {}
    for columns in (60, 120):
        monkeypatch.setenv("COLUMNS", str(columns))
        shown[columns] = cli("check", "--help").out.splitlines()
    assert max(map(len, shown[120])) <= 118
    assert len(shown[60]) > len(shown[120])


def test_bad_arguments_exit_2(cli: Callable[..., Result]) -> None:
    assert cli("check", "--today", "tomorrow").code == 2
    assert cli("check", "--warn-days", "-3").code == 2
    assert cli("check", "--format", "xml").code == 2
    assert cli("frobnicate").code == 2
    res = cli("check", "--manifest", "does-not-exist.yaml")
    assert (res.code, res.err.strip()) == (
        2,
        "does-not-exist.yaml: error: file not found",
    )


def test_unknown_profile_exit_2(cli: Callable[..., Result]) -> None:
    res = cli(
        "check",
        "--manifest",
        str(ROOT / "examples" / "enterprise-agent.yaml"),
        "--profile",
        "startp",
    )
    assert res.code == 2
    assert "did you mean 'startup'" in res.err


def test_internal_error_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr("launch_gate.cli.check.evaluate_file", boom)
    monkeypatch.delenv("LAUNCH_GATE_DEBUG", raising=False)
    assert main(["check", "examples/startup-rag-assistant.yaml"]) == 3
    err = capsys.readouterr().err
    assert "internal error (RuntimeError)" in err
    assert "secret detail" not in err
    assert "Traceback" not in err


def test_python_dash_m_gate() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "launch_gate",
            "check",
            "--manifest",
            "examples/startup-rag-assistant.yaml",
            "--today",
            "2026-11-23",
            "--offline",
            "--repo-root",
            "examples/repo",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "PASS · score" in proc.stdout


def test_output_file_and_refusal_to_overwrite_manifest(
    cli: Callable[..., Result], tmp_path: object
) -> None:
    import pathlib

    out = pathlib.Path(str(tmp_path)) / "report.json"
    manifest = str(ROOT / "examples" / "startup-rag-assistant.yaml")
    offline = ("--offline", "--repo-root", str(ROOT / "examples" / "repo"))
    res = cli("check", "--manifest", manifest, "--format", "json", "--output", str(out), *offline)
    assert res.code == 0
    assert res.out == ""
    assert json.loads(out.read_text())["verdict"] == "pass"
    res = cli("check", "--manifest", manifest, "--output", manifest)
    assert res.code == 2
    assert "refusing to write the report over the manifest" in res.err
