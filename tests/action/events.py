"""Event payloads as GitHub sends them, for tests; test_openapi.py validates each against
the webhook schemas of GitHub's OpenAPI description."""

from __future__ import annotations

from typing import Any


def merge_group(base: str, head: str, number: int | None) -> dict[str, Any]:
    """The `merge_group` webhook, action `checks_requested` (schema
    webhook-merge-group-checks-requested; merge_group is components/schemas/merge-group).
    The queue's branch is `gh-readonly-queue/<base>/pr-<number>-<sha>`; `number=None`
    gives a branch that names no pull request."""
    ref = f"refs/heads/gh-readonly-queue/main/pr-{number}-{base}" if number else "refs/heads/x"
    person = {"name": "GitHub", "email": "noreply@github.com"}
    return {
        "action": "checks_requested",
        "merge_group": {
            "head_sha": head,
            "head_ref": ref,
            "base_sha": base,
            "base_ref": "refs/heads/main",
            "head_commit": {
                "id": head,
                "tree_id": "f" * 40,
                "message": f"Merge pull request #{number}",
                "timestamp": "2026-11-23T10:00:00Z",
                "author": person,
                "committer": person,
            },
        },
        # GitHub also sends the whole repository object; the gate reads GITHUB_REPOSITORY.
    }
