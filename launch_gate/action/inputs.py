"""The action's inputs: every ``INPUT_*`` variable is read here and nowhere else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal, NamedTuple, TypeVar

from launch_gate.errors import UsageError
from launch_gate.gather.evidence import credentials
from launch_gate.gather.evidence.credentials import Credential
from launch_gate.render import RECORD_FORMATS, RecordFormat

S = TypeVar("S", bound=str)
CommentMode = Literal["auto", "always", "never", "file"]
COMMENT_MODES: tuple[CommentMode, ...] = ("auto", "always", "never", "file")
# What makes the step fail. Adding a mode (say "regression") means adding its
# name here and its predicate in `run.FAIL_ON`; nothing else branches on it.
FAIL_ON_MODES: tuple[str, ...] = ("gaps", "invalid", "warnings", "never", "regression")
# `check` judges the manifests; `expiry-issue` (a scheduled workflow) keeps the
# tracking issue of decisions due soon (launch_gate/action/expiry.py).
MODES: tuple[str, ...] = ("check", "expiry-issue")
# The sign-off record (`launch-gate export`) written beside the JSON report; "" writes none.
EXPORTS: tuple[RecordFormat | Literal[""], ...] = ("", *RECORD_FORMATS)

# Input names exactly as action.yml spells them (GitHub keeps the hyphens in
# the variable name: ``INPUT_GITHUB-TOKEN``) and the defaults used when a
# variable is absent, as with ``uses: docker://`` where action.yml is not read.
DEFAULTS: dict[str, str] = {
    "manifest": "readiness.yaml",
    "profile": "",
    "github-token": "",
    "comment": "auto",
    "comment-from": "",
    "fail-on": "gaps",
    "warn-days": "",
    "verify-evidence": "true",
    "allow-private-hosts": "false",
    "timeout-seconds": "120",
    "evidence-timeout-seconds": "10",
    "today": "",
    "verify-approvals": "auto",
    "mode": "check",
    "expiry-window-days": "30",
    "export": "",
    "evidence-credentials": "",
}
WHERE = "inputs"


class Secret:
    """The token, kept out of repr() and str() as pydantic's SecretStr keeps it; every Action
    run reads its inputs, and pydantic's model machinery cost it 30 ms of start-up."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')" if self._value else "Secret('')"

    __str__ = __repr__


class ActionInputs(NamedTuple):
    """Every input, each checked as `read_inputs` reads it."""

    manifest: str
    profile: str | None
    github_token: Secret
    comment: CommentMode
    comment_from: str | None
    fail_on: str
    warn_days: int | None
    verify_evidence: bool
    allow_private_hosts: bool
    # The deadline for the whole run, not one request (see launch_gate/gather/deadline.py).
    timeout_seconds: int
    evidence_timeout_seconds: int
    today: dt.date | None
    # None: the profile's `verify_approvals` decides (input value `auto`).
    verify_approvals: bool | None = None
    mode: str = "check"
    expiry_window_days: int = 30
    export: RecordFormat | Literal[""] = ""
    # Which evidence host gets which variable's value as a header: only the workflow says.
    evidence_credentials: tuple[Credential, ...] = ()


def _bad(name: str, message: str) -> UsageError:
    return UsageError(message, file=WHERE, key=name)


def _choice(name: str, value: str, allowed: tuple[S, ...]) -> S:
    if value not in allowed:
        raise _bad(name, f"'{value}' is not one of: {', '.join(allowed)}")
    return allowed[allowed.index(value)]  # typed as one of `allowed`


def _bool(name: str, value: str) -> bool:
    # GitHub passes YAML booleans as the strings "true" and "false".
    lowered = value.lower()
    if lowered not in {"true", "false"}:
        raise _bad(name, f"'{value}' is not true or false")
    return lowered == "true"


def _int(name: str, value: str, minimum: int) -> int:
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise _bad(name, f"'{value}' is not a whole number of at least {minimum}")
    return number


def _date(name: str, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _bad(name, f"'{value}' is not a date in the form YYYY-MM-DD") from None


def unknown_inputs(env: Mapping[str, str]) -> list[str]:
    """``INPUT_*`` names the action does not know: usually a typo such as fail_on."""
    known = {f"INPUT_{name.upper()}" for name in DEFAULTS}
    return sorted(k[6:].lower() for k in env if k.startswith("INPUT_") and k not in known)


def read_inputs(env: Mapping[str, str]) -> ActionInputs:
    """Parse every input, or raise `UsageError` (exit 2) naming the bad one."""
    raw = {n: env.get(f"INPUT_{n.upper()}", d).strip() for n, d in DEFAULTS.items()}
    if not raw["manifest"]:
        raise _bad("manifest", "must name a manifest file or a glob")
    if raw["comment-from"] and raw["comment"] == "file":
        raise _bad("comment-from", "cannot be combined with comment: file")
    return ActionInputs(
        manifest=raw["manifest"],
        profile=raw["profile"] or None,
        github_token=Secret(raw["github-token"]),
        comment=_choice("comment", raw["comment"], COMMENT_MODES),
        comment_from=raw["comment-from"] or None,
        fail_on=_choice("fail-on", raw["fail-on"], FAIL_ON_MODES),
        warn_days=_int("warn-days", raw["warn-days"], 0) if raw["warn-days"] else None,
        verify_evidence=_bool("verify-evidence", raw["verify-evidence"]),
        allow_private_hosts=_bool("allow-private-hosts", raw["allow-private-hosts"]),
        timeout_seconds=_int("timeout-seconds", raw["timeout-seconds"], 1),
        evidence_timeout_seconds=_int(
            "evidence-timeout-seconds", raw["evidence-timeout-seconds"], 1
        ),
        today=_date("today", raw["today"]) if raw["today"] else None,
        verify_approvals=None
        if raw["verify-approvals"] == "auto"
        else _bool("verify-approvals", raw["verify-approvals"]),
        mode=_choice("mode", raw["mode"], MODES),
        expiry_window_days=_int("expiry-window-days", raw["expiry-window-days"], 0),
        export=_choice("export", raw["export"], EXPORTS),
        evidence_credentials=tuple(
            credentials.parse(raw["evidence-credentials"], file=WHERE, key="evidence-credentials")
        ),
    )
