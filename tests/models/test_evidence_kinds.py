"""The evidence kinds are named once, by the tags of the models' union: the discriminator
the models use and the one generated into judge/shapes.py know the same kinds."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import Tag
from pydantic_core import ValidationError

from launch_gate.judge import shapes
from launch_gate.judge.shape import validate
from launch_gate.judge.values import SCALAR
from launch_gate.models.manifest import EVIDENCE_KINDS, EvidenceItem

# The models' union of evidence items, tag by tag (the scalar, then each mapping kind).
TAGS = [m.tag for arg in get_args(get_args(EvidenceItem)[0]) for m in arg.__metadata__
        if isinstance(m, Tag)]  # fmt: skip


def test_the_kinds_are_the_tags_of_the_union() -> None:
    assert TAGS[0] == SCALAR
    assert [f"{{{k}}}" for k in EVIDENCE_KINDS] == TAGS[1:]
    assert EVIDENCE_KINDS == ("workflow", "results")


def manifest(item: object) -> dict[str, object]:
    return {
        "version": 1,
        "system": {"name": "s", "owner": "@o"},
        "checks": {"C01": {"status": "done", "evidence": [item]}},
    }


@pytest.mark.parametrize("kind", EVIDENCE_KINDS)
def test_a_mapping_missing_its_kind_keys_names_every_kind(kind: str) -> None:
    # The generated validator's message lists the kinds the models tag.
    with pytest.raises(ValidationError) as raised:
        validate(shapes.Manifest, manifest({f"{kind}s": "x"}))
    assert all(f"`{k}:`" in str(raised.value) for k in EVIDENCE_KINDS)


@pytest.mark.parametrize("kind", EVIDENCE_KINDS)
def test_each_kind_is_read_as_its_own_shape(kind: str) -> None:
    # A mapping with only its kind key: refused by that kind's own rules, never another's.
    with pytest.raises(ValidationError) as raised:
        validate(shapes.Manifest, manifest({kind: "x", "unknown": 1}))
    assert [e["loc"][4] for e in raised.value.errors()] == [f"{{{kind}}}"] * len(
        raised.value.errors()
    )
