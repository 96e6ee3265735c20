"""The ``fake_github`` fixture: a fresh fake GitHub API per test, on an ephemeral port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakegithub import FakeGitHub


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    # Port 0 lets the OS pick a free port, so parallel test runs never collide.
    with FakeGitHub(port=0) as fake:
        yield fake
    # Code under test may swallow the 500 a crash produces; the fake's own bugs must not hide.
    assert not fake.errors, f"the fake GitHub API crashed: {fake.errors!r}"
