"""The change list reads the view's kinds as text: every kind the judge can name must have its
place in the reading order and a heading, or it would vanish from the PR comment."""

from __future__ import annotations

from typing import get_args

from launch_gate.judge.diff import ChangeKind
from launch_gate.render.changes import HEADINGS, ORDER


def test_every_kind_the_judge_names_is_ordered_and_headed() -> None:
    kinds = set(get_args(ChangeKind))
    assert set(ORDER) == kinds
    assert set(HEADINGS) == kinds
