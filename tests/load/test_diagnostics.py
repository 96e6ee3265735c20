"""Every problem in a file reads the same way, load errors included (issue 28):
`file:line:col: error: message`, the line quoted with a caret under the column, `= fix:`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from launch_gate.errors import InputError
from tests.conftest import Result, diagnostics

HEAD = "version: 1\nsystem:\n  name: bot\n"


def check(tmp_path: Path, cli: Callable[..., Result], text: str) -> Result:
    path = tmp_path / "readiness.yaml"
    path.write_text(text)
    res = cli("check", "--manifest", str(path), "--offline")
    assert res.code == 2, res.err
    return res


def test_a_tab_is_named_at_its_column_with_the_fix(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    res = check(tmp_path, cli, "version: 1\nsystem:\n\tname: bot\n")
    (found,) = diagnostics(res.err)
    assert (found["line"], found["col"]) == ("3", "1")
    assert found["message"] == "YAML syntax error: a tab character: YAML indents with spaces only"
    # The tab itself is shown escaped, so the caret has something visible to point at.
    assert found["quoted"] == "\\tname: bot"
    assert found["fix"] == "replace the tab with spaces"


def test_an_unclosed_quote_points_at_the_quote(tmp_path: Path, cli: Callable[..., Result]) -> None:
    res = check(tmp_path, cli, 'version: 1\nsystem:\n  name: "bot\n  owner: x\nchecks: {}\n')
    (found,) = diagnostics(res.err)
    assert (found["line"], found["col"]) == ("3", "9")
    assert found["quoted"] == '  name: "bot'
    assert "close it on this line" in str(found["fix"])


def test_an_unknown_check_quotes_its_entry_and_names_the_command(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    res = check(tmp_path, cli, HEAD + "checks:\n  sec.prompt-injecton:\n    status: todo\n")
    (found,) = diagnostics(res.err)
    assert (found["line"], found["col"]) == ("5", "3")
    assert found["message"] is not None
    assert found["message"].startswith("checks.sec.prompt-injecton: unknown check ID")
    assert found["quoted"] == "  sec.prompt-injecton:"
    assert found["fix"] == "`launch-gate checks` lists them all"


def test_an_unsupported_tag_is_pointed_at_not_its_key(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    res = check(tmp_path, cli, "version: 1\nsystem: !!python/object:os.system {}\n")
    (found,) = diagnostics(res.err)
    assert (found["line"], found["col"]) == ("2", "9")


def test_each_of_several_problems_is_quoted(tmp_path: Path, cli: Callable[..., Result]) -> None:
    text = (
        HEAD
        + "checks:\n  sec.untrusted-input:\n    status: dnoe\n"
        + "  sec.pii-guardrails:\n    status: mabye\n"
    )
    found = diagnostics(check(tmp_path, cli, text).err)
    assert [(d["line"], d["quoted"]) for d in found] == [
        ("6", "    status: dnoe"),
        ("8", "    status: mabye"),
    ]


def test_a_secret_on_the_quoted_line_stays_hidden(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    line = "    evidenc: https://wiki.example/page?token=s3cr3t-value"
    res = check(
        tmp_path, cli, HEAD + f"checks:\n  sec.untrusted-input:\n    status: done\n{line}\n"
    )
    (found,) = diagnostics(res.err)
    assert str(found["quoted"]).startswith("    evidenc: https://wiki.example/page?token=")
    assert "s3cr3t-value" not in res.err


def test_a_long_line_is_quoted_around_the_caret(tmp_path: Path, cli: Callable[..., Result]) -> None:
    res = check(tmp_path, cli, "version: 1\nsystem: {name: " + "x" * 5000 + ", nope: 1}\n")
    found = diagnostics(res.err)[0]
    assert len(str(found["quoted"])) < 200


def test_the_one_line_form_keeps_the_fix_for_annotations() -> None:
    exc = InputError("a tab", file="r.yaml", line=3, column=1, fix="replace the tab")
    assert str(exc) == "r.yaml:3: a tab; replace the tab"


@pytest.mark.parametrize("flag", ["--format", "--fail-on"])
def test_a_bad_argument_names_its_flag(flag: str, cli: Callable[..., Result]) -> None:
    res = cli("check", flag, "nope")
    assert res.code == 2
    assert flag in res.err
    assert "<input>" not in res.err


def test_a_quoted_line_cannot_drive_the_terminal_or_the_runner(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    # The manifest is the pull request's: its quoted line must not carry an escape sequence
    # or a bidi override to the terminal, nor start a workflow command in the runner's log.
    for hostile in ("\x1b[2J\u202edone::error::pwned", "\u202edone\n::error::pwned"):
        text = HEAD + f"checks:\n  sec.untrusted-input:\n    status: done\n    evidenc: {hostile}\n"
        res = check(tmp_path, cli, text)
        assert diagnostics(res.err)  # every line fits the long form
        assert "\x1b" not in res.err
        assert "\u202e" not in res.err
        assert not any(line.startswith("::") for line in res.err.splitlines())


def test_a_control_character_is_named_at_its_line_and_column(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    res = check(tmp_path, cli, HEAD + "checks: {}\nnotes: a\x07b\n")
    (found,) = diagnostics(res.err)
    assert (found["line"], found["col"]) == ("5", "9")
    assert found["message"] == (
        "YAML syntax error: a control character (U+0007) YAML does not allow"
    )
    assert found["quoted"] == "notes: a\\x07b"
    assert "<unicode string>" not in res.err
