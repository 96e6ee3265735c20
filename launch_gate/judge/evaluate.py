"""Judge a manifest against a profile: outcomes, gaps, score and verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple, assert_never

from launch_gate.findings import Finding
from launch_gate.judge.approvals import MANIFEST_KEY, ApprovalMap
from launch_gate.judge.evidence import EvidenceMap
from launch_gate.judge.findings import hint_for
from launch_gate.judge.manifest import LoadedManifest
from launch_gate.judge.profile import requires, weight
from launch_gate.judge.rules.base import Context
from launch_gate.judge.rules.run import run_rules
from launch_gate.judge.shapes import Catalogue, Check, CheckEntry, Profile
from launch_gate.judge.values import Status

Outcome = Literal["passed", "accepted", "not-applicable", "gap", "invalid", "optional"]
Verdict = Literal["pass", "fail"]
FAILING: frozenset[Outcome] = frozenset({"gap", "invalid"})


class CheckResult(NamedTuple):
    check: Check
    required: bool
    status: Status
    outcome: Outcome
    problems: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    entry: CheckEntry | None
    # Set when the check is not applicable because a capability is absent.
    auto_na: bool = False
    # What measured evidence showed when it held ("pass rate 97.0% (194/200) ≥ 95% in
    # evals/results.json"): numbers a reviewer reads instead of a link. A failing one is a
    # problem or warning instead.
    measured: tuple[str, ...] = ()


class Evaluation(NamedTuple):
    catalogue: Catalogue
    profile: Profile
    loaded: LoadedManifest
    today: dt.date
    checks: tuple[CheckResult, ...]
    score: int
    layers: dict[str, int | None]
    problems: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    # Set once by `evaluate`: every report, sort and table of a run asks for them.
    gaps: list[str]
    verdict: Verdict
    # On a pull request's run: the profile the head's own files name, when it is not the
    # base's that judged it (`profile`). Shown as a bar change; it never decides this run.
    proposed: Profile | None = None


def judge(
    check: Check,
    entry: CheckEntry | None,
    ctx_args: tuple[Profile, Catalogue, LoadedManifest, dt.date, int],
    evidence: EvidenceMap | None = None,
    approvals: ApprovalMap | None = None,
) -> CheckResult:
    profile, cat, loaded, today, warn_days = ctx_args
    required = requires(profile, check)
    capabilities = loaded.manifest.system.capabilities
    if check.needs is not None and check.needs not in capabilities:
        status: Status = entry.status if entry else "todo"
        warned: tuple[Finding, ...] = ()
        if entry is not None and status != "todo":
            # A decision nobody will judge: say so, rather than drop it silently.
            warned = (
                Finding(
                    check.id,
                    "needs-capability",
                    f"marked {status}, but this check needs the `{check.needs}` capability, "
                    "which system.capabilities does not declare: it does not apply and "
                    "earns no score",
                    loaded.file,
                    loaded.line("checks", check.id, "status"),
                    hint_for("needs-capability"),
                    "warning",
                ),
            )
        return CheckResult(check, False, status, "not-applicable", (), warned, entry, True)
    if entry is None or entry.status == "todo":
        problems: tuple[Finding, ...] = ()
        if required:
            # An entry marked todo is pointed at; a check the manifest leaves out, at the
            # `checks:` line where it is to be added.
            listed = check.id in loaded.manifest.checks
            line = loaded.line("checks", check.id)
            problems = (
                Finding(
                    check.id,
                    "undecided",
                    "no decision yet" if listed else "no decision yet: add it under `checks:`",
                    loaded.file,
                    line,
                    undecided_hint(check.id),
                ),
            )
        return CheckResult(
            check, required, "todo", "gap" if required else "optional", problems, (), entry
        )
    ctx = Context(
        check, entry, profile, cat, loaded, today, warn_days, evidence or {}, approvals or {}
    )
    found = list(run_rules(ctx))
    measured = tuple(
        m.measured
        for i in range(len(entry.evidence))
        if (m := ctx.evidence.get((check.id, "evidence", i))) and m.state == "ok" and m.measured
    )
    errors = tuple(f for f in found if f.severity == "error")
    warnings = tuple(f for f in found if f.severity == "warning")
    if errors and not required:
        # A check the profile does not ask for never fails the gate.
        return CheckResult(
            check,
            False,
            entry.status,
            "optional",
            (),
            warnings + tuple(f.as_warning() for f in errors),
            entry,
            measured=measured,
        )
    return CheckResult(
        check,
        required,
        entry.status,
        _outcome(entry.status, required, errors),
        errors,
        warnings,
        entry,
        measured=measured,
    )


def _outcome(status: Status, required: bool, errors: Sequence[Finding]) -> Outcome:
    if errors:
        return "invalid"
    if status == "done":
        return "passed"
    if status == "not-applicable":
        return "not-applicable"
    return "accepted" if required else "optional"


def undecided_hint(check_id: str) -> str:
    """The fix for a gap, as commands: the walk for every open check, or this one decided."""
    return (
        f"run `launch-gate review`, or `launch-gate decide {check_id} done --evidence PATH|URL` "
        f"(or `accept`, or `not-applicable --reason ...`)"
    )


def phase_in(result: CheckResult, profile: Profile, today: dt.date) -> CheckResult:
    """`result` as it stands on `today`: not yet required while its date is ahead."""
    start = profile.effective_from.get(result.check.id)
    if start is None or today >= start or not result.problems:
        return result
    note = f" (enforced from {start.isoformat()})"
    demoted = tuple(f._replace(message=f.message + note).as_warning() for f in result.problems)
    return result._replace(
        required=False, outcome="optional", problems=(), warnings=result.warnings + demoted
    )


def score(results: Iterable[CheckResult], profile: Profile) -> int | None:
    """Weighted share of applicable checks validly done, 0-100; None if none apply."""
    earned = total = 0
    for r in results:
        if r.outcome == "not-applicable":
            continue
        weighs = weight(profile, r.check)
        total += weighs
        if r.outcome == "passed":
            earned += weighs
    # Half up, as the spec says (62.5 -> 63); round() would go to even.
    return None if total == 0 else (200 * earned + total) // (2 * total)


def evaluate(
    loaded: LoadedManifest,
    profile: Profile,
    cat: Catalogue,
    today: dt.date,
    warn_days: int | None = None,
    *,
    evidence: EvidenceMap | None = None,
    approvals: ApprovalMap | None = None,
    proposed: Profile | None = None,
) -> Evaluation:
    days = profile.warn_days if warn_days is None else warn_days
    args = (profile, cat, loaded, today, days)
    entries = loaded.manifest.checks
    results = tuple(
        phase_in(judge(c, entries.get(cid), args, evidence, approvals), profile, today)
        for cid, c in cat.checks.items()
    )
    layers = {
        layer: score((r for r in results if r.check.layer == layer), profile)
        for layer in cat.layers
    }
    total = score(results, profile) or 0
    problems: tuple[Finding, ...] = ()
    if profile.min_score is not None and total < profile.min_score:
        problems = (
            Finding(
                None,
                "below-min-score",
                f"maturity score {total} is below the {profile.name} minimum of "
                f"{profile.min_score}",
                loaded.file,
                None,
                hint_for("below-min-score"),
            ),
        )
    bar = (approvals or {}).get(MANIFEST_KEY)
    if bar is not None and bar.proof is None:
        # A change that lowers the bar (approver proof, gather/approvals/needs.py).
        line = loaded.line("system", "owner") or loaded.line("system")
        problems += (
            Finding(
                None,
                "unproven-approval",
                f"this change lowers the bar: {bar.reason}",
                loaded.file,
                line,
                hint_for("unproven-bar"),
            ),
        )
    warnings = tuple(w for r in results for w in r.warnings)
    if proposed is not None and proposed == profile:
        proposed = None
    if proposed is not None:
        warnings += (_proposed_bar(loaded, profile, proposed),)
    gaps = sorted(r.check.id for r in results if r.required and r.outcome in FAILING)
    verdict: Verdict = "fail" if gaps or problems else "pass"
    return Evaluation(
        cat,
        profile,
        loaded,
        today,
        results,
        total,
        layers,
        problems,
        warnings,
        gaps,
        verdict,
        proposed,
    )


def _proposed_bar(loaded: LoadedManifest, judging: Profile, proposed: Profile) -> Finding:
    """A pull request that changes its own judge: said once, where the manifest names it."""
    what = (
        f"profile {proposed.name}"
        if proposed.name != judging.name
        else f"a changed {proposed.source or proposed.name}"
    )
    return Finding(
        None,
        "judged-by-base",
        f"this change proposes {what}; this run judges with the base's {judging.name} "
        f"({judging.source or 'built in'}), and the proposal applies once it is merged",
        loaded.file,
        loaded.line("profile"),
        hint_for("judged-by-base"),
        severity="warning",
    )


# When a run fails, by `--fail-on` (the CLI) and the `fail-on` input (the Action): the
# same words everywhere. `invalid` is what a pre-commit hook wants: a typo or a broken
# decision stops the commit, an undecided check (normal on a feature branch) does not.
FailOn = Literal["gaps", "invalid", "warnings", "never"]
FAIL_ON_WORDS: tuple[FailOn, ...] = ("gaps", "invalid", "warnings", "never")


def fails(ev: Evaluation, fail_on: FailOn) -> bool:
    match fail_on:
        case "gaps":
            return ev.verdict == "fail"
        case "invalid":
            return any(r.outcome == "invalid" for r in ev.checks) or any(
                p.code != "below-min-score" for p in ev.problems
            )
        case "warnings":
            return ev.verdict == "fail" or bool(ev.warnings)
        case "never":
            return False
        case _:
            assert_never(fail_on)
