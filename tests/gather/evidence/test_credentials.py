"""Where an evidence credential may go: named by the workflow, to one https origin only.

Who controls what: a pull request writes the manifest, policy files and the servers its
links point at; only the workflow (or the person at the terminal) names a credential.
Issue 25's critical case was a policy file that named `env: ACTIONS_RUNTIME_TOKEN` and an
attacker's host: these tests plant a secret and read every request every server saw.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from launch_gate.errors import EXIT_CANNOT_EVALUATE, UsageError
from launch_gate.gather.evidence import credentials
from launch_gate.gather.evidence.http import HttpChecker
from launch_gate.gather.evidence.ssrf import Guard
from launch_gate.gather.evidence.wire import Wire
from launch_gate.judge.evidence import EvidenceResult
from launch_gate.main import main
from tests.gather.evidence.conftest import settings
from tests.gather.evidence.tls import Authority, https_server

SECRET = "Bearer s3cr3t-wiki-value"
LOOPBACK = Guard(allow=[ipaddress.ip_network("127.0.0.1/32")])


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> Authority:
    return Authority(tmp_path_factory.mktemp("ca"))


@pytest.fixture
def tls(authority: Authority) -> Iterator[HTTPServer]:
    with https_server(authority) as server:
        yield server


def seen(server: HTTPServer) -> list[str | None]:
    """The credential header as each request reached `server`."""
    return [r.headers.get("Authorization") for r, _ in server.log]


def check(
    url: str, authority: Authority, tmp_path: Path, spec: str, environ: dict[str, str]
) -> EvidenceResult:
    named = credentials.parse(spec, file="test", key="spec")
    found = credentials.resolve(
        named, environ, github_token=None, github_api_host="api.github.com", file="t", key="k"
    )

    async def go() -> EvidenceResult:
        checker = HttpChecker(
            settings(tmp_path, credentials=found), guard=LOOPBACK, transport=Wire(authority.client)
        )
        try:
            return await checker.check(url)
        finally:
            await checker.aclose()

    return asyncio.run(go())


def test_the_named_https_origin_gets_the_header(
    tls: HTTPServer, authority: Authority, tmp_path: Path
) -> None:
    def wiki(request: Request) -> Response:
        ok = request.headers.get("Authorization") == SECRET
        return Response("runbook" if ok else "", 200 if ok else 401)

    tls.expect_request("/runbook").respond_with_handler(wiki)
    spec = f"127.0.0.1:{tls.port}=WIKI"
    result = check(tls.url_for("/runbook"), authority, tmp_path, spec, {"WIKI": SECRET})
    assert result.state == "ok"
    assert seen(tls) == [SECRET]


def test_plain_http_on_the_same_host_never_gets_it(
    httpserver: HTTPServer, authority: Authority, tmp_path: Path
) -> None:
    httpserver.expect_request("/x").respond_with_data("page")
    spec = f"127.0.0.1:{httpserver.port}=WIKI"
    check(httpserver.url_for("/x"), authority, tmp_path, spec, {"WIKI": SECRET})
    assert seen(httpserver) == [None]


def test_another_port_of_the_host_never_gets_it(
    tls: HTTPServer, authority: Authority, tmp_path: Path
) -> None:
    tls.expect_request("/x").respond_with_data("page")
    # The default port is 443: the server on another port is another origin.
    check(tls.url_for("/x"), authority, tmp_path, "127.0.0.1=WIKI", {"WIKI": SECRET})
    assert seen(tls) == [None]


def test_a_redirect_to_another_origin_and_back_carries_nothing(
    tls: HTTPServer, httpserver: HTTPServer, authority: Authority, tmp_path: Path
) -> None:
    # The PR's own server bounces the request away and back again: neither hop after
    # the first may hold the header, though the last one is the named origin again.
    tls.expect_ordered_request("/start").respond_with_data(
        "", 302, {"Location": httpserver.url_for("/away")}
    )
    httpserver.expect_request("/away").respond_with_data("", 302, {"Location": tls.url_for("/end")})
    tls.expect_ordered_request("/end").respond_with_data("page")
    spec = f"127.0.0.1:{tls.port}=WIKI"
    check(tls.url_for("/start"), authority, tmp_path, spec, {"WIKI": SECRET})
    assert seen(tls) == [SECRET, None]
    assert seen(httpserver) == [None]


def test_an_unset_variable_sends_nothing(
    tls: HTTPServer, authority: Authority, tmp_path: Path
) -> None:
    tls.expect_request("/x").respond_with_data("page")
    check(tls.url_for("/x"), authority, tmp_path, f"127.0.0.1:{tls.port}=WIKI", {})
    assert seen(tls) == [None]


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("wiki.example.com", "is not HOST[:PORT]=ENV_VAR"),
        ("https://wiki.example.com=T", "name the host alone"),
        ("*.example.com=T", "is not a host name"),
        ("wiki.example.com:99999=T", "the port must be a number"),
        ("wiki.example.com=Bad Header:T", "is not a header name"),
        ("wiki.example.com=1T", "is not an environment variable's name"),
        ("evil.example=ACTIONS_RUNTIME_TOKEN", "the runner's own credential"),
        ("evil.example=ACTIONS_ID_TOKEN_REQUEST_TOKEN", "the runner's own credential"),
    ],
)
def test_a_line_the_gate_cannot_read_is_exit_2_naming_it(spec: str, says: str) -> None:
    with pytest.raises(UsageError, match="evidence-credentials") as caught:
        credentials.parse(spec, file="inputs", key="evidence-credentials")
    assert says in caught.value.message


def test_the_github_token_goes_to_githubs_api_alone() -> None:
    named = credentials.parse("evil.example=MY_TOKEN", file="inputs", key="k")
    with pytest.raises(UsageError, match="holds the GitHub token"):
        credentials.resolve(
            named,
            {"MY_TOKEN": "token ghs_abc"},
            github_token="ghs_abc",
            github_api_host="api.github.com",
            file="inputs",
            key="k",
        )
    ok = credentials.parse("api.github.com=MY_TOKEN", file="inputs", key="k")
    found = credentials.resolve(
        ok,
        {"MY_TOKEN": "ghs_abc"},
        github_token="ghs_abc",
        github_api_host="api.github.com",
        file="inputs",
        key="k",
    )
    assert found["api.github.com"].value == "ghs_abc"


def test_lines_commas_and_comments() -> None:
    spec = "# the wiki\nwiki.example.com=WIKI\n\ngrafana.example.com:8443=X-Api-Key:GRAFANA, a.b=C"
    assert credentials.parse(spec, file="f", key="k") == [
        credentials.Credential("wiki.example.com", 443, "Authorization", "WIKI"),
        credentials.Credential("grafana.example.com", 8443, "X-Api-Key", "GRAFANA"),
        credentials.Credential("a.b", 443, "Authorization", "C"),
    ]


def test_a_policy_file_that_names_a_credential_is_exit_2_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 25, case 1: the file a pull request adds, as it was written then.
    (tmp_path / "team.yaml").write_text(
        "extends: startup\nrules:\n  evidence:\n    authenticated_hosts:\n"
        "      attacker.example: {header: X-Leak, env: ACTIONS_RUNTIME_TOKEN}\n"
    )
    manifest = tmp_path / "readiness.yaml"
    manifest.write_text(
        "version: 1\nsystem: {name: x}\nprofile: team.yaml\nchecks:\n"
        "  obs.log-requests-responses: {status: done, evidence: ['https://attacker.example/x']}\n"
    )
    code = main(["check", str(manifest), "--today", "2026-11-23"])
    err = capsys.readouterr().err
    assert code == EXIT_CANNOT_EVALUATE
    assert (
        "team.yaml:4:5: error: rules.evidence.authenticated_hosts: a policy file cannot send" in err
    )
    assert "evidence-credentials" in err


def test_the_cli_flag_is_read_and_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = tmp_path / "readiness.yaml"
    manifest.write_text("version: 1\nsystem: {name: x}\nchecks: {}\n")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_cli_token")
    monkeypatch.setenv("LEAK", "ghs_cli_token")
    code = main(["check", str(manifest), "--evidence-credential", "evil.example=LEAK"])
    err = capsys.readouterr().err
    assert code == EXIT_CANNOT_EVALUATE
    assert "launch-gate: error: --evidence-credential: LEAK holds the GitHub token" in err
