"""Exactly once (issue 6): double clicks, Slack's retries and resubmitted modals change nothing twice.

End to end through signed requests and the Slack stand-in, on SQLite and (when
SOMEVAHTI_TEST_POSTGRES is set) PostgreSQL: concurrency shows differently on the two.
What is asserted is what people notice: one state change, one note to the reporter, one
timeline event, one alert, one message per recipient.
"""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.outbox import OutboxWorker
from bot.sandbox import world
from escalation import engine
from escalation.models import Incident, IncidentEvent, Notification
from escalation.policy import Level, Policy, Target
from handlers.render import render
from standin.driver import AsyncSlackDriver
from tests.support import replay, slack_worker

THREAT = "Tiedän missä asut. Tulen huomenna kirjastolle."
MAVI = "C0MAVI"


# -- helpers ---------------------------------------------------------------------------


def together(app, *calls):
    """Run driver calls at the same moment (each `calls` item: driver -> coroutine)."""

    async def go():
        async with AsyncSlackDriver(f"{app.url}/slack/events", world.SIGNING_SECRET, app.standin) as d:
            return await asyncio.gather(*(call(d) for call in calls))

    return asyncio.run(go())


def events(app, ref: str) -> list[str]:
    with app.db.transaction() as s:
        inc = s.execute(select(Incident).where(Incident.ref == ref)).scalar_one()
        return list(
            s.execute(
                select(IncidentEvent.type).where(IncidentEvent.incident_id == inc.id).order_by(IncidentEvent.id)
            ).scalars()
        )


def incidents(app) -> list[Incident]:
    with app.db.transaction() as s:
        return list(s.execute(select(Incident).order_by(Incident.id)).scalars())


def outbox_keys(app) -> list[str]:
    with app.db.transaction() as s:
        return list(s.execute(select(Notification.key)).scalars())


def report_threat(app) -> tuple[str, dict]:
    assert app.driver.slash("U0MAIJA", "/uhka").ok
    r = app.driver.view_submission("U0MAIJA", values={"text": THREAT})
    assert r.ok and r.view is None
    app.settle()
    [incident] = incidents(app)
    [sup] = app.standin.dm_messages("U0ESIMIES")
    return incident.ref, sup


def raise_controversy(app) -> tuple[str, dict]:
    assert app.driver.slash("U0MAIJA", "/kohu", "Kirjaston päivitys kerää vihaisia kommentteja").ok
    r = app.driver.view_submission("U0MAIJA", values={})
    assert r.ok and r.view is None
    app.settle()
    [incident] = incidents(app)
    [alert] = app.standin.messages(MAVI)
    return incident.ref, alert


# -- buttons ---------------------------------------------------------------------------


def test_double_click_on_kuittaa_acknowledges_once(server):
    app = server
    ref, sup = report_threat(app)
    first, second = together(
        app, lambda d: d.press("U0ESIMIES", sup, "Kuittaa"), lambda d: d.press("U0ESIMIES", sup, "Kuittaa")
    )
    # Slack re-sends the first press (its ack was slow): the same body with X-Slack-Retry-Num.
    retried = replay(app, first, retry_num=1, retry_reason="http_timeout")
    assert first.status_code == second.status_code == retried.status_code == 200
    app.settle()

    [incident] = incidents(app)
    assert (incident.status, incident.owner_id) == ("acknowledged", "U0ESIMIES")
    assert events(app, ref) == ["created", "acknowledged"]
    reporter = app.standin.dm_messages("U0MAIJA")
    assert len(reporter) == 2 and "kuittasi" in reporter[1]["text"]  # the confirmation + one note
    # The supervisor's message changed in place once; nothing new was posted to anyone.
    assert len(app.standin.edits(sup["channel"], sup["ts"])) == 1
    assert len(app.standin.dm_messages("U0ESIMIES")) == 1
    assert len(app.standin.calls("chat.postMessage")) == 3  # confirmation, supervisor, one reporter note
    assert app.standin.invalid_calls() == []


def test_two_people_pressing_kuittaa_at_once_give_one_owner(server):
    app = server
    ref, sup = report_threat(app)
    results = together(
        app, lambda d: d.press("U0ESIMIES", sup, "Kuittaa"), lambda d: d.press("U0ADMIN", sup, "Kuittaa")
    )
    assert [r.status_code for r in results] == [200, 200]
    app.settle()
    [incident] = incidents(app)
    assert incident.status == "acknowledged" and incident.owner_id in ("U0ESIMIES", "U0ADMIN")
    assert events(app, ref) == ["created", "acknowledged"]
    assert len(app.standin.dm_messages("U0MAIJA")) == 2
    # Whoever lost the race is told who has it, and nothing else.
    loser = ({"U0ESIMIES", "U0ADMIN"} - {incident.owner_id}).pop()
    [told] = app.standin.ephemerals(user=loser)
    assert ref in told["text"] and incident.owner_id in told["text"]


def test_double_click_on_otan_hoitaakseni_claims_once(server):
    app = server
    ref, alert = raise_controversy(app)
    first, second = together(
        app,
        lambda d: d.press("U0MAVI1", alert, "Otan hoitaakseni"),
        lambda d: d.press("U0MAVI1", alert, "Otan hoitaakseni"),
    )
    retried = replay(app, first, retry_num=1, retry_reason="http_timeout")
    assert first.status_code == second.status_code == retried.status_code == 200
    app.settle()

    [incident] = incidents(app)
    assert (incident.status, incident.owner_id) == ("acknowledged", "U0MAVI1")
    assert events(app, ref) == ["created", "acknowledged"]
    reporter = app.standin.dm_messages("U0MAIJA")
    assert len(reporter) == 2 and "hoitaakseen" in reporter[1]["text"]
    assert len(app.standin.edits(MAVI, alert["ts"])) == 1
    assert len(app.standin.messages(MAVI)) == 1
    assert app.standin.ephemerals(user="U0MAVI1") == []  # a double click is not an error
    assert app.standin.invalid_calls() == []


# -- resubmitted modals ----------------------------------------------------------------------


@pytest.mark.parametrize("flow", ["uhka", "kohu"])
def test_resubmitted_modal_stores_one_report_and_alerts_once(server, flow):
    """Two submissions of one modal at the same moment (a double click on Submit), then Slack
    re-sending the same body with and without X-Slack-Retry-Num."""
    app = server
    if flow == "uhka":
        assert app.driver.slash("U0MAIJA", "/uhka").ok
        values = {"text": THREAT}
    else:
        assert app.driver.slash("U0MAIJA", "/kohu", "Kirjaston päivitys kerää vihaisia kommentteja").ok
        values = {"links": "https://www.facebook.com/kokkolankaupunki/posts/123"}
    view = app.standin.open_view("U0MAIJA")
    first, second = together(
        app,
        lambda d: d.view_submission("U0MAIJA", view["id"], values),
        lambda d: d.view_submission("U0MAIJA", view["id"], values),
    )
    again = replay(app, first)
    retried = replay(app, first, retry_num=1, retry_reason="http_timeout")
    retried2 = replay(app, second, retry_num=2, retry_reason="http_timeout")
    # Every answer closes the modal: the report is stored, whichever request stored it.
    for r in (first, second, again, retried, retried2):
        assert r.status_code == 200 and r.text == "", (r.status_code, r.text)
    app.settle()
    app.advance(minutes=1)

    assert len(incidents(app)) == 1
    if flow == "uhka":
        assert len(app.standin.dm_messages("U0ESIMIES")) == 1
    else:
        assert len(app.standin.messages(MAVI)) == 1
    assert len(app.standin.dm_messages("U0MAIJA")) == 1  # one confirmation
    assert events(app, incidents(app)[0].ref) == ["created"]
    assert app.standin.invalid_calls() == []


# -- the outbox and the timers -----------------------------------------------------------------

POLICY = Policy(
    (
        Level((Target("user", "U0ESIMIES", "supervisor"),), 60),
        Level((Target("user", "U0TYOSUOJ", "safety_chief"),), 60),
    ),
    admins=("U0ADMIN",),
)


def test_owing_the_same_key_twice_adds_nothing(db, clock):
    target = Target("user", "U0ESIMIES", "supervisor")

    def owed(s) -> list[tuple[str, dict]]:
        rows = s.execute(select(Notification).where(Notification.key == "k:1")).scalars()
        return [(n.target_id, n.data) for n in rows]

    with db.transaction() as s:
        inc, _ = engine.open_incident(s, kind="threat", reporter="U0MAIJA", policy=POLICY, details={}, now=clock.now())
        before = s.execute(select(func.count()).select_from(Notification)).scalar_one()
        first = engine.owe(s, inc, "k:1", "threat.notify", target, clock.now())
        again = engine.owe(s, inc, "k:1", "threat.notify", Target("user", "U0ADMIN"), clock.now(), data={"x": 1})
        assert again == first and owed(s) == [("U0ESIMIES", {})]  # the first one stays, unchanged
        ref = inc.ref
    with db.transaction() as s:  # and in a later transaction
        inc = s.execute(select(Incident).where(Incident.ref == ref)).scalar_one()
        assert engine.owe(s, inc, "k:1", "threat.notify", target, clock.now()) == first
        assert owed(s) == [("U0ESIMIES", {})]
        # Notifying a level again (e.g. a retried escalation step) owes nothing new either.
        engine.notify_level(s, inc, 0, clock.now())
        assert s.execute(select(func.count()).select_from(Notification)).scalar_one() == before + 1


def _worker(db, clock) -> OutboxWorker:
    return slack_worker(db, clock, render=render)


def test_escalation_run_twice_at_the_same_time_adds_nothing(db, clock):
    """Two workers (threads, as two processes would) escalate the same due incidents at once."""
    refs = []
    for _ in range(12):
        with db.transaction() as s:
            refs.append(
                engine.open_incident(s, kind="threat", reporter="U0MAIJA", policy=POLICY, details={}, now=clock.now())[
                    0
                ].ref
            )
    clock.advance(seconds=61)
    workers = [_worker(db, clock), _worker(db, clock)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(w):
        start.wait()
        try:
            w._escalate_due()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    with db.transaction() as s:
        for inc in s.execute(select(Incident)).scalars():
            types = [e.type for e in inc.events]
            assert types == ["created", "escalated"], (inc.ref, types)
            assert inc.level == 1
        keys = list(s.execute(select(Notification.key)).scalars())
    for ref in refs:
        assert f"{ref}:notify:L1:user:U0TYOSUOJ" in keys
        assert len([k for k in keys if k.startswith(f"{ref}:reminder:")]) == 1
    # Running the step again when nothing is due adds nothing.
    count = len(keys)
    for w in workers:
        w._escalate_due()
    with db.transaction() as s:
        assert s.execute(select(func.count()).select_from(Notification)).scalar_one() == count


def test_stale_escalation_from_a_second_process_is_refused(db_url, clock):
    """PostgreSQL: two processes loaded the incident before either committed; the slower one's
    escalation is refused (version check), so the level is not skipped and nothing is owed twice."""
    if not db_url.startswith("postgresql"):
        pytest.skip("needs two concurrent transactions: SQLite serialises writers (BEGIN IMMEDIATE)")
    from sqlalchemy.orm.exc import StaleDataError

    from bot.db import Database

    a_db, b_db = Database(db_url), Database(db_url, run_migrations=False)
    a, b = a_db.session(), b_db.session()
    try:
        with a_db.transaction() as s:
            ref = engine.open_incident(
                s, kind="threat", reporter="U0MAIJA", policy=POLICY, details={}, now=clock.now()
            )[0].ref
        clock.advance(seconds=61)
        inc_a = a.execute(select(Incident).where(Incident.ref == ref)).scalar_one()
        inc_b = b.execute(select(Incident).where(Incident.ref == ref)).scalar_one()
        engine.escalate(b, inc_b, clock.now())
        b.commit()
        with pytest.raises(StaleDataError):
            engine.escalate(a, inc_a, clock.now() + timedelta(seconds=1))
            a.flush()
        a.rollback()
        with a_db.transaction() as s:
            inc = s.execute(select(Incident).where(Incident.ref == ref)).scalar_one()
            assert inc.level == 1 and [e.type for e in inc.events] == ["created", "escalated"]
            assert len(s.execute(select(Notification.key).where(Notification.key.like(f"{ref}:reminder:%"))).all()) == 1
    finally:
        a.close()
        b.close()
        a_db.dispose()
        b_db.dispose()
