"""The Teams SDK (microsoft-teams-apps 2.1, `microsoft_teams`) on Somevahti's own server.

The SDK validates every inbound activity's JWT (RS256, key from the OpenID metadata, audience =
client id, issuer, serviceurl claim) and routes it to the listeners; Somevahti's Starlette app owns
the HTTP route (`RouteAdapter`, the SDK's HttpServerAdapter), so Teams and Slack share one port.
Authentication is never switched off.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

from teams.config import TeamsConfig
from teams.token import ClientCredentials

MESSAGING_PATH = "/api/messages"


@contextlib.contextmanager
def _environment_kept() -> Iterator[None]:
    """Importing the SDK calls load_dotenv(), which would copy a .env (searched upwards from the
    working directory) into the environment: Somevahti's settings are read before, and stay as read."""
    before = dict(os.environ)
    try:
        yield
    finally:
        if dict(os.environ) != before:
            os.environ.clear()
            os.environ.update(before)


def import_sdk() -> Any:
    with _environment_kept():
        import microsoft_teams.apps as apps
    return apps


class RouteAdapter:
    """The SDK's HttpServerAdapter: keeps the handler the SDK registers; bot/server.py serves it."""

    def __init__(self) -> None:
        self.handlers: dict[tuple[str, str], Any] = {}

    def register_route(self, method: str, path: str, handler: Any) -> None:
        self.handlers[(method, path)] = handler

    def serve_static(self, path: str, directory: str) -> None:
        pass  # no tabs or static pages

    async def start(self, port: int) -> None:
        raise NotImplementedError("Somevahti's own server serves the Teams route")

    async def stop(self) -> None:
        pass

    async def handle(self, body: dict, headers: dict[str, str]) -> tuple[int, Any]:
        """One POST /api/messages: (status, JSON body or None)."""
        handler = self.handlers.get(("POST", MESSAGING_PATH))
        if handler is None:  # not initialised yet (start-up): Teams retries
            return 503, None
        answer = await handler({"body": body, "headers": headers})
        return answer["status"], answer["body"]


def create_app(config: TeamsConfig, token: ClientCredentials, adapter: RouteAdapter) -> Any:
    """A `microsoft_teams.apps.App` on `adapter`, its identity and clouds from `config`."""
    apps = import_sdk()
    from microsoft_teams.api.auth.cloud_environment import PUBLIC, with_overrides

    cloud = with_overrides(
        PUBLIC, login_endpoint=config.login_endpoint.rstrip("/"), openid_metadata_url=config.openid_metadata_url
    )
    return apps.App(
        client_id=config.client_id,
        tenant_id=config.tenant_id,
        token=token,
        service_url=config.service_url,
        cloud=cloud,
        http_server_adapter=adapter,
        messaging_endpoint=MESSAGING_PATH,
    )
