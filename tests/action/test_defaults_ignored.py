"""The Action's settings come from the workflow's inputs only: a .launch-gate.yaml in the
checkout (which a pull request can edit) changes nothing about how the gate runs."""

from __future__ import annotations

from tests.action.conftest import ActionRunner


def test_the_action_does_not_read_project_defaults(action: ActionRunner) -> None:
    path = action.manifest("startup-rag-assistant.yaml")
    text = path.read_text()
    path.write_text("\n".join(x for x in text.splitlines() if not x.startswith("profile:")) + "\n")
    (action.workspace / ".launch-gate.yaml").write_text("profile: regulated\n")
    run = action(comment="never")
    assert run.report is not None
    assert run.report["manifests"][0]["profile"] == "startup"
