"""The SSRF guard: which URLs the gate may fetch, decided before any connection.

Evidence URLs come from a manifest anyone can edit in a pull request, and the
gate runs inside CI next to cloud metadata endpoints and internal services. So
every hop is checked: scheme, credentials, and every address the host resolves
to. The caller then connects to the very address that was checked, so a second
DNS answer cannot swap in a private one (DNS rebinding).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Collection
from typing import NamedTuple

import httpx

from launch_gate.gather.deadline import in_daemon_thread

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
SCHEMES = frozenset({"http", "https"})


class Refused(Exception):
    """The guard will not let this URL be fetched; `broken` says whose fault it is."""

    def __init__(self, reason: str, *, broken: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.broken = broken


class Target(NamedTuple):
    url: httpx.URL
    address: str


# IPv6 prefixes that carry an IPv4 address in their last 32 bits: NAT64 (RFC 6052's
# well-known prefix and RFC 8215's local-use one) and the deprecated IPv4-compatible form.
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
_COMPATIBLE = ipaddress.IPv6Network("::/96")


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """Every IPv4 address an IPv6 address leads to: mapped, compatible, NAT64, 6to4, Teredo.
    A gateway on the path would deliver to that address, so it is judged, not the wrapper."""
    found = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    low = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if any(address in net for net in _NAT64) or (address in _COMPATIBLE and int(address) > 1):
        found.append(low)
    return found


def is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner:
            return all(is_public(v4) for v4 in inner)
    # is_global leaves out loopback, private, link-local, reserved, shared (100.64/10)
    # and unspecified; multicast needs its own test because some of it is "global".
    return address.is_global and not address.is_multicast


class Guard:
    def __init__(
        self, *, allow_private_hosts: bool = False, allow: Collection[Network] = ()
    ) -> None:
        self.allow_all = allow_private_hosts
        # Narrower than allow_private_hosts: tests open 127.0.0.1 and nothing else.
        self.allow = tuple(allow)

    def permits(self, address: IPAddress) -> bool:
        if self.allow_all or is_public(address):
            return True
        return any(address in net for net in self.allow if net.version == address.version)

    async def check(self, url: httpx.URL, resolver: Resolver | None = None) -> Target:
        """Refuse the URL, or say which checked address to connect to.

        A run passes its `Resolver` so each host is looked up once; the
        addresses are judged here on every call all the same.
        """
        if url.scheme not in SCHEMES:
            raise Refused(f"refused: only http and https URLs ({url.scheme}:)", broken=True)
        if url.userinfo:
            raise Refused("refused: credentials in the URL", broken=True)
        host = url.host
        if not host:
            raise Refused("refused: no host in the URL", broken=True)
        addresses = await (resolver or Resolver()).resolve(host)
        for address in addresses:
            if not self.permits(address):
                raise Refused(
                    f"refused: {host} is a non-public address ({address}); "
                    "allow-private-hosts opens this",
                    broken=False,
                )
        return Target(url, str(addresses[0]))


class Resolver:
    """DNS answers for one run: one lookup per host, shared, and bounded in time.

    Caching is safe because the caller connects to the very address the guard
    judged, never to a fresh answer. A lookup runs in an abandoned-on-cancel
    thread (see launch_gate/gather/deadline.py), so a dead name server cannot hold the run.
    """

    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout
        self.lookups: dict[str, asyncio.Task[list[IPAddress]]] = {}

    async def resolve(self, host: str) -> list[IPAddress]:
        try:
            return [ipaddress.ip_address(host)]
        except ValueError:
            pass
        lookup = self.lookups.get(host)
        if lookup is None:
            lookup = self.lookups[host] = asyncio.create_task(self._lookup(host))
        # Shielded: one waiter reaching its deadline must not cancel the others' answer.
        return await asyncio.shield(lookup)

    async def _lookup(self, host: str) -> list[IPAddress]:
        try:
            async with asyncio.timeout(self.timeout):
                infos = await in_daemon_thread(
                    lambda: socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
                )
        except TimeoutError as exc:
            raise Refused(f"DNS lookup timed out for {host}", broken=False) from exc
        except (OSError, UnicodeError) as exc:  # socket.gaierror is an OSError
            raise Refused(f"DNS lookup failed for {host}", broken=False) from exc
        found: list[IPAddress] = []
        for _family, _type, _proto, _name, sockaddr in infos:
            # Scope IDs (fe80::1%eth0) are not part of the address we judge.
            address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            if address not in found:
                found.append(address)
        if not found:
            raise Refused(f"DNS lookup failed for {host}", broken=False)
        return found
