"""Serve the Teams stand-in on a free port in a thread (tests), reusing the Slack stand-in's server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..runner import ThreadedServer
from .standin import TeamsStandIn
from .tenant import Tenant


@contextmanager
def run_teams_standin(
    tenant: Tenant | TeamsStandIn | None = None, *, host: str = "127.0.0.1", port: int = 0, **kwargs: Any
) -> Iterator[TeamsStandIn]:
    """`with run_teams_standin() as teams:`; teams.service_url / openid_metadata_url / token_url are live.

    kwargs go to TeamsStandIn (token_ttl, file_url_ttl).
    """
    standin = tenant if isinstance(tenant, TeamsStandIn) else TeamsStandIn(tenant, **kwargs)
    server = ThreadedServer(standin.app, host, port)
    standin.url = server.url
    server.start()
    try:
        yield standin
    finally:
        server.stop()
