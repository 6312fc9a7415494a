"""Sends activities to the bot's messaging endpoint as Teams does: Bot Framework JWT, Teams shapes.

Builders (`personal_activity`, `channel_activity`) make the activity; the senders fill in the
details per kind and post it with `Authorization: Bearer <JWT signed by the stand-in>`. Every
sender takes `bad_token=` (one of identity.BAD_TOKENS), `no_token=True` and `headers=`.
TeamsDriver is synchronous (the app must run in another thread or process); AsyncTeamsDriver has
the same methods, awaitable.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from .standin import TeamsStandIn
from .tenant import Person

INVOKE_TIMEOUT = 5.0  # Teams gives up on an invoke answer after about 5 s
TEAMS_USER_AGENT = "Microsoft-SkypeBotApi (Microsoft-BotFramework/3.0)"
HELSINKI = ZoneInfo("Europe/Helsinki")


@dataclass
class BotResponse:
    """What the bot answered, plus the activity we sent."""

    status_code: int
    text: str
    headers: dict[str, str]
    elapsed: float
    activity: dict

    @property
    def ok(self) -> bool:
        return 200 <= self.status_code < 300

    @property
    def json(self) -> Any:
        try:
            return json.loads(self.text) if self.text.strip() else None
        except json.JSONDecodeError:
            return None

    @property
    def body(self) -> Any:
        parsed = self.json
        return parsed if parsed is not None else self.text

    @property
    def timed_out(self) -> bool:
        """An invoke answered later than Teams waits (the user sees an error)."""
        return self.activity.get("type") == "invoke" and self.elapsed > INVOKE_TIMEOUT


class _DriverCore:
    def __init__(self, app_url: str, standin: TeamsStandIn) -> None:
        self.app_url = app_url
        self.standin = standin
        self._ids = itertools.count(int(time.time() * 1000) + 500_000)  # apart from the connector's ids

    # --- builders --------------------------------------------------------------------------------

    def _common(self, person: Person, kind: str, locale: str | None) -> dict:
        now = datetime.now(UTC)
        locale = locale or person.locale
        return {
            "type": kind,
            "id": str(next(self._ids)),
            "timestamp": now.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "localTimestamp": now.astimezone(HELSINKI).isoformat(timespec="milliseconds"),
            "serviceUrl": self.standin.service_url,
            "channelId": "msteams",
            "from": {"id": person.user_id, "name": person.name, "aadObjectId": person.aad_object_id},
            "recipient": {"id": self.standin.bot.id, "name": self.standin.bot.name},
            "locale": locale,
            "localTimezone": "Europe/Helsinki",
            "entities": [
                {
                    "type": "clientInfo",
                    "locale": locale,
                    "country": locale[-2:],
                    "platform": "Web",
                    "timezone": "Europe/Helsinki",
                }
            ],
        }

    def personal_activity(
        self, person: str | Person, kind: str = "message", *, locale: str | None = None, **fields: Any
    ) -> dict:
        """An activity in the person's 1:1 chat with the bot."""
        p = person if isinstance(person, Person) else self.standin.person(person)
        tenant = self.standin.tenant.id
        activity = self._common(p, kind, locale)
        activity["conversation"] = {
            "conversationType": "personal",
            "tenantId": tenant,
            "id": self.standin.personal_conversation_id(p.key),
        }
        activity["channelData"] = {"tenant": {"id": tenant}}
        activity.update(fields)
        return activity

    def channel_activity(
        self,
        person: str | Person,
        team: str,
        kind: str = "message",
        *,
        channel: str | None = None,
        thread_id: str | None = None,
        locale: str | None = None,
        **fields: Any,
    ) -> dict:
        """An activity in a team channel; a new post's conversation id carries its own ;messageid=."""
        p = person if isinstance(person, Person) else self.standin.person(person)
        t, ch = self.standin.team(team), self.standin.channel(team, channel)
        activity = self._common(p, kind, locale)
        activity["conversation"] = {
            "isGroup": True,
            "conversationType": "channel",
            "tenantId": self.standin.tenant.id,
            "id": f"{ch.id};messageid={thread_id or activity['id']}",
        }
        if thread_id:
            activity["replyToId"] = thread_id
        activity["channelData"] = {
            "teamsChannelId": ch.id,
            "teamsTeamId": t.id,
            "channel": {"id": ch.id},
            "team": {"id": t.id, "name": t.name},
            "tenant": {"id": self.standin.tenant.id},
        }
        activity.update(fields)
        return activity

    def _user_said(self, *values: Any) -> None:
        for v in values:
            if isinstance(v, str):
                self.standin.note_user_text(v)
            elif isinstance(v, dict):
                self._user_said(*v.values())
            elif isinstance(v, list):
                self._user_said(*v)

    def _message(
        self,
        person: str,
        text: str,
        attachments: list[dict] | None,
        entities: list[dict] | None,
        locale: str | None,
        reply_to_id: str | None,
    ) -> dict:
        self._user_said(text)
        a = self.personal_activity(person, locale=locale, text=text, textFormat="plain")
        if attachments:
            a["attachments"] = attachments
        if entities:
            a["entities"] += entities
        if reply_to_id:
            a["replyToId"] = reply_to_id
        return a

    def _files(
        self,
        person: str,
        files: list[tuple[str, bytes, str]],
        images: list[tuple[str, bytes, str]],
        text: str,
        ttl: float | None,
    ) -> dict:
        atts = [self.standin.file_attachment(self.standin.add_file(n, c, m)["id"], ttl) for n, c, m in files]
        atts += [self.standin.image_attachment(self.standin.add_file(n, c, m)["id"]) for n, c, m in images]
        if images and not text:
            # Teams adds an HTML copy of the message (<img src=…>) next to pasted images.
            atts.append(
                {
                    "contentType": "text/html",
                    "content": "".join(f'<p><img src="{a["contentUrl"]}"></p>' for a in atts[len(files) :]),
                }
            )
        return self._message(person, text, atts, None, None, None)

    def _channel_message(
        self, person: str, team: str, text: str, channel: str | None, mention_bot: bool, thread_id: str | None
    ) -> dict:
        self._user_said(text)
        bot = self.standin.bot
        at = f"<at>{bot.name}</at>"
        a = self.channel_activity(
            person,
            team,
            channel=channel,
            thread_id=thread_id,
            text=f"{at} {text}" if mention_bot else text,
            textFormat="plain",
        )
        if not thread_id:
            self.standin.note_user_post(a["conversation"]["id"], a["id"])
        if mention_bot:
            a["entities"].append({"type": "mention", "text": at, "mentioned": {"id": bot.id, "name": bot.name}})
        return a

    def _task(self, person: str, name: str, data: dict | None, dialog_id: str | None) -> dict:
        data = dict(data or {})
        if dialog_id is not None:
            data["dialog_id"] = dialog_id
        if name == "task/fetch":
            data.setdefault("msteams", {"type": "task/fetch"})
        else:
            self._user_said(data)
        return self.personal_activity(
            person, "invoke", name=name, value={"type": name, "data": data, "context": {"theme": "default"}}
        )

    def _card_action(self, person: str, verb: str, data: dict | None, message: dict | str | None) -> dict:
        self._user_said(data or {})
        value = {"action": {"type": "Action.Execute", "verb": verb, "data": data or {}}, "trigger": "manual"}
        a = self.personal_activity(person, "invoke", name="adaptiveCard/action", value=value)
        if message is not None:
            record = message if isinstance(message, dict) else self.standin.message(message)
            if record:
                a["replyToId"] = record["id"]
                a["conversation"]["id"] = record["conversation_id"]
        return a

    def _installation(self, person: str, team: str | None, action: str) -> dict:
        if team is None:
            return self.personal_activity(person, "installationUpdate", action=action)
        return self.channel_activity(
            person, team, "installationUpdate", action=action, conversation=self._team_conversation(team)
        )

    def _team_conversation(self, team: str) -> dict:
        return {
            "isGroup": True,
            "conversationType": "channel",
            "tenantId": self.standin.tenant.id,
            "id": self.standin.team(team).id,
        }

    def _members_added(self, by: str, team: str, members: list[str]) -> dict:
        added = [
            {"id": self.standin.bot.id}
            if m == "bot"
            else {"id": (p := self.standin.person(m)).user_id, "aadObjectId": p.aad_object_id}
            for m in members
        ]
        a = self.channel_activity(
            by, team, "conversationUpdate", membersAdded=added, conversation=self._team_conversation(team)
        )
        a["channelData"]["eventType"] = "teamMemberAdded"
        return a

    def _request(
        self, activity: dict, bad_token: str | None, no_token: bool, headers: dict[str, str] | None
    ) -> dict[str, str]:
        h = {"Content-Type": "application/json; charset=utf-8", "User-Agent": TEAMS_USER_AGENT}
        if not no_token:
            token = self.standin.identity.activity_token(activity.get("serviceUrl", ""), bad=bad_token)
            h["Authorization"] = f"Bearer {token}"
        h.update(headers or {})
        return h

    # --- senders: build an activity, then `self.send` it (sync or async, per subclass) ---------------

    def message(
        self,
        person: str,
        text: str,
        *,
        attachments: list[dict] | None = None,
        entities: list[dict] | None = None,
        locale: str | None = None,
        reply_to_id: str | None = None,
        **send: Any,
    ) -> Any:
        """A 1:1 message from `person` (key, 29: id or AAD id)."""
        return self.send(self._message(person, text, attachments, entities, locale, reply_to_id), **send)

    def message_with_files(
        self,
        person: str,
        files: list[tuple[str, bytes, str]] | None = None,
        images: list[tuple[str, bytes, str]] | None = None,
        text: str = "",
        file_url_ttl: float | None = None,
        **send: Any,
    ) -> Any:
        """Uploaded files (file.download.info, expiring downloadUrl) and pasted images (contentUrl)."""
        return self.send(self._files(person, files or [], images or [], text, file_url_ttl), **send)

    def channel_message(
        self,
        person: str,
        team: str,
        text: str,
        *,
        channel: str | None = None,
        mention_bot: bool = True,
        thread_id: str | None = None,
        **send: Any,
    ) -> Any:
        return self.send(self._channel_message(person, team, text, channel, mention_bot, thread_id), **send)

    def task_fetch(self, person: str, data: dict | None = None, *, dialog_id: str | None = None, **send: Any) -> Any:
        """Dialog open (invoke task/fetch); the SDK routes on data.dialog_id."""
        return self.send(self._task(person, "task/fetch", data, dialog_id), **send)

    def task_submit(self, person: str, data: dict | None = None, *, dialog_id: str | None = None, **send: Any) -> Any:
        return self.send(self._task(person, "task/submit", data, dialog_id), **send)

    def card_action(
        self, person: str, verb: str, data: dict | None = None, *, message: dict | str | None = None, **send: Any
    ) -> Any:
        """Action.Execute on a card; `message` (a stand-in message record or id) is the card clicked."""
        return self.send(self._card_action(person, verb, data, message), **send)

    def installation_update(self, person: str, *, team: str | None = None, action: str = "add", **send: Any) -> Any:
        return self.send(self._installation(person, team, action), **send)

    def members_added(self, by: str, team: str, members: list[str], **send: Any) -> Any:
        """conversationUpdate teamMemberAdded; a member "bot" means the bot itself was added."""
        return self.send(self._members_added(by, team, members), **send)

    def send(
        self,
        activity: dict,
        *,
        bad_token: str | None = None,
        no_token: bool = False,
        headers: dict[str, str] | None = None,
    ) -> Any:
        """Post any activity dict as Teams would (signed for its serviceUrl)."""
        return self._post(activity, self._request(activity, bad_token, no_token, headers))

    def _post(self, activity: dict, headers: dict[str, str]) -> Any:
        raise NotImplementedError

    # --- reading what the bot sent ---------------------------------------------------------------

    def sent_to(self, person: str) -> list[dict]:
        """The bot's messages in the person's 1:1 chat (current versions), oldest first."""
        return [m["activity"] for m in self.standin.personal_messages(person)]

    def sent_to_channel(self, team: str, channel: str | None = None) -> list[dict]:
        return [m["activity"] for m in self.standin.channel_messages(team, channel)]


class TeamsDriver(_DriverCore):
    """Synchronous driver (httpx.Client)."""

    def __init__(
        self,
        app_url: str,
        standin: TeamsStandIn,
        *,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(app_url, standin)
        # trust_env=False: a proxy from the environment must never see local traffic.
        self.http = httpx.Client(timeout=timeout, trust_env=False, transport=transport)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> TeamsDriver:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _post(self, activity: dict, headers: dict[str, str]) -> BotResponse:
        started = time.monotonic()
        r = self.http.post(self.app_url, content=json.dumps(activity).encode(), headers=headers)
        return BotResponse(r.status_code, r.text, dict(r.headers), time.monotonic() - started, activity)


class AsyncTeamsDriver(_DriverCore):
    """Same methods as TeamsDriver, awaitable (httpx.AsyncClient)."""

    def __init__(
        self,
        app_url: str,
        standin: TeamsStandIn,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(app_url, standin)
        self.http = httpx.AsyncClient(timeout=timeout, trust_env=False, transport=transport)

    async def aclose(self) -> None:
        await self.http.aclose()

    async def _post(self, activity: dict, headers: dict[str, str]) -> BotResponse:
        started = time.monotonic()
        r = await self.http.post(self.app_url, content=json.dumps(activity).encode(), headers=headers)
        return BotResponse(r.status_code, r.text, dict(r.headers), time.monotonic() - started, activity)
