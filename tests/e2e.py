"""End-to-end harness: the real server (uvicorn + Bolt) on loopback, the Slack stand-in
for its Web API calls, and a driver that sends signed requests exactly as Slack does.

    def test_something(app):            # `app` fixture from tests/conftest.py
        app.driver.slash("U0MAIJA", "/some")
        app.settle()                     # deliver everything the outbox owes now
        app.advance(minutes=31)          # move time forward; due escalations run

The world (people, channels, directory) is the sandbox's: bot/sandbox/world.py.
"""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from bot.directory import Directory, load_directory
from bot.sandbox import world
from bot.sandbox.runner import ServerThread, free_port, tasks_now, wait_for_tasks  # noqa: F401
from bot.server import build_runtime
from escalation.clock import FakeClock
from standin.driver import SlackDriver
from standin.webapi import SlackStandIn, run_standin


class SettledDriver:
    """The driver, returning only once the app has also done what it does after acknowledging,
    as a person watching Slack would see it (the modal open, the ephemeral message shown)."""

    def __init__(self, driver: SlackDriver, quiesce):
        self._driver, self._quiesce = driver, quiesce

    def __getattr__(self, name: str):
        attr = getattr(self._driver, name)
        if name.startswith("_") or not callable(attr):
            return attr

        def call(*args, **kwargs):
            try:
                return attr(*args, **kwargs)
            finally:
                self._quiesce()

        return call


class AppHarness:
    def __init__(
        self,
        tmp_path: Path,
        clock: FakeClock,
        *,
        db_url: str | None = None,
        directory: Directory | None = None,
        run_worker: bool = False,
        standin: SlackStandIn | None = None,
    ):
        """`standin`: share another harness's Slack stand-in (a second process of the same app);
        it is then left running by close()."""
        self.clock = clock
        self.tmp_path = tmp_path
        self.db_url = db_url or f"sqlite:///{tmp_path}/e2e.db"
        self.directory = directory or load_directory(world.DIRECTORY_FILE)
        self.run_worker = run_worker
        # The stand-in stamps messages with the same (fake) clock as the app, as Slack and a
        # server with a synchronised clock would.
        self._standin_cm = (
            None
            if standin is not None
            else run_standin(SlackStandIn(world.workspace(), clock=lambda: clock.now().timestamp()))
        )
        self.standin: SlackStandIn = standin if standin is not None else self._standin_cm.__enter__()
        self.settings = Settings(
            slack_bot_token=world.BOT_TOKEN,
            slack_signing_secret=world.SIGNING_SECRET,
            slack_api_url=self.standin.base_url,
            database_url=self.db_url,
            somevahti_directory=world.DIRECTORY_FILE,
            _env_file=None,
        )
        self._start()

    def _start(self) -> None:
        self.runtime = build_runtime(self.settings, self.directory, clock=self.clock)
        self.server = ServerThread(self.runtime, run_worker=self.run_worker)
        self.server.start()
        self.url = f"http://127.0.0.1:{self.server.port}"
        self.calls_at_start = len(self.standin.calls())
        self._baseline = self.server.call(tasks_now())
        self.driver = SettledDriver(
            SlackDriver(f"{self.url}/slack/events", world.SIGNING_SECRET, self.standin), self.quiesce
        )

    def quiesce(self, timeout: float = 20.0) -> None:
        """Wait until the app has finished what it does after an ack (e.g. opening a modal)."""
        self.server.call(wait_for_tasks(self._baseline, timeout), timeout=timeout + 5)

    @property
    def db(self):
        return self.runtime.svc.db

    def settle(self) -> None:
        """Deliver everything due now, as the background worker would."""
        self.server.call(self.runtime.worker.drain())

    def advance(self, **delta) -> None:
        self.clock.advance(**delta)
        self.settle()

    def restart(self) -> None:
        """Stop the process's server and start a fresh one on the same database and stand-in."""
        self.server.stop()
        self.runtime.svc.db.dispose()
        self._start()

    def close(self) -> None:
        self.server.stop()
        self.runtime.svc.db.dispose()
        if self._standin_cm is not None:
            self._standin_cm.__exit__(None, None, None)
