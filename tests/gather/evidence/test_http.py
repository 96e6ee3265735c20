"""URL checks against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from launch_gate.gather.evidence.http import HttpChecker
from launch_gate.judge.evidence import EvidenceResult
from tests.gather.evidence.conftest import RecordingTransport, settings

Check = Callable[..., EvidenceResult]


def test_200_is_ok(httpserver: HTTPServer, check_url: Check) -> None:
    httpserver.expect_request("/ok").respond_with_data("fine")
    assert check_url(httpserver.url_for("/ok")).state == "ok"
    # HEAD is enough when the server allows it: nothing else is fetched.
    assert [r.method for r, _ in httpserver.log] == ["HEAD"]


def test_301_chain_is_followed(httpserver: HTTPServer, check_url: Check) -> None:
    httpserver.expect_request("/a").respond_with_data("", 301, {"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", 301, {"Location": "/c#part"})
    httpserver.expect_request("/c").respond_with_data("here")
    result = check_url(httpserver.url_for("/a"))
    assert (result.state, result.reason) == ("ok", "")
    assert [r.path for r, _ in httpserver.log] == ["/a", "/b", "/c"]


def test_more_than_five_redirects_is_broken(httpserver: HTTPServer, check_url: Check) -> None:
    httpserver.expect_request("/loop").respond_with_data("", 302, {"Location": "/loop"})
    result = check_url(httpserver.url_for("/loop"))
    assert (result.state, result.reason) == ("broken", "more than 5 redirects")
    assert len(httpserver.log) == 6  # the first request and five redirects


@pytest.mark.parametrize("status", [404, 410])
def test_gone_is_broken(httpserver: HTTPServer, check_url: Check, status: int) -> None:
    httpserver.expect_request("/gone").respond_with_data("", status)
    result = check_url(httpserver.url_for("/gone"))
    assert (result.state, result.reason) == ("broken", f"HTTP {status}")


@pytest.mark.parametrize("status", [401, 403])
def test_private_pages_are_unreachable(
    httpserver: HTTPServer, check_url: Check, status: int
) -> None:
    httpserver.expect_request("/private").respond_with_data("", status)
    result = check_url(httpserver.url_for("/private"))
    assert (result.state, result.reason) == ("unreachable", f"HTTP {status}")


def test_head_refused_falls_back_to_get(httpserver: HTTPServer, check_url: Check) -> None:
    httpserver.expect_request("/nohead", method="HEAD").respond_with_data("", 405)
    httpserver.expect_request("/nohead", method="GET").respond_with_data("page")
    assert check_url(httpserver.url_for("/nohead")).state == "ok"
    assert [r.method for r, _ in httpserver.log] == ["HEAD", "GET"]


def test_429_is_retried_after_retry_after(httpserver: HTTPServer, check_url: Check) -> None:
    httpserver.expect_oneshot_request("/busy").respond_with_data("", 429, {"Retry-After": "1"})
    httpserver.expect_request("/busy").respond_with_data("ok")
    start = time.monotonic()
    assert check_url(httpserver.url_for("/busy")).state == "ok"
    assert time.monotonic() - start >= 0.9
    assert [r.status_code for _, r in httpserver.log] == [429, 200]


def test_retry_after_is_capped(httpserver: HTTPServer, check_url: Check) -> None:
    httpserver.expect_request("/busy").respond_with_data("", 429, {"Retry-After": "3600"})
    start = time.monotonic()
    result = check_url(httpserver.url_for("/busy"), retry_after_cap=0.2)
    assert (result.state, result.reason) == ("unreachable", "HTTP 429")
    assert time.monotonic() - start < 5
    assert len(httpserver.log) == 2  # exactly one retry


def test_5xx_is_retried_once(httpserver: HTTPServer, check_url: Check) -> None:
    httpserver.expect_oneshot_request("/flaky").respond_with_data("", 503)
    httpserver.expect_request("/flaky").respond_with_data("ok")
    assert check_url(httpserver.url_for("/flaky"), retry_after_cap=0.05).state == "ok"
    assert len(httpserver.log) == 2


def test_slow_route_times_out(httpserver: HTTPServer, check_url: Check) -> None:
    def slow(_: Request) -> Response:
        time.sleep(1.5)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    start = time.monotonic()
    result = check_url(httpserver.url_for("/slow"), timeout=0.3)
    assert (result.state, result.reason) == ("unreachable", "timed out after 0.3 s")
    assert time.monotonic() - start < 1.4  # gave up before the server answered


def test_huge_body_is_not_downloaded(httpserver: HTTPServer, check_url: Check) -> None:
    sent = itertools.count()
    chunk = b"x" * 65536

    def body() -> Iterator[bytes]:
        for _ in range(16384):  # 1 GiB if anyone read it all
            next(sent)
            yield chunk

    httpserver.expect_request("/huge", method="HEAD").respond_with_data("", 405)
    httpserver.expect_request("/huge", method="GET").respond_with_handler(
        lambda _: Response(body(), mimetype="application/octet-stream")
    )
    assert check_url(httpserver.url_for("/huge")).state == "ok"
    # Socket buffers let the server run ahead a little; never the whole gigabyte.
    assert next(sent) * len(chunk) < 64 * 1024 * 1024


def test_connection_refused_is_unreachable(check_url: Check) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens there
    result = check_url(f"http://127.0.0.1:{port}/", retry_after_cap=0.05)
    assert (result.state, result.reason) == ("unreachable", "cannot connect to 127.0.0.1")


@pytest.mark.parametrize(
    "target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]/"]
)
def test_redirect_into_private_addresses_is_refused_before_connecting(
    httpserver: HTTPServer, check_url: Check, transport: RecordingTransport, target: str
) -> None:
    httpserver.expect_request("/jump").respond_with_data("", 302, {"Location": target})
    result = check_url(httpserver.url_for("/jump"))
    assert result.state == "unreachable"
    assert "non-public address" in result.reason
    assert transport.hosts == ["127.0.0.1"]  # the first hop only


def test_the_url_sent_has_no_token_and_names_the_host(
    httpserver: HTTPServer, check_url: Check
) -> None:
    httpserver.expect_request("/ok").respond_with_data("fine")
    check_url(httpserver.url_for("/ok"), github_token="ghs_secret")
    request = httpserver.log[0][0]
    assert request.headers.get("Authorization") is None
    assert request.headers["Host"] == f"127.0.0.1:{httpserver.port}"


@pytest.mark.parametrize("path", ["/login", "/sso/start", "/u/signin", "/auth/realms/x", "/saml2"])
def test_a_redirect_to_a_sign_in_page_is_not_evidence(
    httpserver: HTTPServer, check_url: Check, path: str
) -> None:
    httpserver.expect_request("/wiki/runbook").respond_with_data(
        "", 302, {"Location": path + "?next=/wiki/runbook"}
    )
    httpserver.expect_request(path).respond_with_data("<h1>Welcome, please sign in</h1>")
    result = check_url(httpserver.url_for("/wiki/runbook"))
    assert (result.state, result.reason) == ("unreachable", "redirected to a sign-in page")


def test_a_page_with_a_password_field_is_not_evidence(
    httpserver: HTTPServer, check_url: Check
) -> None:
    # HEAD refused, so the GET's body is read: it is a login form.
    httpserver.expect_request("/dash", method="HEAD").respond_with_data("", 405)
    httpserver.expect_request("/dash", method="GET").respond_with_data(
        '<form><input name="u"><input type="password" name="p"></form>',
        content_type="text/html",
    )
    result = check_url(httpserver.url_for("/dash"))
    assert (result.state, result.reason) == ("unreachable", "redirected to a sign-in page")


def test_a_redirect_to_another_host_is_not_evidence(
    httpserver: HTTPServer, check_url: Check
) -> None:
    other = httpserver.url_for("/landing").replace("127.0.0.1", "localhost")
    httpserver.expect_request("/doc").respond_with_data("", 302, {"Location": other})
    httpserver.expect_request("/landing").respond_with_data("hello")
    result = check_url(httpserver.url_for("/doc"))
    assert result.state == "unreachable"
    assert result.reason.startswith("redirected to another host")


def test_a_redirect_on_the_same_site_is_still_evidence(
    httpserver: HTTPServer, check_url: Check
) -> None:
    httpserver.expect_request("/old").respond_with_data("", 301, {"Location": "/docs/new"})
    httpserver.expect_request("/docs/new").respond_with_data("the runbook")
    assert check_url(httpserver.url_for("/old")).state == "ok"


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a moment already past: at once
        ("Fri, 31 Dec 2999 23:59:59 GMT", 10.0),  # far away: the cap
        ("7", 7.0),
        ("soon", 0.5),  # neither seconds nor a date: a short pause
    ],
)
def test_retry_after_as_seconds_or_an_http_date(
    tmp_path: Path, retry_after: str, expected: float
) -> None:
    checker = HttpChecker(settings(tmp_path))
    assert checker._pause(retry_after) == pytest.approx(expected)
