"""The PR comment's form: the verdict first, the delta, what a reviewer must weigh, links."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from launch_gate.judge.evaluate import Evaluation
from launch_gate.render.reference import check_link
from launch_gate.render.summary import Links
from launch_gate.report.run import Section
from tests.viewing import render_comment

BASE = """\
version: 1
system: {name: bot, owner: "@acme/ml", capabilities: [rag]}
checks:
  obs.log-requests-responses: {status: done, evidence: [docs/a.md]}
  cost.caching:
    status: todo
"""
HEAD = BASE.replace(
    "  cost.caching:\n    status: todo\n",
    "  cost.caching:\n    status: not-applicable\n    reason: Every prompt is unique.\n",
).replace("capabilities: [rag]", "capabilities: []")
LINKS = Links("https://ghe.example.com", "acme/app", "h" * 40, "main", "b" * 40)


def comment(judge: Callable[..., Evaluation], base: str | None, head: str) -> str:
    ev = judge(textwrap.dedent(head))._replace()
    loaded = ev.loaded._replace(repo_path="svc/readiness.yaml")
    ev = ev._replace(loaded=loaded)
    before = judge(textwrap.dedent(base)) if base else None
    section = Section("svc/readiness.yaml", ev).compared_with(before)
    return render_comment([section], "svc/readiness.yaml", "https://x/run", "m" * 40, LINKS)


def test_verdict_then_delta_then_what_to_weigh(judge: Callable[..., Evaluation]) -> None:
    body = comment(judge, BASE, HEAD)
    lines = body.splitlines()
    assert lines[1].startswith("❌ **launch-gate: fail** for bot · ")
    assert lines[3].startswith("score ")
    assert "1 new not-applicable claim" in lines[3]
    assert "1 capability removed" in lines[3]
    weigh = body.index("**Needs a reviewer**")
    assert weigh < body.index("### Undecided gaps")
    assert f"| not-applicable | {check_link('cost.caching')} | Every prompt is unique. |" in body


def test_lines_link_to_the_judged_head_on_the_server(judge: Callable[..., Evaluation]) -> None:
    body = comment(judge, BASE, HEAD)
    link = "https://ghe.example.com/acme/app/blob/" + "h" * 40 + "/svc/readiness.yaml#L"
    assert link in body
    # The footer names the head that was judged and the base, not the merge commit.
    assert "judged `hhhhhhhhhhhh` against `main (bbbbbbbbbbbb)`" in body
    assert "mmmmmmmmmmmm" not in body


def test_a_first_adoption_is_one_line(judge: Callable[..., Evaluation]) -> None:
    body = comment(judge, None, HEAD)
    assert "First readiness manifest here:" in body
    assert "**Needs a reviewer**" not in body


def test_a_monorepo_gives_each_manifest_its_own_details(judge: Callable[..., Evaluation]) -> None:
    ok = judge(textwrap.dedent(BASE))
    sections = [
        Section("a/readiness.yaml", ok).compared_with(ok),
        Section("b/readiness.yaml", ok).compared_with(None),
    ]
    body = render_comment(sections, "*/readiness.yaml", None, "", LINKS)
    assert body.count("<details open><summary>") == 2  # both fail here: open
    assert body.index("`b/readiness.yaml`") < body.index("a/readiness.yaml` | ")  # changed first


def test_the_job_summary_is_the_full_report(judge: Callable[..., Evaluation]) -> None:
    from tests.viewing import render_body

    ev = judge(textwrap.dedent(HEAD))
    summary = render_body([Section("svc/readiness.yaml", ev)], full=True)
    assert "#### Every check" in summary
    assert "| `obs.log-requests-responses` | passed | `docs/a.md` |" in summary
    assert "| `cost.caching` | not-applicable | Every prompt is unique. |" in summary
    assert "needs the `rag` capability" in summary
    assert "#### Every check" not in render_comment(
        [Section("svc/readiness.yaml", ev)], "svc/readiness.yaml", None
    )
