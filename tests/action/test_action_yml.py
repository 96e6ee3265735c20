"""action.yml and the code agree: every input it declares is read, with the same default."""

from __future__ import annotations

from pathlib import Path

import yaml

from launch_gate.action.inputs import DEFAULTS

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())


def test_inputs_match_the_reader() -> None:
    assert set(ACTION["inputs"]) == set(DEFAULTS)
    for name, spec in ACTION["inputs"].items():
        assert spec["description"]
        expected = "${{ github.token }}" if name == "github-token" else DEFAULTS[name]
        assert str(spec["default"]) == expected, name


def test_outputs_and_runner() -> None:
    assert {"verdict", "score", "gaps", "report"} <= set(ACTION["outputs"])
    assert ACTION["runs"] == {"using": "docker", "image": "Dockerfile"}


def test_dockerfile_follows_the_docker_action_rules() -> None:
    text = (ROOT / "Dockerfile").read_text()
    instructions = [line.split()[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert "USER" not in instructions
    assert "WORKDIR" not in instructions
    # Isolated: neither the workspace nor any PYTHON* variable a workflow sets shapes the
    # interpreter (tests/image proves it with planted code).
    assert 'ENTRYPOINT ["python", "-I", "-u", "-B", "-m", "launch_gate", "action"]' in text
    assert "PYTHONSAFEPATH=1" in text
    assert "PYTHONUNBUFFERED=1" in text
    assert "--require-hashes" in text
