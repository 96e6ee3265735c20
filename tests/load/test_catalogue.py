from __future__ import annotations

import re

import pytest

from launch_gate.judge.profile import requires
from launch_gate.judge.shapes import Catalogue
from launch_gate.load.policy import load_profile

# The spec's counts, before capability filtering.
REQUIRED = {"minimum-viable": 6, "startup": 26, "enterprise": 46, "regulated": 50}
PER_LAYER = {"prompt": 6, "eval": 7, "obs": 7, "cost": 6, "rag": 6, "sec": 6, "gov": 6, "deploy": 6}


def test_fifty_checks_in_eight_layers(cat: Catalogue) -> None:
    assert len(cat.checks) == 50
    layers: dict[str, int] = {}
    for c in cat.checks.values():
        layers[c.layer] = layers.get(c.layer, 0) + 1
        assert re.fullmatch(r"[a-z]+\.[a-z0-9-]+", c.id)
    assert layers == PER_LAYER
    assert list(cat.layers) == list(PER_LAYER)


@pytest.mark.parametrize(("tier", "count"), REQUIRED.items())
def test_required_counts_match_the_spec(cat: Catalogue, tier: str, count: int) -> None:
    profile = load_profile(tier, cat)
    assert sum(requires(profile, c) for c in cat.checks.values()) == count


def test_capabilities_named_in_the_spec(cat: Catalogue) -> None:
    needs = {c.id: c.needs for c in cat.checks.values() if c.needs}
    assert needs["obs.traces-multi-step"] == "agents"
    assert needs["gov.high-risk-approval"] == "tools"
    assert sorted(k for k, v in needs.items() if v == "rag") == sorted(
        k for k in cat.checks if k.startswith("rag.")
    )
    assert len(needs) == 10


def test_texts_are_complete(cat: Catalogue) -> None:
    for c in cat.checks.values():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", c.description.strip()) if s]
        assert 2 <= len(sentences) <= 4, c.id
        assert c.evidence, c.id
        assert "TODO" not in c.description


def test_no_accept_rows_from_the_spec(cat: Catalogue) -> None:
    assert cat.checks["obs.log-requests-responses"].no_accept == "startup"
    assert cat.checks["prompt.reviewed"].no_accept == "regulated"
    assert cat.checks["cost.caching"].no_accept is None
    assert sum(1 for c in cat.checks.values() if c.no_accept) == 17
