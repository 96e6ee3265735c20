"""`export: html|csv`: the Action writes each manifest's sign-off record for an artifact."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.action.conftest import HEAD_SHA, REPO, ActionRunner


def test_html_records_one_per_manifest_naming_the_judged_commit(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml", "services/search/readiness.yaml")
    action.manifest("enterprise-agent.yaml", "services/refunds/readiness.yaml")
    run = action(manifest="services/*/readiness.yaml", export="html", comment="never")
    assert run.code == 1, run.stdout
    folder = Path(run.outputs["export"])
    assert folder.is_relative_to(run.temp)
    assert sorted(p.name for p in folder.iterdir()) == [
        "services__refunds__readiness.html",
        "services__search__readiness.html",
    ]
    page = (folder / "services__refunds__readiness.html").read_text()
    assert "Launch readiness sign-off: refund-agent" in page
    assert f"<code>{HEAD_SHA}</code>" in page
    assert f"<code>{REPO}</code>" in page
    assert action.token not in page


def test_csv_record(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    run = action(export="csv", comment="never")
    assert run.code == 0, run.stdout
    (only,) = Path(run.outputs["export"]).iterdir()
    assert only.name == "readiness.csv"
    assert len(list(csv.DictReader(io.StringIO(only.read_text())))) == 50


def test_no_export_writes_no_record(action: ActionRunner) -> None:
    action.manifest("startup-rag-assistant.yaml")
    run = action(comment="never")
    assert "export" not in run.outputs
    assert not (run.temp / "launch-gate" / "sign-off").exists()


@pytest.mark.parametrize("value", ["pdf", "HTML"])
def test_an_unknown_format_is_refused(action: ActionRunner, value: str) -> None:
    action.manifest("startup-rag-assistant.yaml")
    run = action(export=value, comment="never")
    assert run.code == 2
    assert "export" in run.stdout
