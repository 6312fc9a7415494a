"""End-to-end harness for Teams: the real server (uvicorn, the Teams SDK on /api/messages) with a
Teams-only configuration, against the Teams stand-in, driven by activities signed as Teams signs them.

    def test_something(teams_app):      # fixture in tests/test_teams_ohje.py etc.
        r = teams_app.driver.message("maija", "saako kommentin poistaa")
        [msg] = teams_app.teams.personal_messages("maija")

Tests share one stand-in per module (`teams_server`), reset before each test.
"""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from bot.directory import Directory, load_directory
from bot.sandbox import world
from bot.sandbox.runner import ServerThread
from bot.server import build_runtime
from escalation.clock import FakeClock
from standin.teams import TeamsDriver, TeamsStandIn


def teams_settings(teams: TeamsStandIn, db_url: str, **overrides) -> Settings:
    return Settings(
        teams_client_id=teams.bot.client_id,
        teams_client_secret=teams.bot.client_secret,
        teams_tenant_id=teams.tenant.id,
        teams_service_url=teams.service_url,
        teams_login_endpoint=teams.login_endpoint,
        teams_openid_metadata_url=teams.openid_metadata_url,
        database_url=db_url,
        somevahti_directory=world.DIRECTORY_FILE,
        _env_file=None,
        **overrides,
    )


class TeamsHarness:
    def __init__(self, tmp_path: Path, clock: FakeClock, teams: TeamsStandIn, *, directory: Directory | None = None):
        self.clock, self.teams = clock, teams
        self.settings = teams_settings(teams, f"sqlite:///{tmp_path}/teams-e2e.db")
        self.runtime = build_runtime(self.settings, directory or load_directory(world.DIRECTORY_FILE), clock=clock)
        self.server = ServerThread(self.runtime, run_worker=False)
        self.server.start()
        self.url = f"http://127.0.0.1:{self.server.port}"
        self.driver = TeamsDriver(self.url + "/api/messages", teams)

    @property
    def db(self):
        return self.runtime.svc.db

    def settle(self) -> None:
        """Deliver everything the outbox owes now, as the background worker would."""
        self.server.call(self.runtime.worker.drain())

    def close(self) -> None:
        self.driver.close()
        self.server.stop()
        self.db.dispose()
