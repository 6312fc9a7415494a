"""The delivery worker: drains the durable outbox and runs escalation timers.

Guarantees (see tests/test_outbox.py, tests/test_guarantees_*.py, tests/test_multiprocess.py):
- A row is claimed with a lease (compare-and-set UPDATE), so with several processes
  on one PostgreSQL database each row is worked on by one process at a time.
- 429 waits for Retry-After; 5xx, timeouts and dropped connections back off with
  jitter; permanent errors (channel_not_found, user_not_found, ...) stop retrying
  and are told to the admins and the reporter.
- Every retry first looks for the message by its metadata key in the conversation
  (any earlier attempt may have reached Slack: a lost answer, a crash mid-call), so a
  message Slack did post is not posted twice; posting happens only while the lease holds.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import random
import socket
import threading
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import httpx
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from bot.db import Database
from escalation import engine
from escalation.clock import Clock
from escalation.models import FAILED, PENDING, SENT, EvidenceFile, Incident, Notification
from escalation.policy import Target

log = logging.getLogger("somevahti.outbox")

METADATA_TYPE = "somevahti_notification"
# Errors that will not go away by retrying the same call.
PERMANENT = {
    "channel_not_found", "user_not_found", "not_in_channel", "is_archived", "account_inactive",
    "user_disabled", "cannot_dm_bot", "invalid_blocks", "msg_too_long", "no_text", "invalid_arguments",
    "restricted_action", "message_not_found", "cant_update_message", "file_not_found", "no_such_subteam",
    "subteam_not_found", "file_deleted",
}
LEASE = timedelta(seconds=60)
FIND_PAGES = 5  # pages of 200 messages searched for an earlier post of a row
# Backoff cap: a threat's notification is tried again at least every 30 s while Slack fails
# (a 429's Retry-After is waited as Slack asks).
MAX_BACKOFF_S = 30

# render(session, notification, incident, lang) -> {"text": ..., "blocks": [...]} for chat.* calls
Renderer = Callable[[Session, Notification, Incident | None, str], dict]


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


class Transient(Exception):
    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason, self.retry_after = reason, retry_after


class Permanent(Exception):
    pass


class LeaseLost(Exception):
    """Another process took the row over (our lease ran out during slow calls): leave it to them."""


class OutboxWorker:
    def __init__(
        self,
        db: Database,
        client: AsyncWebClient,
        render: Renderer,
        clock: Clock,
        *,
        bot_token: str,
        lang_of: Callable[..., Awaitable[str]] | None = None,
        concurrency: int = 8,
        poll_interval: float = 1.0,
        allowed_file_hosts: tuple[str, ...] = (),
    ):
        self.db, self.client, self.render, self.clock = db, client, render, clock
        self.lang_of = lang_of
        self.owner = f"{HOST}:{os.getpid()}:{_started(os.getpid())}:{uuid.uuid4().hex[:6]}"
        self.concurrency = concurrency
        self.poll_interval = poll_interval
        self._bot_token = bot_token
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._files_hosts = ("files.slack.com", "slack.com", *allowed_file_hosts)
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

        Deliveries (rendering, Web API calls, retries) then never queue in front of the
        acknowledgements on the serving loop.
        """
        stop = threading.Event()
        thread = threading.Thread(target=lambda: asyncio.run(self.run_forever(stop)), name="somevahti-outbox",
                                  daemon=True)
        thread.start()

        def stop_worker() -> None:
            stop.set()
            self.wake()
            thread.join(timeout=30)

        return stop_worker

    async def run_forever(self, stop: asyncio.Event | threading.Event) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()  # bound to this loop
        # Connections kept open between calls (slack_sdk would otherwise open one per call).
        async with aiohttp.ClientSession() as session:
            self.client.session = session
            try:
                await self._rounds(stop)
            finally:
                self.client.session = None

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
        """Rows claimed by a process of this host that died (kill -9, a crash) go back at once, not
        when their lease runs out. Whoever takes one next first looks for an earlier post (above)."""
        with self.db.reading() as s:
            owners = set(s.execute(select(Notification.lease_owner).distinct().where(
                Notification.status == PENDING, Notification.lease_owner.is_not(None))).scalars())
        for owner in filter(owner_is_gone, owners):
            with self.db.transaction() as s:
                released = s.execute(update(Notification)
                                     .where(Notification.status == PENDING, Notification.lease_owner == owner)
                                     .values(lease_owner=None, lease_until=None)).rowcount
            log.info("released %d rows claimed by a process that is gone", released)

    def _claim_due(self, limit: int = 100) -> list[int]:
        self._release_abandoned()
        now = self.clock.now()
        with self.db.reading() as s:
            candidates = list(
                s.execute(
                    select(Notification.id)
                    .where(
                        Notification.status == PENDING,
                        Notification.next_attempt_at <= now,
                        or_(Notification.lease_until.is_(None), Notification.lease_until < now),
                    )
                    .order_by(Notification.id)
                    .limit(limit)
                ).scalars()
            )
        claimed = []
        for nid in candidates:
            with self.db.transaction() as s:
                res = s.execute(
                    update(Notification)
                    .where(
                        Notification.id == nid,
                        Notification.status == PENDING,
                        # Due still: another process may have tried it meanwhile and rescheduled it
                        # (backoff, Retry-After) since the list above was read.
                        Notification.next_attempt_at <= now,
                        or_(Notification.lease_until.is_(None), Notification.lease_until < now),
                    )
                    .values(lease_owner=self.owner, lease_until=now + LEASE, attempts=Notification.attempts + 1)
                )
                if res.rowcount == 1:
                    claimed.append(nid)
        return claimed

    # -- delivery --------------------------------------------------------------------

    async def _deliver(self, nid: int) -> None:
        row, incident = await asyncio.to_thread(self._load, nid)
        if row is None or row.status != PENDING or row.lease_owner != self.owner:
            return
        try:
            result = await self._perform(row, incident)
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

    async def _perform(self, row: Notification, incident: Incident | None) -> dict:
        if row.op == "fetch_file":
            return await self._fetch_file(row)
        if row.target_kind == "usergroup":
            return await self._expand_usergroup(row)
        if row.op == "update":
            return await self._update(row, incident)
        return await self._post(row, incident)

    async def _call(self, method: str, **kwargs) -> dict:
        try:
            resp = await self.client.api_call(method, json=kwargs) if method.startswith("chat.") else \
                await self.client.api_call(method, params=kwargs)
            return resp.data  # type: ignore[return-value]
        except SlackApiError as exc:
            status = exc.response.status_code
            error = exc.response.get("error") if isinstance(exc.response.data, dict) else None
            if status == 429:
                headers = {k.lower(): v for k, v in (exc.response.headers or {}).items()}
                retry_after = float(headers.get("retry-after", 1))
                raise Transient("ratelimited", retry_after=retry_after) from None
            if status >= 500:
                raise Transient(f"http_{status}") from None
            if error in PERMANENT:
                raise Permanent(error) from None
            raise Transient(error or f"http_{status}") from None
        except (TimeoutError, OSError) as exc:
            raise Transient(type(exc).__name__) from None
        except Exception as exc:  # aiohttp's ClientError family and friends
            if type(exc).__module__.startswith("aiohttp"):
                raise Transient(type(exc).__name__) from None
            raise

    async def _channel_for(self, row: Notification) -> str:
        if row.channel_id:
            return row.channel_id
        if row.target_kind == "channel":
            channel = row.target_id
        else:
            data = await self._call("conversations.open", users=row.target_id)
            channel = data["channel"]["id"]
        await asyncio.to_thread(self._set, row.id, channel_id=channel)
        row.channel_id = channel
        return channel

    async def _rendered(self, row: Notification, incident: Incident | None) -> dict:
        lang = await self.lang_of(row) if self.lang_of else "fi"

        def go():
            with self.db.reading() as s:
                inc = s.get(Incident, incident.id) if incident is not None else None
                return self.render(s, row, inc, lang)

        return await asyncio.to_thread(go)

    async def _post(self, row: Notification, incident: Incident | None) -> dict:
        channel = await self._channel_for(row)
        thread_ts = None
        if row.thread_key:
            parent = await asyncio.to_thread(self._parent_by_key, row.thread_key)
            if parent is not None and parent.status == PENDING:
                raise Transient("waiting_for_thread_parent", retry_after=1)
            if parent is not None and parent.status == SENT and parent.channel_id == channel:
                thread_ts = parent.ts
        # Any earlier attempt may have reached Slack: one whose answer was lost, and one cut short
        # by a crash, which recorded nothing (last_error only tells how the *last* attempt ended,
        # so a clean 429 there says nothing about the attempts before it). Look before posting.
        if row.attempts > 1:
            found = await self._find_posted(channel, row, thread_ts)
            if found:
                return {"channel_id": channel, "ts": found}
        message = await self._rendered(row, incident)
        args = {
            "channel": channel,
            "text": message["text"],
            "blocks": message.get("blocks"),
            "metadata": {"event_type": METADATA_TYPE, "event_payload": {"key": row.key}},
            "unfurl_links": False,
            "unfurl_media": False,
        }
        if thread_ts:
            args["thread_ts"] = thread_ts
        # The calls above may have been slow: post only while the lease is still ours, so a process
        # that took the row over meanwhile (and looks for our post first) is never racing us.
        if not await asyncio.to_thread(self._renew_lease, row.id):
            raise LeaseLost
        data = await self._call("chat.postMessage", **{k: v for k, v in args.items() if v is not None})
        return {"channel_id": data.get("channel", channel), "ts": data.get("ts")}

    async def _find_posted(self, channel: str, row: Notification, thread_ts: str | None = None) -> str | None:
        """Look for a message this row already posted (metadata key) before posting again.

        A thread reply is not in conversations.history, so replies are looked up in their thread.
        """
        oldest = (row.created_at - timedelta(seconds=5)).timestamp()
        method, args = ("conversations.replies", {"ts": thread_ts}) if thread_ts else ("conversations.history", {})
        cursor = None
        for _page in range(FIND_PAGES):
            data = await self._call(method, channel=channel, oldest=f"{oldest:.6f}", limit=200,
                                    include_all_metadata=True, **args, **({"cursor": cursor} if cursor else {}))
            for msg in data.get("messages", []):
                meta = msg.get("metadata") or {}
                if meta.get("event_type") == METADATA_TYPE and (meta.get("event_payload") or {}).get("key") == row.key:
                    return msg.get("ts")
            cursor = (data.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None

    async def _update(self, row: Notification, incident: Incident | None) -> dict:
        parent = await asyncio.to_thread(self._get, row.parent_id)
        if parent is None or parent.status == FAILED:
            return {}  # nothing was ever shown, nothing to update
        if parent.status == PENDING:
            raise Transient("waiting_for_parent", retry_after=1)
        message = await self._rendered(parent, incident)
        await self._call(
            "chat.update", channel=parent.channel_id, ts=parent.ts, text=message["text"], blocks=message.get("blocks")
        )
        return {}

    async def _expand_usergroup(self, row: Notification) -> dict:
        data = await self._call("usergroups.users.list", usergroup=row.target_id)

        def fan_out():
            with self.db.transaction() as s:
                incident = s.get(Incident, row.incident_id) if row.incident_id else None
                now = self.clock.now()
                for user in data.get("users", []):
                    engine.owe(
                        s, incident, f"{row.key}:{user}", row.kind, Target("user", user, "usergroup_member"), now,
                        data=row.data, thread_key=None,
                    )

        await asyncio.to_thread(fan_out)
        return {}

    async def _fetch_file(self, row: Notification) -> dict:
        info = await self._call("files.info", file=row.target_id)
        meta = info.get("file") or {}
        url = meta.get("url_private_download") or meta.get("url_private")
        if not url:
            raise Permanent("file_not_found")
        host = urlsplit(url).hostname or ""
        if not any(host == h or host.endswith("." + h) for h in self._files_hosts):
            raise Permanent("file_host_not_slack")  # only ever fetch from Slack itself
        try:
            async with httpx.AsyncClient(timeout=30) as http:
                resp = await http.get(url, headers={"Authorization": f"Bearer {self._bot_token}"})
        except httpx.HTTPError as exc:
            raise Transient(type(exc).__name__) from None
        if resp.status_code == 429 or resp.status_code >= 500:
            raise Transient(f"http_{resp.status_code}", retry_after=float(resp.headers.get("Retry-After", 0)) or None)
        if resp.status_code != 200:
            raise Permanent(f"file_http_{resp.status_code}")
        content = resp.content

        def store():
            with self.db.transaction() as s:
                ev = s.get(EvidenceFile, row.data["evidence_id"])
                if ev is not None:
                    ev.content = content
                    ev.size = len(content)
                    ev.sha256 = hashlib.sha256(content).hexdigest()
                    ev.mimetype = meta.get("mimetype") or ev.mimetype
                    ev.fetched_at = self.clock.now()

        await asyncio.to_thread(store)
        return {}

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
            return res.rowcount == 1

    def _set(self, nid: int, **values) -> None:
        with self.db.transaction() as s:
            s.execute(update(Notification).where(Notification.id == nid).values(**values))

    def _done(self, nid: int, result: dict) -> None:
        now = self.clock.now()
        self._set(
            nid, status=SENT, sent_at=now, lease_owner=None, lease_until=None, last_error=None,
            **{k: v for k, v in result.items() if k in ("channel_id", "ts") and v},
        )

    def _retry_later(self, nid: int, exc: Transient) -> None:
        with self.db.transaction() as s:
            row = s.get(Notification, nid)
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
        """Give up on one row and make sure a person hears about it."""
        now = self.clock.now()
        with self.db.transaction() as s:
            row = s.get(Notification, nid)
            row.status, row.last_error, row.lease_owner, row.lease_until = FAILED, error[:255], None, None
            log.error("notification %s (%s) failed permanently: %s", nid, row.kind, error)
            incident = s.get(Incident, row.incident_id) if row.incident_id else None
            if incident is None or row.kind.endswith(".delivery_failed") or row.op == "update":
                return
            if row.op == "fetch_file":
                # The screenshot could not be kept: the timeline says so, and the admins hear of it.
                ev = s.get(EvidenceFile, row.data.get("evidence_id"))
                name = ev.name if ev is not None else row.target_id
                engine.record(s, incident, "system", "evidence_not_saved", now, name=name, error=error)
                for admin in engine.Policy.from_json(incident.policy).admins:
                    engine.owe(s, incident, f"{row.key}:failed:{admin}", f"{incident.kind}.admin",
                               Target("user", admin), now,
                               data={"reason": "evidence_not_saved", "name": name, "error": error, "live": False})
                return
            engine.record(s, incident, "system", "delivery_failed", now, to=row.target_id, error=error)
            told = {row.target_id}
            for person in [incident.reporter_id, *engine.Policy.from_json(incident.policy).admins]:
                if person in told:
                    continue
                told.add(person)
                engine.owe(
                    s, incident, f"{row.key}:failed:{person}", f"{incident.kind}.delivery_failed",
                    Target("user", person), now,
                    data={"failed_target": row.target_id, "failed_kind": row.target_kind, "error": error,
                          "live": False},
                )
