"""bot/intake.py: submissions committed before their answer, together, and each on its own if the
batch fails; what was accepted is stored later by whoever finds it (tests run on both databases)."""

import asyncio
import threading
from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import event, select

from bot import intake
from bot.models import Intake
from tests.support import outbox_rows


def _keys(db) -> list[str]:
    with db.transaction() as s:
        return list(s.execute(select(Intake.request_key).order_by(Intake.id)).scalars())


def _commits(db) -> list[int]:
    counted = [0]
    event.listen(db.engine, "commit", lambda _conn: counted.__setitem__(0, counted[0] + 1))
    return counted


def test_fifty_submissions_at_once_share_a_few_transactions_and_all_are_committed(db, clock):
    writer, commits = intake.GroupCommit(db), _commits(db)

    async def burst():
        await asyncio.gather(*(writer.submit("k", f"view:{i}", {"n": i}, clock.now()) for i in range(50)))

    asyncio.run(burst())
    assert _keys(db) == [f"view:{i}" for i in range(50)]
    assert commits[0] <= 3  # the first alone, the rest together


def test_a_bad_submission_fails_only_its_own_request(db, clock):
    writer = intake.GroupCommit(db)

    async def burst():
        rows = [("k", f"view:{i}", {"n": i}, clock.now()) for i in range(5)]
        rows[3] = ("k", "view:3", {"n": {1, 2}}, clock.now())  # not JSON: the database refuses it
        return await asyncio.gather(*(writer.submit(*row) for row in rows), return_exceptions=True)

    results = asyncio.run(burst())
    assert [r is None for r in results] == [True, True, True, False, True]
    assert _keys(db) == ["view:0", "view:1", "view:2", "view:4"]


def test_the_same_submission_twice_is_kept_once(db, clock):
    writer = intake.GroupCommit(db)

    async def twice():
        await asyncio.gather(writer.submit("k", "view:1", {"n": 1}, clock.now()),
                             writer.submit("k", "view:1", {"n": 2}, clock.now()))
        await writer.submit("k", "view:1", {"n": 3}, clock.now())

    asyncio.run(twice())
    with db.transaction() as s:
        assert [r.payload for r in s.execute(select(Intake)).scalars()] == [{"n": 1}]


class _Svc:
    """What intake.recover needs of bot.services.Services."""

    def __init__(self, db, clock):
        from bot.services import Services

        self.db, self.clock, self.woken = db, clock, 0
        self.directory = SimpleNamespace(admins=("U0ADMIN",), timezone="Europe/Helsinki")
        self.write_now = Services.write_now.__get__(self)

    def wake_worker(self):
        self.woken += 1


def test_the_worker_stores_what_was_left_behind_once_and_retries_what_failed(db, clock, monkeypatch):
    stored, failing = [], {"view:bad"}

    def store(s, svc, payload, received_at):
        if payload["key"] in failing:
            raise RuntimeError("a bug")
        stored.append((payload["key"], received_at))

    monkeypatch.setitem(intake.PROCESSORS, "test", store)
    received = clock.now()
    with db.transaction() as s:
        intake.accept(s, [("test", key, {"key": key, "reporter": "U0MAIJA"}, received)
                          for key in ("view:1", "view:bad")])
    svc = _Svc(db, clock)
    assert intake.recover(svc) == 0  # fresh: left to the listener that accepted them
    clock.advance(seconds=6)
    assert intake.recover(svc) == 1
    assert stored == [("view:1", received)]  # stored with the time it came in
    assert _keys(db) == ["view:bad"]  # kept, to be retried
    with db.transaction() as s:
        row = s.execute(select(Intake)).scalar_one()
        assert row.attempts == 1 and row.retry_at == clock.now() + timedelta(seconds=2)
    assert intake.recover(svc) == 0  # backing off
    for attempts in (2, 3, 4):
        clock.advance(seconds=2 ** (attempts - 1))
        assert intake.recover(svc) == 0
        # From the third failure on, the admins and the reporter know, once each.
        told = sorted((r.target_id, r.data["to_submitter"]) for r in outbox_rows(db, kind=intake.STUCK))
        assert told == ([] if attempts < intake.TELL_AFTER else [("U0ADMIN", False), ("U0MAIJA", True)])
    failing.clear()
    clock.advance(seconds=16)
    assert intake.recover(svc) == 1 and _keys(db) == []
    assert intake.recover(svc) == 0 and [k for k, _ in stored] == ["view:1", "view:bad"]


def test_while_another_thread_writes_the_loop_is_not_blocked(db, clock):
    """SQLite writes the batch on the serving loop only when nobody else is writing; otherwise it
    waits in a thread, and the loop goes on answering other requests meanwhile."""
    writer, holding, release = intake.GroupCommit(db), threading.Event(), threading.Event()

    def other_writer():
        with db.transaction():
            holding.set()
            release.wait(5)

    other = threading.Thread(target=other_writer)
    other.start()
    holding.wait(5)

    async def go():
        submitted = asyncio.ensure_future(writer.submit("k", "view:1", {"n": 1}, clock.now()))
        await asyncio.sleep(0.05)  # returns: the loop is free while the submission waits
        waiting = not submitted.done()
        release.set()
        await submitted
        return waiting

    try:
        waited = asyncio.run(go())
        assert waited or db.is_postgres  # PostgreSQL: other rows do not wait for another writer
    finally:
        release.set()
        other.join(5)
    assert _keys(db) == ["view:1"]
