"""The one httpx client every evidence URL goes through, and why it is set up so."""

from __future__ import annotations

import importlib.util
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
    settings: Settings, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    # At most `concurrency` requests are in flight (the caller's slots), but a pool
    # capped there evicts one host's idle connection for each request to another:
    # with 20 hosts every request paid a new connection. So idle connections are
    # kept for many hosts (64 covers the manifests we know), `per_host` each when
    # slots allow; not without bound, as httpcore polls every idle one per request.
    idle = max(IDLE_CONNECTIONS, settings.concurrency * settings.per_host)
    limits = httpx.Limits(
        max_connections=settings.concurrency + idle, max_keepalive_connections=idle
    )
    # trust_env=False: no proxy from the environment (it would bypass the guard)
    # and no ~/.netrc credentials sent to hosts a manifest names.
    return httpx.AsyncClient(
        timeout=settings.timeout,
        limits=limits,
        transport=transport,
        trust_env=False,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT},
    )
