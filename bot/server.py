"""Running the bot: HTTP mode (uvicorn + Bolt's ASGI adapter) or Socket Mode."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiohttp
from slack_bolt.adapter.asgi.async_handler import AsyncSlackRequestHandler
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


class BodyLimit:
    """ASGI middleware: 413 for bodies over the limit, before anything parses them."""

    def __init__(self, app, limit: int = MAX_BODY_BYTES):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await respond(send, 413, b"request body too large")
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        try:
            return await self.app(scope, limited, send)
        except _TooLarge:
            return await respond(send, 413, b"request body too large")


class _TooLarge(Exception):
    pass


class SlackRequestHandler(AsyncSlackRequestHandler):
    """Bolt's plain ASGI adapter, with the request body parsed by bot.request_body (same result, faster)."""

    async def dispatch(self, request):
        return await self.app.async_dispatch(
            bolt_request(await request.get_raw_body(), request.query_string, request.get_headers()))


def http_app(runtime: Runtime, *, run_worker: bool = True) -> BodyLimit:
    """POST /slack/events (Bolt's plain ASGI adapter, the framework's own fastest path), GET /healthz."""
    bolt = SlackRequestHandler(runtime.app, path="/slack/events")

    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            return await lifespan(receive, send)
        if scope["type"] != "http":
            return None
        route = (scope["method"], scope["path"])
        if route == ("POST", "/slack/events"):
            # Bolt's signature check raises instead of refusing when the timestamp is not a number or
            # the signature has non-ASCII characters; the error then reached the app's error handler
            # with the unverified body, which called Slack and posted to the body's response_url (any
            # URL a forger chose). Such requests are refused here, as Bolt refuses other bad signatures.
            headers = dict(scope["headers"])
            timestamp = headers.get(b"x-slack-request-timestamp", b"").decode("latin-1")
            if not _TIMESTAMP.fullmatch(timestamp) or not headers.get(b"x-slack-signature", b"").isascii():
                return await respond(send, 401, b"invalid request")
            with runtime.svc.inflight:
                # One turn of the loop first: every request already read is counted before this
                # one is handled, so work after acknowledgements knows they are waiting.
                await asyncio.sleep(0)
                return await bolt(scope, receive, send)
        if route == ("GET", "/healthz"):
            return await healthz(send)
        return await respond(send, 404, b"Not Found")

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
        if stop_worker:
            await asyncio.to_thread(stop_worker)
        await runtime.stop()
        await send({"type": "lifespan.shutdown.complete"})

    return BodyLimit(app)


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

