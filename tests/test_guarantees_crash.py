"""Crash safety (issue 6): Slack hears "done" only after what the request owes is committed; a
refused commit answers an error (so the user can retry) and leaves nothing half-stored; a restart
delivers every owed notification and keeps every timer, once.

The database is made to refuse from another connection while the app runs: a table renamed away
(the first statement fails), or a trigger refusing new rows (after the incident and its timeline
were written, which must be rolled back with them). A /uhka report, like a /kohu alert, is stored
whole before the answer, so any refusal is refused to the user. The kill -9 run is in
benchmarks/load_fault.py.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, select, text

from escalation.models import PENDING, SENT, Incident, IncidentEvent, Notification, RefCounter

THREAT = "Tiedän missä asut. Tulen huomenna kirjastolle."
MAVI = "C0MAVI"


@contextmanager
def refusing(db_url: str, mode: str, table: str | None = None):
    """The database refuses the app's writes until the block ends: `table` renamed away
    (default incidents), or new rows of `table` refused (default notifications)."""
    engine = create_engine(db_url)
    pg = engine.dialect.name == "postgresql"
    if mode == "table_gone":
        table = table or "incidents"
        do = [f"ALTER TABLE {table} RENAME TO {table}_away"]
        undo = [f"ALTER TABLE {table}_away RENAME TO {table}"]
    elif pg:
        table = table or "notifications"
        do = [
            "CREATE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'writes refused'; END $$",
            f"CREATE TRIGGER refuse_writes BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_writes()",
        ]
        undo = [f"DROP TRIGGER refuse_writes ON {table}", "DROP FUNCTION refuse_writes()"]
    else:
        table = table or "notifications"
        do = [f"CREATE TRIGGER refuse_writes BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'writes refused'); END"]
        undo = ["DROP TRIGGER refuse_writes"]
    try:
        with engine.begin() as conn:
            for sql in do:
                conn.execute(text(sql))
        yield
    finally:
        with engine.begin() as conn:
            for sql in undo:
                conn.execute(text(sql))
        engine.dispose()


def stored(app) -> dict:
    """Everything the database holds about incidents, comparable before and after."""
    with app.db.transaction() as s:
        return {
            "incidents": [
                (i.ref, i.status, i.level, i.owner_id, i.next_escalation_at)
                for i in s.execute(select(Incident).order_by(Incident.id)).scalars()
            ],
            "events": [
                (e.incident_id, e.type) for e in s.execute(select(IncidentEvent).order_by(IncidentEvent.id)).scalars()
            ],
            "outbox": sorted(s.execute(select(Notification.key)).scalars()),
            "refs": [(r.prefix, r.year, r.last) for r in s.execute(select(RefCounter)).scalars()],
        }


def posts(app) -> list[str]:
    return [c.args.get("text") or "" for c in app.standin.calls("chat.postMessage") if c.ok]


def _incidents(app) -> list[Incident]:
    with app.db.transaction() as s:
        return list(s.execute(select(Incident).order_by(Incident.id)).scalars())


# -- a refused commit ----------------------------------------------------------------------------


def _open_report(app, flow: str) -> dict:
    if flow == "uhka_modal":
        assert app.driver.slash("U0MAIJA", "/uhka").ok
        return {"text": THREAT}
    assert app.driver.slash("U0MAIJA", "/kohu", "Kirjaston päivitys kerää vihaisia kommentteja").ok
    return {"links": "https://www.facebook.com/kokkolankaupunki/posts/123"}


def _reported(app, flow: str) -> tuple[str, dict]:
    """A stored, delivered report and the message its responder presses."""
    values = _open_report(app, "uhka_modal" if flow == "uhka_ack" else "kohu_modal")
    assert app.driver.view_submission("U0MAIJA", values=values).view is None
    app.settle()
    if flow == "uhka_ack":
        return "U0ESIMIES", app.standin.dm_messages("U0ESIMIES")[0]
    return "U0MAVI1", app.standin.messages(MAVI)[0]


CASES = [
    ("uhka_modal", "table_gone"),
    ("uhka_modal", "late_refusal"),
    ("kohu_modal", "late_refusal"),
    ("uhka_ack", "late_refusal"),
    ("kohu_claim", "late_refusal"),
]


@pytest.mark.parametrize(("flow", "mode"), CASES, ids=[f"{f}-{m}" for f, m in CASES])
def test_a_refused_commit_is_not_acknowledged_and_leaves_nothing(server, db_url, flow, mode):
    app = server
    if flow.endswith("_modal"):
        values = _open_report(app, flow)
        presser = None
    else:
        presser, target = _reported(app, flow)
    before, posted_before = stored(app), len(posts(app))

    with refusing(db_url, mode):
        if presser is None:
            r = app.driver.view_submission("U0MAIJA", values=values)
            # Not a 200 that closes the modal: Slack shows the user an error, the form stays open.
            assert r.status_code != 200 and r.view is not None, (r.status_code, r.text)
        else:
            label = "Kuittaa" if flow == "uhka_ack" else "Otan hoitaakseni"
            r = app.driver.press(presser, target, label)
            assert r.status_code != 200, (r.status_code, r.text)
    app.settle()
    assert stored(app) == before  # nothing half-stored: no incident, event, outbox row or used ref
    # Nobody was notified of anything; the user only heard that it failed and may retry.
    new = posts(app)[posted_before:]
    assert all("Jokin meni vikaan" in t for t in new), new

    # The database is back: the same modal submitted again / the button pressed again.
    if presser is None:
        r = app.driver.view_submission("U0MAIJA", values=values)
        assert r.status_code == 200 and r.view is None
        app.settle()
        [incident] = _incidents(app)
        assert incident.ref.endswith("-2026-0001")  # the refused attempt used no number
        confirmations = [m for m in app.standin.dm_messages("U0MAIJA") if incident.ref in m["text"]]
        assert len(confirmations) == 1
        told = app.standin.dm_messages("U0ESIMIES") if flow == "uhka_modal" else app.standin.messages(MAVI)
        assert len(told) == 1
    else:
        assert app.driver.press(presser, target, label).status_code == 200
        app.settle()
        [incident] = _incidents(app)
        assert (incident.status, incident.owner_id) == ("acknowledged", presser)
        assert [t for _, t in stored(app)["events"]] == ["created", "acknowledged"]
        notes = [m for m in app.standin.dm_messages("U0MAIJA")[1:] if "Jokin meni vikaan" not in m["text"]]
        assert len(notes) == 1  # the reporter hears once
    assert app.standin.invalid_calls() == []


def test_owed_notifications_and_timers_survive_a_restart(server):
    app = server
    # The first post reaches Slack but its answer is lost; after that Slack fails every post.
    app.standin.faults.add("chat.postMessage", "server_error_after", times=1)
    app.standin.faults.add("chat.postMessage", "server_error", times=None)
    for user, command, values in (
        ("U0MAIJA", "/uhka", {"text": THREAT}),
        ("U0PEKKA", "/uhka", {"text": THREAT, "danger": ["danger"]}),
        ("U0MAIJA", "/kohu", {"what": "Kohu kirjaston päivityksestä"}),
    ):
        assert app.driver.slash(user, command).ok
        assert app.driver.view_submission(user, values=values).view is None  # stored: the user saw it
    for _ in range(3):
        app.advance(minutes=1)  # the worker keeps trying; Slack keeps failing
    before = stored(app)
    with app.db.transaction() as s:
        owed = s.execute(select(Notification).where(Notification.status == PENDING)).scalars().all()
    assert len(owed) >= 6 and len(app.standin.messages()) == 1  # only the post whose answer was lost

    app.restart()
    assert stored(app) == before  # every stored incident intact
    app.standin.faults.clear()
    app.advance(minutes=6)  # past every backoff (at most 30 s) and Retry-After
    app.advance(minutes=6)
    app.advance(minutes=30)  # and the timers: open reports escalate now, after the restart

    with app.db.transaction() as s:
        rows = s.execute(select(Notification)).scalars().all()
    assert [r.key for r in rows if r.status != SENT] == []
    for row in rows:
        if row.op == "post" and row.target_kind in ("user", "channel"):
            found = app.standin.messages_with_metadata("key", row.key)
            assert len(found) == 1, (row.key, len(found))  # delivered, once
    assert len(app.standin.messages_with_metadata("key", "UHKA-2026-0001:notify:L1:user:U0TYOSUOJ")) == 1
    types = {i.ref: [e.type for e in i.events] for i in _incidents_with_events(app)}
    assert types["UHKA-2026-0001"] == ["created", "escalated"]  # the timer ran once, after the restart
    assert types["KOHU-2026-0001"] == ["created", "escalated"]
    assert app.standin.invalid_calls() == []


def _incidents_with_events(app) -> list[Incident]:
    with app.db.transaction() as s:
        found = list(s.execute(select(Incident).order_by(Incident.id)).scalars())
        for inc in found:
            _ = inc.events  # load while the session is open
        return found
