"""Shared helpers for the evidence tests: everything runs on 127.0.0.1, no internet."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from launch_gate.gather.evidence.http import HttpChecker
from launch_gate.gather.evidence.settings import Settings
from launch_gate.gather.evidence.ssrf import Guard
from launch_gate.gather.evidence.wire import ADDRESS, Wire, trusted
from launch_gate.judge.evidence import EvidenceResult
from tests.conftest_fakegithub import fake_github  # noqa: F401 - a fixture, by import

TODAY = dt.date(2026, 11, 23)
LOOPBACK_ONLY = Guard(allow=[ipaddress.ip_network("127.0.0.1/32")])


class RecordingTransport(Wire):
    """The gate's own transport, noting every address a request is sent to, so tests can
    prove none was."""

    def __init__(self) -> None:
        super().__init__(trusted)
        self.hosts: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(request.extensions[ADDRESS])
        return await super().handle_async_request(request)


def settings(root: Path, **changes: Any) -> Settings:
    return Settings(repo_root=root, today=TODAY, **changes)


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    # An address, not "localhost": the guard opens 127.0.0.1 alone, and ::1 must stay shut.
    return ("127.0.0.1", 0)


@pytest.fixture
def transport() -> RecordingTransport:
    return RecordingTransport()


@pytest.fixture
def check_url(tmp_path: Path, transport: RecordingTransport) -> Callable[..., EvidenceResult]:
    """Check one URL as the gate would, opening only 127.0.0.1 unless told otherwise."""

    def run(url: str, guard: Guard = LOOPBACK_ONLY, **changes: Any) -> EvidenceResult:
        async def go() -> EvidenceResult:
            checker = HttpChecker(settings(tmp_path, **changes), guard=guard, transport=transport)
            try:
                return await checker.check(url)
            finally:
                await checker.aclose()

        return asyncio.run(go())

    return run
