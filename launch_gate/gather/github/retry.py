"""A PyGithub client with one retry policy, ours, that the tests can see.

PyGithub 2.x retries by itself through urllib3's Retry (`GithubRetry`, up to
ten times, sleeping as long as a rate limit says). We pass ``retry=None`` and
retry here instead: a bounded number of attempts, `Retry-After` honoured but
capped, so a rate-limited run ends with a warning instead of idling away the
job's minutes, and every attempt is a request the fake API records.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TypeVar

from github import Auth, Github, GithubException

from launch_gate.gather.deadline import RUN_DEADLINE

T = TypeVar("T")
ATTEMPTS = 4
BACKOFF = 1.0  # seconds before the first retry; doubled each time
MAX_WAIT = 60.0  # a longer Retry-After or rate-limit reset is not worth waiting for
# GitHub's advice for a secondary rate limit without Retry-After: wait at least a minute.
SECONDARY_WAIT = 60.0
TRANSIENT = frozenset({500, 502, 503, 504})


class GiveUp(Exception):
    """Retrying would wait longer than `MAX_WAIT`, or past the run's deadline."""


def _check_deadline(delay: float) -> None:
    deadline = RUN_DEADLINE.get()
    if deadline is not None and time.monotonic() + delay >= deadline:
        raise GiveUp(f"retrying in {delay:.0f} s would pass the run's deadline")


def client(api_url: str, token: str, timeout: int, pool_size: int = 10) -> Github:
    return Github(
        auth=Auth.Token(token),
        base_url=api_url,
        timeout=timeout,
        retry=None,
        # As many connections as the evidence checks may run at once.
        pool_size=pool_size,
        per_page=100,
        # lazy: objects are not fetched before use, so a comment costs no extra GETs.
        lazy=True,
        # One write per run: PyGithub's default spacing would only add latency.
        seconds_between_requests=None,
        seconds_between_writes=None,
        user_agent="launch-gate",
    )


def _backoff(attempt: int) -> float:
    return BACKOFF * float(2**attempt)


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return str(value)
    return None


def secondary(exc: GithubException) -> bool:
    """GitHub's secondary rate limit: a 403 or 429 saying so, often without Retry-After."""
    data = exc.data if isinstance(exc.data, dict) else {}
    message = str(data.get("message") or "").lower()
    return exc.status in (403, 429) and "secondary rate limit" in message


def _wait(exc: GithubException, attempt: int, now: float) -> float | None:
    """Seconds to wait before retrying `exc`, or None when it is not transient."""
    retry_after = _header(exc.headers, "retry-after")
    if secondary(exc):
        if retry_after is not None and retry_after.strip().isdigit():
            return max(float(retry_after), 1.0)
        return SECONDARY_WAIT
    limited = exc.status == 429 or (
        exc.status == 403
        and (retry_after is not None or _header(exc.headers, "x-ratelimit-remaining") == "0")
    )
    if exc.status not in TRANSIENT and not limited:
        return None
    if retry_after is not None and retry_after.strip().isdigit():
        return float(retry_after)
    reset = _header(exc.headers, "x-ratelimit-reset")
    if limited and reset is not None and reset.strip().isdigit():
        return max(float(reset) - now, 0.0) + 1.0
    return _backoff(attempt)


def call(
    fn: Callable[[], T],
    *,
    attempts: int = ATTEMPTS,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
) -> T:
    """Run `fn`, retrying transient failures; the last failure is raised as is."""
    for attempt in range(attempts):
        try:
            return fn()
        except GithubException as exc:
            delay = _wait(exc, attempt, clock())
            if delay is None or attempt == attempts - 1:
                raise
            if delay > MAX_WAIT:
                raise GiveUp(f"GitHub asked to wait {delay:.0f} s; not waiting") from exc
            try:
                _check_deadline(delay)
            except GiveUp as late:
                if secondary(exc):
                    raise GiveUp(f"GitHub's secondary rate limit: {late}") from exc
                raise
        except OSError:
            # requests' connection errors and timeouts are OSErrors.
            if attempt == attempts - 1:
                raise
            delay = _backoff(attempt)
            _check_deadline(delay)
        sleep(delay)
    raise AssertionError("unreachable: the loop returns or raises")
