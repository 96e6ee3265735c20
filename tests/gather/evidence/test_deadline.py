"""Servers that never finish cannot hold a request past its timeout, nor a run past its deadline.

httpx's own timeout bounds each read, and every server here keeps each read
short: one trickles a byte every 0.3 s for ever, one answers each redirect hop
slowly, one sends headers and then neither the body nor a close. Real sockets
on 127.0.0.1; the only timing assertions are generous upper bounds.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from launch_gate.gather.evidence.verify import Target, verify
from launch_gate.judge.evidence import EvidenceResult
from tests.gather.evidence.conftest import LOOPBACK_ONLY, settings

Behaviour = Callable[[socket.socket, str], None]
SLACK = 3.0  # loaded CI machines; the point is "seconds", not "for ever"


def trickle(conn: socket.socket, method: str) -> None:
    """A status line, then one header byte every 0.3 s: the headers never end."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    while True:
        time.sleep(0.3)
        conn.sendall(b"x")


def slow_redirects(conn: socket.socket, method: str) -> None:
    """Each hop answers a redirect in about 0.6 s: under any per-read or per-hop limit."""
    conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: /next\r\nX-Slow: ")
    for _ in range(2):
        time.sleep(0.3)
        conn.sendall(b"x")
    conn.sendall(b"\r\nContent-Length: 0\r\n\r\n")


def headers_then_silence(conn: socket.socket, method: str) -> None:
    """HEAD is refused, so the gate asks GET; GET gets headers and then nothing."""
    if method == "HEAD":
        conn.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
        return
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
    time.sleep(30)  # the connection stays open; the client must give up first


@pytest.fixture
def serve() -> Iterator[Callable[[Behaviour], str]]:
    servers: list[socketserver.ThreadingTCPServer] = []

    def start(behaviour: Behaviour) -> str:
        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                conn: socket.socket = self.request
                try:
                    while True:  # keep-alive: the GET may come on the HEAD's connection
                        head = _read_head(conn)
                        if not head:
                            return
                        behaviour(conn, head.split(b" ", 1)[0].decode())
                except OSError:  # the client hung up, as it should
                    return

        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _read_head(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return b""
        data += chunk
    return data


def run(urls: list[str], tmp_path: Path, **changes: object) -> tuple[list[EvidenceResult], float]:
    found = [Target((f"c{i}", "evidence", 0), url, "evidence") for i, url in enumerate(urls)]
    start = time.monotonic()
    results = verify(found, settings(tmp_path, **changes), guard=LOOPBACK_ONLY)
    return [results[t.key] for t in found], time.monotonic() - start


@pytest.mark.parametrize("behaviour", [trickle, slow_redirects, headers_then_silence])
def test_a_request_ends_at_its_timeout_whatever_the_server_does(
    serve: Callable[[Behaviour], str], tmp_path: Path, behaviour: Behaviour
) -> None:
    [result], took = run([serve(behaviour) + "/page"], tmp_path, timeout=1.0)
    assert (result.state, result.reason) == ("unreachable", "timed out after 1 s")
    assert took < 1.0 + SLACK


def test_the_run_ends_at_its_deadline_and_says_what_was_left(
    serve: Callable[[Behaviour], str], tmp_path: Path
) -> None:
    (tmp_path / "README.md").write_text("# Hello\n")
    base = serve(trickle)
    # More slow links than slots, each allowed 10 s, and a run allowed 1 s.
    urls = [f"{base}/{n}" for n in range(20)]
    found = [Target(("path", "evidence", 0), "README.md", "evidence")]
    found += [Target((f"c{i}", "evidence", 0), url, "evidence") for i, url in enumerate(urls)]
    start = time.monotonic()
    results = verify(found, settings(tmp_path, deadline=start + 1.0), guard=LOOPBACK_ONLY)
    assert time.monotonic() - start < 1.0 + SLACK
    assert results[("path", "evidence", 0)].state == "ok"  # local checks are not cut
    for target in found[1:]:
        result = results[target.key]
        assert (result.kind, result.state) == ("url", "unreachable")
        assert "before the time limit" in result.reason
