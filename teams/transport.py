"""Teams as the delivery worker's transport (bot/outbox.py), over the Bot Connector REST API.

- destination: a person's remembered 1:1 chat, else a new one (POST /v3/conversations with their
  Entra object id; 403 = the app is not installed for them, permanent); a channel is its own id.
- post: a message activity with the rendered Adaptive Card; a thread reply goes to
  `<conversation>;messageid=<parent activity id>`. update: PUT of the activity in place.
- find_posted: None. The Bot Connector keeps no message history to ask, so a post whose answer was
  lost can be posted again (see DEVELOPERS.md, "Teams delivery").
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from escalation.clock import Clock
from escalation.delivery import FileSource, Permanent, Posted
from escalation.models import Incident, Notification
from teams import conversations
from teams.cards.common import activity, card, text_block
from teams.cards.common import message as message_of
from teams.config import TeamsConfig
from teams.connector import Connector
from texts import lang_from_locale

Renderer = Callable[[Session, Notification, Incident | None, str], dict]  # -> {"text", "card"}
PAGE_SIZE = 200  # roster page (the connector's maximum is 500)
THREAD = ";messageid="


class TeamsTransport:
    platform = "teams"

    def __init__(
        self,
        config: TeamsConfig,
        connector: Connector,
        db: Any,
        clock: Clock,
        *,
        renderers: dict[str, Renderer] | None = None,
    ):
        """`db`: the bot's Database (transaction() / reading()); `renderers` by the kind's domain
        (the part before the first dot). Threat and controversy renderers come with phase 2."""
        self.config, self.connector, self.db, self.clock = config, connector, db, clock
        self.renderers = dict(renderers or {})

    def connected(self) -> contextlib.AbstractAsyncContextManager[None]:
        return self.connector.connected()

    # -- storage (the worker's loop must not block on the database) ---------------------

    async def _read(self, fn: Callable[[Session], Any]) -> Any:
        def go():
            with self.db.reading() as s:
                return fn(s)

        return await asyncio.to_thread(go)

    async def _service_url(self, conversation_id: str) -> str:
        known = await self._read(lambda s: conversations.service_url_of(s, conversation_id.split(THREAD)[0]))
        return (known or self.config.service_url).rstrip("/") + "/"

    # -- the Transport protocol -------------------------------------------------------------

    async def lang_of(self, row: Notification) -> str:
        if row.target_kind != "user":
            return "fi"
        ref = await self._read(lambda s: conversations.lookup(s, row.target_id))
        return lang_from_locale(ref.locale if ref else None)

    def render(self, session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
        renderer = self.renderers.get(row.kind.split(".", 1)[0])
        if renderer is None:  # the domain targets Teams only with kinds that have a renderer here
            raise Permanent(f"no_teams_renderer:{row.kind}")
        return renderer(session, row, incident, lang)

    async def destination(self, row: Notification) -> str:
        if row.target_kind == "channel":
            return row.target_id
        if row.target_kind != "user":
            raise Permanent(f"teams_target_kind:{row.target_kind}")
        ref = await self._read(lambda s: conversations.lookup(s, row.target_id))
        if ref is not None:
            return ref.conversation_id
        c = self.config
        created = await self.connector.call(
            "POST",
            f"{c.service_url.rstrip('/')}/v3/conversations",
            json={
                "bot": {"id": f"28:{c.client_id}"},
                "members": [{"id": row.target_id}],
                "isGroup": False,
                "tenantId": c.tenant_id,
                "channelData": {"tenant": {"id": c.tenant_id}},
            },
        )
        if not created.get("id"):
            raise Permanent("conversation_not_created")
        ref = conversations.Reference(row.target_id.lower(), created["id"], c.service_url)

        def store() -> None:
            with self.db.transaction() as s:
                conversations.remember(s, ref, self.clock.now())

        await asyncio.to_thread(store)
        return ref.conversation_id

    async def find_posted(self, row: Notification, destination: str, thread: str | None) -> str | None:
        return None  # the Bot Connector has no history to look in (DEVELOPERS.md, "Teams delivery")

    async def post(self, row: Notification, destination: str, message: dict, thread: str | None) -> Posted:
        conversation = f"{destination}{THREAD}{thread}" if thread else destination
        url = f"{await self._service_url(destination)}v3/conversations/{conversation}/activities"
        sent = await self.connector.call("POST", url, json=activity(message))
        if not sent.get("id"):
            raise Permanent("no_activity_id")
        return Posted(destination, sent["id"])

    async def upload(self, row: Notification, destination: str, message: dict, thread: str | None) -> Posted:
        """Teams has no file upload for bots outside the 1:1 chat's consent flow: an image (the
        weekly chart) is shown inline, in a card, as a data URI."""
        f = message["file"]
        uri = "data:image/png;base64," + base64.b64encode(f["content"]).decode("ascii")
        card_ = card(
            [
                text_block(f["title"], weight="Bolder"),
                {"type": "Image", "url": uri, "altText": f["title"], "size": "Stretch"},
            ]
        )
        return await self.post(row, destination, message_of(card_, f["title"]), thread)

    async def update(self, posted: Notification, message: dict) -> None:
        url = f"{await self._service_url(posted.channel_id)}v3/conversations/{posted.channel_id}/activities/{posted.ts}"
        await self.connector.call("PUT", url, json={**activity(message), "id": posted.ts})

    async def members(self, row: Notification) -> list[str]:
        """A team's roster (row.target_id: the team id), as Entra object ids, page by page."""
        url = f"{await self._service_url(row.target_id)}v3/conversations/{row.target_id}/pagedmembers"
        people: list[str] = []
        token = None
        while True:
            page = await self.connector.call(
                "GET", url, params={"pageSize": PAGE_SIZE, **({"continuationToken": token} if token else {})}
            )
            people += [m["aadObjectId"].lower() for m in page.get("members") or [] if m.get("aadObjectId")]
            token = page.get("continuationToken")
            if not token:
                return people

    async def file_source(self, row: Notification) -> FileSource:
        """An evidence file the row names: a file's pre-authenticated downloadUrl, or a pasted
        image's contentUrl, which needs the bot token (the worker checks https, size, image)."""
        data = row.data or {}
        if data.get("download_url"):
            return FileSource(data["download_url"], {}, data.get("mimetype"))
        if data.get("content_url"):
            return FileSource(data["content_url"], await self.connector.bearer(), data.get("mimetype"))
        raise Permanent("file_not_found")
