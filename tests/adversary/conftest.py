"""A pull request author's toolkit: every input a pull request controls, against every
secret and every output. Each module is named for what the author controls."""

from __future__ import annotations

from tests.action.conftest import action
from tests.conftest_fakegithub import fake_github

__all__ = ["action", "fake_github"]
