"""More than one process (issue 6): two app runtimes on one PostgreSQL database share the work;
every notification and every escalation step happens exactly once and no row is left behind.

Each runtime is a whole server as `somevahti serve` builds it (its own uvicorn, Bolt app, database
engine and outbox worker), both talking to one Slack stand-in. Messages are counted by the
metadata key the outbox stamps on every post (`standin.messages_with_metadata`).
PostgreSQL only: set SOMEVAHTI_TEST_POSTGRES (as .ci/run does).
"""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.db import Database
from bot.sandbox import world
from escalation import engine
from escalation.models import PENDING, SENT, Incident, Notification
from escalation.policy import Level, Policy, Target
from standin.driver import AsyncSlackDriver
from tests.conftest import POSTGRES_URL, fresh_postgres
from tests.e2e import AppHarness
from tests.support import slack_worker

pytestmark = pytest.mark.skipif(
    not POSTGRES_URL, reason="two processes share work only on PostgreSQL; set SOMEVAHTI_TEST_POSTGRES"
)

THREAT = "Tiedän missä asut."
MAVI = "C0MAVI"


@pytest.fixture
def pair(tmp_path, clock, request):
    """Two servers ("processes") on one fresh PostgreSQL database and one Slack stand-in."""
    run_worker = getattr(request, "param", False)
    url = fresh_postgres()
    a = AppHarness(tmp_path / "a", clock, db_url=url, run_worker=run_worker)
    b = AppHarness(tmp_path / "b", clock, db_url=url, run_worker=run_worker, standin=a.standin)
    yield a, b
    b.close()
    a.close()


# -- helpers ---------------------------------------------------------------------------


def rows(app) -> list[Notification]:
    with app.db.transaction() as s:
        return list(s.execute(select(Notification).order_by(Notification.id)).scalars())


def all_incidents(app) -> list[Incident]:
    with app.db.transaction() as s:
        found = list(s.execute(select(Incident).order_by(Incident.id)).scalars())
        for inc in found:
            _ = inc.events
        return found


def quiet(app) -> bool:
    """Nothing owed is due now, nothing is being delivered, no timer is due."""
    now = app.clock.now()
    with app.db.transaction() as s:
        busy = s.execute(
            select(Notification.id)
            .where(Notification.status == PENDING)
            .where((Notification.next_attempt_at <= now) | (Notification.lease_owner.is_not(None)))
            .limit(1)
        ).first()
        return busy is None and not engine.due_incidents(s, now)


def submit_through_both(a, b, flows: list[tuple[str, str, dict]]) -> None:
    """Open each user's form, then submit them all at the same moment, alternately through a and b."""
    servers = [a, b]
    for i, (user, command, _values) in enumerate(flows):
        assert servers[i % 2].driver.slash(user, command).ok

    async def go():
        drivers = [AsyncSlackDriver(f"{x.url}/slack/events", world.SIGNING_SECRET, x.standin) for x in servers]
        try:
            return await asyncio.gather(
                *(drivers[i % 2].view_submission(user, values=values) for i, (user, _c, values) in enumerate(flows))
            )
        finally:
            for d in drivers:
                await d.aclose()

    for r in asyncio.run(go()):
        assert r.status_code == 200 and r.view is None, r.text


def reports(round_: int) -> list[tuple[str, str, dict]]:
    return [
        ("U0MAIJA", "/uhka", {"text": f"{THREAT} ({round_})"}),
        ("U0ERIK", "/uhka", {"text": f"Jag vet var du bor ({round_})"}),
        ("U0PEKKA", "/uhka", {"text": f"{THREAT} P{round_}"}),  # no supervisor: admins hear at once
        ("U0ULKO", "/kohu", {"what": f"Kohu {round_}", "links": f"https://kokkola.fi/kohu/{round_}/a"}),
        ("U0MAVI1", "/kohu", {"what": f"Toinen kohu {round_}", "links": f"https://kokkola.fi/kohu/{round_}/b"}),
    ]


def assert_exactly_once(app) -> None:
    """Every owed message delivered, once; nothing pending or leased."""
    owed = rows(app)
    stuck = [(r.key, r.status, r.last_error, r.lease_owner) for r in owed if r.status != SENT or r.lease_owner]
    assert stuck == []
    posts = [r for r in owed if r.op == "post" and r.target_kind in ("user", "channel")]
    for r in posts:
        found = app.standin.messages_with_metadata("key", r.key)
        assert len(found) == 1, (r.key, len(found))
        assert (found[0]["channel"], found[0]["ts"]) == (r.channel_id, r.ts)
    # And nothing was posted that no row owed.
    ours = [m for m in app.standin.messages() if m.get("bot_id")]
    assert len(ours) == len(posts)
    assert app.standin.invalid_calls() == []


def assert_each_step_once(app, expected_threat, expected_kohu) -> None:
    for inc in all_incidents(app):
        types = [e.type for e in inc.events]
        expected = expected_threat(inc) if inc.kind == "threat" else expected_kohu
        assert types == expected, (inc.ref, types)


# -- the real workers, running by themselves ---------------------------------------------------


@pytest.mark.parametrize("pair", [True], indirect=True, ids=["workers_running"])
def test_two_running_servers_deliver_and_escalate_exactly_once(pair):
    a, b = pair
    # Reports come in through both servers at once, twice.
    submit_through_both(a, b, reports(1))
    submit_through_both(b, a, reports(2))
    assert a.standin.wait_for(lambda: quiet(a), timeout=20)
    assert len(all_incidents(a)) == 10

    def tick(**delta):
        # Move time only while both are idle (a delivery in flight keeps a lease of 60 fake seconds).
        assert a.standin.wait_for(lambda: quiet(a), timeout=20)
        a.clock.advance(**delta)
        for x in (a, b):
            x.runtime.loop.call_soon_threadsafe(x.runtime.worker.wake)
        assert a.standin.wait_for(lambda: quiet(a), timeout=20)

    tick(minutes=16)  # the controversies escalate to the comms manager
    tick(minutes=15)  # the threats' supervisors missed their 30 minutes: the safety chief hears
    tick(minutes=61)  # nobody acknowledged the safety chief's either: the admins are told, once
    time.sleep(0.3)  # both workers poll again: still nothing more
    assert_exactly_once(a)

    def threat_steps(inc):
        if inc.reporter_id == "U0PEKKA":  # the safety chief is its only level
            return ["created", "unacknowledged"]
        return ["created", "escalated", "unacknowledged"]

    assert_each_step_once(a, threat_steps, ["created", "escalated"])
    assert len(a.standin.dm_messages("U0VIESTPAA")) == 4  # one per controversy
    chief = [m for m in a.standin.dm_messages("U0TYOSUOJ") if "Muistutus" not in m["text"]]
    assert len(chief) == 6  # one per threat


# -- the workers driven round by round, with Slack failing a fifth of the time ---------------------


def drain_both(a, b) -> None:
    """One round of both workers at the same moment (each on its own server's event loop)."""
    errors: list[BaseException] = []

    def run(x):
        try:
            x.server.call(x.runtime.worker.drain(), timeout=60)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(x,)) for x in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)
    assert errors == []


def test_two_servers_share_the_work_exactly_once_while_slack_fails(pair):
    a, b = pair
    a.standin.faults.set_random(
        0.2,
        kinds=["server_error", "server_error_after", "rate_limited", "drop", "drop_after"],
        seed=6,
        methods=["chat.postMessage", "chat.update", "conversations.open", "conversations.history"],
    )
    submit_through_both(a, b, reports(1))
    for round_ in range(40):  # 40 rounds of 3 fake minutes: every timer, backoff and Retry-After passes
        drain_both(a, b)
        if round_ == 8:
            submit_through_both(b, a, reports(2))
            # The responders act through both servers while deliveries are still retried.
            for x, ref in ((a, "UHKA-2026-0001"), (b, "UHKA-2026-0002")):
                msg = next(
                    (
                        m
                        for m in x.standin.messages()
                        if ref in (m.get("text") or "")
                        and any(
                            e.get("action_id") == "uhka_ack"
                            for blk in m.get("blocks") or []
                            for e in blk.get("elements") or []
                            if isinstance(e, dict)
                        )
                    ),
                    None,
                )
                if msg is not None:
                    assert x.driver.press("U0ADMIN", msg, "Kuittaa").ok
        a.clock.advance(minutes=3)
    a.standin.faults.clear()
    for _ in range(3):
        drain_both(a, b)
        a.clock.advance(minutes=6)
    assert a.standin.faults.stats()["total"] >= 10  # Slack really did fail along the way
    assert_exactly_once(a)
    for inc in all_incidents(a):
        types = [e.type for e in inc.events]
        assert types.count("escalated") <= 1 and types.count("unacknowledged") <= 1, (inc.ref, types)
        assert types.count("acknowledged") <= 1
        if inc.status == "open" and inc.kind == "threat":
            assert types[-1] == "unacknowledged", (inc.ref, types)  # every timer ran to its end


# -- a row another process rescheduled --------------------------------------------------------------


def test_a_row_rescheduled_by_another_process_is_not_claimed_before_its_time(clock):
    """Process A lists the due rows; meanwhile process B tries one, Slack says 429 Retry-After 30 s,
    and B reschedules it. A must not then claim it from its stale list and retry it at once."""
    db = Database(fresh_postgres())
    other = Database(db.url, run_migrations=False)
    try:
        with db.transaction() as s:
            engine.open_incident(
                s,
                kind="threat",
                reporter="U0MAIJA",
                details={},
                now=clock.now(),
                policy=Policy((Level((Target("user", "U0ESIMIES"),), 1800),)),
            )
        worker_a = slack_worker(db, clock)
        b = other.session()
        row = b.execute(select(Notification).order_by(Notification.id).limit(1).with_for_update()).scalar_one()
        claimed: list[int] = []
        t = threading.Thread(target=lambda: claimed.extend(worker_a._claim_due()))
        t.start()
        time.sleep(0.5)  # A has listed the due rows and waits for B's row lock
        row.attempts += 1
        row.last_error = "ratelimited"
        row.next_attempt_at = clock.now() + timedelta(seconds=30)
        b.commit()
        b.close()
        t.join(10)
        with db.transaction() as s:
            now_row = s.get(Notification, row.id)
            assert row.id not in claimed and now_row.lease_owner is None, "claimed before Retry-After passed"
        assert claimed  # the other rows due now were claimed as usual
    finally:
        db.dispose()
        other.dispose()
