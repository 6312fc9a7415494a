"""Everything a request handler needs, built once at start-up and handed to listeners.

A listener that declares a `svc` parameter receives this object (handlers/__init__.py).
"""

from __future__ import annotations

import asyncio
import logging
import time
import traceback
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from bot.config import Settings
from bot.db import Database
from bot.directory import Directory
from bot.inflight import MAX_WAIT, Inflight
from bot.intake import GroupCommit
from escalation.clock import Clock

T = TypeVar("T")
log = logging.getLogger("somevahti.services")


@dataclass
class Services:
    settings: Settings
    directory: Directory
    db: Database
    clock: Clock
    # Set by the server once the outbox worker exists; called after every commit that owes messages.
    wake_worker: Callable[[], None] = lambda: None
    cache: dict = field(default_factory=dict)  # small TTL caches (locales, memberships)
    # Slack requests waiting for their answer; work done after an ack waits for them first.
    inflight: Inflight = field(default_factory=Inflight)
    intake: GroupCommit = field(init=False)  # submitted forms, committed before their ack
    _queued: deque = field(default_factory=deque)  # after_ack() work not started yet: (deadline, work)
    _starter: asyncio.Task | None = None  # starts the queued work
    _after_ack: set = field(default_factory=set)  # running after_ack() work (kept referenced)

    def __post_init__(self) -> None:
        self.intake = GroupCommit(self.db)

    def after_ack(self, work: Awaitable[object]) -> None:
        """Run `work` after this request's acknowledgement, once the other requests in flight
        have theirs too (bot/inflight.py), and in any case within `inflight.MAX_WAIT`.

        Bolt answers Slack when the listener returns (process_before_response, bot/app.py), so
        whatever a listener does after ack() (open a modal, store a report, answer through
        response_url) goes here. A failure is logged, never raised: the answer is already out.
        In a burst, the work only joins a queue (no task per request while others wait for their
        answer); one starter task starts it, in order, one piece per loop turn.
        """
        self._queued.append((time.monotonic() + MAX_WAIT, work))
        if self._starter is None:
            self._starter = asyncio.ensure_future(self._start_queued())

    async def _start_queued(self) -> None:
        try:
            while self._queued:
                deadline, work = self._queued[0]
                await self.inflight.quiet(max_wait=max(0.0, deadline - time.monotonic()))
                self._queued.popleft()
                task = asyncio.ensure_future(self._run_after_ack(work, deadline))
                self._after_ack.add(task)
                task.add_done_callback(self._after_ack.discard)
                await asyncio.sleep(0)  # its first step before the next one's: requests get read in between
        finally:
            self._starter = None

    async def _run_after_ack(self, work: Awaitable[object], deadline: float) -> None:
        try:
            # Checked again: a request may have come in the loop turn between the starter's check
            # and this first step.
            await self.inflight.quiet(max_wait=max(0.0, deadline - time.monotonic()))
            await work
        except Exception as exc:  # noqa: BLE001
            where = traceback.extract_tb(exc.__traceback__)[-1]
            # The type and the place only: an error's message may quote what the user wrote.
            log.error("work after an acknowledgement failed: %s at %s:%s", type(exc).__name__,
                      where.filename, where.lineno)

    @property
    def after_ack_busy(self) -> bool:
        """Work after an acknowledgement is waiting or running."""
        return bool(self._queued or self._after_ack)

    async def write(self, fn: Callable[..., T], *args) -> T:
        """Run `fn(session, *args)` in one transaction, then wake the worker for what it owes.

        A unique-constraint conflict means a concurrent request stored the same thing first
        (the same modal twice, the same link reported at once), and a version conflict that a
        concurrent request changed the same incident first (a double click on PostgreSQL, where
        both requests read it before either committed): the transaction is run again, and `fn`'s
        own checks then find what the other request did (e.g. "already acknowledged").
        """

        result = await asyncio.to_thread(self.write_now, fn, *args)
        self.wake_worker()
        return result

    def write_now(self, fn: Callable[..., T], *args) -> T:
        """`write` for code already off the serving loop (the worker's jobs); blocking."""
        for attempt in range(3):
            try:
                with self.db.transaction() as s:
                    return fn(s, *args)
            except (IntegrityError, StaleDataError):
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def read(self, fn: Callable[..., T], *args) -> T:
        def tx():
            with self.db.reading() as s:
                return fn(s, *args)

        return await asyncio.to_thread(tx)
