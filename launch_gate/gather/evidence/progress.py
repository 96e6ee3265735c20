"""One self-rewriting progress line on a terminal, while the wait is noticeable."""

from __future__ import annotations

import asyncio
import time
from typing import TextIO

# Below this much estimated time left, a progress line is more flicker than help.
WORTH_SHOWING = 1.0
TICK = 0.2


class Progress:
    def __init__(self, total: int, stream: TextIO | None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.shown = False
        self.start = time.monotonic()

    def tick(self) -> None:
        self.done += 1

    def remaining(self) -> float | None:
        """Seconds left, estimated from the pace so far; None while nothing is done."""
        if self.done == 0:
            return None
        elapsed = time.monotonic() - self.start
        return elapsed / self.done * (self.total - self.done)

    def line(self) -> str | None:
        left = self.remaining()
        elapsed = time.monotonic() - self.start
        if left is None:
            return f"checking evidence: 0/{self.total}" if elapsed > WORTH_SHOWING else None
        if left <= WORTH_SHOWING:
            return None
        return f"checking evidence: {self.done}/{self.total}, about {left:.0f} s left"

    async def run(self) -> None:
        if self.stream is None:
            return
        try:
            while self.done < self.total:
                await asyncio.sleep(TICK)
                text = self.line()
                if text is not None:
                    self.stream.write(f"\r\x1b[2K{text}")
                    self.stream.flush()
                    self.shown = True
                elif self.shown:
                    self.clear()
        finally:
            self.clear()

    def clear(self) -> None:
        if self.stream is not None and self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False
