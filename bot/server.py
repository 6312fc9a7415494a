"""Running the bot: HTTP mode (Starlette + Bolt's Starlette adapter under uvicorn) or Socket Mode."""

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
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot import __version__
from bot.app import SLACK_AUTH_FAILED, BotIdentity, create_app, make_client
from bot.config import Settings
from bot.db import Database
from bot.directory import Directory
from bot.outbox import OutboxWorker
from bot.retention import DailyPurge, retention_days
from bot.services import Services
from bot.weekly import WeeklySummary
from escalation import ohje_review
from escalation.clock import Clock
from escalation.delivery import Transport
from handlers.i18n import warm_languages
from handlers.render import render_with_people
from handlers.transport import SlackTransport
from knowledge import get_index

log = logging.getLogger("somevahti.server")

# Slack's payloads are a few kB; anything far larger is not Slack and is refused unread.
MAX_BODY_BYTES = 256 * 1024
# A client gets this long to send its whole body: a connection trickling half a body must not
# hold a request open for ever.
BODY_DEADLINE_S = 10.0
# Slack's request timestamp: Unix seconds.
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
SIGNATURE_MAX_AGE = 5 * 60  # seconds, as Slack's and Bolt's own check


@dataclass
class Runtime:
    svc: Services
    app: AsyncApp | None  # Slack (None when only Teams is configured)
    worker: OutboxWorker
    identity: BotIdentity | None = None  # who the bot is in Slack (auth.test), with Slack
    loop: asyncio.AbstractEventLoop | None = None  # the serving loop, once started
    socket: Any = None  # Socket Mode's client (is_connected()), for /healthz
    session: aiohttp.ClientSession | None = None
    teams: Any = None  # teams.edge.TeamsEdge when Teams is configured

    async def start(self) -> None:
        """Start-up work that makes the first requests fast: who the bot is, users' languages."""
        self.loop = asyncio.get_running_loop()
        # The guideline index is built once (~0.1 s); not on the first /ohje, which would wait for it.
        await asyncio.to_thread(get_index)
        try:  # ...with the aliases taught in the database (escalation/ohje_review.py)
            await ohje_review.live_index(self.svc).refresh(self.svc, force=True)
        except Exception as exc:  # noqa: BLE001  (the shipped index answers; retried after a question)
            log.warning("ohje aliases not loaded at start: %s", type(exc).__name__)
        if self.teams is not None:
            await self.teams.start()
        if self.app is not None:
            await self._start_slack()
        # What start-up built (the guideline index and its lexicon, ~140,000 objects) lives as long
        # as the process: kept out of the collector's sight (after one collection, so that no
        # garbage is kept with it), a full collection in a burst of requests takes microseconds
        # instead of ~30 ms.
        gc.collect()
        gc.freeze()

    async def _start_slack(self) -> None:
        assert self.app is not None and self.identity is not None
        # One connection pool for every Web API call made on this loop; without it slack_sdk opens
        # (and closes) a connection per call. Bolt hands it on to each request's client copy.
        self.session = aiohttp.ClientSession()
        self.app.client.session = self.identity.client.session = self.session
        await self.identity.learn()
        warming = asyncio.ensure_future(warm_languages(self.identity.client, self.svc.cache, self.svc.directory))
        with contextlib.suppress(TimeoutError):  # a slow Slack must not hold start-up: go on warming
            await asyncio.wait_for(asyncio.shield(warming), 1)

    async def stop(self) -> None:
        if self.session is not None:
            await self.session.close()


def build_runtime(
    settings: Settings, directory: Directory, *, clock: Clock | None = None, db: Database | None = None
) -> Runtime:
    clock = clock or Clock()
    db = db or Database(settings.database_url)
    svc = Services(settings=settings, directory=directory, db=db, clock=clock)
    app, identity, teams = None, None, None
    transports: dict[str, Transport] = {}
    if settings.slack_enabled:
        app, identity = create_app(svc, make_client(svc))
        transports["slack"] = slack_transport(settings, svc.cache, render_with_people(directory))
    if settings.teams_enabled:
        from teams.edge import TeamsEdge  # imports the Teams SDK: only when Teams is configured

        teams = TeamsEdge(teams_config(settings), svc)
        transports["teams"] = teams.transport(db, clock)
    worker = OutboxWorker(db, clock, transports)
    svc.wake_worker = worker.wake
    # Closed threat reports are purged after the retention period, checked from the worker's loop.
    worker.periodic.append(DailyPurge(db, clock, retention_days(settings, directory)))
    # mavi's weekly picture (directory `weekly:`), owed once per ISO week.
    worker.periodic.append(WeeklySummary(db, clock, directory))
    return Runtime(svc, app, worker, identity=identity, teams=teams)


def teams_config(settings: Settings):
    from teams.config import TeamsConfig

    assert settings.teams_client_id and settings.teams_tenant_id  # Teams is configured
    return TeamsConfig(
        client_id=settings.teams_client_id,
        client_secret=settings.secret("teams_client_secret"),
        tenant_id=settings.teams_tenant_id,
        service_url=settings.teams_service_url,
        login_endpoint=settings.teams_login_endpoint,
        openid_metadata_url=settings.teams_openid_metadata_url,
    )


def slack_transport(settings: Settings, cache: dict, renderer=None) -> SlackTransport:
    """Slack for the delivery worker, with a client of its own (the worker's loop is its own). It
    never re-sends by itself: the worker retries, after looking for an earlier post, where a
    silent re-send on a dropped connection could post the same message twice."""
    client = AsyncWebClient(
        token=settings.secret("slack_bot_token"), base_url=settings.slack_api_url, timeout=10, retry_handlers=[]
    )
    return SlackTransport(
        client,
        cache,
        file_hosts=(urlsplit(settings.slack_api_url).hostname or "",),
        **({"renderer": renderer} if renderer is not None else {}),
    )


def signed(secret: bytes, timestamp: str, raw: bytes, signature: str) -> bool:
    """Slack's request signature over the raw bytes, and a fresh timestamp (as Bolt checks it).

    Checked before anything parses the body: an unsigned body is never parsed (deeply nested JSON
    would raise RecursionError in the parser) and never reaches Bolt, whose refusal logs it.
    """
    if not _TIMESTAMP.fullmatch(timestamp) or not signature.isascii():
        return False
    fresh = abs(time.time() - int(timestamp)) <= SIGNATURE_MAX_AGE  # the wall clock, as Bolt's check
    expected = b"v0=" + hmac.new(secret, b"v0:%s:%s" % (timestamp.encode(), raw), hashlib.sha256).hexdigest().encode()
    return fresh and hmac.compare_digest(expected, signature.encode("ascii"))


class BodyTooLarge(Exception):
    pass


async def read_body(request: Request, limit: int = MAX_BODY_BYTES, deadline: float | None = None) -> bytes:
    """The whole body, at most `limit` bytes, within `deadline` seconds (default `BODY_DEADLINE_S`,
    read at call time so tests can lower it; TimeoutError otherwise).

    Starlette keeps it, so Bolt's adapter reads the same bytes again without touching the socket.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge

    async def chunks() -> bytes:
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise BodyTooLarge
        return bytes(body)

    deadline = BODY_DEADLINE_S if deadline is None else deadline
    request._body = await asyncio.wait_for(chunks(), deadline)  # Starlette's own cache of the body
    return request._body


def health_endpoint(runtime: Runtime):
    """GET /healthz: 200 when the database answers, Slack accepted the bot token (or has not answered
    yet: "unknown", e.g. Slack unreachable at start-up) and, in Socket Mode, the socket is connected;
    503 otherwise, saying which. The database is read on the readers' own threads, never behind
    writes waiting for SQLite's lock."""

    async def healthz(_request: Request) -> Response:
        try:
            await runtime.svc.read(lambda s: s.execute(text("SELECT 1")).scalar_one())
        except Exception:  # noqa: BLE001
            return JSONResponse({"ok": False, "database": "unavailable"}, status_code=503)
        body: dict = {"ok": True, "version": __version__}
        if runtime.identity is not None:  # Slack is configured
            body["slack"] = runtime.identity.state
            body["ok"] = body["slack"] not in SLACK_AUTH_FAILED
        if runtime.socket is not None:
            connected = False
            with contextlib.suppress(Exception):
                connected = await runtime.socket.is_connected()
            body["socket"] = "connected" if connected else "disconnected"
            body["ok"] = body["ok"] and connected
        return JSONResponse(body, status_code=200 if body["ok"] else 503)

    return healthz


def http_app(runtime: Runtime, *, run_worker: bool = True) -> Starlette:
    """POST /slack/events (Bolt's Starlette adapter), POST /api/messages (the Teams SDK) and
    GET /healthz, with the worker's lifespan; each platform's route only when it is configured."""
    routes = [Route("/healthz", health_endpoint(runtime), methods=["GET"])]
    if runtime.app is not None:
        routes.append(Route("/slack/events", slack_route(runtime), methods=["POST"]))
    if runtime.teams is not None:
        routes.append(Route("/api/messages", teams_route(runtime), methods=["POST"]))

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await runtime.start()
        stop_worker = runtime.worker.start_thread() if run_worker else None
        try:
            yield
        finally:
            if stop_worker:
                await asyncio.to_thread(stop_worker)
            await runtime.svc.finish_background_work()
            await runtime.stop()

    return Starlette(routes=routes, lifespan=lifespan)


def teams_route(runtime: Runtime):
    async def teams_messages(request: Request) -> Response:
        """Bot Framework activities; the SDK checks the JWT before anything acts on one."""
        try:
            body = json.loads(await read_body(request))
        except BodyTooLarge:
            return PlainTextResponse("request body too large", status_code=413)
        except TimeoutError:
            return PlainTextResponse("request body too slow", status_code=408)
        except (ValueError, RecursionError):
            return PlainTextResponse("invalid request", status_code=400)
        if not isinstance(body, dict):
            return PlainTextResponse("invalid request", status_code=400)
        status, answer = await runtime.teams.handle(body, dict(request.headers))
        return Response(status_code=status) if answer is None else JSONResponse(answer, status_code=status)

    return teams_messages


def slack_route(runtime: Runtime):
    assert runtime.app is not None  # Slack is configured
    slack = AsyncSlackRequestHandler(runtime.app)
    secret = runtime.svc.settings.secret("slack_signing_secret").encode()

    async def slack_events(request: Request) -> Response:
        try:
            raw = await read_body(request)
        except BodyTooLarge:
            return PlainTextResponse("request body too large", status_code=413)
        except TimeoutError:
            return PlainTextResponse("request body too slow", status_code=408)
        headers = request.headers
        if not signed(secret, headers.get("x-slack-request-timestamp", ""), raw, headers.get("x-slack-signature", "")):
            return PlainTextResponse("invalid request", status_code=401)
        try:
            return await slack.handle(request)
        except (ValueError, RecursionError):  # signed, yet not UTF-8 form data or JSON Bolt can parse
            return PlainTextResponse("invalid request", status_code=400)

    return slack_events


def serve(settings: Settings, directory: Directory) -> None:
    runtime = build_runtime(settings, directory)
    if settings.socket_mode:
        asyncio.run(_socket_mode(runtime, settings))
        return
    import uvicorn

    routes = [
        r
        for on, r in ((settings.slack_enabled, "POST /slack/events"), (settings.teams_enabled, "POST /api/messages"))
        if on
    ]
    log.info("Somevahti %s listening on port %s (HTTP mode, %s)", __version__, settings.port, ", ".join(routes))
    uvicorn.run(
        http_app(runtime),
        host="0.0.0.0",  # noqa: S104  (a server: reachable by Slack and Teams through the proxy)
        port=settings.port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_keep_alive=5,
    )


async def _socket_mode(runtime: Runtime, settings: Settings) -> None:
    """Socket Mode, with GET /healthz on PORT beside it (same process, same loop): 503 while the
    socket is not connected, so `somevahti health` and the Docker HEALTHCHECK work in both modes."""
    import uvicorn
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    await runtime.start()
    stop_worker = runtime.worker.start_thread()
    assert runtime.app is not None  # Socket Mode is Slack's
    handler = AsyncSocketModeHandler(runtime.app, settings.secret("slack_app_token"))
    runtime.socket = handler.client
    health = uvicorn.Server(
        uvicorn.Config(
            Starlette(routes=[Route("/healthz", health_endpoint(runtime), methods=["GET"])]),
            host="0.0.0.0",  # noqa: S104  (the health check's port, as in HTTP mode)
            port=settings.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_keep_alive=5,
        )
    )
    health.install_signal_handlers = lambda: None  # type: ignore[attr-defined]  # uvicorn < 0.29
    log.info("Somevahti %s connecting to Slack (Socket Mode); GET /healthz on port %s", __version__, settings.port)
    listening = asyncio.ensure_future(health.serve())
    try:
        await handler.start_async()
    finally:
        health.should_exit = True
        with contextlib.suppress(Exception):
            await asyncio.wait_for(listening, 5)
        await asyncio.to_thread(stop_worker)
        await runtime.svc.finish_background_work()
        await runtime.stop()
