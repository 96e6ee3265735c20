"""`launch-gate review` driven as a person drives it: a real pseudo-terminal, 80x24, answers
typed at the prompts; and without a terminal, answers piped in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from launch_gate.main import main

TODAY = "2026-11-23"
MANIFEST = """\
# Our bot. Keep this comment.
version: 1
system:
  name: bot
  owner: "@acme/ml"
  capabilities: []
profile: team-policy.yaml
checks:
  # Rollback comes first.
  prompt.one-step-rollback:
    status: todo

  # Logging: see the runbook.
  obs.log-requests-responses:
    status: todo
"""

# The team's bar: minimum-viable, with a second pair of eyes and a 90-day window.
POLICY = """\
extends: minimum-viable
rules:
  accepted_risk:
    max_expiry_days: 90
    require_approver: true
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the repository's root: evidence paths resolve here
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "rollback.md").write_text("# Rollback\n")
    (tmp_path / "readiness.yaml").write_text(MANIFEST)
    (tmp_path / "team-policy.yaml").write_text(POLICY)
    assert main(["check", str(tmp_path / "readiness.yaml"), "--offline", "--today", TODAY]) == 1
    return tmp_path


def spawn(repo: Path) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "launch_gate", "review", "--today", TODAY, "--offline"],
        cwd=str(repo),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=30,
        env={"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "HOME": str(repo)},
    )
    return child


def piped(repo: Path, answers: str) -> subprocess.CompletedProcess[str]:
    """review without a terminal: one answer per line on standard input."""
    return subprocess.run(
        [sys.executable, "-m", "launch_gate", "review", "--today", TODAY, "--offline"],
        cwd=repo,
        input=answers,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def answer(child: pexpect.spawn, prompt: str, said: str) -> None:
    child.expect(prompt)
    child.sendline(said)


@pytest.mark.subprocess
def test_a_sitting_in_a_terminal(repo: Path) -> None:
    manifest = repo / "readiness.yaml"
    child = spawn(repo)
    child.expect("score 0/100, 6 to decide")
    child.expect(r"\[1/6\] prompt.one-step-rollback")
    child.expect("Decision")
    child.sendline("d")
    child.expect("evidence 1")
    child.sendline("docs/missing.md")  # does not exist: refused as `check` refuses it
    child.expect("evidence 2")
    child.sendline("")
    child.expect("refused:.*file not found")
    assert manifest.read_text() == MANIFEST, "nothing written on a refused answer"
    child.expect("Decision")
    child.sendline("d")
    child.expect("evidence 1")
    child.sendline("docs/rollback.md")
    child.expect("evidence 2")
    child.sendline("")
    child.expect("written:.{0,8} prompt.one-step-rollback is done")
    child.expect(r"\[2/6\] eval.real-traffic-dataset")
    child.expect("Decision")
    child.sendline("s")
    child.expect(r"\[3/6\] eval.release-gated")
    child.expect("Decision")
    child.sendline("s")
    child.expect(r"\[4/6\] obs.log-requests-responses")
    child.expect("Decision")
    child.sendline("a")
    answer(child, "Rationale", "Logs start with the EU launch.")
    answer(child, "Owner", "@sam")
    # Each mistake is caught at its own field and only that field is asked again: the owner
    # approving their own risk, a bare name, a date gone by, one beyond the 90-day window,
    # a day February does not have. The profile asks no mitigation or tracking link.
    for said, refusal in [
        ("@Sam", "cannot be approved by its own owner"),
        ("priya", "'priya' is not a GitHub @handle"),
    ]:
        answer(child, "Approved by", said)
        child.expect(f"{refusal}.*try again")
    answer(child, "Approved by", "@priya")
    for said, refusal in [
        ("2026-01-01", r"2026-01-01 has passed \(today is 2026-11-23\)"),
        ("2027-06-01", "later than this profile allows"),
        ("2027-02-30", "February 2027 has 28 days"),
    ]:
        answer(child, "Expires", said)
        child.expect(f"{refusal}.*try again")
        assert manifest.read_text().count("accepted-risk") == 0
    answer(child, "Expires", "2026-12-31")
    child.expect("written:.{0,8} obs.log-requests-responses is accepted-risk")
    child.expect(r"\[5/6\]")
    child.expect("Decision")
    child.sendline("q")
    child.expect(r"2 decided\. Score 0 → \d+; verdict fail → fail")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1  # four checks are still to decide
    text = manifest.read_text()
    assert text.startswith("# Our bot. Keep this comment.\n")
    assert "  # Rollback comes first.\n  prompt.one-step-rollback:\n    status: done\n" in text
    assert "    evidence:\n      - docs/rollback.md\n\n  # Logging: see the runbook.\n" in text
    assert "      approved_by: '@priya'\n      expires: 2026-12-31\n" in text


@pytest.mark.subprocess
def test_without_a_terminal_answers_are_read_from_stdin(repo: Path) -> None:
    answers = "s\ns\ns\nn\nWe never log prompts: there are none.\n\nq\n"
    done = piped(repo, answers)
    assert "\x1b[" not in done.stdout, "no terminal, no escape codes"
    assert "written: obs.log-requests-responses is not-applicable" in done.stdout
    assert "1 decided" in done.stdout
    assert (
        "reason: 'We never log prompts: there are none.'" in (repo / "readiness.yaml").read_text()
    )


@pytest.mark.subprocess
def test_end_of_input_stops_cleanly(repo: Path) -> None:
    done = piped(repo, "")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "stopped" in done.stdout
    assert (repo / "readiness.yaml").read_text() == MANIFEST


@pytest.mark.subprocess
def test_q_at_any_prompt_quits_and_is_never_saved(repo: Path) -> None:
    # Accept the logging risk, then type q where the approver belongs.
    answers = "s\ns\ns\na\nLogs start with the EU launch.\n@sam\nq\n"
    done = piped(repo, answers)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "0 decided" in done.stdout
    assert (repo / "readiness.yaml").read_text() == MANIFEST


@pytest.mark.subprocess
def test_a_not_applicable_claim_asks_no_approver_the_profile_does_not_require(
    repo: Path,
) -> None:
    # minimum-viable requires a reason for not-applicable and no approver: the next line
    # after the reason is already the next check's decision.
    answers = "s\ns\ns\nn\nWe never log prompts: there are none.\nq\n"
    done = piped(repo, answers)
    assert "Approved by" not in done.stdout
    assert "written: obs.log-requests-responses is not-applicable" in done.stdout
    assert "approved_by" not in (repo / "readiness.yaml").read_text()


@pytest.mark.subprocess
def test_a_team_is_not_proposed_as_a_risks_owner(repo: Path) -> None:
    # The system is owned by @acme/ml, a team: the owner prompt proposes nobody, so an empty
    # answer is asked again rather than silently naming the team.
    done = piped(repo, "s\ns\ns\na\nLogs start with the EU launch.\n\nq\n")
    assert "@acme/ml" not in done.stdout
    assert "an answer is needed here" in done.stdout
    assert (repo / "readiness.yaml").read_text() == MANIFEST
