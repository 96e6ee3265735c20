"""The action mode end to end: judge, comment, then report everywhere GitHub looks."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from launch_gate.action import commands, expiry, project, proving, results, timed
from launch_gate.action.context import ActionContext, read_context
from launch_gate.action.inputs import ActionInputs, read_inputs, unknown_inputs
from launch_gate.action.outputs import write_outputs
from launch_gate.errors import EXIT_CANNOT_EVALUATE, EXIT_FAIL, EXIT_PASS, GateError, UsageError
from launch_gate.files import shared_dir, write_parts_new_or_replace
from launch_gate.gather.deadline import RUN_DEADLINE, Deadline
from launch_gate.judge.diff import regressions
from launch_gate.judge.evaluate import FailOn, fails
from launch_gate.load import git as gitsrc
from launch_gate.load.tree import CommitTree, WorkingTree
from launch_gate.render import safe, text
from launch_gate.render.annotations import Annotation, cap, ordered
from launch_gate.render.comment import focused, needs_attention, render_body
from launch_gate.report import build as view
from launch_gate.report.run import Section, gaps, report_parts, score, verdict
from launch_gate.report.view import SectionView


def _gaps(sections: Sequence[Section]) -> str | None:
    if verdict(sections) != "fail":
        return None
    n = len(gaps(sections))
    return (
        f"the gate fails: {n} required check(s) without a valid decision"
        if n
        else ("the gate fails")
    )


def _regressions(sections: Sequence[Section]) -> str | None:
    # A ratchet: only a lower score, a new gap or a lowered bar against the base fails.
    found = [
        (f"{s.path}: " if len(sections) > 1 else "") + "; ".join(why)
        for s in sections
        if s.evaluation is not None and (why := regressions(s.baseline, s.evaluation))
    ]
    return "; ".join(found) or None


# Why the step fails, by `fail-on` (None: it passes). A new mode is one entry here plus its
# name in `inputs.FAIL_ON_MODES`; it sees every section, baselines included.
def _judged(fail_on: FailOn, why: str) -> Callable[[Sequence[Section]], str | None]:
    """A `fail-on` the CLI's `check` shares: the same rule, manifest by manifest."""

    def step(sections: Sequence[Section]) -> str | None:
        failing = [s.path for s in sections if s.evaluation and fails(s.evaluation, fail_on)]
        return f"{why} in {', '.join(failing)}" if failing else None

    return step


FAIL_ON: dict[str, Callable[[Sequence[Section]], str | None]] = {
    "gaps": _gaps,
    "invalid": _judged("invalid", "an invalid decision or broken evidence"),
    "warnings": _judged("warnings", "a gap or a warning"),
    "never": lambda sections: None,
    "regression": _regressions,
}


# GitHub's limit for one step's job summary is 1 MiB; stay well below it.
SUMMARY_LIMIT = 900_000


def _why_red(fail_on: str, failing: str | None) -> str | None:
    """The step's failure in one line, where the verdict alone does not say it (any
    `fail-on` but `gaps`): a required check that goes red says why first."""
    if failing is None or fail_on == "gaps":
        return None
    return f"launch-gate fails this step (fail-on: {fail_on}): {failing}"


def _summary(
    sections: Sequence[SectionView],
    omitted: dict[str, int],
    note: str | None,
    red: str | None = None,
) -> str:
    extra = [f"> [!CAUTION]\n> **{safe.md(red, 600)}**"] if red else []
    if any(omitted.values()):
        extra.append(
            f"> {omitted.get('error', 0)} more error(s) and {omitted.get('warning', 0)} more "
            "warning(s) are not shown as annotations (GitHub shows ten of each per step); "
            "all of them are listed above."
        )
    if note:
        extra.append(f"> {note}")
    body = render_body(sections, full=True, focus=focused(sections))
    if len(body.encode()) > SUMMARY_LIMIT:
        # GitHub drops a step's summary past 1 MiB: keep the verdicts, point at the rest.
        body = render_body(sections, compact=True)
        extra.insert(0, "> The full report is too long for the job summary: it is in the "
                        "JSON report (the `report` output; upload it as an artifact).")  # fmt: skip
    return "\n\n".join(extra) + ("\n\n" if extra else "") + body


def _append(path: Path | None, text: str) -> None:
    if path is None:
        return
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write the job summary: {exc.strerror}", file=str(path)) from None


def _log(sections: Sequence[SectionView], colour: bool) -> str:
    """The text report for the job log, so the verdict is readable there too; the log
    shows ANSI colour, so it is coloured unless NO_COLOR asks otherwise. A large monorepo's
    passing manifests get their verdict line, as the job summary gives them a row."""
    brief = focused(sections)
    parts = [
        f"{s.path}: cannot evaluate: {s.error}"
        if s.evaluation is None
        else text.verdict_line(s.evaluation, colour)
        if brief and not needs_attention(s)
        else text.render(s.evaluation, colour)
        for s in sections
    ]
    return "\n".join(parts)


TARGET_CHECKOUT = (
    "pull_request_target runs on the base branch's checkout, so judging it would pass any "
    "pull request: the checkout is at {found}, the pull request's head is {head}. Use "
    "`pull_request` (with `comment: file` and a workflow_run poster for forks), or check out "
    "the head (`ref: ${{{{ github.event.pull_request.head.sha }}}}`) in a job without secrets"
)


def _refuse_a_base_checkout(ctx: ActionContext) -> None:
    pull = ctx.event.pull
    if ctx.event.name != "pull_request_target" or pull is None:
        return
    found = gitsrc.head_sha(ctx.workspace) or "unknown"
    if found != pull.head_sha:
        message = TARGET_CHECKOUT.format(found=found[:12], head=pull.head_sha[:12])
        raise UsageError(message, file="inputs", key="event")


def evaluate_and_report(
    inputs: ActionInputs, ctx: ActionContext, out: TextIO, token: str, deadline: Deadline
) -> int:
    """The default mode, once the inputs and the event are read: whose files judge, one
    gather stage, one judging pass, then publish."""
    _refuse_a_base_checkout(ctx)
    # A pull request's or merge group's policy is the base's: the change never picks its judge.
    base_gh = ctx.connect(token, deadline.remaining()) if token else None
    judge_from = proving.judge_from(ctx, base_gh)
    inputs, ctx = project.apply(
        inputs,
        ctx,
        judge_from or WorkingTree(ctx.workspace),
        local=judge_from is None or isinstance(judge_from, CommitTree),
    )
    evidence = (
        results.evidence_settings(
            inputs, ctx, token, deadline.until(timed.EVIDENCE_SHARE)
        )._replace(base=judge_from)
        if inputs.verify_evidence
        else None
    )
    # Each file read and parsed once in this run.
    manifests = results.Manifests(inputs, ctx, judge_from)
    paths = results.find_manifests(ctx.workspace, inputs.manifest, manifests.locator)
    # One gather stage: what the verdict needs from GitHub and evidence hosts, as data.
    gathered = timed.gather(
        inputs, ctx, token, paths, deadline, manifests=manifests, evidence=evidence
    )
    # One judging pass, which reaches nothing.
    judge = results.evaluator(inputs, ctx.today, manifests, gathered)
    sections = proving.attach(results.judge_all(paths, judge), gathered)
    return _publish(inputs, ctx, out, token, deadline, sections=sections, gathered=gathered)


def _publish(
    inputs: ActionInputs,
    ctx: ActionContext,
    out: TextIO,
    token: str,
    deadline: Deadline,
    *,
    sections: Sequence[Section],
    gathered: results.Gathered,
) -> int:
    """Everything a reader sees, from the one view of the run: the comment first (a failing
    gate must still explain itself on the PR), then annotations, the log, the job summary,
    the JSON report, exported records and the outputs; the exit code last."""
    failing = FAIL_ON[inputs.fail_on](sections)
    red = _why_red(inputs.fail_on, failing)
    seen = view.sections(sections)
    step = timed.comment(inputs, ctx, token, seen, deadline, red=red)
    evaluations = [s.evaluation for s in seen if s.evaluation is not None]
    capped = cap(
        [
            *([Annotation("error", red, title="launch-gate")] if red else []),
            *proving.warning_annotations(gathered),
            *step.warnings,
            *results.error_annotations(sections),
            *ordered(evaluations),
        ]
    )
    # Nothing we write may carry the token, even where the manifest quotes it.
    hide = functools.partial(commands.redact, secret=token)
    commands.emit(out, [a._replace(message=hide(a.message)) for a in capped.shown])
    log = _log(seen, not ctx.environ.get("NO_COLOR"))
    # The log's last line says why the step is red, where the verdict line does not.
    commands.verbatim(out, hide(log + (f"\n{red}" if red else "")))
    note = hide(step.note) if step.note else None
    _append(ctx.step_summary, hide(_summary(seen, capped.omitted, note, red)))
    report = shared_dir(ctx.temp / "launch-gate") / "report.json"
    # Not indented: a monorepo's report is large (200 manifests: 2.6 MB). jq reads it.
    audit = functools.partial(results.audit_of, ctx=ctx, approvals=gathered.approvals)
    parts = report_parts(sections, seen, audit)
    write_parts_new_or_replace(report, (commands.redact_bytes(p, token) for p in parts))
    exported: dict[str, str] = {}
    if inputs.export:
        from launch_gate.action import record  # the renderers of sign-off records: only here

        folder = record.write_records(inputs.export, sections, seen, ctx, audit=audit, hide=hide)
        exported = {"export": str(ctx.on_host(folder))}
    overall = verdict(sections)
    weakest = score(sections)
    values = {
        "verdict": overall,
        "score": "" if weakest is None else str(weakest),
        "gaps": json.dumps(gaps(sections)),
        "report": str(ctx.on_host(report)),
        # Why the step fails (the fail-on mode and its reason), empty when it passes.
        "failed-on": f"{inputs.fail_on}: {failing}" if failing else "",
        **step.outputs,
        **exported,
    }
    write_outputs(ctx.output, {k: hide(v) for k, v in values.items()})
    if overall == "error":
        return EXIT_CANNOT_EVALUATE
    return EXIT_FAIL if failing else EXIT_PASS


def run_action(env: Mapping[str, str], out: TextIO, cwd: Path) -> int:
    """The whole action mode; `env` is what the runner passed to the container."""
    token = env.get("INPUT_GITHUB-TOKEN", "").strip()
    if token and not (token.isascii() and token.isprintable()):
        # Not a token GitHub issues (they are ASCII), and not safe to print even to mask it:
        # a byte that is not UTF-8 arrives as a lone surrogate, which no stream can write.
        message = "github-token: not a GitHub token (it holds non-ASCII or control characters)"
        commands.emit(out, [Annotation("error", message, title="launch-gate")])
        return EXIT_CANNOT_EVALUATE
    if token:
        # Before anything else is printed, so no later line can show it.
        commands.add_mask(out, token)
    try:
        inputs = read_inputs(env)
        deadline = Deadline(inputs.timeout_seconds)
        RUN_DEADLINE.set(deadline.end)
        ctx = read_context(env, cwd, inputs.today)
        typos = [
            Annotation("warning", f"unknown input '{name}' is ignored", title="launch-gate")
            for name in unknown_inputs(env)
        ]
        notes = [Annotation("warning", note, title="launch-gate") for note in ctx.notes]
        commands.emit(out, typos + notes)
        if inputs.comment_from:
            commands.emit(out, timed.post_saved(inputs, ctx, token, deadline))
            return EXIT_PASS
        if inputs.mode == "expiry-issue":
            # A scheduled run: the checkout is the repository's own, and so are its defaults.
            inputs, ctx = project.apply(inputs, ctx, WorkingTree(ctx.workspace), local=True)
            return expiry.run(inputs, ctx, out, token, deadline)
        return evaluate_and_report(inputs, ctx, out, token, deadline)
    except GateError as exc:
        message = commands.redact(str(exc), token)
        commands.emit(out, [Annotation("error", message, title="launch-gate")])
        return exc.exit_code
