"""Privacy (issue 6): no token, secret or personal data in the logs, even at DEBUG; a threat's
details reach only the people who handle it, never a channel, never a lock-screen preview.

End to end: the real app over HTTP, the Slack stand-in, every log record captured (root logger
and ours at DEBUG, as LOG_LEVEL=DEBUG would set them).
"""

from __future__ import annotations

import json
import logging
import re
from contextlib import contextmanager
from urllib.parse import quote, quote_plus

import pytest
from sqlalchemy import create_engine, text

from bot.sandbox import world

# Distinctive, so any trace of them is found (in JSON-escaped and URL-encoded forms as well).
THREAT = "Tiedän missä asut, Zorbulon. Tulen Pitkänsillankadulle ja sinä kadut."
SENDER = "Kvarkki Pahasalo"
LINK = "https://www.facebook.com/zorbulon.kvarkki/posts/777123"
SENDER_LINK = "https://www.facebook.com/kvarkki.pahasalo.9"
TARGET = "Zorbulonin perhe"
NOTE = "Poliisi puhutteli Kvarkin"
KOHU_WHAT = "Kirjaston Xylofoni-päivitys kerää vihaisia kommentteja"
KOHU_ACCOUNT = "Xylofonin kirjasto"
KOHU_LINK = "https://www.facebook.com/kokkolankaupunki/posts/xylofoni55"
SECRETS = (world.BOT_TOKEN, world.SIGNING_SECRET)
PERSONAL = (
    THREAT,
    "Zorbulon",
    SENDER,
    "Kvarkki",
    "Pahasalo",
    LINK,
    SENDER_LINK,
    "zorbulon.kvarkki",
    TARGET,
    NOTE,
    KOHU_WHAT,
    "Xylofoni",
    KOHU_ACCOUNT,
    KOHU_LINK,
)
THREAT_DETAILS = ("Zorbulon", SENDER, "Kvarkki", LINK, "zorbulon.kvarkki", SENDER_LINK, TARGET)


def forms(value: str) -> set[str]:
    """The ways a value can appear in a log line: as is, JSON-escaped, URL-encoded."""
    return {
        value,
        json.dumps(value)[1:-1],
        json.dumps(value, ensure_ascii=False)[1:-1],
        quote(value),
        quote_plus(value),
    }


def log_text(record: logging.LogRecord) -> str:
    parts = [record.name, str(record.msg)]
    try:
        parts.append(record.getMessage())
    except Exception:  # noqa: BLE001
        parts.append(repr(record.args))
    parts.append(repr(record.args))
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    parts.append(record.exc_text or "")
    parts.append(record.stack_info or "")
    return "\n".join(parts)


@contextmanager
def refusing_incident_writes(db_url: str):
    """A failing commit, so the error path's logging is exercised too."""
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TRIGGER refuse BEFORE INSERT ON incidents BEGIN SELECT RAISE(ABORT, 'no'); END"))
    try:
        yield
    finally:
        with engine.begin() as conn:
            conn.execute(text("DROP TRIGGER refuse"))
        engine.dispose()


def threat_flow(app) -> str:
    app.driver.slash("U0MAIJA", "/uhka", LINK)
    values = {"text": THREAT, "sender_name": SENDER, "sender_link": SENDER_LINK, "target": TARGET}
    with refusing_incident_writes(app.db_url):
        # Storing fails and is logged: the modal stays open, the user is told to try again.
        assert app.driver.view_submission("U0MAIJA", values=values).view is not None
    assert app.driver.view_submission("U0MAIJA", values=values).view is None  # stored this time
    app.standin.faults.add("chat.postMessage", "server_error_after", times=1)  # a retried delivery
    app.advance(seconds=10)
    app.advance(minutes=10)
    ref = "UHKA-2026-0001"
    # Nobody acknowledges: the safety chief hears after 30 minutes, the admins after 90.
    app.advance(minutes=31)
    app.advance(minutes=61)
    assert app.driver.slash("U0ADMIN", "/uhka", f"tila {ref}").ok
    assert app.driver.slash("U0ULKO", "/uhka", f"tila {ref}").ok  # refused: not a participant
    chief = app.standin.dm_messages("U0TYOSUOJ")[0]
    assert app.driver.press("U0TYOSUOJ", chief, "Kuittaa").ok
    assert app.driver.press("U0TYOSUOJ", chief, "Kuittaa").ok  # "already acknowledged"
    assert app.driver.press("U0TYOSUOJ", chief, "Sulje").ok
    assert app.driver.view_submission("U0TYOSUOJ", values={"note": NOTE}).view is None
    app.settle()
    return ref


def controversy_flow(app) -> None:
    app.driver.slash("U0MAIJA", "/kohu", f"{KOHU_WHAT} {KOHU_LINK}")
    assert app.driver.view_submission("U0MAIJA", values={"account": KOHU_ACCOUNT}).view is None
    app.settle()
    [alert] = app.standin.messages("C0MAVI")
    app.driver.press("U0ULKO", alert, "kohu_claim")  # refused politely
    app.driver.press("U0MAVI1", alert, "kohu_claim")
    app.advance(minutes=20)
    app.driver.press("U0MAVI1", app.standin.message("C0MAVI", alert["ts"]), "kohu_resolve")
    assert app.driver.view_submission("U0MAVI1", values={"summary": f"{KOHU_WHAT} rauhoittui"}).view is None
    app.settle()


def test_no_secret_or_personal_data_in_any_log_record_at_debug(app, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="somevahti")
    threat_flow(app)
    controversy_flow(app)
    app.restart()
    app.advance(minutes=5)

    records = [r for r in caplog.records if not r.name.startswith("standin")]  # the stand-in is Slack
    assert any(r.name.startswith("somevahti.outbox") for r in records)  # the retried delivery
    assert any(r.levelno >= logging.ERROR for r in records)  # the refused commit was logged ...
    for record in records:
        logged = log_text(record)
        for secret in SECRETS:
            assert secret not in logged, (record.name, logged[:500])
        assert not re.search(r"xox[abposr]-", logged), (record.name, logged[:500])
        for value in PERSONAL:
            for form in forms(value):
                assert form not in logged, (record.name, value, logged[:800])  # ... without the report


def test_threat_details_reach_only_the_people_handling_it(app):
    ref = threat_flow(app)
    details_seen_by: set[str] = set()
    for msg in app.standin.messages():
        shown = json.dumps({"text": msg.get("text"), "blocks": msg.get("blocks")}, ensure_ascii=False)
        versions = [shown] + [
            json.dumps({"text": e.get("text"), "blocks": e.get("blocks")}, ensure_ascii=False)
            for e in app.standin.edits(msg["channel"], msg["ts"])
        ]
        has_details = any(d in v for d in THREAT_DETAILS for v in versions)
        # Never in a channel, and never in the notification text a phone shows on its lock screen.
        assert not (has_details and not msg["channel"].startswith("D")), msg["channel"]
        for d in THREAT_DETAILS:
            assert d not in (msg.get("text") or ""), msg["text"]
        if has_details:
            details_seen_by.add(msg["channel"])
    people = {app.standin.im_channel(u): u for u in ("U0MAIJA", "U0ESIMIES", "U0TYOSUOJ", "U0ADMIN", "U0ULKO")}
    seen = {people.get(c, c) for c in details_seen_by}
    # The responders see the report; the reporter knows it; nobody else (not even the admins' DMs).
    assert {"U0ESIMIES", "U0TYOSUOJ"} <= seen <= {"U0MAIJA", "U0ESIMIES", "U0TYOSUOJ"}, seen
    # The admins got the alarm (nobody acknowledged in time) but not the report itself.
    admin = app.standin.dm_messages("U0ADMIN")
    assert admin and all(ref in m["text"] for m in admin)
    # An outsider asking for the status is told nothing about it.
    for eph in app.standin.ephemerals(user="U0ULKO"):
        assert not any(d in json.dumps(eph, ensure_ascii=False) for d in THREAT_DETAILS)
    for post in app.standin.response_url_posts():
        if post.get("user") == "U0ULKO":
            assert not any(d in json.dumps(post, ensure_ascii=False) for d in THREAT_DETAILS)
    assert app.standin.invalid_calls() == []


@pytest.fixture(autouse=True)
def _sqlite_only(app):
    # The refused-commit trigger above is SQLite syntax; the `app` fixture is SQLite.
    assert app.db_url.startswith("sqlite")
