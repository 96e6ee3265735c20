"""One wall-clock deadline for a whole run, and blocking work that must not outlive it.

PyGithub and the resolver block in C code that no timeout of ours can interrupt,
and `asyncio.to_thread` workers are joined when the interpreter exits, so a
stuck request there would hold the process however short our own timeouts are.
Work that may hang therefore runs in a daemon thread: we stop waiting for it at
the deadline, and the interpreter does not wait for it at exit.
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

# The run's deadline (`time.monotonic()`), set once by the Action: a retry that
# would sleep past it gives up at once instead of being cut off mid-sleep.
RUN_DEADLINE: ContextVar[float | None] = ContextVar("RUN_DEADLINE", default=None)


class DeadlineHit(Exception):
    """The work was still running when its time ran out; it is abandoned, not killed."""


class Deadline:
    """A point in `time.monotonic()` time, fixed when the run starts."""

    def __init__(self, seconds: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.end = clock() + seconds

    def remaining(self) -> float:
        return max(0.0, self.end - self.clock())

    def until(self, fraction: float) -> float:
        """The monotonic time at which `fraction` of the whole budget is spent."""
        return self.end - self.seconds * (1.0 - fraction)


def call_within(fn: Callable[[], T], seconds: float) -> T:
    """`fn()`, or `DeadlineHit` after `seconds`; its own exceptions are re-raised."""
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the caller, never printed by the thread
            box["error"] = exc

    # The caller's context variables (such as RUN_DEADLINE) go along.
    context = contextvars.copy_context()
    thread = threading.Thread(
        target=context.run, args=(work,), name="launch-gate-deadline", daemon=True
    )
    thread.start()
    thread.join(max(0.0, seconds))
    if thread.is_alive():
        raise DeadlineHit(f"still running after {seconds:.0f} s")
    if "error" in box:
        error = box["error"]
        assert isinstance(error, BaseException)
        raise error
    return box["value"]  # type: ignore[return-value]


async def in_daemon_thread(fn: Callable[[], T]) -> T:
    """Like `asyncio.to_thread`, but a cancelled caller leaves nothing to join at exit."""
    import asyncio  # loaded by the caller already; the Action's offline runs never need it

    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(value: T | None, error: BaseException | None) -> None:
        if future.done():  # the caller was cancelled at the deadline
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)  # type: ignore[arg-type]

    def work() -> None:
        try:
            result: tuple[T | None, BaseException | None] = (fn(), None)
        except BaseException as exc:
            result = (None, exc)
        # A closed loop raises RuntimeError: nobody is waiting for this answer any more.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(settle, *result)

    threading.Thread(target=work, name="launch-gate-lookup", daemon=True).start()
    return await future
