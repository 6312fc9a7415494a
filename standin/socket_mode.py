"""A minimal Socket Mode endpoint for the stand-in: `apps.connections.open` (with an `xapp-` token)
hands out its URL; a client that connects gets Slack's `hello` and stays connected until the test
drops it (`drop()`) or stops accepting (`accepting = False`: new connections are refused). Enough to
see whether a Socket Mode process is connected; it delivers no events.

    with run_socket_mode() as socket_mode:
        standin.socket_mode_url = socket_mode.url
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Iterator

from aiohttp import WSMsgType, web


class SocketModeEndpoint:
    def __init__(self) -> None:
        self.accepting = True
        self.connections: list[web.WebSocketResponse] = []
        self.loop: asyncio.AbstractEventLoop | None = None
        self.url = ""

    async def _ws(self, request: web.Request) -> web.StreamResponse:
        if not self.accepting:
            return web.Response(status=503)
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.connections.append(ws)
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": len(self.connections),
                "connection_info": {"app_id": "A0SOMEVAHTI"},
                "debug_info": {"host": "standin"},
            }
        )
        try:
            async for msg in ws:
                if msg.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
                    break
        finally:
            with contextlib.suppress(ValueError):
                self.connections.remove(ws)
        return ws

    def connected(self) -> int:
        return len(self.connections)

    def drop(self, *, refuse: bool = True) -> None:
        """Close every connection (and, with `refuse`, refuse new ones) as a Slack outage would."""
        self.accepting = not refuse

        async def close_all():
            for ws in list(self.connections):
                await ws.close()

        asyncio.run_coroutine_threadsafe(close_all(), self.loop).result(5)


@contextlib.contextmanager
def run_socket_mode() -> Iterator[SocketModeEndpoint]:
    endpoint = SocketModeEndpoint()
    ready = threading.Event()
    stop: dict = {}

    def serve() -> None:
        loop = asyncio.new_event_loop()
        endpoint.loop = loop
        app = web.Application()
        app.router.add_get("/socket-mode", endpoint._ws)
        runner = web.AppRunner(app)
        loop.run_until_complete(runner.setup())
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        site = web.SockSite(runner, sock)
        loop.run_until_complete(site.start())
        endpoint.url = f"ws://127.0.0.1:{sock.getsockname()[1]}/socket-mode"
        stop["event"] = asyncio.Event()
        ready.set()
        loop.run_until_complete(stop["event"].wait())
        loop.run_until_complete(runner.cleanup())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield endpoint
    finally:
        endpoint.loop.call_soon_threadsafe(stop["event"].set)
        thread.join(10)
