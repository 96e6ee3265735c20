"""A pull request never picks its judge: policy files are read at the base (SECURITY.md).

Who controls what: on `pull_request` and `merge_group` runs the head writes the manifest
and any policy file; the base commit (reached through GitHub's contents API here, as on a
shallow checkout) decides how it is judged. On push, the checkout is the trusted commit.
"""

from __future__ import annotations

from tests.action.conftest import BASE_SHA, HEAD_SHA, REPO, ActionRunner
from tests.action.events import merge_group

# A manifest that enterprise fails (undecided gaps) and a waive-everything policy passes.
MANIFEST = """version: 1
system: {name: bot, owner: "@acme/ml"}
profile: policies/team.yaml
checks: {}
"""
STRICT = "extends: enterprise\n"
LAX = """extends: minimum-viable
waive: [prompt.one-step-rollback, eval.real-traffic-dataset, eval.release-gated,
        obs.log-requests-responses, sec.untrusted-input, sec.no-secrets-in-context]
"""


def write(action: ActionRunner, manifest: str, policy: str) -> None:
    (action.workspace / "readiness.yaml").write_text(manifest)
    (action.workspace / "policies").mkdir(exist_ok=True)
    (action.workspace / "policies" / "team.yaml").write_text(policy)


def test_a_policy_the_pull_request_relaxes_does_not_judge_it(action: ActionRunner) -> None:
    # Issue 25: the base's team.yaml extends enterprise; the PR rewrites it to waive all.
    action.fake.add_file(REPO, "readiness.yaml", MANIFEST, ref=BASE_SHA)
    action.fake.add_file(REPO, "policies/team.yaml", STRICT, ref=BASE_SHA)
    write(action, MANIFEST, LAX)
    run = action()
    assert run.code == 1, run.stdout
    assert run.outputs["verdict"] == "fail"
    assert run.report is not None
    manifest = run.report["manifests"][0]
    assert manifest["profile"] == "team"
    codes = [w["code"] for w in manifest["warnings"]]
    assert "judged-by-base" in codes
    # The proposal is shown, and lowering the bar is a change the owner must approve.
    kinds = {c["kind"] for c in manifest["changes"]}
    assert {"policy-proposed", "no-longer-required"} <= kinds
    assert "judges with the base's team" in run.stdout


def test_a_policy_file_only_the_head_has_judges_nothing(action: ActionRunner) -> None:
    # The base's manifest names enterprise; the PR adds a lax file and points at it.
    base_manifest = MANIFEST.replace("policies/team.yaml", "enterprise")
    action.fake.add_file(REPO, "readiness.yaml", base_manifest, ref=BASE_SHA)
    write(action, MANIFEST, LAX)
    run = action()
    assert run.code == 1
    assert run.report is not None
    assert run.report["manifests"][0]["profile"] == "enterprise"


def test_a_new_manifest_naming_a_new_policy_gets_the_default(action: ActionRunner) -> None:
    write(action, MANIFEST, LAX)
    run = action()
    assert run.code == 1
    assert run.report is not None
    assert run.report["manifests"][0]["profile"] == "startup"


def test_the_merge_queue_reads_the_groups_base(action: ActionRunner) -> None:
    # The merge_group payload as GitHub's webhook docs define it (merge_group event,
    # action checks_requested: head_sha, head_ref, base_sha, base_ref).
    action.fake.add_file(REPO, "readiness.yaml", MANIFEST, ref=BASE_SHA)
    action.fake.add_file(REPO, "policies/team.yaml", STRICT, ref=BASE_SHA)
    write(action, MANIFEST, LAX)
    payload = merge_group(BASE_SHA, HEAD_SHA, 7)
    run = action("merge_group", payload)
    assert run.code == 1
    assert run.outputs["verdict"] == "fail"


def test_a_push_is_judged_by_its_own_checkout(action: ActionRunner) -> None:
    # After the merge, the policy is the repository's: the owner approved it on the PR.
    write(action, MANIFEST, LAX)
    run = action("push")
    assert run.code == 0, run.stdout
    assert run.outputs["verdict"] == "pass"


def test_an_unreadable_base_fails_closed_naming_the_fix(action: ActionRunner) -> None:
    write(action, MANIFEST, LAX)
    action.fake.fail_next("GET", r"/contents/", 500, times=10)
    run = action()
    assert run.code == 2
    assert run.outputs["verdict"] == "error"
    assert "the base's policy cannot be read" in run.stdout
    assert "fetch-depth: 0" in run.stdout
