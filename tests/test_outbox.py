"""The delivery worker against the Slack stand-in's fault injection: every owed message
arrives exactly once, whatever Slack answers (429, 500, dropped connections, permanent errors)."""

import asyncio
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot import outbox
from bot.sandbox import world
from escalation import engine
from escalation.models import FAILED, SENT, Incident, IncidentEvent, Notification
from escalation.policy import Level, Policy, Target
from standin import SlackStandIn, run_standin
from tests.support import slack_worker

POLICY = Policy((Level((Target("user", "U0ESIMIES", "supervisor"),), 1800),), admins=("U0ADMIN",))


def render(session, row, incident, lang):
    return {"text": f"{row.kind} for {row.target_id} ({incident.ref if incident else '-'})"}


@pytest.fixture
def standin(clock):
    with run_standin(SlackStandIn(world.workspace(), clock=lambda: clock.now().timestamp())) as s:
        yield s


def make_worker(db, standin, clock):
    return slack_worker(db, clock, standin.base_url, render)


def open_incident(db, clock, policy=POLICY):
    with db.transaction() as s:
        inc, _ = engine.open_incident(s, kind="threat", reporter="U0MAIJA", policy=policy, details={}, now=clock.now())
        return inc.ref


def owed_to(standin, user, ref):
    return [m for m in standin.dm_messages(user) if ref in (m.get("text") or "")]


def drain(worker):
    asyncio.run(worker.drain())


def statuses(db):
    with db.transaction() as s:
        return {r.target_id: r.status for r in s.execute(select(Notification)).scalars()}


def test_delivers_each_owed_message_once(db, standin, clock):
    ref = open_incident(db, clock)
    worker = make_worker(db, standin, clock)
    drain(worker)
    drain(worker)
    assert len(owed_to(standin, "U0ESIMIES", ref)) == 1
    assert len(owed_to(standin, "U0MAIJA", ref)) == 1
    assert set(statuses(db).values()) == {SENT}


def test_rate_limit_waits_for_retry_after(db, standin, clock):
    ref = open_incident(db, clock)
    standin.faults.add("chat.postMessage", "rate_limited", times=1, retry_after=30)
    worker = make_worker(db, standin, clock)
    drain(worker)
    # One of the two posts was rate limited: it waits 30 s, not less.
    assert len(owed_to(standin, "U0ESIMIES", ref)) + len(owed_to(standin, "U0MAIJA", ref)) == 1
    clock.advance(seconds=29)
    drain(worker)
    assert len(owed_to(standin, "U0ESIMIES", ref)) + len(owed_to(standin, "U0MAIJA", ref)) == 1
    clock.advance(seconds=2)
    drain(worker)
    assert len(owed_to(standin, "U0ESIMIES", ref)) == 1 and len(owed_to(standin, "U0MAIJA", ref)) == 1


@pytest.mark.parametrize("kind", ["server_error", "drop", "server_error_after", "drop_after"])
def test_failures_and_unknown_outcomes_never_duplicate(db, standin, clock, kind):
    ref = open_incident(db, clock)
    standin.faults.add("chat.postMessage", kind, times=2)
    worker = make_worker(db, standin, clock)
    for _ in range(6):  # backoff with jitter: move well past each wait
        drain(worker)
        clock.advance(minutes=10)
    assert len(owed_to(standin, "U0ESIMIES", ref)) == 1
    assert len(owed_to(standin, "U0MAIJA", ref)) == 1
    assert set(statuses(db).values()) == {SENT}


def test_crash_after_slack_posted_is_not_posted_again(db, standin, clock):
    """A process killed between Slack's post and our commit: the next process finds the message."""
    ref = open_incident(db, clock)
    first = make_worker(db, standin, clock)
    claimed = first._claim_due()  # claimed (lease taken, attempt counted) ...
    assert claimed
    standin.faults.add("chat.postMessage", "drop_after", times=len(claimed))
    asyncio.run(first._deliver(claimed[0]))  # ... Slack posts, the answer never arrives
    with db.transaction() as s:  # simulate the crash: the lease is left as the dead process had it
        row = s.get(Notification, claimed[0])
        row.last_error = None
        row.lease_owner, row.lease_until = "dead-process", clock.now() + timedelta(seconds=60)
        row.status = "pending"
    clock.advance(seconds=61)  # the lease expires
    drain(make_worker(db, standin, clock))
    assert len(owed_to(standin, "U0ESIMIES", ref)) == 1
    assert len(owed_to(standin, "U0MAIJA", ref)) == 1


def test_rows_claimed_by_a_process_of_this_host_that_died_go_out_once_their_post_has_settled(db, standin, clock):
    """kill -9 mid-delivery: the next process does not wait a minute for the dead one's leases
    to run out, only until the dead process's post has surely ended at Slack (IN_FLIGHT after it
    started: a slow answer may still be arriving). Live processes' leases, and other hosts' (which
    cannot be checked), are kept."""
    ref = open_incident(db, clock)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead_owner = f"{outbox.HOST}:{dead.pid}:{outbox._started(dead.pid)}:dead00"
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        time.sleep(0.1)  # until /proc shows it
        owners = {
            "U0ESIMIES": dead_owner,
            "U0MAIJA": f"{outbox.HOST}:{alive.pid}:{outbox._started(alive.pid)}:live00",
            "U0TYOSUOJ": f"{'f' * 12}:{dead.pid}:1:away00",
        }  # another host
        with db.transaction() as s:
            engine.owe(s, None, "extra", "test", Target("user", "U0TYOSUOJ"), clock.now())
            for row in s.execute(select(Notification)).scalars():
                row.lease_owner, row.lease_until = owners[row.target_id], clock.now() + timedelta(seconds=60)
                row.attempts = 1  # the dead process had claimed it (and may have posted)
        drain(make_worker(db, standin, clock))  # no time passes: the dead one's post may be under way
        assert statuses(db) == {"U0ESIMIES": "pending", "U0MAIJA": "pending", "U0TYOSUOJ": "pending"}
        clock.advance(seconds=outbox.IN_FLIGHT.total_seconds())
        drain(make_worker(db, standin, clock))
        assert len(owed_to(standin, "U0ESIMIES", ref)) == 1
        assert statuses(db) == {"U0ESIMIES": SENT, "U0MAIJA": "pending", "U0TYOSUOJ": "pending"}
    finally:
        alive.kill()
        alive.wait()
    clock.advance(seconds=61 - outbox.IN_FLIGHT.total_seconds())  # the others' leases run out as before
    drain(make_worker(db, standin, clock))
    assert set(statuses(db).values()) == {SENT}
    assert len(owed_to(standin, "U0ESIMIES", ref)) == 1 and len(owed_to(standin, "U0MAIJA", ref)) == 1


def test_permanent_error_is_told_to_reporter_and_admins(db, standin, clock):
    policy = Policy((Level((Target("user", "U0GONE", "supervisor"),), 1800),), admins=("U0ADMIN",))
    ref = open_incident(db, clock, policy)
    worker = make_worker(db, standin, clock)
    drain(worker)
    assert statuses(db)["U0GONE"] == FAILED
    # The reporter and the admin hear that the supervisor could not be reached.
    assert any("delivery_failed" in m["text"] for m in owed_to(standin, "U0MAIJA", ref))
    assert any("delivery_failed" in m["text"] for m in owed_to(standin, "U0ADMIN", ref))
    with db.transaction() as s:
        inc = s.execute(select(Incident).where(Incident.ref == ref)).scalar_one()
        types = [e.type for e in s.execute(select(IncidentEvent).where(IncidentEvent.incident_id == inc.id)).scalars()]
    assert "delivery_failed" in types

    # No retry storm: the failed row is not attempted again.
    def attempts_for_gone():
        return len([c for c in standin.calls("conversations.open") if c.args.get("users") == "U0GONE"])

    before = attempts_for_gone()
    clock.advance(hours=1)
    drain(worker)
    assert attempts_for_gone() == before


def test_two_workers_share_the_work_without_duplicates(db, standin, clock):
    refs = [open_incident(db, clock) for _ in range(10)]
    a, b = make_worker(db, standin, clock), make_worker(db, standin, clock)

    async def both():
        await asyncio.gather(a.drain(), b.drain())

    asyncio.run(both())
    for ref in refs:
        assert len(owed_to(standin, "U0ESIMIES", ref)) == 1
        assert len(owed_to(standin, "U0MAIJA", ref)) == 1


def test_escalation_happens_once_with_two_workers(db, standin, clock):
    ref = open_incident(
        db,
        clock,
        Policy((Level((Target("user", "U0ESIMIES"),), 60), Level((Target("user", "U0TYOSUOJ"),), None))),
    )
    a, b = make_worker(db, standin, clock), make_worker(db, standin, clock)
    clock.advance(seconds=61)

    async def both():
        await asyncio.gather(a.run_once(), b.run_once())
        await asyncio.gather(a.drain(), b.drain())

    asyncio.run(both())
    assert len(owed_to(standin, "U0TYOSUOJ", ref)) == 1
    assert len([m for m in owed_to(standin, "U0ESIMIES", ref) if "reminder" in m["text"]]) == 1


def test_a_row_taken_over_by_another_process_is_not_posted_by_the_first(db, standin, clock):
    """Slow calls outlived the lease and another process claimed the row meanwhile: the first
    process must not post it too."""
    ref = open_incident(db, clock)
    slow, other = make_worker(db, standin, clock), make_worker(db, standin, clock)
    claimed = slow._claim_due()
    standin.faults.add("conversations.open", "slow", times=len(claimed), delay=0.5)

    async def race():
        busy = asyncio.gather(*(slow._deliver(nid) for nid in claimed))
        await asyncio.sleep(0.2)  # `slow` is inside conversations.open now
        clock.advance(seconds=61)  # ... and its lease runs out
        assert set(await asyncio.to_thread(other._claim_due)) == set(claimed)
        await busy

    asyncio.run(race())
    assert owed_to(standin, "U0ESIMIES", ref) == [] and owed_to(standin, "U0MAIJA", ref) == []
    for nid in claimed:
        asyncio.run(other._deliver(nid))
    assert len(owed_to(standin, "U0ESIMIES", ref)) == 1 and len(owed_to(standin, "U0MAIJA", ref)) == 1
