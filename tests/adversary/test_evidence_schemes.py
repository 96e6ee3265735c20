"""Who controls it: the pull request's author writes the evidence links, and any scheme in
them. Only http and https are ever fetched, online or offline; anything else is broken at
once, never sent anywhere, and its user information is hidden like a web link's."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from launch_gate.main import main

SECRET = "sch3me-5ecret"


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A TCP port on 127.0.0.1 that records whether anything connected."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        sock.settimeout(0.3)
        yield sock


def _manifest(tmp_path: Path, urls: list[str]) -> Path:
    items = "".join(f"\n      - {u}" for u in urls)
    path = tmp_path / "readiness.yaml"
    path.write_text(
        "version: 1\nsystem: {name: s}\nchecks:\n  prompt.versioned:\n    status: done\n"
        f"    evidence:{items}\n"
    )
    return path


@pytest.mark.parametrize("offline", [True, False], ids=["offline", "online"])
def test_a_scheme_that_is_not_http_reaches_nothing_and_shows_no_secret(
    tmp_path: Path,
    listener: socket.socket,
    offline: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    port = listener.getsockname()[1]
    urls = [
        f"ftp://bob:{SECRET}@127.0.0.1:{port}/report",
        f"gopher://127.0.0.1:{port}/_INFO",
        f"htps://127.0.0.1:{port}/typo",
        f"git+ssh://deploy:{SECRET}@127.0.0.1:{port}/repo",
    ]
    manifest = _manifest(tmp_path, urls)
    flags = ["--offline"] if offline else ["--allow-private-hosts", "--timeout", "5"]
    code = main(["check", str(manifest), "--today", "2026-11-23", "--format", "json",
                 "--fail-on", "invalid", *flags])  # fmt: skip
    out = capsys.readouterr()
    assert code == 1, out.err
    with pytest.raises(TimeoutError):
        listener.accept()  # nothing connected: no scheme but http(s) is ever fetched
    assert SECRET not in out.out + out.err
    for url in urls:
        scheme = url.split(":", 1)[0]
        assert f"only http and https URLs ({scheme}:)" in out.out
    assert "(htps:) (did you mean https://?)" in out.out
