from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from launch_gate.errors import InputError, UsageError
from launch_gate.judge.profile import may_accept, requires
from launch_gate.judge.shapes import Catalogue
from launch_gate.load.policy import builtin_names, load_profile
from tests.conftest import git


def test_builtin_names_and_alias(cat: Catalogue) -> None:
    names = builtin_names()
    assert {"minimum-viable", "mvp", "startup", "enterprise", "regulated"} <= set(names)
    assert load_profile("mvp", cat) == load_profile("minimum-viable", cat)


@pytest.mark.parametrize(
    ("name", "expiry", "days", "approver", "follow_up", "na_approver", "minimum"),
    [
        ("minimum-viable", False, None, False, False, False, None),
        ("startup", True, 365, False, False, False, None),
        ("enterprise", True, 180, True, False, False, 60),
        ("regulated", True, 90, True, True, True, 80),
    ],
)
def test_spec_rules_as_data(
    cat: Catalogue,
    name: str,
    expiry: bool,
    days: int | None,
    approver: bool,
    follow_up: bool,
    na_approver: bool,
    minimum: int | None,
) -> None:
    p = load_profile(name, cat)
    ar = p.rules.accepted_risk
    assert (ar.require_expiry, ar.max_expiry_days, ar.require_approver) == (expiry, days, approver)
    assert ar.require_mitigation == ar.require_tracking == follow_up
    assert ar.require_rationale
    assert ar.require_owner
    assert p.rules.not_applicable.require_reason
    assert p.rules.not_applicable.require_approver == na_approver
    assert p.rules.done.min_evidence == 1
    assert p.min_score == minimum
    assert p.weights == {"minimum-viable": 4, "startup": 3, "enterprise": 2, "regulated": 1}


def test_unknown_profile_suggests(cat: Catalogue) -> None:
    with pytest.raises(UsageError, match="did you mean 'enterprise'"):
        load_profile("enterprize", cat)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_custom_profile_overrides(cat: Catalogue, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "acme.yaml",
        """\
extends: enterprise
require: [obs.request-replay]
waive: [cost.caching]
forbid_acceptance: [cost.unit-costs]
rules:
  accepted_risk:
    max_expiry_days: 30
weights: {regulated: 2}
min_score: 70
""",
    )
    p = load_profile(str(path), cat)
    assert p.name == "acme"
    assert p.tier == "enterprise"
    assert requires(p, cat.checks["obs.request-replay"])
    assert not requires(p, cat.checks["cost.caching"])
    assert not may_accept(p, cat.checks["cost.unit-costs"])
    assert p.rules.accepted_risk.max_expiry_days == 30
    assert p.rules.accepted_risk.require_approver  # inherited, not lost in the merge
    assert p.weights["regulated"] == 2
    assert p.weights["minimum-viable"] == 4
    assert p.min_score == 70
    assert sum(requires(p, c) for c in cat.checks.values()) == 46


def test_extends_another_file_relative_to_it(cat: Catalogue, tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", "extends: startup\nwaive: [cost.token-caps]\n")
    sub = tmp_path / "teams"
    sub.mkdir()
    child = write(sub, "ml.yaml", "extends: ../base.yaml\nrequire: [cost.token-caps]\n")
    p = load_profile(str(child), cat)
    assert requires(p, cat.checks["cost.token-caps"])  # the child's require wins
    assert p.tier == "startup"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("extends: startup\nmin_score: 120\n", "acme.yaml:2: min_score: input should be less"),
        (
            "extends: startup\nrequire: [obs.latency-percentile]\n",
            "acme.yaml:2: require: unknown check 'obs.latency-percentile' (did you mean "
            "'obs.latency-percentiles'?)",
        ),
        (
            "extends: startup\nrules:\n  accepted_risk:\n    max_expiry_dayz: 3\n",
            "acme.yaml:4: rules.accepted_risk.max_expiry_dayz: unknown key (did you mean "
            "'max_expiry_days'?)",
        ),
        (
            "extends: startup\nrules:\n  done:\n    min_evidence: many\n",
            "acme.yaml:4: rules.done.min_evidence: expected a whole number, got a string",
        ),
        ("extends: [startup]\n", "acme.yaml:1: extends: must be a profile name or a file path"),
        ("extends: acme.yaml\n", "'extends' makes a cycle"),
        ("extends: startup\ntier: platinum\n", "acme.yaml:2: tier: must be one of"),
        ("extends: startup\nrequire: [a\n", "acme.yaml:3: YAML syntax error"),
    ],
)
def test_bad_policy_file_names_file_and_line(
    cat: Catalogue, tmp_path: Path, text: str, fragment: str
) -> None:
    path = write(tmp_path, "acme.yaml", text)
    with pytest.raises(InputError) as err:
        load_profile(str(path), cat)
    assert fragment in str(err.value)
    assert err.value.exit_code == 2


def _repo(tmp_path: Path, profile: str) -> Path:
    (tmp_path / ".git").mkdir()  # not a real repository: the manifest's folder confines
    team = tmp_path / "svc"
    team.mkdir()
    (team / "policy.yaml").write_text("extends: startup\nmin_score: 1\n")
    manifest = team / "readiness.yaml"
    manifest.write_text(f"version: 1\nsystem: {{name: x}}\nprofile: {profile}\n")
    return manifest


def test_manifest_profile_path_is_relative_to_the_manifest(cli: Any, tmp_path: Path) -> None:
    manifest = _repo(tmp_path, "policy.yaml")
    res = cli("check", "--manifest", str(manifest), "--offline", "--format", "json")
    assert res.code == 1, res.err
    assert '"profile": "policy"' in res.out
    assert '"min_score": 1' in res.out


@pytest.mark.parametrize("spec", ["/etc/passwd", "../../outside.yaml", '"/\\0"'])
def test_manifest_cannot_name_a_policy_outside_the_repository(
    cli: Any, tmp_path: Path, spec: str
) -> None:
    outside = tmp_path.parent / "outside.yaml"
    outside.write_text("extends: startup\n")
    manifest = _repo(tmp_path, spec)
    res = cli("check", "--manifest", str(manifest), "--offline")
    assert res.code == 2, res.out
    assert "policy file" in res.err
    assert "Traceback" not in res.err


def test_extends_cannot_leave_the_repository_either(cli: Any, tmp_path: Path) -> None:
    manifest = _repo(tmp_path, "policy.yaml")
    (manifest.parent / "policy.yaml").write_text("extends: /etc/hostname.yaml\n")
    res = cli("check", "--manifest", str(manifest), "--offline")
    assert res.code == 2
    assert "is outside the repository" in res.err


def test_cli_profile_may_live_anywhere(cli: Any, tmp_path: Path) -> None:
    manifest = _repo(tmp_path, "startup")
    outside = tmp_path.parent / "anywhere.yaml"
    outside.write_text("extends: enterprise\n")
    res = cli(
        "check",
        "--manifest",
        str(manifest),
        "--offline",
        "--profile",
        str(outside),
        "--format",
        "json",
    )
    assert res.code == 1
    assert '"profile": "anywhere"' in res.out


def test_a_child_forbid_beats_an_inherited_allow(cat: Catalogue, tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text(
        "extends: enterprise\nallow_acceptance: [eval.release-gated]\n"
    )
    (tmp_path / "child.yaml").write_text(
        "extends: parent.yaml\nforbid_acceptance: [eval.release-gated]\n"
    )
    child = load_profile(str(tmp_path / "child.yaml"), cat)
    assert not may_accept(child, cat.checks["eval.release-gated"])


def test_an_extends_chain_error_names_each_link(cli: Any, tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "team.yaml").write_text("# team policy\nextends: enterprize\n")
    (tmp_path / "readiness.yaml").write_text("version: 1\nsystem: {name: x}\nprofile: team.yaml\n")
    result = cli("check", "--manifest", str(tmp_path / "readiness.yaml"), "--offline")
    assert result.code == 2
    assert result.err.startswith(
        "team.yaml:2:10: error: extends: 'enterprize': unknown profile (did you mean 'enterprise'?)"
    ), result.err
    head, quoted, caret, fix = result.err.splitlines()
    assert head.endswith(f"named by {tmp_path / 'readiness.yaml'}:3: profile")
    assert (quoted, caret) == (" 2 | extends: enterprize", "   |          ^")
    assert fix == "  = fix: write `enterprise`"
