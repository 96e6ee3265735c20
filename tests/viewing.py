"""The renderers as the shells call them: the judge's results go through the report's view
first (report/build.py), as they do in `check`, `export` and the Action."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from launch_gate.judge.evaluate import Evaluation
from launch_gate.render import annotations, comment, markdown, sarif, text
from launch_gate.report import build
from launch_gate.report.run import Section


def render_comment(sections: Sequence[Section], *args: Any, **kwargs: Any) -> str:
    return comment.render_comment(build.sections(sections), *args, **kwargs)


def render_body(sections: Sequence[Section], **kwargs: Any) -> str:
    return comment.render_body(build.sections(sections), **kwargs)


def ordered(evaluations: Iterable[Evaluation]) -> list[annotations.Annotation]:
    return annotations.ordered(build.manifest(ev) for ev in evaluations)


def markdown_report(ev: Evaluation) -> str:
    return markdown.render(build.manifest(ev))


def sarif_report(ev: Evaluation, colour: bool = False) -> str:
    return sarif.render(build.manifest(ev), colour)


def text_report(ev: Evaluation, **kwargs: Any) -> str:
    return text.render(build.manifest(ev), **kwargs)
