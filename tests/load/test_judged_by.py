"""Which profile judges a manifest, read from which tree (load/judged_by.py).

Who controls what: the head writes the manifest and any policy file beside it; the base
tree decides how a pull request is judged (PRODUCT.md section 6). A base that cannot be
read fails closed, whoever serves it: load/ meets GitHub's failures as `Unavailable`.
"""

from __future__ import annotations

import pytest

from launch_gate.errors import InputError
from launch_gate.gather.baseline import GitHubTree, Unreadable
from launch_gate.gather.github.port import GitHubError
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.judged_by import choose_profile, judged_by_base
from launch_gate.load.manifest import parse
from launch_gate.load.tree import Tree, Unavailable
from tests.doubles import MemoryGitHub

MANIFEST = """version: 1
system: {name: bot, owner: "@acme/ml"}
profile: policies/team.yaml
checks: {}
"""
LAX = "extends: minimum-viable\n"
STRICT = "extends: enterprise\n"


class Files:
    """A tree of files held in memory, which counts what it is asked for."""

    def __init__(self, label: str, files: dict[str, str] | None = None) -> None:
        self.label = label
        self.files = {k: v.encode() for k, v in (files or {}).items()}
        self.asked: list[str] = []

    def read(self, rel: str) -> bytes | None:
        self.asked.append(rel)
        return self.files.get(rel)


class Down:
    """A tree whose server does not answer."""

    label = "the base"

    def read(self, rel: str) -> bytes | None:
        raise Unavailable("the server did not answer")


def judged(head: Tree, base: Tree, text: str = MANIFEST) -> tuple[str, str | None]:
    cat = load_catalogue()
    loaded = parse(text, "readiness.yaml", cat)
    judging, proposed = judged_by_base(
        None, loaded, cat, lambda: (head, "readiness.yaml"), base=base
    )
    return judging.name, (proposed.name if proposed else None)


def test_the_base_policy_judges_and_the_heads_is_shown_as_proposed() -> None:
    head = Files("head", {"policies/team.yaml": LAX})
    base = Files("base", {"policies/team.yaml": STRICT})
    assert judged(head, base) == ("team", "team")
    assert base.asked == ["policies/team.yaml"]


def test_a_built_in_profile_is_content_and_reads_no_tree() -> None:
    head, base = Files("head"), Files("base")
    text = MANIFEST.replace("policies/team.yaml", "enterprise")
    assert judged(head, base, text) == ("enterprise", None)
    assert head.asked == base.asked == []


@pytest.mark.parametrize(
    "base",
    [
        Down(),
        # What the Action hands load/ on a base it cannot reach at all.
        Unreadable("the event names no base commit"),
        # GitHub's contents API failing: the port's error is an `Unavailable`.
        GitHubTree(MemoryGitHub(), "acme/app", "b" * 40),
    ],
    ids=["unavailable", "unreadable-base", "github-fails"],
)
def test_a_base_that_cannot_be_read_fails_closed_at_the_profile_line(base: Tree) -> None:
    if isinstance(base, GitHubTree):

        def refuse(repository: str, path: str, ref: str) -> bytes | None:
            raise GitHubError(503, "service unavailable")

        base.gh.file = refuse  # type: ignore[method-assign]
    with pytest.raises(InputError) as caught:
        judged(Files("head", {"policies/team.yaml": LAX}), base)
    assert "the base's policy cannot be read" in caught.value.message
    assert (caught.value.file, caught.value.line, caught.value.key) == (
        "readiness.yaml",
        3,
        "profile",
    )


def test_githubs_failures_are_what_load_knows_as_unavailable() -> None:
    # load/ may not import gather/ (tests/test_layers.py); this is how it still fails closed.
    assert issubclass(GitHubError, Unavailable)


def test_the_callers_profile_wins_and_the_manifests_path_is_read_beside_it() -> None:
    cat = load_catalogue()
    loaded = parse(MANIFEST.replace("policies/team", "../policies/team"), "svc/r.yaml", cat)
    tree = Files("checkout", {"policies/team.yaml": STRICT})
    assert choose_profile("regulated", loaded, cat, lambda: (tree, "svc/r.yaml")).name == (
        "regulated"
    )
    assert tree.asked == []
    assert choose_profile(None, loaded, cat, lambda: (tree, "svc/r.yaml")).name == "team"
    assert tree.asked == ["policies/team.yaml"]
