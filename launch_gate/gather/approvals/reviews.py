"""What approver proof makes of GitHub's answers: why it could not ask, and teams.

The reads themselves are the port's (gather/github/port.py); what comes back is
plain data for the pure review rule (prove.py).
"""

from __future__ import annotations

from collections.abc import Callable

from launch_gate.gather.github.port import GitHub, GitHubError


def failure(exc: GitHubError) -> str:
    """Why GitHub could not be asked, for the warning and each unproven decision."""
    if exc.status == 403 and exc.missing():
        return f"GitHub answered 403: add `{exc.missing()}` to the workflow's permissions: block"
    if exc.status in (401, 403):
        # A 403 that is not a rate limit (those are retried) is a token without the scope.
        return (
            f"GitHub answered {exc.status} (the token needs pull-requests: read, "
            "and members: read for teams)"
        )
    if exc.status is not None:
        return f"GitHub answered {exc.status}"
    return exc.message


def membership(gh: GitHub) -> Callable[[str, str], bool]:
    """`member(team, user)`, asked once per pair in a run."""
    seen: dict[tuple[str, str], bool] = {}

    def member(team: str, user: str) -> bool:
        key = (team.casefold(), user.casefold())
        if key not in seen:
            seen[key] = gh.team_member(team, user)
        return seen[key]

    return member
