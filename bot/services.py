"""Everything a request handler needs, built once at start-up and handed to listeners.

A Bolt middleware puts it into every request's context as `svc` (handlers/__init__.py), so a
listener that names a `svc` parameter receives it, as Bolt passes any context key by name.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from bot.config import Settings
from bot.db import Database
from bot.directory import Directory
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
    _background: set[asyncio.Task] = field(default_factory=set)  # running after_ack() work
    # Reads run on threads of their own: writes waiting for SQLite's write lock (another process
    # holding it) fill the default thread pool, and reads (/healthz, listing reports) must not queue
    # behind them. Reads never wait for the lock (WAL), so a few threads are enough.
    _readers: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=4, thread_name_prefix="somevahti-read")
    )

    def after_ack(self, work: Awaitable[object]) -> None:
        """Run `work` (open a modal, answer through response_url) once this listener has returned.

        Bolt answers Slack when the listener returns (process_before_response, bot/app.py), so
        whatever must not delay the acknowledgement goes here. A failure is logged without its
        message, never raised: the answer is already out, and a message may quote what the user
        wrote.
        """
        task = asyncio.ensure_future(self._run(work))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    @staticmethod
    async def _run(work: Awaitable[object]) -> None:
        try:
            await work
        except Exception as exc:  # noqa: BLE001
            where = traceback.extract_tb(exc.__traceback__)[-1]
            log.error(
                "work after an acknowledgement failed: %s at %s:%s", type(exc).__name__, where.filename, where.lineno
            )

    async def finish_background_work(self, timeout: float = 10.0) -> None:
        """At shutdown: let work after acknowledgements end (a modal half-opened is a lost report)."""
        if self._background:
            await asyncio.wait(set(self._background), timeout=timeout)

    async def write(self, fn: Callable[..., T], *args) -> T:
        """Run `fn(session, *args)` in one transaction (in a thread), then wake the worker for what it owes.

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

        return await asyncio.get_running_loop().run_in_executor(self._readers, tx)
