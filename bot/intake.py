"""Accept now, process right after: how a submitted form is kept while Slack waits for its answer.

A modal's Submit must be answered within 3 s, and only once what it owes is committed (a report
the user saw confirmed must exist). Storing a report whole (incident, evidence, notifications)
costs milliseconds of database and CPU time per report; fifty at once would queue the answers
behind each other. So the submission is committed as one small `Intake` row (the validated form)
before the answer, and turned into its records by `process` right after:

- by the listener that accepted it, once the other requests in flight are answered;
- by the outbox worker for any row still there a moment later (the process died in between,
  or processing failed): nothing accepted is lost, and it is processed once (the row is deleted
  in the same transaction that stores its records; the records' own request key makes a second
  run a no-op).

Processors are registered per kind by the flow that owns them (e.g. handlers/uhka); a payload's
"reporter" is the user who submitted it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.models import Intake
from escalation import engine
from escalation.policy import Target

log = logging.getLogger("somevahti.intake")

# processor(session, services, payload, received_at): stores the form's records.
Processor = Callable[[Session, object, dict, datetime], object]
PROCESSORS: dict[str, Processor] = {}
# The worker leaves fresh rows to the listener that accepted them.
RECOVER_AFTER = timedelta(seconds=5)
MAX_RETRY = timedelta(minutes=5)
# After this many failed attempts the admins and the submitter are told (once); retries go on.
TELL_AFTER = 3
STUCK = "intake.stuck"  # the notification kind (handlers/intake_messages.py)


def processor(kind: str) -> Callable[[Processor], Processor]:
    def register(fn: Processor) -> Processor:
        PROCESSORS[kind] = fn
        return fn

    return register


def accept(s: Session, rows: list[tuple[str, str, dict, datetime]]) -> None:
    """Store submissions, each (kind, request_key, payload, now), in one statement; once per request
    key (a second Submit of the same modal adds nothing)."""
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    s.execute(insert(Intake).on_conflict_do_nothing(index_elements=["request_key"]),
              [{"request_key": key, "kind": kind, "payload": payload, "received_at": now, "attempts": 0,
                "retry_at": now} for kind, key, payload, now in rows])


def process(s: Session, svc, request_key: str) -> bool:
    """Store the records of one accepted submission and delete it; False if it is gone already
    (processed by someone else) or another process is working on it right now."""
    row = s.execute(select(Intake).where(Intake.request_key == request_key)
                    .with_for_update(skip_locked=True)).scalar_one_or_none()
    if row is None:
        return False
    PROCESSORS[row.kind](s, svc, row.payload, row.received_at)
    s.delete(row)
    return True


def accepted_from(s: Session, kind: str, submitter: str) -> list[tuple[datetime, dict]]:
    """(received_at, payload) of the submissions of `kind` by `submitter` that are accepted but not
    stored yet, oldest first: for a moment after their acknowledgement, or as long as storing them
    keeps failing. The submitter saw them confirmed, so lists of their reports must show them."""
    rows = s.execute(select(Intake).where(Intake.kind == kind).order_by(Intake.received_at)).scalars()
    return [(row.received_at, row.payload) for row in rows if row.payload.get("reporter") == submitter]


def waiting(s: Session, now: datetime, limit: int = 50) -> list[str]:
    """Request keys the worker should process: older than RECOVER_AFTER and not backing off."""
    return list(s.execute(
        select(Intake.request_key)
        .where(Intake.received_at <= now - RECOVER_AFTER, Intake.retry_at <= now)
        .order_by(Intake.id).limit(limit)).scalars())


def failed(s: Session, request_key: str, now: datetime, admins: list[str], tz: str) -> None:
    """Processing raised: try again later, backing off (the row is kept; nothing is lost). If it
    keeps failing, the admins and the one who submitted it hear so: the submitter saw the form
    close and would otherwise believe the report had reached someone."""
    row = s.execute(select(Intake).where(Intake.request_key == request_key)).scalar_one_or_none()
    if row is None:
        return
    row.attempts += 1
    row.retry_at = now + min(timedelta(seconds=2 ** row.attempts), MAX_RETRY)
    if row.attempts == TELL_AFTER:
        submitter = row.payload.get("reporter")
        data = {"kind": row.kind, "submitter": submitter, "received_at": row.received_at.isoformat(), "timezone": tz}
        for user in [*admins, submitter]:
            if user:
                engine.owe(s, None, f"{STUCK}:{request_key}:{user}", STUCK, Target("user", user), now,
                           data={**data, "to_submitter": user == submitter})


class GroupCommit:
    """Submissions arriving together are committed in one transaction (group commit).

    What arrived by the next turn of the loop is written at once; what arrives meanwhile waits and
    goes in the next transaction together, so fifty at once cost a few commits, not fifty. If a
    batch fails, each of its submissions is tried alone: one bad row fails only its own request.
    """

    def __init__(self, db):
        self.db = db
        self._waiting: list[tuple[tuple, asyncio.Future]] = []
        self._writing = False

    async def submit(self, *row) -> None:
        """Commit `accept(session, [row])`; returns once it is committed (raises if it was not)."""
        done = asyncio.get_running_loop().create_future()
        self._waiting.append((row, done))
        if not self._writing:
            self._writing = True
            asyncio.ensure_future(self._write_all())
        await done

    async def _write_all(self) -> None:
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, []
                rows = [row for row, _ in batch]
                # SQLite with nobody else writing: a fraction of a millisecond right here. Handing it
                # to a thread would put its completion behind every request the loop has to read.
                with self.db.free_write_turn() as free:
                    errors = self._commit(rows) if free else None
                if errors is None:
                    try:
                        errors = await asyncio.to_thread(self._commit, rows)
                    except Exception as exc:  # noqa: BLE001  (e.g. no thread to run it: tell every request)
                        errors = [exc] * len(batch)
                for (_, done), error in zip(batch, errors, strict=True):
                    if not done.done():
                        done.set_exception(error) if error else done.set_result(None)
        finally:
            self._writing = False

    def _commit(self, rows: list[tuple]) -> list[Exception | None]:
        """One transaction for all; if it fails, one each. Returns each row's error (None: committed)."""
        try:
            with self.db.transaction() as s:
                accept(s, rows)
        except Exception as exc:  # noqa: BLE001  (handed to the request that sent it)
            if len(rows) == 1:
                return [exc]
            return [self._commit([row])[0] for row in rows]
        return [None] * len(rows)


async def submit(svc, kind: str, request_key: str, payload: dict) -> None:
    """Commit the submission (before acknowledging it)."""
    await svc.intake.submit(kind, request_key, payload, svc.clock.now())


async def follow_up(svc, request_key: str) -> None:
    """After the acknowledgement (svc.after_ack): process the submission. A failure is logged and
    the row kept for the worker to retry."""
    try:
        await svc.write(process, svc, request_key)
    except Exception as exc:  # noqa: BLE001
        _failed(svc, request_key, exc)


def recover(svc) -> int:
    """The worker's round (blocking): process what listeners left behind. Returns rows processed."""
    with svc.db.reading() as s:
        keys = waiting(s, svc.clock.now())
    done = 0
    for key in keys:
        try:
            done += svc.write_now(process, svc, key)
        except Exception as exc:  # noqa: BLE001
            _failed(svc, key, exc)
    if done:
        svc.wake_worker()
    return done


def _failed(svc, request_key: str, exc: Exception) -> None:
    # The type only: the message could quote the report.
    log.error("processing a submission failed (%s); it is kept and retried", type(exc).__name__)
    try:
        svc.write_now(failed, request_key, svc.clock.now(), list(svc.directory.admins), svc.directory.timezone)
        svc.wake_worker()
    except Exception:  # noqa: BLE001  (the row is still there; the next round tries again)
        log.exception("could not schedule the retry of a submission")
