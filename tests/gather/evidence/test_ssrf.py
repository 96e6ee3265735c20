"""The guard decides from the URL and DNS alone: no test here opens a connection."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections.abc import Callable

import httpx
import pytest

from launch_gate.gather.evidence.ssrf import Guard, Refused, Resolver, Target, is_public


def refusal(url: str, guard: Guard | None = None) -> Refused:
    with pytest.raises(Refused) as caught:
        asyncio.run((guard or Guard()).check(httpx.URL(url)))
    return caught.value


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://127.0.0.1:8080/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",  # carrier-grade NAT
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://[fe80::1]/",
        "http://[::ffff:10.0.0.1]/",  # IPv4-mapped
        "http://localhost/",  # a name that resolves to loopback
        # Issue 25, case 7: IPv6 forms that embed a loopback or private IPv4 address.
        "http://[64:ff9b::7f00:1]/",  # NAT64, RFC 6052's well-known prefix
        "http://[64:ff9b:1::a9fe:a9fe]/",  # NAT64, RFC 8215's local-use prefix
        "http://[2002:7f00:1::1]/",  # 6to4, RFC 3056
        "http://[2002:a9fe:a9fe::1]/",  # 6to4 around the metadata address
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",  # Teredo, client 127.0.0.1
        "http://[::127.0.0.1]/",  # IPv4-compatible (deprecated)
        "http://[::10.0.0.1]/",
    ],
)
def test_non_public_addresses_are_refused(url: str) -> None:
    refused = refusal(url)
    assert not refused.broken
    assert "non-public address" in refused.reason
    assert "allow-private-hosts" in refused.reason


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/file", "refused: only http and https URLs (ftp:)"),
        ("file:///etc/passwd", "refused: only http and https URLs (file:)"),
        ("https://user:pass@example.com/", "refused: credentials in the URL"),
    ],
)
def test_bad_urls_are_broken(url: str, reason: str) -> None:
    refused = refusal(url)
    assert (refused.broken, refused.reason) == (True, reason)


def test_dns_failure_is_unreachable() -> None:
    refused = refusal("http://no-such-host.invalid/")  # .invalid never resolves (RFC 6761)
    assert (refused.broken, refused.reason) == (False, "DNS lookup failed for no-such-host.invalid")


def test_allow_private_hosts_opens_everything() -> None:
    target = asyncio.run(Guard(allow_private_hosts=True).check(httpx.URL("http://10.0.0.1/x")))
    assert target.address == "10.0.0.1"


def test_a_narrow_allowance_opens_only_that_network() -> None:
    guard = Guard(allow=[ipaddress.ip_network("127.0.0.1/32")])
    assert asyncio.run(guard.check(httpx.URL("http://127.0.0.1/"))).address == "127.0.0.1"
    assert not refusal("http://127.0.0.2/", guard).broken


def test_public_addresses_pass() -> None:
    assert is_public(ipaddress.ip_address("93.184.216.34"))
    assert is_public(ipaddress.ip_address("2606:4700::1111"))
    assert not is_public(ipaddress.ip_address("::ffff:169.254.169.254"))


def fake_dns(answer: str, calls: list[str], delay: float = 0.0) -> Callable[..., object]:
    def getaddrinfo(host: str, *_args: object, **_kwargs: object) -> object:
        calls.append(host)
        time.sleep(delay)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answer, 0))]

    return getaddrinfo


def test_a_run_looks_each_host_up_once_and_judges_every_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(socket, "getaddrinfo", fake_dns("10.0.0.7", calls, delay=0.05))
    guard, resolver = Guard(), Resolver()

    async def many() -> list[BaseException | Target]:
        checks = [guard.check(httpx.URL(f"http://intranet.test/{n}"), resolver) for n in range(5)]
        return await asyncio.gather(*checks, return_exceptions=True)

    outcomes = asyncio.run(many())
    assert calls == ["intranet.test"]  # concurrent uses share the one lookup
    assert all(isinstance(o, Refused) and "non-public" in o.reason for o in outcomes)


def test_a_dns_lookup_that_hangs_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", fake_dns("93.184.216.34", [], delay=5))
    start = time.monotonic()
    refused = refusal_with(Resolver(timeout=0.2), "http://slow-dns.test/")
    assert (refused.broken, refused.reason) == (False, "DNS lookup timed out for slow-dns.test")
    assert time.monotonic() - start < 3


def refusal_with(resolver: Resolver, url: str) -> Refused:
    with pytest.raises(Refused) as caught:
        asyncio.run(Guard().check(httpx.URL(url), resolver))
    return caught.value
