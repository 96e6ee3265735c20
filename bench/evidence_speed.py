"""How fast and how lean evidence verification is, on loopback servers.

200 distinct links over 20 hosts (127.0.0.1 to 127.0.0.20; Linux routes all of
127/8 to lo), each answering after 50 ms. Prints the gate's wall time beside a
sequential loop and the slowest single link, the target ceil(200/16) x 50 ms
x 1.3, and peak traced memory at 200 and 2,000 links. The servers run in a
child process, started before any timing, so they neither share the gate's GIL
nor count in its memory; a raw asyncio client (keep-alive, no checks) first
measures what they can serve at all, the floor. Printed, not asserted:

    .venv/bin/python bench/evidence_speed.py
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
import multiprocessing
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from launch_gate.gather.evidence.settings import Settings
from launch_gate.gather.evidence.verify import Target, verify_async

HOSTS = 20
DELAY = 0.05
CONCURRENCY = 16


class Slow(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do

    def do_HEAD(self) -> None:
        time.sleep(DELAY)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    # lychee asks with GET; the same answer, with no body to send.
    do_GET = do_HEAD

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def serve(pipe: Connection) -> None:
    """In the child: one threaded server per address, then wait to be killed."""
    bases = []
    for n in range(1, HOSTS + 1):
        server = ThreadingHTTPServer((f"127.0.0.{n}", 0), Slow)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        bases.append(f"http://127.0.0.{n}:{server.server_address[1]}")
    pipe.send(bases)
    threading.Event().wait()


def start_servers() -> list[str]:
    ours, theirs = multiprocessing.Pipe()
    child = multiprocessing.get_context("spawn").Process(target=serve, args=(theirs,))
    child.daemon = True  # ends with the bench
    child.start()
    bases: list[str] = ours.recv()
    return bases


async def floor(found: list[Target]) -> float:
    """The servers alone: CONCURRENCY raw keep-alive HEADs in flight, nothing checked."""
    queue = [urlsplit(str(t.item)) for t in reversed(found)]

    async def worker() -> None:
        streams: dict[str, tuple[asyncio.StreamReader, asyncio.StreamWriter]] = {}
        while queue:
            url = queue.pop()
            if url.netloc not in streams:
                streams[url.netloc] = await asyncio.open_connection(url.hostname, url.port)
            reader, writer = streams[url.netloc]
            writer.write(f"HEAD {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\n\r\n".encode())
            await reader.readuntil(b"\r\n\r\n")  # Content-Length: 0, nothing follows
        for _reader, writer in streams.values():
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return time.perf_counter() - start


def links(bases: list[str], count: int) -> list[Target]:
    return [
        Target((f"c{i}", "evidence", 0), f"{bases[i % HOSTS]}/doc/{i}", "evidence")
        for i in range(count)
    ]


def launch_gate_run(found: list[Target]) -> float:
    settings = Settings(
        repo_root=Path.cwd(),
        today=dt.date.today(),
        allow_private_hosts=True,  # the servers are on loopback
        concurrency=CONCURRENCY,
    )
    start = time.perf_counter()
    results = asyncio.run(verify_async(found, settings))
    elapsed = time.perf_counter() - start
    bad = [r for r in results.values() if r.state != "ok"]
    if bad:
        raise SystemExit(f"{len(bad)} links not ok, e.g. {bad[0]}")
    return elapsed


def sequential(found: list[Target]) -> tuple[float, float]:
    slowest = 0.0
    start = time.perf_counter()
    with httpx.Client() as client:
        for target in found:
            one = time.perf_counter()
            client.head(str(target.item)).raise_for_status()
            slowest = max(slowest, time.perf_counter() - one)
    return time.perf_counter() - start, slowest


def peak_memory(found: list[Target]) -> int:
    tracemalloc.start()
    launch_gate_run(found)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    bases = start_servers()
    small, large = links(bases, 200), links(bases, 2000)
    launch_gate_run(links(bases, HOSTS))  # warm-up: imports, the servers' first threads
    floor200, floor2000 = asyncio.run(floor(small)), asyncio.run(floor(large))
    wall = launch_gate_run(small)
    seq, slowest = sequential(small)
    target = math.ceil(200 / CONCURRENCY) * DELAY * 1.3
    ideal = math.ceil(2000 / CONCURRENCY) * DELAY
    print(f"200 links, 20 hosts, {DELAY * 1000:.0f} ms each, concurrency {CONCURRENCY}")
    print(f"  gate verification     {wall * 1000:7.0f} ms   (ratio to target {wall / target:.2f})")
    print(f"  servers alone (floor) {floor200 * 1000:7.0f} ms   (raw asyncio keep-alive client)")
    print(f"  sequential loop       {seq * 1000:7.0f} ms   (/10 = {seq * 100:.0f} ms)")
    print(f"  slowest single link   {slowest * 1000:7.0f} ms")
    print(f"  target ceil(200/16) x 50 ms x 1.3 = {target * 1000:.0f} ms")
    large_wall = launch_gate_run(large)
    print(f"  gate 2,000 links      {large_wall * 1000:7.0f} ms   (ideal {ideal * 1000:.0f} ms)")
    print(f"  servers alone, 2,000  {floor2000 * 1000:7.0f} ms")
    m200, m2000 = peak_memory(small), peak_memory(large)
    print(f"  peak traced memory    200: {m200 / 2**20:.1f} MiB   2,000: {m2000 / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
