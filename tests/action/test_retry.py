from __future__ import annotations

from collections.abc import Callable

import pytest
from github import GithubException

from launch_gate.gather.github import retry


def _raiser(
    *statuses: int, headers: dict[str, str] | None = None
) -> tuple[list[int], Callable[[], str]]:
    calls: list[int] = []

    def fn() -> str:
        calls.append(1)
        if len(calls) <= len(statuses):
            raise GithubException(statuses[len(calls) - 1], {"message": "x"}, headers or {})
        return "ok"

    return calls, fn


def test_transient_errors_back_off_then_succeed() -> None:
    slept: list[float] = []
    calls, fn = _raiser(500, 502)
    assert retry.call(fn, sleep=slept.append) == "ok"
    assert (len(calls), slept) == (3, [1.0, 2.0])


def test_retry_after_is_honoured() -> None:
    slept: list[float] = []
    _calls, fn = _raiser(403, headers={"Retry-After": "7"})
    assert retry.call(fn, sleep=slept.append) == "ok"
    assert slept == [7.0]


def test_rate_limit_reset_is_waited_for() -> None:
    slept: list[float] = []
    headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1010"}
    _calls, fn = _raiser(403, headers=headers)
    retry.call(fn, sleep=slept.append, clock=lambda: 1000.0)
    assert slept == [11.0]


def test_a_long_wait_is_not_worth_it() -> None:
    _calls, fn = _raiser(429, headers={"Retry-After": "3600"})
    with pytest.raises(retry.GiveUp):
        retry.call(fn, sleep=lambda _s: None)


def test_attempts_are_bounded() -> None:
    calls, fn = _raiser(503, 503, 503, 503, 503)
    with pytest.raises(GithubException):
        retry.call(fn, sleep=lambda _s: None)
    assert len(calls) == retry.ATTEMPTS


@pytest.mark.parametrize("status", [401, 403, 404, 422])
def test_permanent_errors_are_not_retried(status: int) -> None:
    calls, fn = _raiser(status)
    with pytest.raises(GithubException):
        retry.call(fn, sleep=lambda _s: None)
    assert len(calls) == 1


@pytest.mark.parametrize("status", [403, 429])
def test_a_secondary_limit_without_retry_after_waits_a_minute(status: int) -> None:
    slept: list[float] = []
    said = {"message": "You have exceeded a secondary rate limit."}
    # The reset header is an hour away: a secondary limit is not about that budget.
    headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "4600"}
    calls = [GithubException(status, said, headers)]

    def fn() -> str:
        if calls:
            raise calls.pop()
        return "ok"

    assert retry.call(fn, sleep=slept.append, clock=lambda: 1000.0) == "ok"
    assert slept == [60.0]
