"""The Teams edge as the server runs it: the SDK app with Somevahti's listeners, its route, and
the delivery worker's transport, all sharing one token provider."""

from __future__ import annotations

from typing import Any

from escalation.clock import Clock
from teams.config import TeamsConfig
from teams.connector import Connector
from teams.roster import Roster
from teams.sdk import RouteAdapter, create_app
from teams.token import ClientCredentials
from teams.transport import Renderer, TeamsTransport


class TeamsEdge:
    def __init__(self, config: TeamsConfig, svc: Any):
        from teams.listeners import register

        self.config, self.svc = config, svc
        self.token = ClientCredentials(config)
        self.adapter = RouteAdapter()
        self.app = create_app(config, self.token, self.adapter)
        self.roster = Roster(Connector(self.token), config.service_url, svc.cache)
        register(self.app, svc, roster=self.roster)

    async def start(self) -> None:
        await self.app.initialize()  # registers POST /api/messages on the adapter, JWT checks on

    async def handle(self, body: dict, headers: dict[str, str]) -> tuple[int, Any]:
        return await self.adapter.handle(body, headers)

    def transport(self, db: Any, clock: Clock, *, renderers: dict[str, Renderer] | None = None) -> TeamsTransport:
        if renderers is None:  # the flows' messages, with names from the directory
            from teams.render import renderers as flow_renderers

            directory = self.svc.directory
            tag = directory.roles.mavi_tag.teams if directory.roles.mavi_tag else None
            renderers = flow_renderers(
                lambda i: directory.display_name(i) or ("mavi" if i.startswith("19:") else None), mavi_tag=tag
            )
        return TeamsTransport(self.config, Connector(self.token), db, clock, renderers=renderers)
