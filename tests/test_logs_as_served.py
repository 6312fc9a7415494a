"""Privacy in the logs with logging set up exactly as `somevahti serve` sets it up (review issue 12 #1).

Bolt creates its loggers (`slack_bolt.AsyncApp`, `slack_bolt.RequestVerification`, one per
listener ...) when the app is built and copies the root logger's level onto each. `serve` raises
the level first and builds the app after, so this test does the same: the level is set by the very
function `serve` calls, the app is built afterwards, and every record any logger emits is caught
by a handler on the root logger (added after the set-up, so no filter of ours applies to it).
"""

from __future__ import annotations

import logging
import re
import time
from urllib.parse import urlencode

import httpx
import pytest
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.cli import setup_logging
from bot.sandbox import world
from tests.test_guarantees_privacy import PERSONAL, SECRETS, THREAT, forms, log_text, threat_flow

LIBRARIES = ("slack_bolt", "slack_sdk", "aiohttp", "httpx", "httpcore", "uvicorn")


class Everything(logging.Handler):
    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def served_logging():
    """Logging as `serve` configures it at LOG_LEVEL=DEBUG; everything restored afterwards."""
    root = logging.getLogger()
    saved_level, saved_handlers = root.level, list(root.handlers)
    saved_filters = {h: list(h.filters) for h in root.handlers}
    saved_levels = {
        name: lg.level for name, lg in logging.Logger.manager.loggerDict.items() if isinstance(lg, logging.Logger)
    }
    setup_logging("DEBUG")
    assert root.level == logging.DEBUG
    catch = Everything()
    root.addHandler(catch)
    yield catch
    root.removeHandler(catch)
    for h in root.handlers:
        if h not in saved_handlers:
            root.removeHandler(h)
    for h, filters in saved_filters.items():
        h.filters[:] = filters
    root.setLevel(saved_level)
    for name, lg in logging.Logger.manager.loggerDict.items():
        if isinstance(lg, logging.Logger) and name in saved_levels:
            lg.setLevel(saved_levels[name])


@pytest.fixture
def app(served_logging, tmp_path, clock):
    """The app built after logging was raised to DEBUG, as `serve` builds it."""
    from tests.e2e import AppHarness

    harness = AppHarness(tmp_path, clock)
    yield harness
    harness.close()


def threat_submission_body() -> str:
    return urlencode(
        {
            "command": "/uhka",
            "text": THREAT,
            "user_id": "U0MAIJA",
            "channel_id": "C0SOME",
            "team_id": "T0KOKKOLA",
            "response_url": "https://hooks.slack.invalid/x",
            "trigger_id": "1.2.3",
        }
    )


def test_nothing_personal_in_any_record_with_logging_as_served_at_debug(app, served_logging):
    body = threat_submission_body()
    sign = app.driver._driver.sign
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    # Unsigned (a forger, or the log-forging attempt of issue 12 #1), over HTTP ...
    r = httpx.post(
        f"{app.url}/slack/events",
        content=body,
        headers={**headers, **sign(body), "X-Slack-Signature": "v0=" + "0" * 64},
        trust_env=False,
    )
    assert r.status_code == 401
    # ... correctly signed but five minutes and more off (a server clock that drifted) ...
    r = httpx.post(
        f"{app.url}/slack/events",
        content=body,
        headers={**headers, **sign(body, int(time.time()) - 6 * 60)},
        trust_env=False,
    )
    assert r.status_code == 401
    # ... and both handed to Bolt itself, as Socket Mode or another adapter would.
    for h in ({**sign(body), "X-Slack-Signature": "v0=" + "0" * 64}, sign(body, int(time.time()) - 6 * 60)):
        resp = app.server.call(app.runtime.app.async_dispatch(AsyncBoltRequest(body=body, headers={**headers, **h})))
        assert resp.status == 401
    # A whole report and its answers, at DEBUG.
    threat_flow(app)
    app.driver.slash("U0MAIJA", "/uhka", "tila UHKA-2026-0001")
    app.settle()

    records = [r for r in served_logging.records if not r.name.startswith("standin")]  # the stand-in is Slack
    assert records, "nothing was logged at all: the capture is broken"
    for record in records:
        logged = log_text(record)
        for secret in SECRETS:
            assert secret not in logged, (record.name, logged[:500])
        assert not re.search(r"xox[abposr]-", logged), (record.name, logged[:500])
        for value in PERSONAL:
            for form in forms(value):
                assert form not in logged, (record.name, value, logged[:800])
    # Nor anything else from the libraries below WARNING (request and answer bodies, headers).
    for record in records:
        if record.name.startswith(LIBRARIES):
            assert record.levelno >= logging.WARNING, (record.name, record.levelname, log_text(record)[:300])


def test_library_loggers_created_later_stay_quiet(served_logging):
    """A logger a library creates after start-up, copying the root's level onto itself as Bolt does,
    emits nothing below WARNING."""
    from slack_bolt.logger import get_bolt_app_logger, get_bolt_logger

    class Later:
        pass

    for logger in (
        get_bolt_logger(Later),
        logging.getLogger("slack_sdk.socket_mode.later"),
        logging.getLogger("uvicorn.error.later"),
        logging.getLogger("httpcore.later"),
    ):
        logger.setLevel(logging.DEBUG)  # what _configure_from_root does, in effect
        logger.info("body=%s", THREAT)
        logger.debug("body=%s", THREAT)
    # Bolt's per-listener loggers are named after the app; the app hands Bolt a pinned base logger.
    from bot.app import BOLT_LOGGER

    get_bolt_app_logger("app.py", Later, logging.getLogger(BOLT_LOGGER)).info("body=%s", THREAT)
    assert not [r for r in served_logging.records if THREAT in log_text(r)]
    assert world.BOT_TOKEN  # the world is importable (used by the e2e test above)
