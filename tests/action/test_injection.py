"""No manifest text can start a runner command: stdout read the way the runner reads it."""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from tests.action.conftest import ActionRunner

# What a PR author might try: every known command, with and without line breaks,
# pre-escaped (%0A), the legacy ##[...] syntax, and a fake end of stop-commands.
PAYLOAD = (
    "::error::pwned \n::set-output name=x::y %0A::warning::pwned \r::notice::cr "
    "::add-mask::hunter2 ::stop-commands::abc \n::abc:: ##[set-output name=z;]w \nEOF\n"
    "ghadelimiter_0000 a,b:c"
)
OURS = {"add-mask", "error", "warning", "notice", "stop-commands"}


def manifest() -> str:
    text = json.dumps(PAYLOAD)  # a YAML double-quoted scalar with \n and \r escapes
    return f"""\
version: 1
system:
  name: {text}
profile: mvp
checks:
  prompt.one-step-rollback: {{status: done, evidence: [{json.dumps("docs/" + PAYLOAD)}]}}
  eval.real-traffic-dataset:
    status: accepted-risk
    decision:
      rationale: {text}
      owner: {text}
      approved_by: {text}
      expires: 2026-12-01
      tracking: {json.dumps("https://example.invalid/" + PAYLOAD)}
  eval.release-gated: {{status: done, evidence: [{text}]}}
  obs.log-requests-responses: {{status: not-applicable, reason: {text}}}
  sec.untrusted-input: {{status: todo}}
"""


class Command(NamedTuple):
    name: str
    properties: str
    data: str


def unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def runner_commands(stdout: str) -> list[Command]:
    """The commands the runner would run; every line outside stop-commands must be one."""
    found: list[Command] = []
    stop: str | None = None
    # The runner splits lines at CR, LF and CRLF alike.
    for line in re.split(r"\r\n|\r|\n", stdout):
        stripped = line.lstrip()
        if stop is not None:
            if stripped == f"::{stop}::":
                stop = None
            continue
        if not stripped:
            continue
        match = re.fullmatch(r"::([^\s:]+)(?: ([^:]*))?::(.*)", stripped)
        # A line that parses as a v2 command is that command; only other lines
        # are searched for a v1 ##[...] (actions/runner, ActionCommandManager).
        assert match, f"a line outside stop-commands that is not our command: {line!r}"
        found.append(Command(match[1], match[2] or "", match[3]))
        if match[1] == "stop-commands":
            stop = match[3]
            assert re.fullmatch(r"[0-9a-f]{32}", stop)
    assert stop is None, "stop-commands was never ended"
    return found


def test_manifest_text_never_becomes_a_runner_command(action: ActionRunner) -> None:
    (action.workspace / "readiness.yaml").write_text(manifest())
    run = action(verify_evidence="true")
    assert run.code == 1, run.stdout
    commands = runner_commands(run.stdout)
    assert {c.name for c in commands} <= OURS
    assert [c.data for c in commands if c.name == "add-mask"] == [action.token]
    assert sum(c.name == "stop-commands" for c in commands) == 1
    annotations = [c for c in commands if c.name in {"error", "warning", "notice"}]
    assert len(annotations) >= 3
    for c in annotations:
        # Properties are key=value pairs: no raw separator can be smuggled in.
        for prop in filter(None, c.properties.split(",")):
            assert re.fullmatch(r"(file|line|title)=[^,:]*", prop), c
    # The payload arrives as text: its own %0A came back as a literal %0A.
    messages = [unescape(c.data) for c in annotations]
    assert any("%0A::warning::pwned" in m for m in messages), messages
    assert "%250A::warning::pwned" in run.stdout
    # The log shows the report, the system name included, inside the block only.
    block = run.stdout.split("::stop-commands::", 1)[1]
    assert "::set-output name=x::y" in block
    assert "launch-gate: " in block
    # Outputs carry no manifest text: the heredocs are exactly ours.
    assert set(run.outputs) == {"verdict", "score", "gaps", "report", "failed-on"}


def test_a_manifest_file_name_cannot_inject_through_the_file_property(
    action: ActionRunner,
) -> None:
    action.manifest("enterprise-agent.yaml", "x,line=1::error::pwn%0A.yaml")
    run = action(manifest="*.yaml", comment="never")
    assert run.code == 1
    commands = runner_commands(run.stdout)
    files = {c.properties.split(",")[0] for c in commands if c.name == "error"}
    assert files == {"file=x%2Cline=1%3A%3Aerror%3A%3Apwn%250A.yaml"}
