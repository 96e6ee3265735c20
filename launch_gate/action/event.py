"""The event payload the runner hands us: read defensively, since a PR's author shapes it.

Only well-formed values leave this module: a commit ID is full hex or "", a PR
number an in-range int or None. Anything else never reaches a comment or an API path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from launch_gate.errors import UsageError
from launch_gate.load.text import read_regular


class Pull(NamedTuple):
    number: int
    head_sha: str
    head_ref: str
    base_sha: str
    base_ref: str
    # A fork's pull_request run gets a read-only token: comments answer 403.
    fork: bool


class MergeGroup(NamedTuple):
    """A merge queue's group: its head is the base plus the queued pull requests."""

    head_sha: str
    head_ref: str
    base_sha: str
    base_ref: str
    # The newest pull request in the group, read from the queue's branch name
    # (`refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>`); None when it does not say.
    pull_number: int | None


# GitHub's own payloads stay far below this (a PR body is capped at 65,536
# characters); anything bigger is not an event and is not worth the memory.
MAX_EVENT_BYTES = 25 * 1024 * 1024
# PR numbers GitHub hands out; bool is excluded on purpose (True is an int).
MAX_NUMBER = 2**31 - 1
_SHA = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


def read_payload(env: Mapping[str, str]) -> dict[str, Any]:
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        return {}

    def bad(message: str) -> UsageError:
        return UsageError(f"cannot read the event payload: {message}", file=path)

    try:
        raw = read_regular(Path(path), MAX_EVENT_BYTES + 1)
    except OSError as exc:
        raise bad(exc.strerror or type(exc).__name__) from None
    if len(raw) > MAX_EVENT_BYTES:
        raise bad(f"larger than {MAX_EVENT_BYTES // (1024 * 1024)} MiB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise bad("nested too deeply") from None
    except ValueError as exc:  # also UnicodeDecodeError and over-long integers
        raise bad(str(exc).splitlines()[0][:200] or "not JSON") from None
    if not isinstance(data, dict):
        raise bad(f"a JSON {type(data).__name__}, not an object")
    return data


def _repo_name(side: Any) -> str | None:
    repo = side.get("repo") if isinstance(side, dict) else None
    name = repo.get("full_name") if isinstance(repo, dict) else None
    return name if isinstance(name, str) else None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def commit_id(value: Any) -> str:
    """A full commit SHA, or "": other text must not reach a comment or an API path."""
    return value if isinstance(value, str) and _SHA.fullmatch(value) else ""


def pull_number(pr: Mapping[str, Any]) -> int | None:
    number = pr.get("number")
    if isinstance(number, bool) or not isinstance(number, int):
        return None
    return number if 0 < number <= MAX_NUMBER else None


def pull_from(event: Mapping[str, Any]) -> Pull | None:
    pr = event.get("pull_request")
    if not isinstance(pr, dict) or pull_number(pr) is None:
        return None
    head = _mapping(pr.get("head"))
    base = _mapping(pr.get("base"))
    head_repo, base_repo = _repo_name(head), _repo_name(base)
    return Pull(
        number=pr["number"],
        head_sha=commit_id(head.get("sha")),
        head_ref=str(head.get("ref") or ""),
        base_sha=commit_id(base.get("sha")),
        base_ref=str(base.get("ref") or ""),
        # A deleted fork has no head repo at all: still a fork for our purposes.
        fork=head_repo is None or (base_repo is not None and head_repo != base_repo),
    )


# GitHub names a queue's branch after the base and the newest pull request in it.
_QUEUE_REF = re.compile(r"^refs/heads/gh-readonly-queue/.+/pr-([1-9][0-9]{0,9})-[0-9a-f]{40}$")


def merge_group_from(event: Mapping[str, Any]) -> MergeGroup | None:
    """The `merge_group` payload (webhook event `merge_group`, action `checks_requested`)."""
    group = event.get("merge_group")
    if not isinstance(group, dict):
        return None
    head_ref = group.get("head_ref")
    head_ref = head_ref if isinstance(head_ref, str) else ""
    found = _QUEUE_REF.match(head_ref)
    number = int(found[1]) if found and int(found[1]) <= MAX_NUMBER else None
    return MergeGroup(
        head_sha=commit_id(group.get("head_sha")),
        head_ref=head_ref,
        base_sha=commit_id(group.get("base_sha")),
        base_ref=str(group.get("base_ref") or ""),
        pull_number=number,
    )


PULL_EVENTS = frozenset({"pull_request", "pull_request_target"})
# Runs whose content is proposed, not merged: the base decides how it is judged.
JUDGED_AT_BASE = PULL_EVENTS | {"merge_group"}


class Event(NamedTuple):
    """What the run's event means for the gate, read once: the commit judged, the pull
    request it belongs to, whose files judge it and what it is compared with. Every step
    asks this value; adding an event means teaching it here."""

    name: str
    # The commit the run is for (GITHUB_SHA): a merge commit on a pull request's run.
    sha: str
    pull: Pull | None = None
    merge_group: MergeGroup | None = None
    # A push's previous commit ("" for a new branch, or another event).
    before: str = ""

    @property
    def judged_at_base(self) -> bool:
        """Its content is proposed: the base's policy judges it (SECURITY.md)."""
        return self.name in JUDGED_AT_BASE

    @property
    def base_sha(self) -> str:
        """The commit whose files judge this run's content: the base it is compared with; ""
        where the checkout is itself trusted (push, schedule, dispatch)."""
        return self.compared_with if self.judged_at_base else ""

    @property
    def compared_with(self) -> str:
        """The commit the change is measured against: the pull request's (or merge group's)
        base, or on a push the commit before it."""
        if self.pull is not None:
            return self.pull.base_sha
        if self.merge_group is not None:
            return self.merge_group.base_sha
        return self.before

    @property
    def head_sha(self) -> str:
        """The commit judged and linked to: a pull request's head, not its merge commit."""
        return self.pull.head_sha if self.pull else self.sha

    @property
    def proves_approvals(self) -> bool:
        """Whether its decisions can be proven by reviews: a pull request, a merge group
        (its pull request's reviews) or a push (the pull request that carried it)."""
        return self.pull is not None or self.name in {"push", "merge_group"}


def event_from(name: str, payload: Mapping[str, Any], sha: str) -> Event:
    """The event `name` with its payload, as the gate reads it."""
    before = commit_id(payload.get("before")) if name == "push" else ""
    return Event(
        name=name,
        sha=sha or commit_id(payload.get("after")),
        pull=pull_from(payload),
        merge_group=merge_group_from(payload) if name == "merge_group" else None,
        before="" if set(before) == {"0"} else before,
    )
