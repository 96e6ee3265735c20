"""The comment a `comment: file` run saves and a `comment-from` run posts (the two-workflow
pattern for pull requests from forks). The file comes from an untrusted run, so pydantic
checks it; it is imported only by those two modes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from launch_gate.errors import UsageError
from launch_gate.files import shared_dir, write_new_or_replace
from launch_gate.gather.github.port import GitHub
from launch_gate.load.text import read_regular
from launch_gate.render.comment import COMMENT_LIMIT, MARKER_PREFIX


class CommentFile(BaseModel):
    """What ``comment: file`` saves and ``comment-from`` posts (two-workflow pattern)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1] = 1
    pull_request: int = Field(gt=0)
    head_sha: str
    marker: str = Field(pattern=r"^<!-- launch-gate:[^\n]* -->$")
    body: str = Field(max_length=COMMENT_LIMIT)


# A saved comment is one comment body and a few fields: GitHub caps a body at 65,536 characters.
MAX_SAVED = 1024 * 1024


def save(path: Path, saved: CommentFile) -> None:
    shared_dir(path.parent)
    write_new_or_replace(path, saved.model_dump_json(indent=2) + "\n")


def load(path: Path) -> CommentFile:
    """Read a file an untrusted run produced: validate before anything is posted."""
    try:
        text = read_regular(path, MAX_SAVED).decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("is not UTF-8", file=str(path), key="comment-from") from None
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
