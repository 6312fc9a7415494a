"""The baseline for benchmarks/load_fault.py: a bare Bolt AsyncApp under uvicorn that only acknowledges.

    SLACK_SIGNING_SECRET=... python benchmarks/bare_bolt_app.py --port 3100 [--adapter asgi|starlette] [--poll]

Same framework as Somevahti (slack-bolt AsyncApp, request signature and timestamp checked, one
uvicorn process with the same settings), but every slash command, view submission, action and
shortcut is acknowledged at once with an empty body. Authorization is a constant (no auth.test
call, no token check), so the app never talks to Slack: what it costs to answer is the framework's
cost alone. `GET /healthz` answers 200 so the benchmark can wait for it.

Adapters: `asgi` (default) is Bolt's plain ASGI adapter, the fastest of Bolt's ways to serve an
AsyncApp; `starlette` is Bolt's Starlette adapter. (Somevahti's server, bot/server.py, reads and
parses the request itself and hands it to Bolt's dispatch.)

Answering: by default Bolt sends the answer when the listener returns (process_before_response,
as Somevahti does), the fastest; `--poll` is Bolt's default mode, where the listener runs as a task
and Bolt checks every 10 ms whether ack() was called (every answer ~10 ms later).
"""

from __future__ import annotations

import argparse
import os
import re

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult

ANY = re.compile(r".*")
BOT_TOKEN = "xoxb-bare-bolt-baseline"  # never used: the app makes no Web API calls


def build_app(signing_secret: str, *, poll: bool = False) -> AsyncApp:
    async def authorize(enterprise_id=None, team_id=None, user_id=None, **_):  # noqa: ANN001
        return AuthorizeResult(
            enterprise_id=enterprise_id,
            team_id=team_id,
            bot_token=BOT_TOKEN,
            bot_user_id="U0BAREBOLT",
            bot_id="B0BAREBOLT",
            user_id=user_id,
        )

    app = AsyncApp(
        signing_secret=signing_secret,
        authorize=authorize,
        request_verification_enabled=True,
        process_before_response=not poll,
        raise_error_for_unhandled_request=False,
    )

    async def just_ack(ack):
        await ack()

    app.command(ANY)(just_ack)
    app.view(ANY)(just_ack)
    app.action(ANY)(just_ack)
    app.shortcut(ANY)(just_ack)
    return app


def asgi_app(app: AsyncApp, adapter: str = "asgi"):
    """The ASGI application: POST /slack/events (Bolt) and GET /healthz."""
    if adapter == "starlette":
        from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import JSONResponse, Response
        from starlette.routing import Route

        handler = AsyncSlackRequestHandler(app)

        async def events(request: Request) -> Response:
            return await handler.handle(request)

        async def healthz(_: Request) -> Response:
            return JSONResponse({"ok": True})

        return Starlette(
            routes=[Route("/slack/events", events, methods=["POST"]), Route("/healthz", healthz, methods=["GET"])]
        )
    if adapter != "asgi":
        raise ValueError(f"unknown adapter {adapter!r}; use asgi or starlette")
    from slack_bolt.adapter.asgi.async_handler import AsyncSlackRequestHandler as AsgiHandler

    bolt = AsgiHandler(app, path="/slack/events")

    async def router(scope, receive, send):
        if scope["type"] == "http" and scope["path"] == "/healthz":
            await send(
                {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]}
            )
            await send({"type": "http.response.body", "body": b'{"ok":true}'})
            return
        await bolt(scope, receive, send)

    return router


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=3100)
    p.add_argument("--adapter", choices=("asgi", "starlette"), default="asgi")
    p.add_argument("--poll", action="store_true", help="Bolt's default answering mode (checks for ack() every 10 ms)")
    a = p.parse_args(argv)
    secret = os.environ.get("SLACK_SIGNING_SECRET")
    if not secret:
        p.error("set SLACK_SIGNING_SECRET (the same secret the requests are signed with)")
    import uvicorn

    uvicorn.run(
        asgi_app(build_app(secret, poll=a.poll), a.adapter),
        host=a.host,
        port=a.port,
        log_level="warning",
        access_log=False,
        lifespan="off",
    )


if __name__ == "__main__":
    main()
