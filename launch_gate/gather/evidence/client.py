"""The one httpx client every evidence URL goes through, and why it is set up so."""

from __future__ import annotations

import importlib.util
import ssl
import sys

import httpx

from launch_gate.gather.evidence.settings import Settings

IDLE_CONNECTIONS = 64
USER_AGENT = "launch-gate (evidence check; +https://github.com/launch-gate/launch-gate)"

# httpcore asks sniffio which async library runs, importing it afresh several
# times per request; without sniffio installed each is a failed search of
# sys.path, measured at 10-15 % of the client's CPU. Recording the absence once
# makes that import fail at once, as it would anyway; an installed one is used.
if importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]


def make_client(
    settings: Settings,
    transport: httpx.AsyncBaseTransport | None = None,
    verify: ssl.SSLContext | bool = True,
    connections: int | None = None,
) -> httpx.AsyncClient:
    # At most `concurrency` requests are in flight (the caller's slots), and at most
    # `per_host` to one server. A client serves one server (see Clients), so its pool
    # holds that many; with a transport given (tests) one client serves all, and keeps
    # idle connections for many hosts, as httpcore polls every idle one per request.
    idle = connections or max(IDLE_CONNECTIONS, settings.concurrency * settings.per_host)
    limits = httpx.Limits(
        max_connections=settings.concurrency + idle, max_keepalive_connections=idle
    )
    # trust_env=False: no proxy from the environment (it would bypass the guard)
    # and no ~/.netrc credentials sent to hosts a manifest names.
    return httpx.AsyncClient(
        timeout=settings.timeout,
        limits=limits,
        transport=transport,
        verify=verify,
        trust_env=False,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT},
    )


class Clients:
    """One client per server (scheme, address, port).

    One client for every host kept connections to all of them in one pool, and httpcore
    looks at each pooled connection on every request: with 20 hosts that was most of the
    gate's CPU. A server's own pool holds at most `per_host` connections.
    """

    def __init__(
        self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.settings = settings
        self.transport = transport
        self.shared = make_client(settings, transport) if transport is not None else None
        self.servers: dict[tuple[str, str, int | None], httpx.AsyncClient] = {}
        self.trust: ssl.SSLContext | None = None

    def for_url(self, url: httpx.URL) -> httpx.AsyncClient:
        if self.shared is not None:
            return self.shared
        key = (url.scheme, url.host, url.port)
        client = self.servers.get(key)
        if client is None:
            verify = self._verified() if url.scheme == "https" else _NO_TLS
            client = make_client(self.settings, verify=verify, connections=self.settings.per_host)
            self.servers[key] = client
        return client

    def _verified(self) -> ssl.SSLContext:
        # Loading the CA bundle costs tens of milliseconds: only when a link needs TLS,
        # and once for every server.
        if self.trust is None:
            self.trust = httpx.create_ssl_context(verify=True, trust_env=False)
        return self.trust

    async def aclose(self) -> None:
        for client in (self.shared, *self.servers.values()):
            if client is not None:
                await client.aclose()


# A plain-http server's client never speaks TLS; should it ever, this context trusts no
# certificate, so it fails closed instead of unverified (and costs nothing to make).
_NO_TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
