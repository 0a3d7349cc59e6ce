"""Reads first: while other requests are being answered, terminology writes (proposals, reviews,
releases) take at most a set share of the server's time; alone, they run back to back.

A write measures the processor time it took (its thread's, the new version's index included);
the next write then starts no sooner than that time allows within the share: after a write of
`busy` seconds, `busy * (1 - share) / share` later (at most a second). Waiting writers queue in arrival order on the
event loop, holding no thread. Every new data version also renews what readers keep per version,
so spacing the versions spares the readers twice. One editor's or reviewer's click waits a few
tens of milliseconds at most; only a flood of writes is slowed, and only while others read.
"""

from __future__ import annotations

import asyncio
import time

from starlette.types import ASGIApp, Receive, Scope, Send

MAX_PAUSE_SECONDS = 1.0
"""The longest pause after one write (a release may take seconds): the next click waits no more."""


class WritePacing:
    """The write schedule of one served app (EXPORTGRAPH_WRITE_SHARE)."""

    def __init__(self, share: float) -> None:
        self.share = share  # above 0, at most 1 (exportgraph.settings)
        self.requests = 0
        """Requests being answered, writes included (counted by `CountRequests`)."""
        self.writes = 0
        """Writes being made or waiting for their turn."""
        self._next_start = 0.0
        self._turn: asyncio.Lock | None = None

    def others_answered(self) -> bool:
        """Whether requests other than writes are being answered now."""
        return self.requests > self.writes

    def pause_after(self, busy: float) -> float:
        """How long the writes after one of `busy` seconds wait while others are answered."""
        return min(MAX_PAUSE_SECONDS, busy * (1 - self.share) / self.share)

    def wait_at(self, now: float) -> float:
        """How long a write arriving at `now` (monotonic seconds) waits for its turn."""
        if self.share >= 1 or not self.others_answered():
            return 0.0
        return max(0.0, self._next_start - now)

    async def turn(self) -> None:
        """Wait for this write's turn (call `done` after the write, whatever its outcome)."""
        self.writes += 1
        if self.share >= 1:
            return
        if self._turn is None:
            self._turn = asyncio.Lock()  # bound to the served app's event loop on first use
        async with self._turn:  # writes take their turns in arrival order
            wait = self.wait_at(time.monotonic())
            if wait > 0:
                await asyncio.sleep(wait)

    def done(self, busy: float) -> None:
        """A write ended after `busy` seconds of processor time."""
        self.writes -= 1
        self._next_start = time.monotonic() + self.pause_after(busy)


class CountRequests:
    """ASGI middleware: count the requests being answered, for `WritePacing`."""

    def __init__(self, app: ASGIApp, pacing: WritePacing) -> None:
        self.app = app
        self.pacing = pacing

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.pacing.requests += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.pacing.requests -= 1
