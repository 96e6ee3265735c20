"""The audit block: repository, commit, hashes and decisions, from a real git repository."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from launch_gate.gather.provenance import provenance
from launch_gate.judge.shapes import Catalogue
from launch_gate.load.policy import load_profile
from launch_gate.pipeline import evaluate_file
from launch_gate.report.audit import collect, profile_digest
from tests.conftest import TODAY, Result

MANIFEST = """\
version: 1
system: {name: demo}
checks:
  eval.release-gated:
    status: accepted-risk
    decision: {rationale: soon, owner: "@bob", approved_by: "@carol", expires: 2027-01-15}
  rag.drift-monitoring:
    status: not-applicable
    reason: static index
    approved_by: "@dana"
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GITHUB_SHA", raising=False)
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "dev@example.com")
    git(tmp_path, "config", "user.name", "Dev")
    git(tmp_path, "remote", "add", "origin", "https://user:s3cret@git.example.com/acme/app.git")
    (tmp_path / "readiness.yaml").write_text(MANIFEST)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "manifest")
    return tmp_path


def test_audit_from_git(repo: Path) -> None:
    path = repo / "readiness.yaml"
    ev = evaluate_file(path, display="readiness.yaml", today=TODAY, digest=True)
    moment = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
    audit = collect(ev, provenance(path, moment, sha256=ev.loaded.sha256))
    assert audit.repository == "https://git.example.com/acme/app.git"
    assert audit.commit == git(repo, "rev-parse", "HEAD")
    assert audit.manifest_path == "readiness.yaml"
    assert audit.manifest_sha256 == hashlib.sha256(MANIFEST.encode()).hexdigest()
    assert audit.profile == "startup"
    assert audit.evaluated_at == "2026-11-23T09:30:00Z"
    assert [(d.check, d.approved_by, d.expires, d.proof) for d in audit.decisions] == [
        ("eval.release-gated", "@carol", "2027-01-15", None),
        ("rag.drift-monitoring", "@dana", None, None),
    ]


def test_what_the_shell_knows_wins(repo: Path) -> None:
    # On Actions the shell passes GITHUB_REPOSITORY and the commit it judged.
    path = repo / "readiness.yaml"
    ev = evaluate_file(path, today=TODAY, digest=True)
    where = provenance(path, sha256=ev.loaded.sha256, repository="acme/app", commit="a" * 40)
    audit = collect(ev, where)
    assert (audit.repository, audit.commit) == ("acme/app", "a" * 40)


def test_check_audit_reads_the_actions_environment(
    repo: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    monkeypatch.setenv("GITHUB_SHA", "a" * 40)
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/app")
    out = cli(
        "check",
        "--manifest",
        str(repo / "readiness.yaml"),
        "--offline",
        "--format",
        "json",
        "--audit",
        "--today",
        "2026-11-23",
    ).out
    audit = json.loads(out)["audit"]
    assert (audit["repository"], audit["commit"]) == ("acme/app", "a" * 40)


def test_outside_git_the_source_is_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_SHA", raising=False)
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    path = tmp_path / "readiness.yaml"
    path.write_text(MANIFEST)
    ev = evaluate_file(path, today=TODAY, digest=True)
    audit = collect(ev, provenance(path, sha256=ev.loaded.sha256))
    assert (audit.repository, audit.commit) == (None, None)


def test_policy_digest_is_of_the_resolved_policy(cat: Catalogue, tmp_path: Path) -> None:
    mvp = profile_digest(load_profile("mvp", cat))
    assert mvp == profile_digest(load_profile("minimum-viable", cat))
    assert mvp != profile_digest(load_profile("startup", cat))
    same = tmp_path / "minimum-viable.yaml"
    same.write_text("extends: minimum-viable\n")
    # Same content, other file: `source` is not policy, the name is.
    assert profile_digest(load_profile(str(same), cat)) == mvp


def test_cli_json_audit(cli: Callable[..., Result], repo: Path) -> None:
    path = str(repo / "readiness.yaml")
    res = cli(
        "check",
        "--manifest",
        path,
        "--offline",
        "--today",
        "2026-11-23",
        "--format",
        "json",
        "--audit",
    )
    assert res.code in (0, 1), res.err
    audit = json.loads(res.out)["audit"]
    assert audit["commit"] == git(repo, "rev-parse", "HEAD")
    assert audit["manifest_path"] == path
    plain = json.loads(cli("check", "--manifest", path, "--offline", "--format", "json").out)
    assert plain["audit"] is None


def test_manifests_naming_a_shipped_profile_share_it_and_its_digest(
    cat: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from launch_gate.report import audit

    hashed: list[str] = []
    real = audit._digest
    monkeypatch.setattr(audit, "_digest", lambda p: hashed.append(p.name) or real(p))
    # Counted from an empty digest cache: earlier tests may have hashed this profile already.
    monkeypatch.setattr(audit, "_DIGESTS", {})
    evaluations = []
    for n in range(3):
        path = tmp_path / f"s{n}" / "readiness.yaml"
        path.parent.mkdir()
        path.write_text(MANIFEST + "profile: enterprise\n")
        evaluations.append(evaluate_file(path, today=TODAY, digest=True))
    assert evaluations[0].profile is evaluations[2].profile
    first = tmp_path / "s0" / "readiness.yaml"
    digests = {collect(ev, provenance(first, sha256=ev.loaded.sha256)).profile_sha256
               for ev in evaluations}  # fmt: skip
    assert len(digests) == 1
    assert hashed == ["enterprise"]
    # A custom file is read afresh each time: its bytes may differ from one tree to another.
    custom = tmp_path / "mine.yaml"
    custom.write_text("extends: enterprise\n")
    assert load_profile(str(custom), cat) is not load_profile(str(custom), cat)


def test_the_digest_is_of_the_bytes_judged_not_the_file_later(tmp_path: Path) -> None:
    path = tmp_path / "readiness.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MANIFEST.encode())  # a BOM: hashed as read, not decoded
    ev = evaluate_file(path, today=TODAY, digest=True)
    path.write_text(MANIFEST + "# edited after the verdict\n")
    audit = collect(ev, provenance(path, sha256=ev.loaded.sha256))
    assert audit.manifest_sha256 == hashlib.sha256(b"\xef\xbb\xbf" + MANIFEST.encode()).hexdigest()
    # Without a kept digest there is nothing to name: the file as it is now may not be it.
    unkept = evaluate_file(path, today=TODAY)
    assert unkept.loaded.sha256 is None
    with pytest.raises(RuntimeError, match="without keeping its digest"):
        provenance(path, sha256=unkept.loaded.sha256)
