"""The action mode end to end: judge, comment, then report everywhere GitHub looks."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from gate.action import commands, post, results, retry
from gate.action.context import ActionContext, read_context
from gate.action.inputs import ActionInputs, read_inputs, unknown_inputs
from gate.action.outputs import write_outputs
from gate.commands.options import today_utc
from gate.errors import EXIT_CANNOT_EVALUATE, EXIT_FAIL, EXIT_PASS, GateError, UsageError
from gate.fileio import write_new_or_replace
from gate.render.annotations import Annotation, cap, ordered
from gate.render.comment import Section, render_body, verdict

# When the step fails, by `fail-on`. A new mode is one entry here plus its name
# in `inputs.FAIL_ON_MODES`; it sees every section, baselines included.
FAIL_ON: dict[str, Callable[[Sequence[Section]], bool]] = {
    "gaps": lambda sections: verdict(sections) == "fail",
    "never": lambda sections: False,
}


def _summary(sections: Sequence[Section], omitted: dict[str, int], note: str | None) -> str:
    extra = []
    if any(omitted.values()):
        extra.append(
            f"> {omitted.get('error', 0)} more error(s) and {omitted.get('warning', 0)} more "
            "warning(s) are not shown as annotations (GitHub shows ten of each per step); "
            "all of them are listed above."
        )
    if note:
        extra.append(f"> {note}")
    return render_body(sections) + "\n" + "\n\n".join(extra) + "\n"


def _append(path: Path | None, text: str) -> None:
    if path is None:
        return
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write the job summary: {exc.strerror}", file=str(path)) from None


def evaluate_and_report(inputs: ActionInputs, ctx: ActionContext, out: TextIO, token: str) -> int:
    """The default mode: every step of the action after the inputs are read."""
    today = inputs.today or today_utc()
    evidence = results.evidence_options(inputs, ctx, token) if inputs.verify_evidence else None
    judge = results.evaluator(inputs, ctx, today, evidence)
    sections = results.judge_all(results.find_manifests(ctx.workspace, inputs.manifest), judge)
    gh = retry.client(ctx.api_url, token, inputs.timeout_seconds) if token else None
    # The base only shows what changed: its evidence is not fetched a second time.
    base_judge = results.evaluator(inputs, ctx, today, None)
    # The comment goes first: a failing gate must still explain itself on the PR.
    step = post.comment_step(inputs, ctx, gh, sections, base_judge)
    sections = step.sections
    evaluations = [s.evaluation for s in sections if s.evaluation is not None]
    capped = cap([*step.warnings, *results.error_annotations(sections), *ordered(evaluations)])
    commands.emit(
        out, [a._replace(message=commands.redact(a.message, token)) for a in capped.shown]
    )
    note = commands.redact(step.note, token) if step.note else None
    _append(ctx.step_summary, _summary(sections, capped.omitted, note))
    report = ctx.temp / "launch-gate" / "report.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    write_new_or_replace(report, json.dumps(results.envelope(sections), indent=2) + "\n")
    overall = verdict(sections)
    score = results.score(sections)
    write_outputs(
        ctx.output,
        {
            "verdict": overall,
            "score": "" if score is None else str(score),
            "gaps": json.dumps(results.gaps(sections)),
            "report": str(report),
            **step.outputs,
        },
    )
    if overall == "error":
        return EXIT_CANNOT_EVALUATE
    return EXIT_FAIL if FAIL_ON[inputs.fail_on](sections) else EXIT_PASS


def run_action(env: Mapping[str, str], out: TextIO, cwd: Path) -> int:
    """The whole action mode; `env` is what the runner passed to the container."""
    token = env.get("INPUT_GITHUB-TOKEN", "").strip()
    if token:
        # Before anything else is printed, so no later line can show it.
        commands.add_mask(out, token)
    try:
        inputs = read_inputs(env)
        ctx = read_context(env, cwd)
        typos = [
            Annotation("warning", f"unknown input '{name}' is ignored", title="launch-gate")
            for name in unknown_inputs(env)
        ]
        commands.emit(out, typos)
        if inputs.comment_from:
            commands.emit(out, post.post_saved(inputs, ctx, token))
            return EXIT_PASS
        return evaluate_and_report(inputs, ctx, out, token)
    except GateError as exc:
        message = commands.redact(str(exc), token)
        commands.emit(out, [Annotation("error", message, title="launch-gate")])
        return exc.exit_code
