"""decide and renew: edits judged like `check`, written atomically, the rest of the file kept."""

from __future__ import annotations

import difflib
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from launch_gate.judge.profile import may_accept
from tests.conftest import Result

TODAY = "2026-11-23"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    for name in ("logging", "rollback", "evals"):
        (tmp_path / "docs" / f"{name}.md").write_text("# evidence\n")
    made = cli("init", "--profile", "enterprise", "--capabilities", "rag,tools")
    assert made.code == 0, made.err
    return tmp_path / "readiness.yaml"


def entry_of(text: str, line_number: int) -> str | None:
    """The check whose entry holds a line (the nearest `  check.id:` above it)."""
    for line in reversed(text.splitlines()[:line_number]):
        found = re.match(r"^  ([a-z]+\.[a-z0-9-]+):", line)
        if found:
            return found.group(1)
    return None


def test_many_edits_change_only_the_edited_entries(repo: Path, cli: Callable[..., Result]) -> None:
    before = repo.read_text()
    edits = [
        ("obs.log-requests-responses", "done", "--evidence", "docs/logging.md"),
        ("prompt.one-step-rollback", "done", "--evidence", "docs/rollback.md"),
        ("eval.real-traffic-dataset", "done", "--evidence", "docs/evals.md"),
        ("cost.caching", "not-applicable", "--reason", "Every prompt is unique."),
        ("cost.unit-costs", "accept", "--rationale", "Measured next quarter.", "--owner",
         "@bob", "--approver", "@carol", "--expires", "2027-03-01"),
    ]  # fmt: skip
    for args in edits:
        res = cli("decide", *args, "--today", TODAY)
        assert res.code == 0, res.err
    assert cli("renew", "cost.unit-costs", "--days", "90", "--today", TODAY).code == 0
    after = repo.read_text()
    edited = {e[0] for e in edits}
    changed = [
        i + 1 for i, line in enumerate(after.splitlines()) if line not in before.splitlines()
    ]
    assert changed
    assert {entry_of(after, n) for n in changed} <= edited
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm=""))
    removed = [x for x in diff if x.startswith("-") and not x.startswith("---")]
    # Only the edited entries' own lines went (their `status: todo`).
    assert all("status: todo" in x for x in removed), removed
    assert "expires: 2027-02-21" in after  # 90 days from the 23rd of November
    check = cli("check", "--offline", "--today", TODAY, "--format", "json")
    assert '"id": "cost.caching"' in check.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("cost.unit-costs", "accept", "--rationale", "r", "--owner", "@bob", "--approver",
          "@carol", "--expires", "2028-01-01"), "later than this profile allows"),
        (("cost.unit-costs", "accept", "--rationale", "r", "--owner", "@bob", "--approver",
          "@bob", "--expires", "2027-01-01"), "approved by its own owner"),
        (("cost.unit-costs", "accept", "--rationale", "r", "--owner", "@bob", "--approver",
          "@carol", "--expires", "2026-01-01"), "expired on 2026-01-01"),
        (("obs.log-requests-responses", "done", "--evidence", "docs/missing.md"),
         "file not found"),
    ],
)  # fmt: skip
def test_bad_answers_are_refused_with_checks_messages_and_nothing_is_written(
    repo: Path, cli: Callable[..., Result], args: tuple[str, ...], message: str
) -> None:
    before = repo.read_bytes()
    res = cli("decide", *args, "--today", TODAY)
    assert res.code == 2
    assert message in res.err
    assert "nothing was written" in res.err
    assert repo.read_bytes() == before


def test_a_manifest_that_does_not_parse_is_never_touched(
    repo: Path, cli: Callable[..., Result]
) -> None:
    repo.write_text(repo.read_text() + "  bogus: [\n")
    before = repo.read_bytes()
    res = cli("decide", "cost.caching", "not-applicable", "--reason", "x")
    assert res.code == 2
    assert repo.read_bytes() == before
    assert cli("decide", "cost.cachng", "not-applicable", "--reason", "x").code == 2


def without_bodies(text: str, checks: set[str]) -> str:
    """`text` with the named entries' bodies (their lines indented under the ID) removed:
    what must be left identical, byte for byte, by edits to those entries."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        key = re.match(r"^  ([a-z]+\.[a-z0-9-]+):", line)
        if key:
            skipping = key.group(1) in checks
        elif skipping and line.startswith("    "):
            continue
        else:
            skipping = False
        out.append(line)
    return "".join(out)


def test_thirty_edits_leave_every_other_byte(repo: Path, cli: Callable[..., Result]) -> None:
    """A manifest made by `init`, edited 30 times (done, accepted, not applicable, renewed,
    and decided twice), differs from the original only inside the edited entries: every
    comment, blank line and other entry stays where it was."""
    from launch_gate.load.catalogue import load_catalogue
    from launch_gate.load.policy import load_profile

    cat = load_catalogue()
    profile = load_profile("enterprise", cat)
    before = repo.read_text()
    listed = re.findall(r"^  ([a-z]+\.[a-z0-9-]+):", before, re.M)
    acceptable = [c for c in listed if may_accept(profile, cat.checks[c])]
    others = [c for c in listed if c not in acceptable]
    risk = ("--rationale", "Later.", "--owner", "@bob", "--approver", "@carol")
    edits: list[tuple[str, ...]] = []
    for i, c in enumerate(acceptable[:8]):
        edits.append((c, "accept", *risk, "--expires", f"2027-0{1 + i % 5}-15"))
    for c in others[:8]:
        edits.append((c, "done", "--evidence", "docs/logging.md", "--evidence", "docs/evals.md"))
    for c in acceptable[8:14]:
        edits.append((c, "not-applicable", "--reason", f"{c} does not apply here."))
    # Decided again: done over an accepted risk, accepted over not-applicable.
    edits += [(c, "done", "--evidence", "docs/rollback.md") for c in acceptable[:2]]
    edits += [("renew", c, "--days", "60") for c in acceptable[2:8]]
    assert len(edits) == 30
    for args in edits:
        command = ("renew", *args[1:]) if args[0] == "renew" else ("decide", *args)
        res = cli(*command, "--today", TODAY)
        assert res.code == 0, (command, res.err)
    after = repo.read_text()
    touched = {a[1] if a[0] == "renew" else a[0] for a in edits}
    assert after != before
    assert without_bodies(after, touched) == without_bodies(before, touched)
    assert after.count("\n#") == before.count("\n#")
    assert after.count("status: accepted-risk") == 6
    assert after.count("status: not-applicable") == 6
    assert cli("check", "--offline", "--today", TODAY, "--format", "json").code in (0, 1)


@pytest.mark.parametrize("indent", ["      - ", "    - "])
def test_lists_keep_the_files_own_indentation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result], indent: str
) -> None:
    """A list written as `key:` then `  - item` (the examples) or `- item` in the key's
    column: an edit elsewhere rewrites neither style."""
    from tests.conftest import ROOT

    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    text = (ROOT / "examples/startup-rag-assistant.yaml").read_text()
    text = text.replace("      - ", indent)
    (tmp_path / "readiness.yaml").write_text(text)
    res = cli("decide", "cost.caching", "not-applicable", "--reason", "Unique prompts.",
              "--today", TODAY)  # fmt: skip
    assert res.code == 0, res.err
    after = (tmp_path / "readiness.yaml").read_text()
    assert without_bodies(after, {"cost.caching"}) == without_bodies(text, {"cost.caching"})


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ("done", "--evidence", "docs/nope.md"),
            "docs/nope.md: file not found (looked from the repository root",
        ),
        (("not-applicable",), "without a `reason` (missing-reason)"),
        (("accept", "--owner", "@bob"), "missing-rationale"),
    ],
)
def test_an_invalid_decision_on_a_check_the_profile_does_not_require_is_refused(
    repo: Path, cli: Callable[..., Result], args: tuple[str, ...], says: str
) -> None:
    # Issue 28: enterprise does not require cost.model-routing (regulated does); a decision
    # written for it must still be one `check` accepts, or it is written in silence.
    before = repo.read_text()
    res = cli("decide", "cost.model-routing", *args, "--today", TODAY)
    assert res.code == 2, res.out
    assert says in res.err
    assert "nothing was written" in res.err
    assert repo.read_text() == before


def test_the_approver_flag_may_be_spelt_as_the_manifests_key(
    repo: Path, cli: Callable[..., Result]
) -> None:
    res = cli("decide", "cost.budget-alerts", "accept", "--rationale", "alerts next sprint",
              "--owner", "@dana", "--approved-by", "@lee", "--expires", "2026-12-20",
              "--today", TODAY)  # fmt: skip
    assert res.code == 0, res.err
    assert "approved_by: '@lee'" in repo.read_text()
