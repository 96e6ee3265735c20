"""Property-based tests: whatever the manifest, the gate answers 0, 1 or 2, never crashes.

CI runs a short campaign; `make fuzz` runs a long one (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launch_gate.load.catalogue import load_catalogue
from launch_gate.main import main
from tests.conftest import diagnostics

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=100_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

IDS = sorted(load_catalogue().checks)
PROFILES = ["mvp", "minimum-viable", "startup", "enterprise", "regulated"]
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
DATES = st.dates().map(lambda d: d.isoformat())
PEOPLE = st.sampled_from(["@bob", "@carol", "bob", "@acme/risk", "BOB"])


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    status = draw(st.sampled_from(["done", "accepted-risk", "not-applicable", "todo"]))
    entry: dict[str, Any] = {"status": status}
    if status == "done" and draw(st.booleans()):
        entry["evidence"] = draw(
            st.lists(
                st.sampled_from(["https://example.com/x", "docs/a.md", {"workflow": "evals.yml"}]),
                max_size=3,
            )
        )
    if status == "accepted-risk" and draw(st.booleans()):
        keys = draw(
            st.sets(
                st.sampled_from(
                    ["rationale", "owner", "approved_by", "expires", "mitigation", "tracking"]
                )
            )
        )
        values = {
            "rationale": TEXT.filter(bool),
            "owner": PEOPLE,
            "approved_by": PEOPLE,
            "expires": DATES,
            "mitigation": TEXT.filter(bool),
            "tracking": st.just("https://example.com/1"),
        }
        entry["decision"] = {k: draw(values[k]) for k in sorted(keys)}
    if status == "not-applicable" and draw(st.booleans()):
        entry["reason"] = draw(TEXT.filter(bool))
    return entry


@st.composite
def manifests(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "version": 1,
        "system": {
            "name": draw(TEXT.filter(bool)),
            "capabilities": draw(
                st.lists(st.sampled_from(["rag", "tools", "agents"]), unique=True)
            ),
        },
        "profile": draw(st.sampled_from(PROFILES)),
        "checks": draw(st.dictionaries(st.sampled_from(IDS), entries(), max_size=12)),
    }


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT | DATES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


@st.composite
def near_valid(draw: st.DrawFn) -> dict[str, Any]:
    """A valid manifest with one part replaced by junk."""
    m = draw(manifests())
    target = m
    path = draw(
        st.lists(st.sampled_from(["system", "checks", "name", "status", "decision"]), max_size=3)
    )
    for key in path:
        if isinstance(target.get(key), dict):
            target = target[key]
    key = draw(st.sampled_from([*target.keys(), "extra", "status", "expires"]))
    target[key] = draw(JUNK)
    return m


class _Dumper(yaml.SafeDumper):
    # Strategies reuse objects; real manifests carry no anchors, so never emit any.
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any, **kw: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, **kw)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("props")


def run(workdir: Path, text: str | bytes, *extra: str) -> tuple[int, str, str]:
    path = workdir / "readiness.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(
                ["check", "--manifest", str(path), "--today", "2026-11-23", "--offline", *extra]
            )
        except SystemExit as exc:  # pragma: no cover - argparse only
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def assert_sane(code: int, err: str) -> None:
    assert code in (0, 1, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert diagnostics(err), err  # every line fits the long form of an error


@given(m=manifests())
def test_valid_manifests_get_a_verdict(workdir: Path, m: dict[str, Any]) -> None:
    code, _out, err = run(workdir, dump(m))
    assert code in (0, 1), err


@given(m=near_valid())
def test_near_valid_manifests_never_crash(workdir: Path, m: dict[str, Any]) -> None:
    assert_sane(*run(workdir, dump(m))[::2])


@given(junk=st.one_of(JUNK.map(dump), st.text(), st.binary()))
def test_junk_never_crashes(workdir: Path, junk: str | bytes) -> None:
    assert_sane(*run(workdir, junk)[::2])


def _outcomes(report: str) -> tuple[Any, ...]:
    r = json.loads(report)
    return (
        r["verdict"],
        r["score"],
        r["gaps"],
        sorted(
            (c["id"], c["outcome"], tuple(p["code"] for p in c["problems"])) for c in r["checks"]
        ),
    )


@given(m=manifests(), seed=st.integers(0, 2**32))
def test_verdict_ignores_key_order_and_comments(
    workdir: Path, m: dict[str, Any], seed: int
) -> None:
    code, first, err = run(workdir, dump(m), "--format", "json")
    assert code in (0, 1), err
    shuffled = dict(m)
    items = list(m["checks"].items())
    random.Random(seed).shuffle(items)
    shuffled["checks"] = dict(items)
    shuffled = dict(reversed(list(shuffled.items())))
    text = "# a comment\n" + dump(shuffled, sort_keys=False)
    text = text.replace("\nchecks:", "\n# another comment\nchecks:")
    code2, second, _ = run(workdir, text, "--format", "json")
    assert code2 == code
    assert _outcomes(second) == _outcomes(first)
