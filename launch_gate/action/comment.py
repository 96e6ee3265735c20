"""The sticky PR comment: one per manifest input, found by its marker, edited in place."""

from __future__ import annotations

from typing import Literal

from launch_gate.gather.github.port import GitHub, GitHubError

Posted = Literal["created", "updated", "unchanged"]


def upsert(gh: GitHub, repository: str, number: int, marker: str, body: str) -> Posted:
    """Edit our comment that starts with `marker`, or create it; never a second one.

    Ours means the marker *and* the token's own author: anyone can paste the
    marker into a comment, and the gate must never edit (or sign) theirs.
    """
    me = gh.identity()
    ours = [c for c in gh.comments(repository, number) if is_ours(c.author, c.body, marker, me)]
    if not ours:
        made = gh.create_comment(repository, number, body)
        _settle_a_race(gh, repository, number, marker=marker, me=me, made=made, body=body)
        return "created"
    # A race, or a run stopped between creating and settling, may have left several:
    # every run keeps the oldest and deletes the rest, so no stale verdict stays shown.
    first = min(ours, key=lambda c: c.id)
    _delete(gh, repository, number, [c.id for c in ours if c.id != first.id])
    if first.body == body:
        return "unchanged"
    gh.edit_comment(repository, number, first.id, body)
    return "updated"


def _settle_a_race(
    gh: GitHub, repository: str, number: int, *, marker: str, me: str, made: int, body: str
) -> None:
    """Two runs that both found no comment both created one: keep the oldest, delete the
    rest, and leave our report in the one kept (the other run does the same)."""
    ours = sorted(
        (c for c in gh.comments(repository, number) if is_ours(c.author, c.body, marker, me)),
        key=lambda c: c.id,
    )
    if len(ours) < 2:
        return
    _delete(gh, repository, number, [c.id for c in ours[1:]])
    if ours[0].id != made:
        gh.edit_comment(repository, number, ours[0].id, body)


def _delete(gh: GitHub, repository: str, number: int, ids: list[int]) -> None:
    for comment_id in ids:
        try:
            gh.delete_comment(repository, number, comment_id)
        except GitHubError as exc:
            if exc.status != 404:  # another run deleted it first
                raise


def is_ours(author: str, body: str, marker: str, me: str) -> bool:
    return body.startswith(marker) and author.casefold() == me.casefold()
