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
    # The parsed snapshot ships too, and describes the policy files beside it.
    assert "launch_gate/load/policies.marshal" in names
    probe = (
        "from launch_gate.load import catalogue, shipped\n"
        "root = catalogue.policies_dir()\n"
        "files = [root / 'catalogue.yaml', *sorted((root / 'profiles').glob('*.yaml'))]\n"
        "print(all(shipped.lookup('policies/' + p.relative_to(root).as_posix(),"
        " p.read_bytes()) for p in files))"
    )
    used = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
        check=True,
    ).stdout.strip()  # fmt: skip
    assert used == "True"


def test_the_release_builds_install_in_a_fresh_venv_and_run_outside_the_repo(
    tmp_path: Path,
) -> None:
    """What `pipx install launch-gate` gives a user: the wheel PyPI gets, in a virtual
    environment of its own, run from a directory that is not this repository."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("launch_gate-*.whl")
    (sdist,) = dist.glob("launch_gate-*.tar.gz")
    import tarfile

    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {"LICENSE", "README.md", "policies/catalogue.yaml", "launch_gate/main.py"} <= names
    with zipfile.ZipFile(wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = zf.read(meta).decode()
    assert "License-Expression: Apache-2.0" in metadata
    assert "Project-URL: Homepage, https://github.com/launch-gate/launch-gate" in metadata
    assert "Classifier: Programming Language :: Python :: 3.11" in metadata

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
         "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    # The dependencies come from this test run's environment (no network in tests); the
    # package itself only from the wheel: a path entry, unlike site-packages, runs no
    # .pth file, so the editable install of the checkout stays out.
    ask = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = subprocess.run(
        [str(venv / "bin" / "python"), "-c", ask], capture_output=True, text=True, check=True
    ).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages")]
    (Path(purelib) / "zz-deps.pth").write_text("\n".join(deps) + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "docs").mkdir()
    (work / "docs" / "logging.md").write_text("# Logging\n")
    bin_ = venv / "bin"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bin_ / "launch-gate"), *args], cwd=work, capture_output=True, text=True,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, check=False,
        )  # fmt: skip

    where = subprocess.run(
        [str(bin_ / "python"), "-c", "import launch_gate; print(launch_gate.__file__)"],
        cwd=work, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert where.startswith(purelib), where
    init = run("init", "--name", "bot", "--owner", "@acme/ml", "--capabilities", "rag")
    assert init.returncode == 0, init.stderr
    decided = run("decide", "obs.log-requests-responses", "done", "--evidence", "docs/logging.md")
    assert decided.returncode == 0, decided.stderr
    check = run("check", "--offline", "--quiet")
    assert check.returncode == 1, check.stderr
    assert check.stdout.startswith("readiness.yaml: FAIL, score ")
    schema = run("schema")
    assert schema.returncode == 0
    assert '"$id": "https://raw.githubusercontent.com/launch-gate/launch-gate/v' in schema.stdout


def test_every_declared_floor_is_the_release_the_oldest_cell_tests() -> None:
    # `make test-matrix` runs the suite on requirements-oldest.txt: a floor in pyproject.toml
    # that is not pinned there is a promise to users that nothing checks.
    import re
    import tomllib

    def name(text: str) -> str:
        return re.sub(r"[-_.]+", "-", text).lower()

    declared = {}
    for spec in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]:
        found = re.fullmatch(r"([A-Za-z0-9._-]+)>=([0-9][0-9.]*),<[0-9.]+", spec)
        assert found, f"{spec}: give a floor and a ceiling"
        declared[name(found[1])] = found[2]
    pinned = {}
    for line in (ROOT / "requirements-oldest.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            package, version = line.split("==")
            pinned[name(package)] = version
    assert pinned.keys() == declared.keys()
    for package, floor in declared.items():
        padded = floor + ".0" * (2 - floor.count("."))
        assert pinned[package] in (floor, padded), (
            f"{package}: floor {floor}, tested {pinned[package]}"
        )
