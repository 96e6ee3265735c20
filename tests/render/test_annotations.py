from __future__ import annotations

from launch_gate.pipeline import evaluate_file
from launch_gate.render.annotations import Annotation, cap
from tests.conftest import ROOT, TODAY
from tests.viewing import ordered


def test_written_but_wrong_before_undecided_and_errors_before_warnings() -> None:
    ev = evaluate_file(ROOT / "examples/enterprise-agent.yaml", display="r.yaml", today=TODAY)
    got = ordered([ev])
    codes = [a.message.split("[")[-1].split("]")[0] for a in got if a.kind == "error"]
    assert codes[:2] == ["expired", "self-approved"]
    assert set(codes[2:]) == {"undecided"}
    assert all(a.file == "r.yaml" for a in got)


def test_cap_keeps_ten_of_each_kind_in_order_and_counts_the_rest() -> None:
    many = [Annotation("error", f"e{i}") for i in range(13)]
    many += [Annotation("warning", f"w{i}") for i in range(4)]
    capped = cap(many)
    assert [a.message for a in capped.shown if a.kind == "error"] == [f"e{i}" for i in range(10)]
    assert len([a for a in capped.shown if a.kind == "warning"]) == 4
    assert capped.omitted == {"error": 3}
