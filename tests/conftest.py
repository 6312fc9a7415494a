"""Shared fixtures. End-to-end fixtures (the real app over HTTP + the Slack stand-in) live in tests/e2e.py."""

from datetime import UTC, datetime

import pytest

from bot.db import Database
from escalation.clock import FakeClock


@pytest.fixture
def clock():
    return FakeClock(datetime(2026, 11, 28, 10, 0, tzinfo=UTC))


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path}/test.db")
    yield database
    database.dispose()
