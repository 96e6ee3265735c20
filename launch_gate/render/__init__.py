"""Output formats, one module each, looked up by name."""

from __future__ import annotations

from collections.abc import Callable

from launch_gate.judge.evaluate import Evaluation
from launch_gate.render import jsonout, markdown, sarif, text

Renderer = Callable[[Evaluation, bool], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "markdown": markdown.render,
    "json": jsonout.render,
    "sarif": sarif.render,
}
