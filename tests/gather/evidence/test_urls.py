"""URLs from a manifest: a malformed one is a finding, never exit 3; credentials never echo.

Nothing here reaches the network: online runs use only URLs that cannot be resolved
(malformed, or IP literals refused by the SSRF guard).
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from launch_gate.gather.evidence import ghurls
from launch_gate.gather.evidence.verify import _host
from launch_gate.main import main
from launch_gate.redact import hide_credentials
from tests.conftest import diagnostics

MANIFEST = """\
version: 1
system: {{name: x}}
checks:
  obs.log-requests-responses:
    status: done
    evidence: [{evidence}]
  cost.budget-alerts:
    status: accepted-risk
    decision: {{rationale: r, owner: "@a", expires: 2027-01-01, tracking: {tracking}}}
"""
MALFORMED = ["https://[::1", "http://[zz]/", "https://[", "http://a b/", "https://x:99999/"]


def run(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--manifest", str(tmp_path / "readiness.yaml"), *args])
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("offline", [True, False])
@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_url_is_broken_evidence_not_a_crash(
    tmp_path: Path, url: str, offline: bool
) -> None:
    text = MANIFEST.format(evidence=json.dumps(url), tracking=json.dumps(url))
    (tmp_path / "readiness.yaml").write_text(text)
    code, _out, err = run(tmp_path, "--today", "2026-11-23", *(["--offline"] if offline else []))
    assert code in (0, 1), err
    assert "internal error" not in err


SECRETS = ("hunter2", "s3cr3t-t0ken", "pa55")


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif"])
def test_credentials_in_any_url_never_reach_a_report(tmp_path: Path, fmt: str) -> None:
    evidence = (
        json.dumps("https://alice:hunter2@127.0.0.1/wiki")
        + ", "
        + json.dumps("https://s3cr3t-t0ken@[::1/broken")
    )
    tracking = json.dumps("https://bob:pa55@127.0.0.1/issues/1")
    (tmp_path / "readiness.yaml").write_text(MANIFEST.format(evidence=evidence, tracking=tracking))
    for extra in (["--offline"], []):
        code, out, err = run(tmp_path, "--today", "2026-11-23", "--format", fmt, *extra)
        assert code in (0, 1), err
        for secret in SECRETS:
            assert secret not in out + err, (fmt, extra, secret)
        if fmt == "json":  # the report lists every evidence item, hidden where it must be
            assert "https://***@127.0.0.1/wiki" in out


@given(st.text(max_size=60))
def test_url_helpers_take_any_text(text: str) -> None:
    # What the gate splits, parses or shows of a URL must never raise on odd input.
    _host(text)
    _host("https://" + text)
    ghurls.parse("https://github.com/" + text, ghurls.server_hosts("https://github.com"))
    assert "SECRET" not in hide_credentials(f"https://user:SECRET@{text}")
    assert "SECRET" not in hide_credentials(f"see http://SECRET@{text} and more")


@given(
    st.sampled_from(["http", "https", "ftp", "HTTPS", "javascript", "file"]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
)
def test_any_url_as_evidence_or_tracking_ends_in_0_1_or_2(scheme: str, rest: str) -> None:
    url = f"{scheme}://{rest}"
    data: dict[str, Any] = {"evidence": json.dumps(url), "tracking": json.dumps(url)}
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp)
        (path / "readiness.yaml").write_text(MANIFEST.format(**data))
        code, _out, err = run(path, "--today", "2026-11-23", "--offline")
    assert code in (0, 1, 2), err
    assert "internal error" not in err


ODD = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from(["../x.yaml", "/etc/passwd", "x.yaml\x00", "a/../../b.yml", "[::1]", "~", "."]),
)


@given(where=st.sampled_from(["profile", "extends", "waive", "require", "allow"]), text=ODD)
def test_any_policy_string_ends_in_0_1_or_2(where: str, text: str) -> None:
    import tempfile

    value = json.dumps(text, ensure_ascii=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp)
        (path / ".git").mkdir()  # a repository: policy paths stay inside it
        profile = value if where == "profile" else "team.yaml"
        policy = {
            "extends": f"extends: {value}\n",
            "waive": f"extends: startup\nwaive: [{value}]\n",
            "require": f"extends: startup\nrequire: [{value}]\n",
            "allow": f"extends: startup\nallow_acceptance: [{value}]\n",
        }.get(where, "extends: startup\n")
        (path / "team.yaml").write_text(policy)
        (path / "readiness.yaml").write_text(
            f"version: 1\nsystem: {{name: x}}\nprofile: {profile}\n"
        )
        code, _out, err = run(path, "--today", "2026-11-23", "--offline")
    assert code in (0, 1, 2), err
    assert "internal error" not in err
    if code == 2:
        # One error that names a file (and a line where there is one), never <input>.
        assert len(diagnostics(err)) == 1, err
        assert "<input>" not in err, err
