"""The guard decides from the URL and DNS alone: no test here opens a connection."""

from __future__ import annotations

import asyncio
import ipaddress

import httpx
import pytest

from gate.evidence.ssrf import Guard, Refused, is_public


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
