"""Run the stand-in under uvicorn in a background thread (tests) or standalone."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import uvicorn

from .workspace import Workspace

if TYPE_CHECKING:  # webapi re-exports run_standin, so import it lazily at runtime
    from .webapi import SlackStandIn


class ThreadedServer:
    """uvicorn serving any ASGI app from a daemon thread on an already-bound socket."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning") -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))  # port 0: the OS picks a free one, no race with other tests
        self.host, self.port = self.sock.getsockname()[:2]
        config = uvicorn.Config(
            app,
            log_level=log_level,
            lifespan="off",
            access_log=False,
            timeout_graceful_shutdown=1,
            timeout_keep_alive=30,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, name=f"standin-{self.port}", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def start(self, timeout: float = 10.0) -> None:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("stand-in server did not start")
            time.sleep(0.005)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
        self.sock.close()


class StandInServer(ThreadedServer):
    def __init__(
        self, standin: SlackStandIn, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning"
    ) -> None:
        super().__init__(standin.app, host, port, log_level)
        self.standin = standin
        standin.url = self.url


@contextmanager
def run_app(app: Any, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve an ASGI app (e.g. the Bolt app's Starlette wrapper) in a thread; yields its root URL."""
    server = ThreadedServer(app, host, port)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@contextmanager
def run_standin(
    workspace: Workspace | SlackStandIn | None = None, *, host: str = "127.0.0.1", port: int = 0, **kwargs: Any
) -> Iterator[SlackStandIn]:
    """`with run_standin(ws) as standin:` serve on a free port; standin.base_url is the API base.

    kwargs go to SlackStandIn (bot_token, users, channels, usergroups, trigger_ttl, ...).
    """
    from .webapi import SlackStandIn

    standin = workspace if isinstance(workspace, SlackStandIn) else SlackStandIn(workspace, **kwargs)
    server = StandInServer(standin, host, port)
    server.start()
    try:
        yield standin
    finally:
        server.stop()
