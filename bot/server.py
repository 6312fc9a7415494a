"""Running the bot: HTTP mode (uvicorn, Slack requests handed to Bolt's dispatch) or Socket Mode."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import hmac
import json
import logging
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import text

from bot import __version__, intake
from bot.app import create_app, make_client
from bot.config import Settings
from bot.db import Database
from bot.directory import Directory
from bot.outbox import OutboxWorker
from bot.request_body import bolt_request
from bot.retention import DailyPurge, retention_days
from bot.services import Services
from escalation.clock import Clock
from handlers.i18n import user_lang, warm_languages
from handlers.render import render
from knowledge import get_index

log = logging.getLogger("somevahti.server")

# Slack's payloads are a few kB; anything far larger is not Slack and is refused unread.
MAX_BODY_BYTES = 256 * 1024
# Slack's request timestamp: Unix seconds.
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
SIGNATURE_MAX_AGE = 5 * 60  # seconds, as Slack's and Bolt's own check


@dataclass
class Runtime:
    svc: Services
    app: AsyncApp
    worker: OutboxWorker
    loop: asyncio.AbstractEventLoop | None = None  # the serving loop, once started

    session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        """Start-up work that makes the first requests fast: who the bot is, users' languages."""
        # One connection pool for every Web API call made on this loop; without it slack_sdk opens
        # (and closes) a connection per call. Bolt hands it on to each request's client copy.
        self.session = aiohttp.ClientSession()
        self.app.client.session = self.app.identity.client.session = self.session
        # The guideline index is built once (~0.1 s); not on the first /ohje, which would wait for it.
        await asyncio.to_thread(get_index)
        await self.app.identity.learn()
        warming = asyncio.ensure_future(warm_languages(self.app.identity.client, self.svc.cache, self.svc.directory,
                                                       quiet=self.svc.inflight.quiet))
        with contextlib.suppress(TimeoutError):  # a slow Slack must not hold start-up: go on warming
            await asyncio.wait_for(asyncio.shield(warming), 1)
        # What start-up built (the guideline index, the lexicon, the modules) lives as long as the
        # process: out of the collector's sight, a full collection no longer walks it (~0.1 s,
        # which would land on whichever acknowledgement happens to trigger it).
        gc.collect()
        gc.freeze()

    async def stop(self) -> None:
        if self.session is not None:
            await self.session.close()


def build_runtime(settings: Settings, directory: Directory, *, clock: Clock | None = None,
                  db: Database | None = None) -> Runtime:
    clock = clock or Clock()
    db = db or Database(settings.database_url)
    svc = Services(settings=settings, directory=directory, db=db, clock=clock)
    client = make_client(svc)
    app = create_app(svc, client)
    # The worker retries by itself, after checking whether Slack already posted: a client that
    # silently re-sent a request on a dropped connection could post the same message twice.
    worker_client = AsyncWebClient(token=settings.slack_bot_token.get_secret_value(),
                                   base_url=settings.slack_api_url, timeout=10, retry_handlers=[])

    async def lang_of(row) -> str:  # on the worker's loop: its own client
        return await user_lang(worker_client, svc.cache, row.target_id) if row.target_kind == "user" else "fi"

    worker = OutboxWorker(
        db, worker_client, render, clock,
        lang_of=lang_of,
        quiet=svc.inflight.quiet_from_thread,
        bot_token=settings.slack_bot_token.get_secret_value(),
        allowed_file_hosts=(urlsplit(settings.slack_api_url).hostname or "",),
    )
    svc.wake_worker = worker.wake
    # Closed threat reports are purged after the retention period, checked from the worker's loop.
    worker.periodic.append(DailyPurge(db, clock, retention_days(settings, directory)))
    # Submissions accepted but not processed (the process died right after answering Slack).
    worker.periodic.append(lambda: intake.recover(svc))
    return Runtime(svc, app, worker)


async def respond(send, status: int, body: bytes, content_type: bytes = b"text/plain; charset=utf-8") -> None:
    """A whole ASGI response in two messages."""
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _signed(secret: bytes, timestamp: str, raw: bytes, signature: str) -> bool:
    """Slack's request signature, over the raw bytes (slack_sdk's verifier needs a UTF-8 body)."""
    fresh = abs(time.time() - int(timestamp)) <= SIGNATURE_MAX_AGE  # the wall clock, as Bolt's check
    expected = b"v0=" + hmac.new(secret, b"v0:%s:%s" % (timestamp.encode(), raw), hashlib.sha256).hexdigest().encode()
    return fresh and hmac.compare_digest(expected, signature.encode("ascii"))


async def read_body(receive, limit: int) -> bytes | None:
    """The whole request body; None once it passes `limit` (the rest is not read)."""
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            return None
        body += message.get("body", b"")
        if len(body) > limit:
            return None
        if not message.get("more_body", False):
            return bytes(body)


def http_app(runtime: Runtime, *, run_worker: bool = True):
    """The ASGI app: POST /slack/events (Bolt), GET /healthz.

    Slack requests go straight to Bolt's dispatch, as Bolt's own ASGI adapter hands them over, with
    the body read and parsed here (bot/request_body.py) and bad input answered here: a body over the
    size limit (413), a timestamp or signature Bolt's check would choke on (401), a body that is not
    UTF-8 form data or JSON (401 unless signed, then 400).
    """
    bolt = runtime.app
    secret = runtime.svc.settings.slack_signing_secret.get_secret_value().encode()

    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            return await lifespan(receive, send)
        if scope["type"] != "http":
            return None
        route = (scope["method"], scope["path"])
        if route == ("POST", "/slack/events"):
            return await slack_events(scope, receive, send)
        if route == ("GET", "/healthz"):
            return await healthz(send)
        return await respond(send, 404, b"Not Found")

    async def slack_events(scope, receive, send) -> None:
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            return await respond(send, 413, b"request body too large")  # refused unread
        # Bolt's signature check raises instead of refusing when the timestamp is not a number or
        # the signature has non-ASCII characters; the error then reached the app's error handler
        # with the unverified body, which called Slack and posted to the body's response_url (any
        # URL a forger chose). Such requests are refused here, as Bolt refuses other bad signatures.
        timestamp = headers.get("x-slack-request-timestamp", "")
        signature = headers.get("x-slack-signature", "")
        if not _TIMESTAMP.fullmatch(timestamp) or not signature.isascii():
            return await respond(send, 401, b"invalid request")
        with runtime.svc.inflight:
            # One turn of the loop first: every request already read is counted before this
            # one is handled, so work after acknowledgements knows they are waiting.
            await asyncio.sleep(0)
            raw = await read_body(receive, MAX_BODY_BYTES)
            if raw is None:
                return await respond(send, 413, b"request body too large")
            try:
                request = bolt_request(raw.decode("utf-8"), scope["query_string"].decode("latin-1"), headers)
            except ValueError:  # not UTF-8, or its JSON broken: not from Slack, unless signed
                signed = _signed(secret, timestamp, raw, signature)
                return await respond(send, 400 if signed else 401, b"invalid request")
            response = await bolt.async_dispatch(request)
            body = (response.body or "").encode("utf-8")
            answer_headers = [(name.encode("latin-1"), value.encode("latin-1"))
                              for name, values in response.headers.items()
                              if name.lower() != "content-length" for value in values]
            await send({"type": "http.response.start", "status": response.status,
                        "headers": [*answer_headers, (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})

    async def healthz(send) -> None:
        try:
            await runtime.svc.read(lambda s: s.execute(text("SELECT 1")).scalar_one())
        except Exception:  # noqa: BLE001
            return await respond(send, 503, b'{"ok":false,"database":"unavailable"}', b"application/json")
        return await respond(send, 200, json.dumps({"ok": True, "version": __version__}).encode(), b"application/json")

    async def lifespan(receive, send) -> None:
        await receive()  # lifespan.startup
        try:
            runtime.loop = asyncio.get_running_loop()
            await runtime.start()
            stop_worker = runtime.worker.start_thread() if run_worker else None
        except Exception as exc:
            await send({"type": "lifespan.startup.failed", "message": type(exc).__name__})
            raise
        await send({"type": "lifespan.startup.complete"})
        await receive()  # lifespan.shutdown
        runtime.svc.inflight.release_gc()
        if stop_worker:
            await asyncio.to_thread(stop_worker)
        await runtime.stop()
        await send({"type": "lifespan.shutdown.complete"})

    return app


def serve(settings: Settings, directory: Directory) -> None:
    runtime = build_runtime(settings, directory)
    if settings.socket_mode:
        asyncio.run(_socket_mode(runtime, settings))
        return
    import uvicorn

    log.info("Somevahti %s listening on port %s (HTTP mode, POST /slack/events)", __version__, settings.port)
    uvicorn.run(http_app(runtime), host="0.0.0.0", port=settings.port, log_level="warning",  # noqa: S104
                access_log=False, lifespan="on")


async def _socket_mode(runtime: Runtime, settings: Settings) -> None:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    await runtime.start()
    stop_worker = runtime.worker.start_thread()
    handler = AsyncSocketModeHandler(runtime.app, settings.slack_app_token.get_secret_value())
    log.info("Somevahti %s connecting to Slack (Socket Mode)", __version__)
    try:
        await handler.start_async()
    finally:
        await asyncio.to_thread(stop_worker)
        await runtime.stop()

