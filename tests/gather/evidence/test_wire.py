"""The evidence transport: only the checked address, TLS checked for the URL's host, and a
kept connection the server dropped is replaced, not reported as a broken link."""

from __future__ import annotations

import asyncio
import datetime as dt
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from launch_gate.gather.evidence.wire import ADDRESS, Wire


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    connections = 0
    # Drop each connection after one answer without saying so, as a server whose idle
    # keep-alive timer ran out does.
    drop_after_answer = False

    def setup(self) -> None:
        type(self).connections += 1
        super().setup()

    def do_GET(self) -> None:
        body = b"the runbook"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)
        if self.drop_after_answer:
            self.close_connection = True

    do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class Pki(NamedTuple):
    ca: Path
    cert: Path
    key: Path


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """A test CA and a certificate it signed for `evidence.test` only."""
    folder = tmp_path_factory.mktemp("pki")
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("launch-gate test CA"))
        .issuer_name(_name("launch-gate test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name("evidence.test"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("evidence.test")]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = Pki(folder / "ca.pem", folder / "cert.pem", folder / "key.pem")
    paths.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths.cert.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


def _serve(tls: ssl.SSLContext | None = None) -> Iterator[int]:
    Handler.connections = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def plain_port() -> Iterator[int]:
    yield from _serve()


@pytest.fixture
def tls_port(pki: Pki) -> Iterator[int]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki.cert, pki.key)
    yield from _serve(context)


def _trusting(pki: Pki) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(pki.ca))
    return context


def _get(wire: Wire, url: str, address: str | None = "127.0.0.1") -> tuple[int, bytes]:
    async def go() -> tuple[int, bytes]:
        extensions = {ADDRESS: address} if address else {}
        request = httpx.Request("GET", url, extensions=extensions)
        try:
            response = await wire.handle_async_request(request)
            body = b"".join([chunk async for chunk in response.aiter_raw()])
            await response.aclose()
            return response.status_code, body
        finally:
            await wire.aclose()

    return asyncio.run(go())


def test_tls_is_checked_for_the_urls_host_on_the_checked_address(pki: Pki, tls_port: int) -> None:
    # The name resolves nowhere: the connection goes to the address the guard gave.
    wire = Wire(lambda: _trusting(pki))
    assert _get(wire, f"https://evidence.test:{tls_port}/runbook") == (200, b"the runbook")


def test_a_certificate_for_another_name_is_refused(pki: Pki, tls_port: int) -> None:
    wire = Wire(lambda: _trusting(pki))
    with pytest.raises(httpx.ConnectError):
        _get(wire, f"https://other.test:{tls_port}/runbook")


def test_a_certificate_nobody_vouches_for_is_refused(tls_port: int) -> None:
    wire = Wire(ssl.create_default_context)  # the system's CAs, not the test CA
    with pytest.raises(httpx.ConnectError):
        _get(wire, f"https://evidence.test:{tls_port}/runbook")


def test_a_request_without_a_checked_address_is_never_sent(plain_port: int) -> None:
    wire = Wire(ssl.create_default_context)
    with pytest.raises(httpx.ConnectError, match="no checked address"):
        _get(wire, f"http://127.0.0.1:{plain_port}/runbook", address=None)
    assert Handler.connections == 0


def _in_turn(wire: Wire, url: str, times: int, pause: float = 0.0) -> list[int]:
    """`times` requests one after another, each read to its end, as the checker reads."""

    async def go() -> list[int]:
        statuses = []
        try:
            for _ in range(times):
                request = httpx.Request("HEAD", url, extensions={ADDRESS: "127.0.0.1"})
                response = await wire.handle_async_request(request)
                async for _chunk in response.aiter_raw():
                    pass
                await response.aclose()
                statuses.append(response.status_code)
                await asyncio.sleep(pause)
        finally:
            await wire.aclose()
        return statuses

    return asyncio.run(go())


def test_a_kept_connection_the_server_dropped_is_replaced(
    plain_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Handler, "drop_after_answer", True)
    url = f"http://127.0.0.1:{plain_port}/runbook"
    # The pause lets the server close its end before the second request goes.
    assert _in_turn(Wire(ssl.create_default_context), url, 2, pause=0.05) == [200, 200]
    assert Handler.connections == 2


def test_a_whole_answer_returns_its_connection_for_the_next(plain_port: int) -> None:
    url = f"http://127.0.0.1:{plain_port}/runbook"
    assert _in_turn(Wire(ssl.create_default_context), url, 3) == [200, 200, 200]
    assert Handler.connections == 1
