"""One pull request, rendered in every form the gate writes: the scenario the golden files
and the screenshots share."""

from __future__ import annotations

from typing import NamedTuple

from launch_gate.judge.evaluate import Evaluation, evaluate
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.manifest import parse
from launch_gate.load.policy import load_profile
from launch_gate.render.summary import Links
from launch_gate.report.run import Section
from tests.conftest import ROOT, TODAY

BASE = (ROOT / "examples/enterprise-agent.yaml").read_text()
# What the PR does: pushes an expired risk's expiry seven months out, claims a required
# check does not apply, and undoes a done check. Each is something a reviewer must weigh.
HEAD = (
    BASE.replace("      expires: 2026-10-01\n", "      expires: 2027-06-01\n")
    .replace(
        "  obs.trace-search:\n    status: done\n    evidence:\n      - docs/observability.md\n",
        "  obs.trace-search:\n    status: not-applicable\n"
        "    reason: Every request is logged in full; there is nothing more to search.\n",
    )
    .replace(
        "  cost.unit-costs:\n    status: done\n    evidence:\n      - config/limits.yaml\n",
        "  cost.unit-costs:\n    status: todo\n",
    )
)
LINKS = Links("https://github.com", "acme/refunds", "9f" * 20, "main", "3c" * 20)
RUN = "https://github.com/acme/refunds/actions/runs/42"


class Scenario(NamedTuple):
    pr: Section
    other: Section  # a second manifest of the same change, for the monorepo form


def _judge(text: str, path: str, profile: str) -> Evaluation:
    cat = load_catalogue()
    loaded = parse(text, path, cat)._replace(repo_path=path)
    return evaluate(loaded, load_profile(profile, cat), cat, TODAY)


def scenario() -> Scenario:
    assert HEAD != BASE
    refunds, search = "services/refunds/readiness.yaml", "services/search/readiness.yaml"
    pr = Section(refunds, _judge(HEAD, refunds, "enterprise"))
    pr = pr.compared_with(_judge(BASE, refunds, "enterprise"))
    starter = _judge((ROOT / "examples/startup-rag-assistant.yaml").read_text(), search, "startup")
    return Scenario(pr, Section(search, starter).compared_with(starter))
