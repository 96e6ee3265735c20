"""Connections are reused: a HEAD answer returns its connection to the pool.

A streamed response closed before its end takes its connection with it, and a
pool no bigger than the number of slots evicts one host's idle connection for
each request to another; either way every link paid a new connection.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from launch_gate.gather.evidence.verify import Target, verify
from tests.gather.evidence.conftest import LOOPBACK_ONLY, settings


class Counting(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    connections = 0

    def setup(self) -> None:
        type(self).connections += 1
        super().setup()

    def do_HEAD(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def bases() -> Iterator[list[str]]:
    """Three servers: three origins (ports) on the one loopback address the guard opens."""
    Counting.connections = 0
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Counting) for _ in range(3)]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield [f"http://127.0.0.1:{server.server_address[1]}" for server in servers]
    for server in servers:
        server.shutdown()
        server.server_close()


def links(bases: list[str], count: int) -> list[Target]:
    return [
        Target((f"c{n}", "evidence", 0), f"{bases[n % len(bases)]}/doc/{n}", "evidence")
        for n in range(count)
    ]


def test_links_to_one_host_share_its_connections(bases: list[str], tmp_path: Path) -> None:
    found = links(bases[:1], 30)
    results = verify(found, settings(tmp_path, concurrency=2, per_host=2), guard=LOOPBACK_ONLY)
    assert {r.state for r in results.values()} == {"ok"}
    assert Counting.connections <= 2  # one per slot, not one per link


def test_more_hosts_than_slots_keep_their_idle_connections(
    bases: list[str], tmp_path: Path
) -> None:
    # Two slots, three hosts taken in turn: a pool of two would drop one each time.
    found = links(bases, 30)
    results = verify(found, settings(tmp_path, concurrency=2, per_host=1), guard=LOOPBACK_ONLY)
    assert {r.state for r in results.values()} == {"ok"}
    assert Counting.connections <= 3  # one per host
