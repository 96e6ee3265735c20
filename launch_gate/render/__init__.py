"""Output formats, one module each, looked up by name."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from launch_gate.judge.evaluate import Evaluation

Renderer = Callable[[Evaluation, bool], str]


def _on_use(module: str) -> Renderer:
    """A format's renderer, imported when first called: a run prints one format, and
    start-up is most of what an offline check costs."""

    def render(ev: Evaluation, colour: bool) -> str:
        found: Renderer = importlib.import_module(f"launch_gate.render.{module}").render
        return found(ev, colour)

    return render


FORMATS: dict[str, Renderer] = {
    "text": _on_use("text"),
    "markdown": _on_use("markdown"),
    "json": _on_use("jsonout"),
    "sarif": _on_use("sarif"),
}
