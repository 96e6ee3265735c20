"""What approver proof reads from GitHub: reviews, the PR behind a commit, team membership.

Every request goes through our retry policy (launch_gate/action/retry.py); what comes
back is plain data for the pure review rule (launch_gate/proof/rule.py).
"""

from __future__ import annotations

from collections.abc import Callable

from github import Github, GithubException, UnknownObjectException

from launch_gate.gather.approvals.prove import PullFacts, Review
from launch_gate.gather.github import retry

GITHUB_ERRORS = (GithubException, retry.GiveUp, OSError)


def failure(exc: BaseException) -> str:
    """Why GitHub could not be asked, for the warning and each unproven decision."""
    if isinstance(exc, GithubException):
        # A 403 that is not a rate limit (those are retried) is a token without the scope.
        scope = exc.status in (401, 403)
        hint = (
            " (the token needs pull-requests: read, and members: read for teams)" if scope else ""
        )
        return f"GitHub answered {exc.status}{hint}"
    if isinstance(exc, retry.GiveUp):
        return str(exc)
    return type(exc).__name__


def pull_facts(gh: Github, repository: str, number: int) -> PullFacts:
    pull = retry.call(lambda: gh.get_repo(repository).get_pull(number))
    reviews = retry.call(
        lambda: [
            Review(r.id, r.user.login if r.user else "", r.state, r.commit_id or "")
            for r in pull.get_reviews()
        ]
    )
    return PullFacts(number, pull.user.login, pull.head.sha, reviews)


def merged_pull(gh: Github, repository: str, sha: str) -> int | None:
    """The merged pull request that brought `sha` in, if GitHub knows one."""
    pulls = retry.call(lambda: list(gh.get_repo(repository).get_commit(sha).get_pulls()))
    merged = sorted(p.number for p in pulls if p.merged_at is not None)
    return merged[0] if merged else None


def membership(gh: Github) -> Callable[[str, str], bool]:
    """`member(team, user)`: GET /orgs/{org}/teams/{slug}/memberships/{user}, cached."""
    seen: dict[tuple[str, str], bool] = {}

    def member(team: str, user: str) -> bool:
        key = (team.casefold(), user.casefold())
        if key not in seen:
            org, slug = team.strip().lstrip("@").split("/", 1)
            try:
                found = retry.call(
                    lambda: (
                        gh.get_organization(org).get_team_by_slug(slug).get_team_membership(user)
                    )
                )
                seen[key] = found.state == "active"
            except UnknownObjectException:
                seen[key] = False
        return seen[key]

    return member
