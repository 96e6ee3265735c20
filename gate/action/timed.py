"""The steps that talk to GitHub, held to the run's deadline (input timeout-seconds).

When the deadline comes, the verdict from the manifest stands: evidence not yet
checked is reported unreachable (gate/evidence/verify.py), and a comment GitHub
has not accepted yet becomes a warning. The thread doing it is abandoned, not
waited for (gate/deadline.py), so the process ends on time whatever GitHub does.
"""

from __future__ import annotations

import math

from gate.action import post, results, retry
from gate.action.context import ActionContext
from gate.action.inputs import ActionInputs
from gate.commands.options import today_utc
from gate.deadline import Deadline, DeadlineHit, call_within
from gate.render.annotations import Annotation
from gate.render.comment import Section

# Evidence may use this share of timeout-seconds; the comment gets what is left.
EVIDENCE_SHARE = 0.6
# Kept back from the comment for the local writes after it (summary, outputs, report).
FINAL_RESERVE = 2.0


def comment(
    inputs: ActionInputs,
    ctx: ActionContext,
    token: str,
    sections: list[Section],
    deadline: Deadline,
) -> post.Step:
    """The comment step, abandoned (a warning) if GitHub is still busy at the deadline."""
    reserve = min(FINAL_RESERVE, deadline.seconds * 0.1)
    budget = deadline.remaining() - reserve
    # The base only shows what changed: its evidence is not fetched a second time.
    base_judge = results.evaluator(inputs, ctx, inputs.today or today_utc(), None)
    gh = retry.client(ctx.api_url, token, max(1, math.ceil(budget))) if token else None
    try:
        return call_within(lambda: post.comment_step(inputs, ctx, gh, sections, base_judge), budget)
    except DeadlineHit:
        message = (
            f"could not comment: GitHub did not answer within timeout-seconds "
            f"({inputs.timeout_seconds} s); the verdict is unaffected"
        )
        return post.Step(sections, [Annotation("warning", message, title=post.TITLE)], message, {})


def post_saved(
    inputs: ActionInputs, ctx: ActionContext, token: str, deadline: Deadline
) -> list[Annotation]:
    try:
        return call_within(lambda: post.post_saved(inputs, ctx, token), deadline.remaining())
    except DeadlineHit:
        message = f"could not comment: GitHub did not answer within {inputs.timeout_seconds} s"
        return [Annotation("warning", message, title=post.TITLE)]
