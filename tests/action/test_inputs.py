from __future__ import annotations

import datetime as dt
import json

import pytest

from launch_gate.action.inputs import read_inputs, unknown_inputs
from launch_gate.errors import EXIT_CANNOT_EVALUATE, UsageError


def test_defaults_when_no_input_is_set() -> None:
    got = read_inputs({})
    assert (got.manifest, got.profile, got.comment, got.fail_on) == (
        "readiness.yaml",
        None,
        "auto",
        "gaps",
    )
    assert (got.verify_evidence, got.allow_private_hosts, got.timeout_seconds) == (True, False, 120)
    assert got.warn_days is None
    assert got.today is None


def test_hyphenated_names_and_values_are_parsed() -> None:
    got = read_inputs(
        {
            "INPUT_GITHUB-TOKEN": " ghs_abc ",
            "INPUT_COMMENT-FROM": "c.json",
            "INPUT_FAIL-ON": "never",
            "INPUT_WARN-DAYS": "30",
            "INPUT_VERIFY-EVIDENCE": "False",
            "INPUT_ALLOW-PRIVATE-HOSTS": "TRUE",
            "INPUT_TIMEOUT-SECONDS": "5",
            "INPUT_TODAY": "2026-01-02",
            "INPUT_PROFILE": "enterprise",
        }
    )
    assert got.github_token.get_secret_value() == "ghs_abc"
    assert (got.comment_from, got.fail_on, got.warn_days) == ("c.json", "never", 30)
    assert (got.verify_evidence, got.allow_private_hosts) == (False, True)
    assert (got.timeout_seconds, got.today, got.profile) == (5, dt.date(2026, 1, 2), "enterprise")


def test_the_token_never_shows_in_the_inputs() -> None:
    got = read_inputs({"INPUT_GITHUB-TOKEN": "ghs_secret"})
    shown = repr(got) + str(got) + json.dumps(got._asdict(), default=str) + f"{got.github_token}"
    assert "ghs_secret" not in shown
    assert "**********" in repr(got)
    assert repr(read_inputs({}).github_token) == "Secret('')"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("COMMENT", "sometimes", "inputs: comment: 'sometimes' is not one of: auto, always"),
        (
            "FAIL-ON",
            "ratchet",
            "inputs: fail-on: 'ratchet' is not one of: gaps, invalid, warnings, never, regression",
        ),
        ("VERIFY-APPROVALS", "maybe", "inputs: verify-approvals: 'maybe' is not true or false"),
        ("MODE", "issue", "inputs: mode: 'issue' is not one of: check, expiry-issue"),
        ("WARN-DAYS", "-1", "inputs: warn-days: '-1' is not a whole number of at least 0"),
        ("TIMEOUT-SECONDS", "0", "inputs: timeout-seconds: '0' is not a whole number"),
        ("VERIFY-EVIDENCE", "yes", "inputs: verify-evidence: 'yes' is not true or false"),
        ("TODAY", "23/11/2026", "inputs: today: '23/11/2026' is not a date"),
        ("MANIFEST", "  ", "inputs: manifest: must name a manifest file or a glob"),
    ],
)
def test_bad_inputs_exit_2_naming_the_input(name: str, value: str, message: str) -> None:
    with pytest.raises(UsageError) as info:
        read_inputs({f"INPUT_{name}": value})
    assert str(info.value).startswith(message)
    assert info.value.exit_code == EXIT_CANNOT_EVALUATE


def test_comment_file_and_comment_from_exclude_each_other() -> None:
    with pytest.raises(UsageError, match="comment-from: cannot be combined"):
        read_inputs({"INPUT_COMMENT": "file", "INPUT_COMMENT-FROM": "x.json"})


def test_unknown_inputs_catch_underscore_typos() -> None:
    env = {"INPUT_FAIL_ON": "never", "INPUT_FAIL-ON": "gaps", "PATH": "/bin"}
    assert unknown_inputs(env) == ["fail_on"]
