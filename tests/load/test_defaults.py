"""Project defaults (.launch-gate.yaml or [tool.launch-gate]): flags the user need not
repeat, never an override of what a manifest says, never a way to widen what is reached."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from launch_gate.cli import schema
from launch_gate.errors import InputError
from launch_gate.load.defaults import InTree, of_tree
from launch_gate.load.tree import Unavailable
from tests.conftest import ROOT, Result

BARE = 'version: 1\nsystem: {name: bot, owner: "@acme/ml"}\nchecks: {}\n'


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "readiness.yaml").write_text(BARE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def profile_of(cli: Callable[..., Result], *args: str) -> str:
    res = cli("check", *args, "--offline", "--format", "json")
    assert res.code in (0, 1), res.err
    import json

    return str(json.loads(res.out)["profile"])


def test_the_default_profile_stands_in_only_where_the_manifest_names_none(
    repo: Path, cli: Callable[..., Result]
) -> None:
    assert profile_of(cli, "svc/readiness.yaml") == "startup"
    (repo / ".launch-gate.yaml").write_text("profile: enterprise\nmanifest: svc/readiness.yaml\n")
    assert profile_of(cli) == "enterprise"  # and the manifest came from the defaults too
    assert profile_of(cli, "--profile", "regulated") == "regulated"  # a flag wins
    # explain, run beside the manifest, judges it with the same default.
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(repo / "svc")
        import json

        said = json.loads(cli("explain", "cost.caching", "--format", "json").out)
        assert said["manifest"]["profile"] == "enterprise"
    (repo / "svc" / "readiness.yaml").write_text(BARE + "profile: minimum-viable\n")
    assert profile_of(cli) == "minimum-viable"  # the manifest's own word wins


def test_pyproject_table_and_a_relative_policy(repo: Path, cli: Callable[..., Result]) -> None:
    (repo / "policies").mkdir()
    (repo / "policies" / "team.yaml").write_text("extends: enterprise\nname: team\n")
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.launch-gate]\nprofile = "policies/team.yaml"\n'
        "warn_days = 30\n"
    )
    (repo / "svc" / "deep").mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(repo / "svc" / "deep")  # found upward, the path relative to pyproject.toml
        assert profile_of(cli, "../readiness.yaml") == "team"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("profle: enterprise\n",
         ".launch-gate.yaml:1:1: error: profle: unknown key (did you mean 'pro"),
        ("warn_days: -3\n", ".launch-gate.yaml:1:12: error: warn_days:"),
        # Defaults live in the repository, which a pull request edits: they cannot let
        # evidence checks reach private addresses (that stays a flag or an Action input).
        ("allow_private_hosts: true\n",
         ".launch-gate.yaml:1:1: error: allow_private_hosts: unknown key"),
    ],
)  # fmt: skip
def test_a_bad_defaults_file_is_exit_2_at_its_line(
    repo: Path, cli: Callable[..., Result], text: str, message: str
) -> None:
    (repo / ".launch-gate.yaml").write_text(text)
    res = cli("check", "svc/readiness.yaml", "--offline")
    assert res.code == 2
    assert message in res.err


def test_a_bad_pyproject_table_names_its_key(repo: Path, cli: Callable[..., Result]) -> None:
    (repo / "pyproject.toml").write_text("[tool.launch-gate]\nwarn_dayz = 3\n")
    res = cli("check", "svc/readiness.yaml", "--offline")
    assert res.code == 2
    assert "pyproject.toml [tool.launch-gate]: error: warn_dayz: unknown key" in res.err


def test_committed_config_schema_is_current() -> None:
    committed = (ROOT / "schema" / "config.schema.json").read_text()
    assert committed == schema.render(config=True), "run `make schema` and commit the result"


class _Files:
    """A tree in memory (a base commit, say), counting what it is asked for."""

    label = "the base"

    def __init__(self, files: dict[str, str], down: bool = False) -> None:
        self.files = {k: v.encode() for k, v in files.items()}
        self.down = down
        self.asked: list[str] = []

    def read(self, rel: str) -> bytes | None:
        self.asked.append(rel)
        if self.down:
            raise Unavailable("GitHub did not answer")
        return self.files.get(rel)


def test_a_trees_defaults_give_warn_days_and_a_profile_read_from_that_tree() -> None:
    tree = _Files({".launch-gate.yaml": "profile: team.yaml\nwarn_days: 9\n",
                   "team.yaml": "extends: enterprise\n"})  # fmt: skip
    found = of_tree(tree, now=True)
    assert found.warn_days == 9
    assert callable(found.profile)
    assert found.profile().name == "team"
    assert tree.asked == [".launch-gate.yaml", "team.yaml"]


def test_a_tree_without_defaults_changes_nothing() -> None:
    assert of_tree(_Files({}), now=True) == InTree(None, None)


def test_a_base_that_cannot_be_read_fails_closed_naming_the_defaults_file() -> None:
    with pytest.raises(InputError) as caught:
        of_tree(_Files({}, down=True), now=True)
    assert "cannot read the project's defaults at the base" in caught.value.message
    assert caught.value.file == ".launch-gate.yaml"


def test_a_remote_base_is_read_once_and_only_when_a_manifest_needs_its_profile() -> None:
    tree = _Files({".launch-gate.yaml": "profile: enterprise\nwarn_days: 9\n"})
    found = of_tree(tree, now=False)
    assert tree.asked == []
    assert found.warn_days is None  # it changes warnings only: not worth a request
    assert callable(found.profile)
    assert found.profile().name == found.profile().name == "enterprise"
    assert tree.asked == [".launch-gate.yaml"]
    down = of_tree(_Files({}, down=True), now=False)
    assert callable(down.profile)
    with pytest.raises(InputError, match="cannot read the project's defaults at the base"):
        down.profile()
