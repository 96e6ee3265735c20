"""Print what each image run cost (whole `podman run`, not asserted)."""

from __future__ import annotations

import pytest

from tests.image import test_image


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = test_image.pytest_terminal_summary_lines()
    if lines:
        terminalreporter.write_line("")
        terminalreporter.write_line("image runs, wall time of the whole engine call:")
        for line in lines:
            terminalreporter.write_line(line)
