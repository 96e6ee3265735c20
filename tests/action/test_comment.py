"""The sticky comment: found by its marker, and only among the comments the gate wrote."""

from __future__ import annotations

from tests.conftest_fakegithub import fake_github  # noqa: F401 - a fixture, by import
from tests.fakegithub import FakeGitHub


def test_a_marker_comment_written_by_someone_else_is_left_alone(
    fake_github: FakeGitHub,  # noqa: F811
) -> None:
    from launch_gate.action.comment import upsert
    from launch_gate.gather.github.pygithub import PyGitHub

    repo = "acme/app"
    fake_github.add_pull(repo, 7)
    marker = "<!-- launch-gate:readiness.yaml -->"
    forged = fake_github.add_comment(repo, 7, marker + "\n# pass", user="mallory")
    gh = PyGitHub(fake_github.url, "t", 10)
    assert upsert(gh, repo, 7, marker, marker + "\nreal report") == "created"
    bodies = {c.id: (c.user, c.body) for c in fake_github.comments(repo, 7)}
    assert bodies[forged] == ("mallory", marker + "\n# pass")
    mine = [c for c in bodies.values() if c[0] == "github-actions[bot]"]
    assert mine == [("github-actions[bot]", marker + "\nreal report")]
    # The next run edits its own comment, still not mallory's.
    assert upsert(gh, repo, 7, marker, marker + "\nnewer") == "updated"
    assert fake_github.comments(repo, 7)[0].body == marker + "\n# pass"
