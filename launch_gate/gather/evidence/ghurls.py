"""Which URLs name a GitHub object, so they go to the API and never get scraped."""

from __future__ import annotations

import re
from typing import Literal, NamedTuple
from urllib.parse import unquote, urlsplit

ObjectKind = Literal["issue", "pull", "blob", "workflow", "repo"]

_PATTERNS: tuple[tuple[ObjectKind, re.Pattern[str]], ...] = (
    ("issue", re.compile(r"/issues/(?P<number>\d+)(?:/.*)?")),
    ("pull", re.compile(r"/pulls?/(?P<number>\d+)(?:/.*)?")),
    ("blob", re.compile(r"/(?:blob|tree)/(?P<ref>[^/]+)(?:/(?P<path>.+?))?/?")),
    ("workflow", re.compile(r"/actions/workflows/(?P<path>[^/]+)/?")),
    ("repo", re.compile(r"/?")),
)


class GitHubRef(NamedTuple):
    kind: ObjectKind
    repo: str
    number: int = 0
    ref: str = ""
    path: str = ""


def server_hosts(server_url: str) -> frozenset[str]:
    host = (urlsplit(server_url).hostname or "github.com").lower()
    return frozenset({host, f"www.{host}"} if host == "github.com" else {host})


def parse(url: str, hosts: frozenset[str]) -> GitHubRef | None:
    """The object `url` names, or None if it is not a github.com (or GHES) object URL."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or host not in hosts:
        return None
    match = re.fullmatch(r"/([\w.-]+)/([\w.-]+)(/.*)?", parts.path)
    if match is None:
        return None
    owner, name, rest = match[1], match[2].removesuffix(".git"), match[3] or ""
    for kind, pattern in _PATTERNS:
        found = pattern.fullmatch(rest)
        if found:
            groups = found.groupdict()
            return GitHubRef(
                kind,
                f"{owner}/{name}",
                int(groups.get("number") or 0),
                unquote(groups.get("ref") or ""),
                unquote(groups.get("path") or ""),
            )
    return None


def api_url_for(server_url: str) -> str:
    """GITHUB_API_URL's value when it is unset: api.github.com, or GHES's /api/v3."""
    base = server_url.rstrip("/")
    if urlsplit(base).hostname in {None, "github.com", "www.github.com"}:
        return "https://api.github.com"
    return f"{base}/api/v3"
