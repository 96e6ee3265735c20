"""The sticky PR comment: one per manifest input, found by its marker, edited in place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from launch_gate.errors import UsageError
from launch_gate.files import shared_dir, write_new_or_replace
from launch_gate.gather.github.port import GitHub, GitHubError
from launch_gate.render.comment import COMMENT_LIMIT, MARKER_PREFIX

Posted = Literal["created", "updated", "unchanged"]


class CommentFile(BaseModel):
    """What ``comment: file`` saves and ``comment-from`` posts (two-workflow pattern)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1] = 1
    pull_request: int = Field(gt=0)
    head_sha: str
    marker: str = Field(pattern=r"^<!-- launch-gate:[^\n]* -->$")
    body: str = Field(max_length=COMMENT_LIMIT)


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
    # Should a race ever have left two, keep editing the oldest, as every run does.
    first = min(ours, key=lambda c: c.id)
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
    for extra in ours[1:]:
        try:
            gh.delete_comment(repository, number, extra.id)
        except GitHubError as exc:
            if exc.status != 404:  # the other run deleted it first
                raise
    if ours[0].id != made:
        gh.edit_comment(repository, number, ours[0].id, body)


def is_ours(author: str, body: str, marker: str, me: str) -> bool:
    return body.startswith(marker) and author.casefold() == me.casefold()


def save(path: Path, saved: CommentFile) -> None:
    shared_dir(path.parent)
    write_new_or_replace(path, saved.model_dump_json(indent=2) + "\n")


def load(path: Path) -> CommentFile:
    """Read a file an untrusted run produced: validate before anything is posted."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"cannot read: {exc.strerror}", file=str(path), key="comment-from"
        ) from None
    try:
        loaded = CommentFile.model_validate(json.loads(text))
    except (ValueError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise UsageError(f"not a launch-gate comment file ({first})", file=str(path)) from None
    if not loaded.body.startswith(loaded.marker) or not loaded.marker.startswith(MARKER_PREFIX):
        raise UsageError("the body does not start with its marker", file=str(path))
    return loaded


def head_matches(gh: GitHub, repository: str, saved: CommentFile, expected_sha: str) -> bool:
    """True when the PR's head is the commit the saving run evaluated.

    The file comes from a fork's run, so its PR number is not to be trusted on
    its own: it must name a PR whose head is the commit that run was for.
    """
    head = gh.pull_head(repository, saved.pull_request)
    return bool(expected_sha) and head == expected_sha == saved.head_sha
