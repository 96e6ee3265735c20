"""An in-memory GitHub behind the port (launch_gate/gather/github/port.py).

Most Action logic is tested against this; a handful of tests go through PyGithub to
the HTTP fake (tests/fakegithub.py) to prove the adapter, and tests/image/ the image.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from launch_gate.gather.github.port import Comment, GitHubError, Issue, PullFacts, Review


@dataclass
class MemoryGitHub:
    me: str = "github-actions[bot]"
    files: dict[tuple[str, str, str], bytes] = field(default_factory=dict)
    pulls: dict[int, PullFacts] = field(default_factory=dict)
    carried: dict[str, list[tuple[int, bool]]] = field(default_factory=dict)  # sha: (pr, merged)
    teams: dict[str, set[str]] = field(default_factory=dict)
    team_error: int | None = None  # answer team lookups with this status
    # user -> repository role; absent: as the review's association implies (write for
    # OWNER/MEMBER/COLLABORATOR), so a test that names no role sees what it always saw.
    roles: dict[str, str] = field(default_factory=dict)
    permission_error: int | None = None
    posted: dict[int, list[Comment]] = field(default_factory=dict)
    tracked: list[Issue] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    # Bodies another run posts right after ours: a race on the same pull request.
    racers: list[str] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    def identity(self) -> str:
        self.calls.append("identity")
        return self.me

    def file(self, repository: str, path: str, ref: str) -> bytes | None:
        self.calls.append(f"file {path}@{ref}")
        return self.files.get((repository, path, ref))

    def pull(self, repository: str, number: int) -> PullFacts:
        self.calls.append(f"pull {number}")
        if number not in self.pulls:
            raise GitHubError(404, "Not Found")
        return self.pulls[number]

    def pull_head(self, repository: str, number: int) -> str:
        return self.pull(repository, number).head

    def pulls_with(self, repository: str, sha: str, *, merged: bool) -> list[int]:
        self.calls.append(f"pulls with {sha[:7]}")
        return sorted(n for n, m in self.carried.get(sha, []) if m == merged)

    def permission(self, repository: str, user: str) -> str:
        self.calls.append(f"permission {user}")
        if self.permission_error is not None:
            raise GitHubError(self.permission_error, "Resource not accessible by integration")
        if user in self.roles:
            return self.roles[user]
        said = {r.association for p in self.pulls.values() for r in p.reviews if r.user == user}
        return "write" if said & {"OWNER", "MEMBER", "COLLABORATOR", ""} else "read"

    def team_member(self, team: str, user: str) -> bool:
        self.calls.append(f"member {team} {user}")
        if self.team_error is not None:
            raise GitHubError(self.team_error, "Resource not accessible by integration")
        return user.casefold() in self.teams.get(team.casefold(), set())

    def comments(self, repository: str, number: int) -> list[Comment]:
        self.calls.append(f"comments {number}")
        return list(self.posted.get(number, []))

    def create_comment(self, repository: str, number: int, body: str) -> int:
        self.calls.append(f"create comment {number}")
        made = Comment(next(self._ids), self.me, body)
        self.posted.setdefault(number, []).append(made)
        for racer in self.racers:  # another run of the same workflow, a moment later
            self.posted[number].append(Comment(next(self._ids), self.me, racer))
        self.racers = []
        return made.id

    def delete_comment(self, repository: str, number: int, comment_id: int) -> None:
        self.calls.append(f"delete comment {comment_id}")
        self.posted[number] = [c for c in self.posted[number] if c.id != comment_id]

    def edit_comment(self, repository: str, number: int, comment_id: int, body: str) -> None:
        self.calls.append(f"edit comment {comment_id}")
        self.posted[number] = [
            c._replace(body=body) if c.id == comment_id else c for c in self.posted[number]
        ]

    def issues(self, repository: str, label: str = "") -> list[Issue]:
        self.calls.append(f"issues {label}".strip())
        return list(self.tracked)

    def create_issue(self, repository: str, title: str, body: str, label: str = "") -> int:
        number = len(self.tracked) + 1
        self.tracked.append(Issue(number, self.me, title, body, "open"))
        self.calls.append(f"create issue {number}")
        return number

    def edit_issue(
        self, repository: str, number: int, *, title: str, body: str, state: str
    ) -> None:
        self.calls.append(f"edit issue {number}")
        self.tracked = [
            i._replace(title=title, body=body, state=state) if i.number == number else i
            for i in self.tracked
        ]

    def review(self, number: int, user: str, state: str, commit: str) -> None:
        facts = self.pulls[number]
        review = Review(next(self._ids), user, state, commit)
        self.pulls[number] = facts._replace(reviews=[*facts.reviews, review])
