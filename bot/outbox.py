"""The delivery worker: drains the durable outbox and runs escalation timers, for any chat platform.

Each outbox row names its platform; a `Transport` per platform (handlers/transport.py for Slack)
renders the row at send time and talks to the platform (open a conversation, post, update, look
for an earlier post, fetch a file). The worker owns what is the same everywhere:

- A row is claimed with a lease (compare-and-set UPDATE), so with several processes on one
  PostgreSQL database each row is worked on by one process at a time.
- 429 waits for Retry-After; 5xx, timeouts and dropped connections back off with jitter;
  permanent errors stop retrying, and who is told is the domain's rule
  (escalation.engine.delivery_failed).
- Every retry first asks the transport for an earlier post of the row (any earlier attempt may
  have arrived: a lost answer, a crash mid-call), so a message that did arrive is not posted twice;
  posting happens only while the lease holds. A row taken back from a process that died waits
  until its last attempt has surely ended at the platform (IN_FLIGHT) before anyone looks.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import ipaddress
import logging
import os
import random
import socket
import threading
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import or_, select, update
from sqlalchemy.orm.exc import StaleDataError

from bot.db import Database
from escalation import engine
from escalation.clock import Clock
from escalation.delivery import FileSource, Permanent, Posted, Transient, Transport, tls
from escalation.models import FAILED, PENDING, SENT, Incident, Notification
from escalation.policy import Target
from escalation.threats import evidence_stored, image_type

log = logging.getLogger("somevahti.outbox")

LEASE = timedelta(seconds=60)
# An attempt whose process died may still be under way at the platform (a slow answer): the HTTP
# clients give up after 10 s, so this long after the post started its outcome is settled.
IN_FLIGHT = timedelta(seconds=15)
# Evidence is a screenshot: a few MB at most. A larger download is refused, not kept in memory.
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
# Backoff cap: a threat's notification is tried again at least every 30 s while the platform
# fails (a 429's Retry-After is waited as asked).
MAX_BACKOFF_S = 30


def _due(now: datetime) -> tuple:
    """A pending row whose time has come and that no live process holds."""
    return (
        Notification.status == PENDING,
        Notification.next_attempt_at <= now,
        or_(Notification.lease_until.is_(None), Notification.lease_until < now),
    )


def _updated_one(result: Any) -> bool:
    """Whether an UPDATE (a compare-and-set) changed exactly one row."""
    return result.rowcount == 1


class LeaseLost(Exception):
    """Another process took the row over (our lease ran out during slow calls): leave it to them."""


def _started(pid: int) -> str:
    """When process `pid` started (clock ticks since boot, from /proc); '' if it does not exist
    or this system cannot tell."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]  # field 22; the command name before it may hold spaces


# Lease owners are "host:pid:started:nonce"; the host as a short digest keeps the column's 64 characters.
HOST = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:12]


def owner_is_gone(owner: str) -> bool:
    """Whether a lease's owner certainly runs no more: a process of this host whose pid is gone, or
    now belongs to a process started at another time (e.g. pid 1 in a restarted container). Leases
    of other hosts, or where the system cannot tell, run out instead (LEASE)."""
    host, pid, started, *_ = [*owner.split(":"), "", "", ""]
    return host == HOST and pid.isdigit() and bool(started) and _started(int(pid)) != started


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


async def download(source: FileSource, limit: int = MAX_EVIDENCE_BYTES) -> bytes:
    """An evidence image, streamed and refused past `limit` bytes. The platform's token travels
    only over https (plain http only to this machine: the local stand-ins), and what arrives must
    be an image by its own first bytes, whatever the platform says it is."""
    parts = urlsplit(source.url)
    if not (parts.scheme == "https" or (parts.scheme == "http" and _loopback(parts.hostname or ""))):
        raise Permanent("file_url_not_https")
    try:
        async with (
            httpx.AsyncClient(timeout=30, follow_redirects=False, verify=tls()) as http,
            http.stream("GET", source.url, headers=source.headers) as resp,
        ):
            if resp.status_code == 429 or resp.status_code >= 500:
                raise Transient(
                    f"http_{resp.status_code}", retry_after=float(resp.headers.get("Retry-After", 0) or 0) or None
                )
            if resp.status_code != 200:
                raise Permanent(f"file_http_{resp.status_code}")
            if int(resp.headers.get("content-length") or 0) > limit:
                raise Permanent("file_too_large")
            content = bytearray()
            async for chunk in resp.aiter_bytes():
                content += chunk
                if len(content) > limit:
                    raise Permanent("file_too_large")
    except httpx.HTTPError as exc:
        raise Transient(type(exc).__name__) from None
    if image_type(bytes(content)) is None:
        raise Permanent("file_not_image")
    return bytes(content)


class OutboxWorker:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        transports: dict[str, Transport],
        *,
        concurrency: int = 8,
        poll_interval: float = 1.0,
    ):
        self.db, self.clock, self.transports = db, clock, transports
        self.owner = f"{HOST}:{os.getpid()}:{_started(os.getpid())}:{uuid.uuid4().hex[:6]}"
        self.concurrency = concurrency
        self.poll_interval = poll_interval
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        # Cheap blocking callables run at the start of every round; each decides itself whether it
        # is due (e.g. bot.retention.DailyPurge runs at most once a day by the clock).
        self.periodic: list[Callable[[], object]] = []

    # -- loop ----------------------------------------------------------------------

    def wake(self) -> None:
        """Called after a request committed new rows, so they go out at once (from any thread)."""
        loop = self._loop
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(self._wake.set)
        else:
            self._wake.set()

    def start_thread(self) -> Callable[[], None]:
        """Run the worker on its own thread and event loop; returns a function that stops it.

        Deliveries (rendering, API calls, retries) then never queue in front of the
        acknowledgements on the serving loop.
        """
        stop = threading.Event()
        thread = threading.Thread(
            target=lambda: asyncio.run(self.run_forever(stop)), name="somevahti-outbox", daemon=True
        )
        thread.start()

        def stop_worker() -> None:
            stop.set()
            self.wake()
            thread.join(timeout=30)

        return stop_worker

    async def run_forever(self, stop: asyncio.Event | threading.Event) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()  # bound to this loop
        async with self.connected():
            await self._rounds(stop)

    @contextlib.asynccontextmanager
    async def connected(self) -> AsyncIterator[None]:
        """Every transport's connections, open on the calling loop."""
        async with contextlib.AsyncExitStack() as stack:
            for transport in self.transports.values():
                await stack.enter_async_context(transport.connected())
            yield

    async def _rounds(self, stop: asyncio.Event | threading.Event) -> None:
        while not stop.is_set():
            try:
                busy = await self.run_once()
            except Exception:  # never let one bad round stop deliveries for good
                log.exception("outbox round failed")
                busy = 0
            if busy:
                continue
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_interval)
            except TimeoutError:
                pass

    async def run_once(self) -> int:
        """One round: periodic jobs, escalate what is due, then deliver what is due. Returns rows handled."""
        if self.periodic:
            await asyncio.to_thread(self._run_periodic)
        await asyncio.to_thread(self._escalate_due)
        ids = await asyncio.to_thread(self._claim_due)
        sem = asyncio.Semaphore(self.concurrency)

        async def one(nid: int) -> None:
            async with sem:
                await self._deliver(nid)

        await asyncio.gather(*(one(i) for i in ids))
        return len(ids)

    async def drain(self, max_rounds: int = 50) -> None:
        """Deliver until nothing is due now (tests and the sandbox)."""
        for _ in range(max_rounds):
            if not await self.run_once():
                return

    def _run_periodic(self) -> None:
        for job in self.periodic:
            try:
                job()
            except Exception:  # a failing housekeeping job must never stop deliveries
                log.exception("periodic job %s failed", type(job).__name__)

    # -- escalation timers -----------------------------------------------------------

    def _escalate_due(self) -> None:
        now = self.clock.now()
        with self.db.reading() as s:
            due = engine.due_incidents(s, now)
        for incident_id in due:
            try:
                with self.db.transaction() as s:
                    inc = s.get(Incident, incident_id)
                    if inc is not None and inc.next_escalation_at and inc.next_escalation_at <= now:
                        engine.escalate(s, inc, now)
            except StaleDataError:
                pass  # another process escalated it first; its version won

    # -- claiming --------------------------------------------------------------------

    def _release_abandoned(self) -> None:
        """Rows claimed by a process of this host that died (kill -9, a crash) go back now, not when
        their lease runs out; but each is due only once its last attempt has surely ended at the
        platform: a post sent just before the crash may still be arriving (a slow answer), and the
        next attempt's look for an earlier post must see it."""
        with self.db.reading() as s:
            owners: set[str] = {
                owner
                for owner in s.execute(
                    select(Notification.lease_owner)
                    .distinct()
                    .where(Notification.status == PENDING, Notification.lease_owner.is_not(None))
                ).scalars()
                if owner
            }
        for owner in filter(owner_is_gone, owners):
            with self.db.transaction() as s:
                rows = list(
                    s.execute(
                        select(Notification).where(Notification.status == PENDING, Notification.lease_owner == owner)
                    ).scalars()
                )
                for row in rows:
                    # The lease is renewed right before each post: the attempt started LEASE before its end.
                    settled = (row.lease_until or row.next_attempt_at + LEASE) - LEASE + IN_FLIGHT
                    row.lease_owner, row.lease_until = None, None
                    row.next_attempt_at = max(row.next_attempt_at, settled)
            log.info("released %d rows claimed by a process that is gone", len(rows))

    def _claim_due(self, limit: int = 100) -> list[int]:
        self._release_abandoned()
        now = self.clock.now()
        with self.db.reading() as s:
            candidates = list(
                s.execute(select(Notification.id).where(*_due(now)).order_by(Notification.id).limit(limit)).scalars()
            )
        if not candidates:
            return []
        # One statement claims them all: a row another process claimed or rescheduled meanwhile
        # (backoff, Retry-After) no longer matches, and one write turn per wake-up rather than one
        # per row leaves the write lock to the requests storing reports.
        with self.db.transaction() as s:
            claimed = s.execute(
                update(Notification)
                .where(Notification.id.in_(candidates), *_due(now))
                .values(lease_owner=self.owner, lease_until=now + LEASE, attempts=Notification.attempts + 1)
                .returning(Notification.id)
                .execution_options(synchronize_session=False)
            ).scalars()
            return sorted(claimed)

    # -- delivery --------------------------------------------------------------------

    async def _deliver(self, nid: int) -> None:
        row, incident = await asyncio.to_thread(self._load, nid)
        if row is None or row.status != PENDING or row.lease_owner != self.owner:
            return
        try:
            result = await self._perform(self.transports[row.platform], row, incident)
        except Transient as exc:
            await asyncio.to_thread(self._retry_later, nid, exc)
            return
        except Permanent as exc:
            await asyncio.to_thread(self._fail, nid, str(exc))
            return
        except LeaseLost:
            log.info("notification %s: lease lost to another process", nid)
            return
        except Exception as exc:  # a bug in rendering must not lose the row: retry, loudly
            log.exception("delivering notification %s failed", nid)
            await asyncio.to_thread(self._retry_later, nid, Transient(type(exc).__name__))
            return
        await asyncio.to_thread(self._done, nid, result)

    def _load(self, nid: int):
        with self.db.reading() as s:
            row = s.get(Notification, nid)
            incident = s.get(Incident, row.incident_id) if row is not None and row.incident_id else None
            return row, incident

    async def _perform(self, transport: Transport, row: Notification, incident: Incident | None) -> Posted | None:
        if row.op == "fetch_file":
            await self._fetch_file(transport, row)
        elif row.target_kind == "usergroup":
            await self._fan_out(row, await transport.members(row))
        elif row.op == "update":
            await self._update(transport, row, incident)
        elif row.op == "upload":  # a file (the weekly chart), after the message it belongs with
            return await self._post(transport, row, incident, upload=True)
        else:
            return await self._post(transport, row, incident)
        return None

    async def _rendered(self, transport: Transport, row: Notification, incident: Incident | None) -> dict:
        lang = await transport.lang_of(row)

        def go():
            with self.db.reading() as s:
                inc = s.get(Incident, incident.id) if incident is not None else None
                return transport.render(s, row, inc, lang)

        return await asyncio.to_thread(go)

    async def _post(
        self, transport: Transport, row: Notification, incident: Incident | None, *, upload: bool = False
    ) -> Posted:
        destination = row.channel_id
        if destination is None:
            destination = await transport.destination(row)
            await asyncio.to_thread(self._set, row.id, channel_id=destination)
        thread = None
        if row.thread_key:
            parent = await asyncio.to_thread(self._parent_by_key, row.thread_key)
            if parent is not None and parent.status == PENDING:
                raise Transient("waiting_for_thread_parent", retry_after=1)
            if parent is not None and parent.status == SENT and parent.channel_id == destination:
                thread = parent.ts
        # Any earlier attempt may have arrived: one whose answer was lost, and one cut short by a
        # crash, which recorded nothing (last_error only tells how the *last* attempt ended, so a
        # clean 429 there says nothing about the attempts before it). Look before posting.
        if row.attempts > 1:
            found = await transport.find_posted(row, destination, thread)
            if found:
                return Posted(destination, found)
        message = await self._rendered(transport, row, incident)
        # The calls above may have been slow: post only while the lease is still ours (renewed now,
        # which also marks when this attempt started), so a process that took the row over
        # meanwhile (and looks for our post first) is never racing us.
        if not await asyncio.to_thread(self._renew_lease, row.id):
            raise LeaseLost
        if upload:
            return await transport.upload(row, destination, message, thread)
        return await transport.post(row, destination, message, thread)

    async def _update(self, transport: Transport, row: Notification, incident: Incident | None) -> None:
        parent = await asyncio.to_thread(self._get, row.parent_id)
        if parent is None or parent.status == FAILED:
            return  # nothing was ever shown, nothing to update
        if parent.status == PENDING:
            raise Transient("waiting_for_parent", retry_after=1)
        await transport.update(parent, await self._rendered(transport, parent, incident))

    async def _fan_out(self, row: Notification, people: list[str]) -> None:
        def fan_out():
            with self.db.transaction() as s:
                incident = s.get(Incident, row.incident_id) if row.incident_id else None
                now = self.clock.now()
                for person in people:
                    engine.owe(
                        s,
                        incident,
                        f"{row.key}:{person}",
                        row.kind,
                        Target("user", person, "usergroup_member", row.platform),
                        now,
                        data=row.data,
                    )

        await asyncio.to_thread(fan_out)

    async def _fetch_file(self, transport: Transport, row: Notification) -> None:
        content = await download(await transport.file_source(row))

        def store():
            with self.db.transaction() as s:
                evidence_stored(
                    s, row.data["evidence_id"], content, hashlib.sha256(content).hexdigest(), self.clock.now()
                )

        await asyncio.to_thread(store)

    # -- bookkeeping (each its own short transaction) ----------------------------------

    def _get(self, nid: int | None) -> Notification | None:
        if nid is None:
            return None
        with self.db.reading() as s:
            return s.get(Notification, nid)

    def _parent_by_key(self, key: str) -> Notification | None:
        with self.db.reading() as s:
            return s.execute(select(Notification).where(Notification.key == key)).scalar_one_or_none()

    def _renew_lease(self, nid: int) -> bool:
        with self.db.transaction() as s:
            res = s.execute(
                update(Notification)
                .where(Notification.id == nid, Notification.lease_owner == self.owner, Notification.status == PENDING)
                .values(lease_until=self.clock.now() + LEASE)
            )
            return _updated_one(res)

    def _set(self, nid: int, **values) -> None:
        with self.db.transaction() as s:
            s.execute(update(Notification).where(Notification.id == nid).values(**values))

    def _done(self, nid: int, posted: Posted | None) -> None:
        where = {"channel_id": posted.channel_id, "ts": posted.ts} if posted else {}
        self._set(
            nid, status=SENT, sent_at=self.clock.now(), lease_owner=None, lease_until=None, last_error=None, **where
        )

    def _retry_later(self, nid: int, exc: Transient) -> None:
        with self.db.transaction() as s:
            row = s.get_one(Notification, nid)
            if exc.retry_after is not None:
                wait = exc.retry_after
            else:  # exponential backoff with full jitter
                wait = random.uniform(0.5, min(MAX_BACKOFF_S, 2 ** min(row.attempts, 12)))
            row.last_error = exc.reason[:255]
            row.next_attempt_at = self.clock.now() + timedelta(seconds=wait)
            row.lease_owner = None
            row.lease_until = None
        if exc.reason not in ("waiting_for_parent", "waiting_for_thread_parent"):
            log.warning("notification %s: %s, retrying in %.1fs", nid, exc.reason, wait)

    def _fail(self, nid: int, error: str) -> None:
        """Give up on one row; the domain decides who hears about it."""
        with self.db.transaction() as s:
            row = s.get_one(Notification, nid)
            row.status, row.last_error, row.lease_owner, row.lease_until = FAILED, error[:255], None, None
            log.error("notification %s (%s) failed permanently: %s", nid, row.kind, error)
            engine.delivery_failed(s, row, error, self.clock.now())
