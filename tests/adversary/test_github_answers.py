"""Answers a pull request can provoke from GitHub (or a proxy can put in its place) never
cost the run its verdict: each ends in a warning naming the step, and the verdict, the
outputs, the job summary and the report are all still written.

GitHub documents JSON bodies for these endpoints (docs.github.com/rest/issues/comments,
docs.github.com/rest/repos/contents); a 200 with HTML is what a proxy's maintenance page
or a captive portal answers.
"""

from __future__ import annotations

import pytest

from tests.action.conftest import ActionRunner

HTML = "<!doctype html><html><body><h1>Down for maintenance</h1></body></html>"


@pytest.mark.parametrize(
    ("method", "path", "step"),
    [
        ("GET", r"/issues/7/comments$", "could not comment"),
        ("POST", r"/issues/7/comments$", "could not comment"),
        ("GET", r"/contents/", "could not read the base manifest"),
        ("GET", r"/pulls/7", "approv"),
    ],
)
@pytest.mark.parametrize("example", ["startup-rag-assistant.yaml", "enterprise-agent.yaml"])
def test_an_html_200_keeps_the_verdict(
    action: ActionRunner, method: str, path: str, step: str, example: str
) -> None:
    action.manifest(example)
    # The verdict when GitHub answers nothing: a failed call fails closed (approvals
    # unproven), so that is what the garbage must give, no better and no worse.
    action.fake.fail_next(method, path, 403, times=20)
    inputs = {"fail_on": "regression" if "contents" in path else "gaps",
              "verify_approvals": "true"}  # fmt: skip
    expected = action(**inputs).outputs["verdict"]
    action.fake.clear_faults()
    action.fake.fail_next(method, path, 200, body=HTML, headers={"Content-Type": "text/html"},
                          times=20)  # fmt: skip
    run = action(**inputs)
    assert run.outputs["verdict"] == expected, run.stdout
    assert run.code in {0, 1}, run.stdout + run.stderr
    assert run.report is not None
    assert run.report["verdict"] == expected
    assert "launch-gate" in run.summary
    warnings = [x for x in run.stdout.splitlines() if x.startswith("::warning")]
    assert any(step in w and "could not be read" in w for w in warnings), warnings
