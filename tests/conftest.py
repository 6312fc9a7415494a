"""Shared fixtures. End-to-end fixtures (the real app over HTTP + the Slack stand-in) live in tests/e2e.py.

`db` runs each storage test on SQLite and, when SOMEVAHTI_TEST_POSTGRES names a
PostgreSQL URL (as .ci/run sets it), on PostgreSQL too.
"""

import os
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text

from bot.db import Database
from escalation.clock import FakeClock

POSTGRES_URL = os.environ.get("SOMEVAHTI_TEST_POSTGRES")
BACKENDS = ["sqlite", "postgres"] if POSTGRES_URL else ["sqlite"]


@pytest.fixture
def clock():
    return FakeClock(datetime(2026, 11, 28, 10, 0, tzinfo=UTC))


def fresh_postgres() -> str:
    """An empty schema, so migrations run from scratch as on a new installation."""
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return POSTGRES_URL


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    if request.param == "postgres":
        return fresh_postgres()
    return f"sqlite:///{tmp_path}/test.db"


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def app(tmp_path, clock):
    """The real app over HTTP against the Slack stand-in (see tests/e2e.py)."""
    from tests.e2e import AppHarness

    harness = AppHarness(tmp_path, clock)
    yield harness
    harness.close()


@pytest.fixture
def server(tmp_path, clock, db_url):
    """The real app over HTTP, on each database backend (see `db_url`)."""
    from tests.e2e import AppHarness

    harness = AppHarness(tmp_path, clock, db_url=db_url)
    yield harness
    harness.close()
