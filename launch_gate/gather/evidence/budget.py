"""A total deadline for one request, across its redirect hops and body reads.

httpx's timeout bounds each connect and each read, so a server that trickles a
byte every second, or sends headers and never the body, could hold a request
for ever. The budget is spent only while a request holds its slots: time spent
queueing behind other links is not the server's doing.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class Budget:
    """The seconds one request may still take."""

    def __init__(self, seconds: float) -> None:
        self.left = seconds

    @asynccontextmanager
    async def spend(self) -> AsyncIterator[None]:
        """Raise TimeoutError inside the block once the budget runs out."""
        start = time.monotonic()
        try:
            # With nothing left, asyncio.timeout expires at the first await inside.
            async with asyncio.timeout(self.left):
                yield
        finally:
            self.left -= time.monotonic() - start
