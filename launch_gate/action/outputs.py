"""Step outputs in ``$GITHUB_OUTPUT``, with the heredoc syntax that survives newlines."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from launch_gate.action.commands import absent_token
from launch_gate.errors import UsageError


def _delimiter(value: str) -> str:
    # A value containing the delimiter on a line of its own would end the
    # heredoc early and let the rest forge outputs.
    return absent_token(value, prefix="ghadelimiter_")


def format_outputs(values: Mapping[str, str]) -> str:
    chunks = []
    for name, value in values.items():
        delimiter = _delimiter(value)
        chunks.append(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")
    return "".join(chunks)


def write_outputs(path: Path | None, values: Mapping[str, str]) -> None:
    """Append to the runner's output file; without one (a local run) do nothing."""
    if path is None:
        return
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(format_outputs(values))
    except OSError as exc:
        raise UsageError(f"cannot write step outputs: {exc.strerror}", file=str(path)) from None
