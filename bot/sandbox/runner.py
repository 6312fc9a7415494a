"""The real app on loopback: uvicorn serving `http_app` in a thread, plus the sandbox's whole world.

`ServerThread` is shared with the end-to-end harness (tests/e2e.py imports it from here), so
the sandbox runs the bot exactly as the tests do: same Bolt app, handlers, database and outbox,
with the Slack stand-in (`standin/`) playing Slack.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import uvicorn
from pydantic import SecretStr
from sqlalchemy import func, select

from bot.config import Settings
from bot.directory import Directory, load_directory
from bot.sandbox import world
from bot.server import Runtime, build_runtime, http_app
from escalation.clock import FakeClock

if TYPE_CHECKING:
    from standin.driver import SlackDriver


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerThread:
    """uvicorn serving the real app in a background thread."""

    def __init__(self, runtime: Runtime, *, run_worker: bool):
        self.port = free_port()
        self.runtime = runtime
        config = uvicorn.Config(
            http_app(runtime, run_worker=run_worker),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="on",
            access_log=False,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def call(self, coro, timeout: float = 30):
        """Run a coroutine on the server's loop (where the app's client lives) and wait for it."""
        loop = self.runtime.loop
        if loop is None:  # the app's start-up (lifespan) sets it, before start() returns
            raise RuntimeError("the server has not started")
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout)


# How far the sandbox lets its clock jump on its own to deliver a notification whose short
# retry (e.g. "waiting for the thread's parent message", 1 s) falls just after "now".
_SHORT_RETRY_S = 10


class SandboxWorld:
    """Stand-in + real app + driver + FakeClock + a throw-away SQLite database.

    Everything runs on loopback; `close()` (or the context manager) stops the servers and
    deletes the temporary folder.
    """

    def __init__(
        self,
        *,
        start: datetime | None = None,
        directory: Directory | None = None,
        setup: Callable[[Runtime], None] | None = None,
    ):
        """`setup(runtime)` runs before the server starts (tests add listeners with it)."""
        from standin.driver import SlackDriver
        from standin.webapi import SlackStandIn, run_standin

        self.tmp = Path(tempfile.mkdtemp(prefix="somevahti-sandbox-"))
        self.clock = FakeClock(start or datetime.now(UTC).replace(second=0, microsecond=0))
        self.directory = directory or load_directory(world.DIRECTORY_FILE)
        # Slack's message timestamps follow the sandbox clock, so /wait moves them too.
        self._standin_cm = run_standin(SlackStandIn(world.workspace(), clock=lambda: self.clock.now().timestamp()))
        self.standin = self._standin_cm.__enter__()
        # Set once started; close() also runs when __init__ fails before that (`server`, `driver`).
        self._server: ServerThread | None = None
        self._driver: SlackDriver | None = None
        try:
            self.settings = Settings(
                slack_bot_token=SecretStr(world.BOT_TOKEN),
                slack_signing_secret=SecretStr(world.SIGNING_SECRET),
                slack_api_url=self.standin.base_url,
                database_url=f"sqlite:///{self.tmp}/sandbox.db",
                somevahti_directory=world.DIRECTORY_FILE,
                slack_app_token=None,
                _env_file=None,
            )
            self.runtime = build_runtime(self.settings, self.directory, clock=self.clock)
            # One delivery at a time, in the order owed (outbox id): concurrent posts would reach the
            # stand-in in a different order on each run, and the transcript's button numbers move.
            self.runtime.worker.concurrency = 1
            if setup is not None:
                setup(self.runtime)
            self._server = ServerThread(self.runtime, run_worker=False)
            self._server.start()
            self._baseline = self._server.call(tasks_now())
            # No ack deadline in the driver: the sandbox reports slow acks itself and carries on.
            self._driver = SlackDriver(
                f"http://127.0.0.1:{self._server.port}/slack/events",
                world.SIGNING_SECRET,
                self.standin,
                ack_timeout=None,
                timeout=60.0,
            )
        except BaseException:
            self.close()
            raise

    @property
    def server(self) -> ServerThread:
        assert self._server is not None, "__init__ starts the server or raises"
        return self._server

    @property
    def driver(self) -> SlackDriver:
        assert self._driver is not None, "__init__ makes the driver or raises"
        return self._driver

    # -- running ---------------------------------------------------------------------

    def quiesce(self, timeout: float = 20.0) -> bool:
        """Wait until the app has finished what it does after an ack (Bolt runs listeners on).

        Returns False if something was still running at the timeout.
        """
        return self.server.call(wait_for_tasks(self._baseline, timeout), timeout=timeout + 5)

    def settle(self) -> int:
        """Finish in-flight work, then deliver everything the outbox owes now.

        Returns how many notifications still wait for a later retry (e.g. after a failure).
        """
        self.quiesce()
        for _ in range(20):
            self.server.call(self.runtime.worker.drain(), timeout=120)
            count, due = self.server.call(self.runtime.svc.read(_pending))
            if due is None:
                return 0
            if due.tzinfo is None:
                due = due.replace(tzinfo=UTC)
            wait = (due - self.clock.now()).total_seconds()
            if wait > _SHORT_RETRY_S:
                return count
            if wait > 0:
                self.clock.advance(seconds=wait)
        return 0

    def advance(self, seconds: float) -> int:
        self.clock.advance(seconds=seconds)
        return self.settle()

    def close(self) -> None:
        if self._driver is not None:
            with contextlib.suppress(Exception):
                self._driver.close()
        if self._server is not None:
            self._server.stop()
            with contextlib.suppress(Exception):
                self.runtime.svc.db.dispose()
        with contextlib.suppress(Exception):
            self._standin_cm.__exit__(None, None, None)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> SandboxWorld:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


async def tasks_now() -> set:
    me = asyncio.current_task()
    return {t for t in asyncio.all_tasks() if t is not me}


async def wait_for_tasks(baseline: set, timeout: float) -> bool:
    me = asyncio.current_task()
    deadline = time.monotonic() + timeout
    # A request cycle may hand work to a new task just as the previous one ends: look twice.
    quiet_rounds = 0
    while quiet_rounds < 2:
        others = [t for t in asyncio.all_tasks() if t is not me and t not in baseline and not t.done()]
        if not others:
            quiet_rounds += 1
            await asyncio.sleep(0.01)
            continue
        quiet_rounds = 0
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        await asyncio.wait(others, timeout=min(left, 1.0))
    return True


def _pending(session) -> tuple[int, datetime | None]:
    from escalation.models import PENDING, Notification

    count, due = session.execute(
        select(func.count(Notification.id), func.min(Notification.next_attempt_at)).where(
            Notification.status == PENDING
        )
    ).one()
    return count, due
