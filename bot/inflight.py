"""Acknowledgements first: background work yields while Slack requests wait for their answer.

Slack gives a request 3 s to be acknowledged; a notification, an opened modal or an answer sent
through response_url a few hundred milliseconds later is not noticed. So while requests are in
flight, the work listeners do after acknowledging and the outbox worker (its own thread, but the
same interpreter lock) wait until the answers are out, for at most `max_wait` each time so that
a steady stream of requests cannot starve them.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque


class Inflight:
    """Counts the Slack requests still waiting for their answer (entered and left on the serving
    loop, read from any thread)."""

    def __init__(self) -> None:
        self.count = 0
        self._turns: deque[asyncio.Future] = deque()

    def __enter__(self) -> Inflight:
        self.count += 1
        return self

    def __exit__(self, *_exc) -> None:
        self.count -= 1
        if not self.count:
            self._next_turn()

    async def quiet(self, max_wait: float = 0.5) -> None:
        """On the serving loop: return once no request waits for its answer (or after `max_wait`).

        Waiters go one per loop turn, in order: a request arriving meanwhile is read and counted
        before the next one goes, instead of queueing behind all of them at once.
        """
        if not self.count and not self._turns:
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max_wait
        first = True
        try:
            while True:
                turn = loop.create_future()
                # In order; one whose turn came as a new request arrived stays at the front.
                self._turns.append(turn) if first else self._turns.appendleft(turn)
                expire = loop.call_at(deadline, lambda t=turn: t.done() or t.set_result(None))
                try:
                    await turn
                finally:
                    expire.cancel()
                if not self.count or loop.time() >= deadline:
                    return
                first = False
        finally:
            loop.call_soon(self._next_turn)

    def _next_turn(self) -> None:
        if self.count:
            return  # the next request to be answered starts the next turn
        while self._turns:
            turn = self._turns.popleft()
            if not turn.done():
                turn.set_result(None)
                return

    async def quiet_from_thread(self, max_wait: float = 0.5, poll: float = 0.005) -> None:
        """The same for another thread's loop (the outbox worker): polls the count."""
        deadline = time.monotonic() + max_wait
        while self.count and time.monotonic() < deadline:
            await asyncio.sleep(poll)
