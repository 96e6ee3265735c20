"""HTTP/1.1 under httpx for evidence links: asyncio streams and h11, and nothing else.

httpx's own transport runs each request through httpcore and anyio: about a millisecond of
CPU per link, and with sixteen links in flight that CPU, not the servers, set the pace of a
check (200 links took 1.5 times lychee's time; docs/performance.md). A link check needs one
HEAD or GET, the status, a few headers and the start of a body. This transport does that,
with the pool kept per origin, and leaves the rest to httpx: the URL, the request and
response models, the exceptions. httpcore and anyio are then never imported.

It connects only to the address the SSRF guard checked, given with each request (the
`ADDRESS` extension; a request without one is refused), and names the URL's own host in
the Host header and for TLS: SNI and the certificate check.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Callable
from typing import NamedTuple

import h11
import httpx

READ_SIZE = 64 * 1024
ADDRESS = "launch_gate.address"


def trusted() -> ssl.SSLContext:
    """The usual CA bundle (certifi's), never one the environment names."""
    return httpx.create_ssl_context(verify=True, trust_env=False)


class Origin(NamedTuple):
    """Where a connection goes, and whom it speaks for: a TLS connection checked for one
    host name must never carry a request for another on the same address."""

    scheme: str
    address: str
    port: int
    server_name: str


class Connection:
    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, origin: Origin
    ) -> None:
        self.reader, self.writer, self.origin = reader, writer, origin
        self.h11 = h11.Connection(h11.CLIENT)

    def close(self) -> None:
        # Abort, not close: a TLS close waits for the server's goodbye, which may never come
        # and would outlive the run; nothing is left to send either way.
        self.writer.transport.abort()

    async def next_event(self, read_timeout: float | None) -> h11.Event | type[h11.PAUSED]:
        """The next event from the server; a read that times out, fails or sees the
        connection end where h11 says it may not is raised as httpx's own error."""
        while True:
            try:
                event = self.h11.next_event()
            except h11.RemoteProtocolError as exc:
                raise httpx.RemoteProtocolError(str(exc)) from exc
            if not isinstance(event, type) or event is h11.PAUSED:
                return event  # NEED_DATA is the only other sentinel
            try:
                if read_timeout is None:  # the caller bounds the whole exchange
                    data = await self.reader.read(READ_SIZE)
                else:
                    async with asyncio.timeout(read_timeout):
                        data = await self.reader.read(READ_SIZE)
            except TimeoutError as exc:
                raise httpx.ReadTimeout("the server stopped answering") from exc
            except OSError as exc:
                raise httpx.ReadError(str(exc) or type(exc).__name__) from exc
            self.h11.receive_data(data)


class _Body(httpx.AsyncByteStream):
    """The response body as it arrives; read to its end, the connection goes back to the
    pool, closed early (the body cap), it is dropped."""

    def __init__(self, conn: Connection, pool: Wire, read_timeout: float | None) -> None:
        self.conn, self.pool, self.read_timeout = conn, pool, read_timeout
        self.done = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while not self.done:
            try:
                event = await self.conn.next_event(self.read_timeout)
            except BaseException:
                # Cancelled too (a budget or the run's deadline): never left open.
                self.done = True
                self.conn.close()
                raise
            if isinstance(event, h11.Data):
                yield bytes(event.data)
            elif isinstance(event, h11.EndOfMessage):
                self.done = True
                self.pool.release(self.conn)
            else:
                self.done = True
                self.conn.close()
                raise httpx.RemoteProtocolError(f"unexpected {type(event).__name__}")

    async def aclose(self) -> None:
        if not self.done:
            self.done = True
            self.conn.close()


async def _start_tls(writer: asyncio.StreamWriter, tls: ssl.SSLContext, name: str) -> None:
    """TLS on a connection already open, so that when the certificate is refused the
    socket is ours to close at once (asyncio would close it on a later turn of the loop,
    which a run that ends first never takes)."""
    try:
        await writer.start_tls(tls, server_hostname=name)
    except BaseException:
        writer.transport.abort()
        await asyncio.sleep(0)  # the turn on which the transport lets go of its socket
        raise


class Wire(httpx.AsyncBaseTransport):
    """An httpx transport: one pool of keep-alive connections per origin.

    `trust` makes the TLS context the first time an https link needs it: loading the CA
    bundle costs tens of milliseconds that plain-http checks never pay.
    """

    def __init__(self, trust: Callable[[], ssl.SSLContext]) -> None:
        self.trust = trust
        self._context: ssl.SSLContext | None = None
        self.idle: dict[Origin, list[Connection]] = {}

    def _tls(self) -> ssl.SSLContext:
        if self._context is None:
            self._context = self.trust()
        return self._context

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"no {url.scheme}: links")
        address = request.extensions.get(ADDRESS)
        if not address:
            # Fail closed: resolving the name here would skip the guard.
            raise httpx.ConnectError(f"no checked address for {url.host}")
        default = 443 if url.scheme == "https" else 80
        origin = Origin(url.scheme, str(address), url.port or default, url.host)
        timeouts = request.extensions.get("timeout", {})
        body = b"".join([chunk async for chunk in request.stream])  # type: ignore[union-attr]
        pooled = self.idle.get(origin)
        while pooled:
            # A kept connection the server has since closed fails before any answer (an
            # answer is all _exchange returns): then the request goes again, on a new
            # connection. HEAD and GET may be repeated; a slow server is not retried.
            try:
                return await self._exchange(pooled.pop(), request, body, timeouts)
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
                continue
        conn = await self._connect(origin, timeouts.get("connect"))
        return await self._exchange(conn, request, body, timeouts)

    async def _connect(self, origin: Origin, timeout: float | None) -> Connection:
        tls = self._tls() if origin.scheme == "https" else None
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(origin.address, origin.port)
                if tls is not None:
                    await _start_tls(writer, tls, origin.server_name)
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(f"no connection to {origin.address}") from exc
        except OSError as exc:  # refused, unreachable, a certificate refused (ssl.SSLError)
            raise httpx.ConnectError(str(exc) or type(exc).__name__) from exc
        return Connection(reader, writer, origin)

    async def _exchange(
        self,
        conn: Connection,
        request: httpx.Request,
        body: bytes,
        timeouts: dict[str, float | None],
    ) -> httpx.Response:
        url = request.url
        target = url.raw_path  # path and query, already percent-encoded by httpx
        start = h11.Request(method=request.method, target=target, headers=request.headers.raw)
        try:
            conn.writer.write(conn.h11.send(start) or b"")
            if body:
                conn.writer.write(conn.h11.send(h11.Data(data=body)) or b"")
            conn.writer.write(conn.h11.send(h11.EndOfMessage()) or b"")
            async with asyncio.timeout(timeouts.get("write")):
                await conn.writer.drain()  # returns at once unless the buffer is full
        except TimeoutError as exc:
            conn.close()
            raise httpx.WriteTimeout("the server stopped reading") from exc
        except (OSError, h11.LocalProtocolError) as exc:
            conn.close()
            raise httpx.WriteError(str(exc) or type(exc).__name__) from exc
        except BaseException:
            conn.close()
            raise
        try:
            event = await conn.next_event(timeouts.get("read"))
            while isinstance(event, h11.InformationalResponse):
                event = await conn.next_event(timeouts.get("read"))
        except BaseException:
            # Cancelled too (a budget or the run's deadline): never left open.
            conn.close()
            raise
        if not isinstance(event, h11.Response):
            conn.close()
            raise httpx.RemoteProtocolError(f"the server answered {type(event).__name__}")
        return httpx.Response(
            event.status_code,
            headers=list(event.headers),
            stream=_Body(conn, self, timeouts.get("read")),
            extensions={"http_version": b"HTTP/1.1", "reason_phrase": event.reason},
            request=request,
        )

    def release(self, conn: Connection) -> None:
        """After a whole answer: back to the pool if both sides may go on, else closed."""
        state = conn.h11
        if state.our_state is h11.DONE and state.their_state is h11.DONE:
            state.start_next_cycle()
            self.idle.setdefault(conn.origin, []).append(conn)
        else:
            conn.close()

    async def aclose(self) -> None:
        for pooled in self.idle.values():
            for conn in pooled:
                conn.close()
        self.idle.clear()
        await asyncio.sleep(0)  # the turn on which each aborted transport lets go of its socket
