"""Slack as the delivery worker's transport (bot/outbox.py): Web API calls and what their errors mean."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from urllib.parse import urlsplit

import aiohttp
import httpx
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.orm import Session

from escalation.delivery import FileSource, Permanent, Posted, Transient, tls
from escalation.models import Incident, Notification
from handlers.i18n import user_lang
from handlers.render import render

METADATA_TYPE = "somevahti_notification"
# Errors that will not go away by retrying the same call.
PERMANENT = {
    "channel_not_found",
    "user_not_found",
    "not_in_channel",
    "is_archived",
    "account_inactive",
    "user_disabled",
    "cannot_dm_bot",
    "invalid_blocks",
    "msg_too_long",
    "no_text",
    "invalid_arguments",
    "restricted_action",
    "message_not_found",
    "cant_update_message",
    "file_not_found",
    "no_such_subteam",
    "subteam_not_found",
    "file_deleted",
}
FIND_PAGES = 5  # pages of 200 messages searched for an earlier post of a row
FILE_HOSTS = ("files.slack.com", "slack.com")


class SlackTransport:
    platform = "slack"

    def __init__(
        self,
        client: AsyncWebClient,
        cache: dict,
        *,
        file_hosts: tuple[str, ...] = (),
        renderer: Callable[[Session, Notification, Incident | None, str], dict] = render,
    ):
        # The client must not re-send by itself: the worker retries, after looking for an earlier post.
        self.client, self.cache, self.renderer = client, cache, renderer
        self.file_hosts = (*FILE_HOSTS, *file_hosts)

    @contextlib.asynccontextmanager
    async def connected(self) -> AsyncIterator[None]:
        # Connections kept open between calls (slack_sdk would otherwise open one per call).
        async with aiohttp.ClientSession() as session:
            self.client.session = session
            try:
                yield
            finally:
                self.client.session = None

    async def lang_of(self, row: Notification) -> str:
        return await user_lang(self.client, self.cache, row.target_id) if row.target_kind == "user" else "fi"

    def render(self, session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
        return self.renderer(session, row, incident, lang)

    async def call(self, method: str, **kwargs) -> dict:
        """One Web API call; its failure as the worker's Transient or Permanent."""
        try:
            resp = (
                await self.client.api_call(method, json=kwargs)
                if method.startswith("chat.")
                else await self.client.api_call(method, params=kwargs)
            )
            return resp.data  # type: ignore[return-value]
        except SlackApiError as exc:
            status = exc.response.status_code
            error = exc.response.get("error") if isinstance(exc.response.data, dict) else None
            if status == 429:
                headers = {k.lower(): v for k, v in (exc.response.headers or {}).items()}
                raise Transient("ratelimited", retry_after=float(headers.get("retry-after", 1))) from None
            if status >= 500:
                raise Transient(f"http_{status}") from None
            if error in PERMANENT:
                raise Permanent(error) from None
            raise Transient(error or f"http_{status}") from None
        except (TimeoutError, OSError, aiohttp.ClientError) as exc:
            raise Transient(type(exc).__name__) from None

    async def destination(self, row: Notification) -> str:
        if row.target_kind == "channel":
            return row.target_id
        data = await self.call("conversations.open", users=row.target_id)
        return data["channel"]["id"]

    async def find_posted(self, row: Notification, destination: str, thread: str | None) -> str | None:
        """A message this row already posted (its metadata key), if any. A thread reply is not in
        conversations.history, so replies are looked up in their thread."""
        oldest = (row.created_at - timedelta(seconds=5)).timestamp()
        method, args = ("conversations.replies", {"ts": thread}) if thread else ("conversations.history", {})
        cursor = None
        for _page in range(FIND_PAGES):
            data = await self.call(
                method,
                channel=destination,
                oldest=f"{oldest:.6f}",
                limit=200,
                include_all_metadata=True,
                **args,
                **({"cursor": cursor} if cursor else {}),
            )
            for msg in data.get("messages", []):
                meta = msg.get("metadata") or {}
                if meta.get("event_type") == METADATA_TYPE and (meta.get("event_payload") or {}).get("key") == row.key:
                    return msg.get("ts")
            cursor = (data.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None

    async def post(self, row: Notification, destination: str, message: dict, thread: str | None) -> Posted:
        args = {
            "channel": destination,
            "text": message["text"],
            "blocks": message.get("blocks"),
            "metadata": {"event_type": METADATA_TYPE, "event_payload": {"key": row.key}},
            "unfurl_links": False,
            "unfurl_media": False,
            "thread_ts": thread,
        }
        data = await self.call("chat.postMessage", **{k: v for k, v in args.items() if v is not None})
        return Posted(data.get("channel", destination), data.get("ts"))

    async def upload(self, row: Notification, destination: str, message: dict, thread: str | None) -> Posted:
        """files.getUploadURLExternal, the bytes to its URL, files.completeUploadExternal (shared in
        `thread` when given). The file's title carries the row's key, so a retry finds it."""
        f = message["file"]
        title = f"{f['title']} · {row.key}"
        got = await self.call("files.getUploadURLExternal", filename=f["filename"], length=len(f["content"]))
        try:
            async with httpx.AsyncClient(timeout=10, verify=tls()) as http:
                resp = await http.post(
                    got["upload_url"], content=f["content"], headers={"Content-Type": "application/octet-stream"}
                )
        except httpx.HTTPError as exc:
            raise Transient(type(exc).__name__) from None
        if resp.status_code >= 400:
            raise Transient(f"upload_http_{resp.status_code}")
        args = {"files": json.dumps([{"id": got["file_id"], "title": title}]), "channel_id": destination}
        if thread:
            args["thread_ts"] = thread
        await self.call("files.completeUploadExternal", **args)
        return Posted(destination, got["file_id"])

    async def update(self, posted: Notification, message: dict) -> None:
        await self.call(
            "chat.update", channel=posted.channel_id, ts=posted.ts, text=message["text"], blocks=message.get("blocks")
        )

    async def members(self, row: Notification) -> list[str]:
        return list((await self.call("usergroups.users.list", usergroup=row.target_id)).get("users", []))

    async def file_source(self, row: Notification) -> FileSource:
        """Where the evidence file is, and the bot token to fetch it with (only ever from Slack)."""
        meta = (await self.call("files.info", file=row.target_id)).get("file") or {}
        url = meta.get("url_private_download") or meta.get("url_private")
        if not url:
            raise Permanent("file_not_found")
        host = urlsplit(url).hostname or ""
        if not any(host == h or host.endswith("." + h) for h in self.file_hosts):
            raise Permanent("file_host_not_slack")
        return FileSource(url, {"Authorization": f"Bearer {self.client.token}"}, meta.get("mimetype"))
