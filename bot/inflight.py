"""Acknowledgements first: background work yields while Slack requests wait for their answer.

Slack gives a request 3 s to be acknowledged; a notification, an opened modal or an answer sent
through response_url a few hundred milliseconds later is not noticed. So while requests are in
flight, the work listeners do after acknowledging and the outbox worker (its own thread, but the
same interpreter lock) wait until the answers are out and no request came for a moment (a burst
arrives spread over milliseconds, and Bolt handles each request in one go, so "none in flight" alone
happens between every two of them); for at most `max_wait` each time, so that a steady stream of
requests cannot starve them. The garbage collector is held off the same way.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections import deque

# No request in flight and none for this long: the burst is over.
CALM = 0.01
# The garbage collector is held off at most this long at a time.
GC_MAX_HOLD = 0.5
# Work done after acknowledgements waits at most this long for a calm moment (a steady stream of
# requests must not starve it).
MAX_WAIT = 0.5


class Inflight:
    """Counts the Slack requests still waiting for their answer (entered and left on the serving
    loop, read from any thread)."""

    def __init__(self) -> None:
        self.count = 0
        self.last = 0.0  # time.monotonic() when a request last came or was answered
        self.arrived = self.before = 0.0  # when the latest request came, and the one before it
        self._turns: deque[asyncio.Future] = deque()
        self._timer: asyncio.TimerHandle | None = None
        self._gc_held_at: float | None = None  # when this turned the garbage collector off
        self._gc_timer: asyncio.TimerHandle | None = None

    def __enter__(self) -> Inflight:
        self.count += 1
        self.last = time.monotonic()
        self.before, self.arrived = self.arrived, self.last
        self._hold_gc()
        return self

    def __exit__(self, *_exc) -> None:
        self.count -= 1
        self.last = time.monotonic()
        if not self.count:
            self._next_turn()
            if self._gc_held_at is not None and self._gc_timer is None:
                self._gc_timer = asyncio.get_running_loop().call_later(CALM, self._release_gc_when_calm)

    # The garbage collector waits too: a collection (1-10 ms on this heap) would land on whichever
    # acknowledgement happened to trigger it. It is held from the first request of a burst until
    # the burst is over, and never longer than GC_MAX_HOLD at a time (under a steady stream of
    # requests it then collects during one of them).

    def _hold_gc(self) -> None:
        if self._gc_held_at is None:
            if gc.isenabled():  # (and if someone else turned it off, it stays theirs)
                gc.disable()
                self._gc_held_at = self.last
        elif self.last - self._gc_held_at > GC_MAX_HOLD:
            gc.enable()
            self._gc_held_at = None

    def release_gc(self) -> None:
        """Turn the collector back on now (the serving loop stops)."""
        if self._gc_held_at is not None:
            gc.enable()
            self._gc_held_at = None

    def _release_gc_when_calm(self) -> None:
        self._gc_timer = None
        if self._gc_held_at is None or self.count:
            return  # released already, or the next request to leave schedules this again
        wait = CALM - (time.monotonic() - self.last)
        if wait > 0:
            self._gc_timer = asyncio.get_running_loop().call_later(wait, self._release_gc_when_calm)
            return
        self.release_gc()

    def calm(self) -> bool:
        return not self.count and time.monotonic() - self.last >= CALM

    def burst(self) -> bool:
        """For a listener: other requests wait for their answer, or one came just before this one."""
        return self.count > 1 or time.monotonic() - self.before < CALM

    async def quiet(self, max_wait: float = MAX_WAIT) -> None:
        """On the serving loop: return once no request waits for its answer and none came for
        CALM seconds (or after `max_wait`).

        Waiters go one per loop turn, in order: a request arriving meanwhile is read and counted
        before the next one goes, instead of queueing behind all of them at once.
        """
        if not self._turns and self.calm():
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max_wait
        first = True
        try:
            while True:
                turn = loop.create_future()
                # In order; one whose turn came as a new request arrived stays at the front.
                self._turns.append(turn) if first else self._turns.appendleft(turn)
                self._next_turn()
                expire = loop.call_at(deadline, lambda t=turn: t.done() or t.set_result(None))
                try:
                    await turn
                finally:
                    expire.cancel()
                if self.calm() or loop.time() >= deadline:
                    return
                first = False
        finally:
            loop.call_soon(self._next_turn)

    def _next_turn(self) -> None:
        if self.count or not self._turns:
            return  # the next request to be answered starts the next turn
        wait = CALM - (time.monotonic() - self.last)
        if wait > 0:
            if self._timer is None:
                self._timer = asyncio.get_running_loop().call_later(wait, self._after_timer)
            return
        while self._turns:
            turn = self._turns.popleft()
            if not turn.done():
                turn.set_result(None)
                return

    def _after_timer(self) -> None:
        self._timer = None
        self._next_turn()

    async def quiet_from_thread(self, max_wait: float = MAX_WAIT, poll: float = 0.005) -> None:
        """The same for another thread's loop (the outbox worker): polls."""
        deadline = time.monotonic() + max_wait
        while not self.calm() and time.monotonic() < deadline:
            await asyncio.sleep(poll)
