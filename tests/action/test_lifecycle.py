"""fail-on: regression, and mode: expiry-issue, end to end against the fake GitHub API."""

from __future__ import annotations

from tests.action.conftest import BASE_SHA, REPO, ActionRunner

EXPIRY_MARKER = "<!-- launch-gate:expiry:readiness.yaml -->"


def one_more_gap(action: ActionRunner) -> str:
    text = (action.workspace / "readiness.yaml").read_text()
    return text.replace("status: done", "status: todo", 1)


def test_regression_passes_an_unchanged_failing_manifest(action: ActionRunner) -> None:
    action.manifest("enterprise-agent.yaml")
    action.fake.add_file(
        REPO, "readiness.yaml", action.manifest("enterprise-agent.yaml").read_text(), ref=BASE_SHA
    )
    run = action(fail_on="regression", comment="never")
    assert (run.code, run.outputs["verdict"]) == (0, "fail")
    assert "What this PR changes" not in run.summary
    assert "This PR changes nothing the gate judges." in run.summary
    assert run.report is not None
    assert run.report["manifests"][0]["changes"] == []
    # The same manifest under fail-on: gaps still fails.
    assert action(comment="never").code == 1


def test_regression_fails_on_a_new_gap_or_lower_score(action: ActionRunner) -> None:
    good = action.manifest("startup-rag-assistant.yaml").read_text()
    action.fake.add_file(REPO, "readiness.yaml", good, ref=BASE_SHA)
    (action.workspace / "readiness.yaml").write_text(one_more_gap(action))
    run = action(fail_on="regression", comment="never")
    assert run.code == 1
    assert "### What this PR changes" in run.summary
    assert "- **New gaps**:" in run.summary
    assert run.report is not None
    kinds = {c["kind"] for c in run.report["manifests"][0]["changes"]}
    assert {"score", "new-gap", "downgrade"} <= kinds


def test_regression_passes_an_improvement_that_leaves_gaps(action: ActionRunner) -> None:
    action.manifest("enterprise-agent.yaml")
    worse = one_more_gap(action)
    action.fake.add_file(REPO, "readiness.yaml", worse, ref=BASE_SHA)
    run = action(fail_on="regression", comment="never")
    assert (run.code, run.outputs["verdict"]) == (0, "fail")
    assert "- **Upgrades**" in run.summary


def test_regression_without_a_base_fails_only_on_gaps(action: ActionRunner) -> None:
    action.manifest("enterprise-agent.yaml")
    # A push with no commit before it (a new branch): nothing to compare with.
    assert action(event="push", fail_on="regression").code == 1
    action.manifest("startup-rag-assistant.yaml")
    assert action(event="push", fail_on="regression").code == 0


def issue_writes(action: ActionRunner, since: int) -> list[str]:
    return [
        f"{r.method} {r.path}"
        for r in action.fake.requests[since:]
        if r.method != "GET" and "/issues" in r.path
    ]


def test_expiry_issue_is_opened_once_updated_then_closed(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")

    def run(today: str) -> tuple[int, list[str]]:
        since = len(action.fake.requests)
        result = action(event="schedule", payload={}, mode="expiry-issue", today=today)
        assert result.code == 0, result.stdout
        return result.code, issue_writes(action, since)

    # @lee's decision expires on 2027-02-28: due within 30 days of 2027-02-01.
    assert run("2027-02-01")[1] == [f"POST /repos/{REPO}/issues"]
    (issue,) = [i for i in action.fake.issues(REPO) if i.pull is None]
    assert issue.body.startswith(EXPIRY_MARKER)
    assert "- @lee" in issue.body
    assert "@dana" not in issue.body
    assert "expires on 2027-02-28" in issue.body
    # Nothing changed: no write at all.
    assert run("2027-02-01")[1] == []
    # A month later @lee's has expired and @dana's is due: the same issue, edited.
    assert run("2027-03-05")[1] == [f"PATCH /repos/{REPO}/issues/{issue.number}"]
    (issue,) = [i for i in action.fake.issues(REPO) if i.pull is None]
    assert "expired on 2027-02-28" in issue.body
    assert "- @dana" in issue.body
    # Nothing due: closed, and closing again writes nothing.
    assert run("2026-11-23")[1] == [f"PATCH /repos/{REPO}/issues/{issue.number}"]
    assert [i.state for i in action.fake.issues(REPO) if i.pull is None] == ["closed"]
    assert run("2026-11-23")[1] == []
    # Due again: the same issue is reopened, never a second one.
    run("2027-02-01")
    assert [(i.number, i.state) for i in action.fake.issues(REPO) if i.pull is None] == [
        (issue.number, "open")
    ]


def test_expiry_issue_cannot_evaluate_exits_2(action: ActionRunner) -> None:
    (action.workspace / "readiness.yaml").write_text("version: 1\nsystem: [\n")
    run = action(event="schedule", payload={}, mode="expiry-issue")
    assert run.code == 2
    assert [i for i in action.fake.issues(REPO) if i.pull is None] == []


def test_expiry_issue_costs_pages_of_its_label_not_of_every_issue(action: ActionRunner) -> None:
    """1,000 issues in the repository: a run lists only issues carrying the label it sets,
    so it costs a few requests, well inside GITHUB_TOKEN's 1,000 an hour."""
    action.manifest("startup-rag-assistant.yaml")
    for n in range(1000):
        action.fake.add_issue(REPO, title=f"bug {n}", user="someone")
    opened = action(event="schedule", payload={}, mode="expiry-issue", today="2027-02-01")
    assert opened.code == 0, opened.stdout
    (ours,) = [i for i in action.fake.issues(REPO) if i.title.startswith("launch-gate")]
    assert ours.labels == ["launch-gate"]
    since = len(action.fake.requests)
    again = action(event="schedule", payload={}, mode="expiry-issue", today="2027-02-01")
    assert again.code == 0
    listed = [r for r in action.fake.requests[since:] if r.path.endswith("/issues")]
    assert [r.query.get("labels") for r in listed] == ["launch-gate"]
    assert len(action.fake.requests) - since <= 4


def test_an_unlabelled_issue_from_before_is_still_found(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    action(event="schedule", payload={}, mode="expiry-issue", today="2027-02-01")
    (ours,) = [i for i in action.fake.issues(REPO) if i.pull is None]
    ours.labels.clear()  # opened by an older launch-gate, or the label was removed
    since = len(action.fake.requests)
    action(event="schedule", payload={}, mode="expiry-issue", today="2027-03-05")
    assert issue_writes(action, since) == [f"PATCH /repos/{REPO}/issues/{ours.number}"]
    assert len([i for i in action.fake.issues(REPO) if i.pull is None]) == 1


def test_a_step_that_fails_on_regression_says_why_everywhere_first(action: ActionRunner) -> None:
    # Issue 26, case 4: the verdict passes, the ratchet fails the step. A done check turned
    # into an accepted risk lowers the score; every place a reader looks first says so.
    good = action.manifest("startup-rag-assistant.yaml").read_text()
    action.fake.add_file(REPO, "readiness.yaml", good, ref=BASE_SHA)
    done = (
        "  obs.latency-percentiles:\n    status: done\n    evidence:\n"
        "      - docs/observability.md\n"
    )
    assert done in good
    risk = (
        "  obs.latency-percentiles:\n    status: accepted-risk\n    decision:\n"
        "      rationale: Percentiles move to the new pipeline next sprint.\n"
        '      owner: "@bob"\n      expires: 2027-01-31\n'
    )
    (action.workspace / "readiness.yaml").write_text(good.replace(done, risk))
    run = action(fail_on="regression")
    assert run.code == 1
    assert run.outputs["verdict"] == "pass"  # the manifest's own verdict is unchanged
    why = "obs.latency-percentiles done → accepted-risk"
    assert run.outputs["failed-on"].startswith("regression: the score drops ")
    assert why in run.outputs["failed-on"]
    # The job summary's first line, the log's last line, an error annotation, the comment.
    assert run.summary.startswith("> [!CAUTION]\n> **launch-gate fails this step")
    assert why in run.summary.splitlines()[1]
    assert run.stdout.rstrip().splitlines()[-2].startswith("launch-gate fails this step")
    errors = [x for x in run.stdout.splitlines() if x.startswith("::error")]
    assert errors
    assert "fails this step (fail-on: regression)" in errors[0]
    [comment] = action.fake.comments(REPO, 7)
    assert comment.body.splitlines()[1] == "> [!CAUTION]"
    assert why in comment.body.splitlines()[2]
