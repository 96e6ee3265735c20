"""The fake GitHub for the measured-evidence tests."""

from __future__ import annotations

from tests.conftest_fakegithub import fake_github

__all__ = ["fake_github"]
