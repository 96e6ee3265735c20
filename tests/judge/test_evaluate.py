"""The decision rules, outcomes, score and verdict, as the spec states them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from launch_gate.judge.evaluate import CheckResult, Evaluation, score

Judge = Callable[..., Evaluation]
HEAD = "version: 1\nsystem: {name: s, capabilities: [rag, tools, agents]}\nchecks:\n"


def result(ev: Evaluation, cid: str) -> CheckResult:
    return next(r for r in ev.checks if r.check.id == cid)


def codes(r: CheckResult) -> list[str]:
    return [p.code for p in r.problems]


def accepted(decision: str, cid: str = "eval.release-gated") -> str:
    body = "\n".join(f"      {line}" for line in decision.strip().splitlines())
    return f"{HEAD}  {cid}:\n    status: accepted-risk\n    decision:\n{body}\n"


FULL = """rationale: r
owner: "@bob"
approved_by: "@carol"
expires: 2027-01-15
mitigation: m
tracking: https://example.com/1"""


def test_omitted_check_is_an_undecided_gap(judge: Judge) -> None:
    ev = judge(HEAD + "  cost.caching: {status: todo}\n")
    r = result(ev, "eval.release-gated")
    assert (r.outcome, codes(r)) == ("gap", ["undecided"])
    assert result(ev, "cost.caching").outcome == "optional"  # enterprise check, startup run
    assert "eval.release-gated" in ev.gaps
    assert ev.verdict == "fail"


def test_done_needs_evidence(judge: Judge) -> None:
    ev = judge(HEAD + "  eval.release-gated:\n    status: done\n")
    r = result(ev, "eval.release-gated")
    assert (r.outcome, codes(r), r.problems[0].line) == ("invalid", ["missing-evidence"], 5)


@pytest.mark.parametrize(
    ("profile", "drop", "code"),
    [
        ("startup", "rationale", "missing-rationale"),
        ("startup", "owner", "missing-owner"),
        ("startup", "expires", "missing-expiry"),
        ("enterprise", "approved_by", "missing-approver"),
        ("regulated", "mitigation", "missing-mitigation"),
        ("regulated", "tracking", "missing-tracking"),
    ],
)
def test_accepted_risk_fields_by_profile(judge: Judge, profile: str, drop: str, code: str) -> None:
    decision = "\n".join(ln for ln in FULL.splitlines() if not ln.startswith(drop))
    cid = "cost.caching"  # required from enterprise; acceptable everywhere
    ev = judge(accepted(decision, cid), profile=profile if profile != "startup" else "enterprise")
    assert code in codes(result(ev, cid))


def test_fields_not_required_below_their_profile(judge: Judge) -> None:
    ev = judge(accepted("rationale: r\nowner: '@bob'\nexpires: 2027-01-15"), profile="startup")
    r = result(ev, "eval.release-gated")
    assert (r.outcome, codes(r)) == ("accepted", [])


def test_mvp_missing_expiry_is_only_a_warning(judge: Judge) -> None:
    ev = judge(accepted("rationale: r\nowner: '@bob'"), profile="mvp")
    r = result(ev, "eval.release-gated")
    assert r.outcome == "accepted"
    assert [w.code for w in r.warnings] == ["missing-expiry"]


def test_expired_is_reported_as_expired(judge: Judge) -> None:
    ev = judge(accepted("rationale: r\nowner: '@bob'\nexpires: 2026-11-22"))
    r = result(ev, "eval.release-gated")
    assert (r.outcome, codes(r)) == ("invalid", ["expired"])
    assert r.problems[0].message == "expired on 2026-11-22"
    assert r.problems[0].line == 9
    assert ev.gaps == sorted(ev.gaps)
    assert "eval.release-gated" in ev.gaps


def test_expiring_today_is_not_expired(judge: Judge) -> None:
    r = result(
        judge(accepted("rationale: r\nowner: '@bob'\nexpires: 2026-11-23")), "eval.release-gated"
    )
    assert r.outcome == "accepted"
    assert [w.code for w in r.warnings] == ["expires-soon"]


@pytest.mark.parametrize(
    ("profile", "cid", "ok", "too_far"),
    [
        ("startup", "eval.release-gated", "2027-11-23", "2027-11-24"),
        ("enterprise", "cost.caching", "2027-05-22", "2027-05-23"),
        ("regulated", "cost.caching", "2027-02-21", "2027-02-22"),
    ],
)
def test_latest_allowed_expiry(judge: Judge, profile: str, cid: str, ok: str, too_far: str) -> None:
    for date, expected in ((ok, []), (too_far, ["expiry-too-far"])):
        decision = FULL.replace("2027-01-15", date)
        assert codes(result(judge(accepted(decision, cid), profile=profile), cid)) == expected


def test_warn_days_window(judge: Judge) -> None:
    text = accepted("rationale: r\nowner: '@bob'\nexpires: 2026-12-10")
    assert not result(judge(text), "eval.release-gated").warnings  # 17 days > 14
    soon = result(judge(text, warn_days=30), "eval.release-gated").warnings
    assert [w.code for w in soon] == ["expires-soon"]


def test_self_approval(judge: Judge) -> None:
    decision = FULL.replace('"@carol"', "bob")
    ev = judge(accepted(decision, "cost.caching"), profile="enterprise")
    assert codes(result(ev, "cost.caching")) == ["self-approved"]


def test_acceptance_not_allowed(judge: Judge) -> None:
    ev = judge(accepted(FULL), profile="enterprise")  # eval.release-gated: no-accept enterprise
    assert codes(result(ev, "eval.release-gated")) == ["acceptance-not-allowed"]
    ev = judge(accepted(FULL), profile="startup")
    assert result(ev, "eval.release-gated").outcome == "accepted"


def test_not_applicable_rules(judge: Judge) -> None:
    na = HEAD + "  cost.model-routing:\n    status: not-applicable\n"
    assert codes(result(judge(na, profile="regulated"), "cost.model-routing")) == [
        "missing-reason",
        "missing-approver",
    ]
    ok = na + "    reason: one model only\n"
    assert result(judge(ok, profile="enterprise"), "cost.model-routing").outcome == (
        "not-applicable"
    )
    assert codes(result(judge(ok, profile="regulated"), "cost.model-routing")) == [
        "missing-approver"
    ]


def test_missing_capability_makes_check_not_applicable(judge: Judge) -> None:
    ev = judge("version: 1\nsystem: {name: s}\n", profile="regulated")
    r = result(ev, "rag.drift-monitoring")
    assert (r.outcome, r.required, r.auto_na) == ("not-applicable", False, True)
    assert ev.layers["rag"] is None
    assert len(ev.gaps) == 50 - 10


def test_optional_check_problems_are_warnings(judge: Judge) -> None:
    ev = judge(HEAD + "  cost.caching:\n    status: done\n", profile="startup")
    r = result(ev, "cost.caching")
    assert (r.outcome, r.problems) == ("optional", ())
    assert [w.code for w in r.warnings] == ["missing-evidence"]
    assert "cost.caching" not in ev.gaps


def test_score_weights(judge: Judge) -> None:
    # With only mvp check obs.log-requests-responses done (weight 4) and rag/tools/agents
    # absent: applicable weights = 6*4 + 20*3 + 20*2 + 4*1 - the capability checks.
    ev = judge(
        "version: 1\nsystem: {name: s}\nchecks:\n  obs.log-requests-responses:\n"
        "    status: done\n    evidence: [x]\n"
    )
    # Without capabilities: mvp 6 (24), startup 26-6-5=15 (45), enterprise 46-26-4=16 (32),
    # regulated 4-1=3 (3): total 104.
    assert ev.score == 4  # 100 x 4 / 104 = 3.8
    assert ev.layers["obs"] == 27  # 100 x 4 / 15 = 26.7


def test_accepted_and_na_earn_nothing_but_na_leaves_the_denominator(judge: Judge) -> None:
    base = "version: 1\nsystem: {name: s}\nchecks:\n"
    na = judge(base + "  cost.caching: {status: not-applicable, reason: r}\n")
    acc = judge(accepted("rationale: r\nowner: '@b'\nexpires: 2027-01-01", "cost.caching"))
    assert na.score == 0
    assert acc.score == 0
    assert na.layers["cost"] == 0


def test_min_score_is_a_manifest_problem(judge: Judge) -> None:
    ev = judge(HEAD, profile="enterprise")
    assert [p.code for p in ev.problems] == ["below-min-score"]
    assert ev.problems[0].check is None


def test_everything_done_passes_with_full_score(judge: Judge, cat: object) -> None:
    from launch_gate.load.catalogue import load_catalogue

    body = "".join(
        f"  {cid}:\n    status: done\n    evidence: [x]\n" for cid in load_catalogue().checks
    )
    ev = judge(HEAD + body, profile="regulated")
    assert (ev.verdict, ev.score, ev.gaps, ev.problems) == ("pass", 100, [], ())
    assert set(ev.layers.values()) == {100}


def test_the_score_rounds_half_up(judge: Callable[..., Evaluation]) -> None:
    ev = judge("version: 1\nsystem: {name: s}\n")

    def with_weights(earned: int, total: int) -> int | None:
        # One passed check of weight `earned`, one gap of the rest.
        passed, gap = ev.checks[0], ev.checks[1]
        profile = ev.profile._replace(
            weights={passed.check.from_: earned, gap.check.from_: total - earned}
        )
        if passed.check.from_ == gap.check.from_:
            pytest.skip("the first two checks share a tier")
        return score([passed._replace(outcome="passed"), gap._replace(outcome="gap")], profile)

    assert with_weights(5, 8) == 63  # 62.5
    assert with_weights(1, 8) == 13  # 12.5
    assert with_weights(3, 8) == 38  # 37.5
