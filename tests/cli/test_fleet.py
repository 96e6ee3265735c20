"""`launch-gate fleet collect` over real git histories, and `fleet report` over what it wrote:
the records, the ledger, the page's safety, shards merged as one."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from launch_gate.main import main
from tests.conftest import ROOT

STARTUP = (ROOT / "examples" / "startup-rag-assistant.yaml").read_text()
ENTERPRISE = (ROOT / "examples" / "enterprise-agent.yaml").read_text()


class Repo:
    """A git repository whose commits carry the dates a test gives them."""

    def __init__(self, root: Path, origin: str | None = "https://github.com/acme/app.git") -> None:
        self.root = root
        root.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "dev@example.com")
        self.git("config", "user.name", "Dev")
        if origin:
            self.git("remote", "add", "origin", origin)

    def git(self, *args: str, date: str | None = None) -> str:
        env = os.environ.copy()
        if date:
            env |= {
                "GIT_AUTHOR_DATE": f"{date}T12:00:00Z",
                "GIT_COMMITTER_DATE": f"{date}T12:00:00Z",
            }
        done = subprocess.run(["git", *args], cwd=self.root, env=env, check=True,
                              capture_output=True, text=True)  # fmt: skip
        return done.stdout.strip()

    def commit(self, date: str, files: dict[str, str], message: str = "change") -> str:
        for name, text in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")


def collect(*args: str) -> int:
    return main(["fleet", "collect", *args])


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture
def app(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "app")
    repo.commit("2026-09-01", {"readiness.yaml": STARTUP}, "first manifest")
    repo.commit("2026-09-10", {"README.md": "unrelated\n"}, "not a version")
    repo.commit("2026-10-01", {"readiness.yaml": STARTUP.replace("2027-02-28", "2027-03-15")})
    return repo


def test_each_version_is_one_line_judged_as_of_its_commit(app: Repo, tmp_path: Path) -> None:
    out = tmp_path / "fleet.jsonl"
    assert collect(str(app.root), "--output", str(out)) == 0
    found = records(out)
    assert [r["date"][:10] for r in found] == ["2026-10-01", "2026-09-01"]  # newest first
    first = found[0]
    assert first["repo"] == "acme/app"
    assert first["path"] == "readiness.yaml"
    assert (first["system"], first["owner"], first["profile"]) == (
        "support-assistant",
        "@acme/support-ml",
        "startup",
    )
    assert first["verdict"] == "pass"
    assert isinstance(first["score"], int)
    assert set(first["layers"]) == {"prompt", "eval", "obs", "cost", "rag", "sec", "gov", "deploy"}
    assert first["catalogue"] == 1
    decision = next(d for d in first["decisions"] if d["check"] == "rag.empty-retrieval-fallback")
    assert decision["status"] == "accepted-risk"
    assert (decision["approver"], decision["expires"]) == ("@dana", "2027-03-15")


def test_a_policy_file_change_is_a_version_and_each_is_judged_with_its_own(
    tmp_path: Path,
) -> None:
    repo = Repo(tmp_path / "app")
    manifest = STARTUP.replace("profile: startup", "profile: policies/team.yaml")
    repo.commit(
        "2026-09-01", {"readiness.yaml": manifest, "policies/team.yaml": "extends: startup\n"}
    )
    repo.commit("2026-09-15", {"policies/team.yaml": "extends: enterprise\n"}, "raise the bar")
    out = tmp_path / "fleet.jsonl"
    assert collect(str(repo.root), "--output", str(out)) == 0
    newest, oldest = records(out)
    assert (oldest["profile"], oldest["verdict"]) == ("team", "pass")
    assert (newest["profile"], newest["verdict"]) == ("team", "fail")  # enterprise's bar


def test_a_broken_version_is_recorded_never_fatal(app: Repo, tmp_path: Path) -> None:
    app.commit("2026-11-01", {"readiness.yaml": "version: [\n"}, "oops")
    out = tmp_path / "fleet.jsonl"
    assert collect(str(app.root), "--output", str(out)) == 0
    broken = records(out)[0]
    assert broken["verdict"] == "error"
    assert "readiness.yaml@" in broken["message"]
    assert len(records(out)) == 3


def test_since_limits_the_walk(app: Repo, tmp_path: Path) -> None:
    out = tmp_path / "fleet.jsonl"
    assert collect(str(app.root), "--output", str(out), "--since", "2026-09-15") == 0
    assert [r["date"][:10] for r in records(out)] == ["2026-10-01"]


def test_a_rerun_judges_only_what_is_new(
    app: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "fleet.jsonl"
    collect(str(app.root), "--output", str(out))
    first = records(out)
    capsys.readouterr()
    app.commit("2026-11-01", {"readiness.yaml": STARTUP})
    collect(str(app.root), "--output", str(out))
    assert "(2 from the cache)" in capsys.readouterr().err
    again = records(out)
    assert again[1:] == [r | {"collected": again[1]["collected"]} for r in first]


def test_a_path_that_is_not_a_repository_is_exit_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "plain").mkdir()
    assert collect(str(tmp_path / "plain"), "--output", str(tmp_path / "x.jsonl")) == 2
    assert f"{tmp_path / 'plain'}: error: REPO: is not a git repository" in capsys.readouterr().err
    assert not (tmp_path / "x.jsonl").exists()


# -- report ------------------------------------------------------------------------------------


def report(tmp_path: Path, *inputs: Path, today: str = "2026-12-07") -> Path:
    site = tmp_path / "site"
    assert (
        main(["fleet", "report", *map(str, inputs), "--output", str(site), "--today", today]) == 0
    )
    return site


def test_the_report_ledger_flags_what_an_auditor_asks_about(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "app")
    risk = """  {check}:
    status: accepted-risk
    decision:
      rationale: Later.
      owner: "{owner}"
      {approved}
      expires: {expires}
"""

    def manifest(*decisions: str) -> str:
        return ("version: 1\nsystem: {name: bot, owner: '@acme/ml'}\nprofile: minimum-viable\n"
                "checks:\n" + "".join(decisions))  # fmt: skip

    carol = 'approved_by: "@carol"'
    renewed = risk.format(check="eval.release-gated", owner="@bob", approved=carol, expires="{}")
    for day, expires in (("2026-08-01", "2026-09-01"), ("2026-09-01", "2026-10-01"),
                         ("2026-10-01", "2027-01-20")):  # fmt: skip
        repo.commit(day, {"readiness.yaml": manifest(
            renewed.format(expires),
            risk.format(check="sec.untrusted-input", owner="@bob", approved='approved_by: "@bob"',
                        expires="2026-11-30"),
            risk.format(check="prompt.one-step-rollback", owner="@eve", approved="",
                        expires="2027-02-20"),
        )})  # fmt: skip
    out = tmp_path / "fleet.jsonl"
    collect(str(repo.root), "--output", str(out))
    site = report(tmp_path, out)
    ledger = json.loads((site / "fleet.json").read_text())["ledger"]
    kinds = {(f["check"], f["kind"]) for f in ledger}
    assert ("sec.untrusted-input", "expired") in kinds
    assert ("sec.untrusted-input", "self-approved") in kinds
    assert ("eval.release-gated", "expiring in 60 days") in kinds
    assert ("eval.release-gated", "renewed twice or more") in kinds
    assert ("prompt.one-step-rollback", "approver not proven") in kinds
    assert ("prompt.one-step-rollback", "expiring in 90 days") in kinds
    page = (site / "index.html").read_text()
    assert "1 accepted risk has expired unrenewed across 1 system" in page


def test_the_page_escapes_everything_and_fetches_nothing(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "app")
    hostile = STARTUP.replace(
        "name: support-assistant", 'name: "<script>alert(1)</script><img src=x onerror=alert(2)>"'
    ).replace('owner: "@acme/support-ml"', 'owner: "javascript:alert(3)"')
    repo.commit("2026-10-01", {"readiness.yaml": hostile})
    out = tmp_path / "fleet.jsonl"
    collect(str(repo.root), "--output", str(out))
    page = (report(tmp_path, out) / "index.html").read_text()
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    assert "<img" not in page
    assert 'href="javascript' not in page
    import html

    assert "default-src 'none'; style-src 'unsafe-inline'" in html.unescape(page)
    # Every link is to the repository's page on GitHub, over https.
    import re

    links = re.findall(r'href="([^"]*)"', page)
    assert links
    assert all(link.startswith("https://github.com/acme/app/blob/") for link in links)
    assert not re.search(r'src="(?!data:)', page)


def test_the_csv_is_one_row_per_system_and_safe_in_a_spreadsheet(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "app")
    repo.commit("2026-09-01", {"readiness.yaml": STARTUP, "svc/readiness.yaml": ENTERPRISE})
    repo.commit("2026-10-01", {"readiness.yaml": STARTUP + "# touched\n"})
    out = tmp_path / "fleet.jsonl"
    collect(str(repo.root), "--output", str(out))
    rows = list(csv.DictReader(io.StringIO((report(tmp_path, out) / "fleet.csv").read_text())))
    assert [(r["path"], r["verdict"]) for r in rows] == [
        ("svc/readiness.yaml", "fail"), ("readiness.yaml", "pass")
    ]  # worst first  # fmt: skip
    assert rows[1]["owner"] == "'@acme/support-ml"  # no formula
    assert rows[1]["date"].startswith("2026-10-01")


def test_shards_merged_make_the_same_report_as_one_collect(tmp_path: Path) -> None:
    a = Repo(tmp_path / "a", "https://github.com/acme/a.git")
    b = Repo(tmp_path / "b", "git@github.com:acme/b.git")
    a.commit("2026-09-01", {"readiness.yaml": STARTUP})
    b.commit("2026-09-02", {"services/bot/readiness.yaml": ENTERPRISE})
    b.commit("2026-10-02", {"services/bot/readiness.yaml": ENTERPRISE + "# touched\n"})
    one, sa, sb = (tmp_path / n for n in ("all.jsonl", "a.jsonl", "b.jsonl"))
    collect(str(a.root), str(b.root), "--output", str(one))
    collect(str(a.root), "--output", str(sa))
    collect(str(b.root), "--output", str(sb))
    whole = json.loads((report(tmp_path / "1", one) / "fleet.json").read_text())
    merged = json.loads((report(tmp_path / "2", sa, sb, sa) / "fleet.json").read_text())
    assert merged == whole
    assert {s["repo"] for s in whole["systems"]} == {"acme/a", "acme/b"}
    weeks = whole["trend"]
    assert weeks[0]["week"] == "2026-W36"
    assert weeks[-1]["systems"] == 2


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("not json\n", "x.jsonl:1: error: not a JSON line"),
        (
            '{"repo": "a"}\n',
            "x.jsonl:1: error: not a fleet record (no path, commit, date, verdict)",
        ),
    ],
)
def test_a_file_that_is_not_fleet_records_is_exit_2_at_its_line(
    tmp_path: Path, text: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "x.jsonl"
    bad.write_text(text)
    assert main(["fleet", "report", str(bad), "--output", str(tmp_path / "site")]) == 2
    assert says in capsys.readouterr().err


def test_history_keeps_every_week_and_the_trend_outlives_artifacts(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "app")
    repo.commit("2026-09-01", {"readiness.yaml": STARTUP})
    week1 = tmp_path / "week1.jsonl"
    collect(str(repo.root), "--output", str(week1))
    history = tmp_path / "history.jsonl"
    site = tmp_path / "site"
    assert main(["fleet", "report", str(week1), "--history", str(history),
                 "--output", str(site), "--today", "2026-09-08"]) == 0  # fmt: skip
    repo.commit("2026-09-20", {"readiness.yaml": STARTUP + "# again\n"})
    week2 = tmp_path / "week2.jsonl"
    collect(str(repo.root), "--output", str(week2), "--since", "2026-09-15")
    week1.unlink()  # the artifact expired
    assert main(["fleet", "report", str(week2), "--history", str(history),
                 "--output", str(site), "--today", "2026-09-22"]) == 0  # fmt: skip
    assert len(records(history)) == 2
    trend = json.loads((site / "fleet.json").read_text())["trend"]
    assert [w["week"] for w in trend] == ["2026-W36", "2026-W37", "2026-W38"]
