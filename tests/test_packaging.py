"""The wheel carries the policies: the Docker image installs it, not the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_ships_policies_and_runs(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("launch_gate-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "launch_gate/policies/catalogue.yaml" in names
    assert "launch_gate/policies/profiles/regulated.yaml" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # Run from an empty directory with only the unpacked wheel first on the path,
    # so the source checkout's policies/ cannot be what is found.
    env = {**os.environ, "PYTHONPATH": str(site)}
    proc = subprocess.run(
        [sys.executable, "-m", "launch_gate", "checks", "--profile", "regulated"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "50 required" in proc.stdout
    origin = subprocess.run(
        [sys.executable, "-c", "import launch_gate.load.catalogue as c; print(c.policies_dir())"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert origin == str(site / "launch_gate" / "policies")
