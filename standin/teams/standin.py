"""TeamsStandIn: the in-memory state of the fake Bot Connector, identity provider and file store.

The operations here take plain arguments and return (HTTP status, JSON body); `http.py` puts them
on routes and adds faults. The server runs in a uvicorn thread while tests read the state, so every
change happens under one lock and inspection helpers return copies.
"""

from __future__ import annotations

import base64
import itertools
import secrets
import threading
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from ..faults import Faults
from ..webapi import Call, SlackStandIn, _clone
from .cards import check_activity, user_links
from .identity import IdentityProvider
from .tenant import Channel, Person, Team, Tenant, default_tenant

CONNECTOR_PREFIX = "/teams"  # the service URL's path, like https://smba.trafficmanager.net/teams/
FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"
THREAD_MARK = ";messageid="

Result = tuple[int, Any]


def _error(status: int, code: str, message: str) -> Result:
    return status, {"error": {"code": code, "message": message}}  # Bot Framework's ErrorResponse


@dataclass
class Violation:
    """A rule broken by something the bot sent (rejected or merely flagged)."""

    kind: str  # "card" | "size" (both refused) | "markup" (accepted, but a hostile-input leak)
    detail: str
    conversation_id: str
    operation: str
    activity_id: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


class TeamsStandIn:
    def __init__(self, tenant: Tenant | None = None, *, token_ttl: int = 3599, file_url_ttl: float = 300.0) -> None:
        self.tenant = tenant or default_tenant()
        self.bot = self.tenant.bot
        self.identity = IdentityProvider(
            tenant_id=self.tenant.id,
            client_id=self.bot.client_id,
            client_secret=self.bot.client_secret,
            token_ttl=token_ttl,
        )
        self.file_url_ttl = file_url_ttl  # seconds a file's downloadUrl works
        self.faults = Faults()
        self.url: str | None = None  # "http://127.0.0.1:PORT/" once served
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._ids = itertools.count(int(time.time() * 1000))  # Teams activity ids look like epoch ms
        self._people = {p.key: p for p in self.tenant.people}
        self._teams = {t.key: t for t in self.tenant.teams}
        self._files: dict[str, dict] = {}
        self._file_sigs: dict[str, tuple[str, float]] = {}  # sig -> (file id, expires at)
        self._clear_activity()
        from .http import build_app  # http imports this module's names

        self.app = build_app(self)

    # --- addresses -----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return self.url or "http://standin.invalid/"

    @property
    def service_url(self) -> str:
        """The serviceUrl put on inbound activities; the bot sends everything back there."""
        return f"{self.base_url.rstrip('/')}{CONNECTOR_PREFIX}/"

    @property
    def openid_metadata_url(self) -> str:
        return f"{self.base_url.rstrip('/')}/v1/.well-known/openidconfiguration"

    @property
    def login_endpoint(self) -> str:
        """Stands for https://login.microsoftonline.com: tokens at {login_endpoint}/{tenant}/oauth2/v2.0/token."""
        return self.base_url.rstrip("/")

    @property
    def token_url(self) -> str:
        return f"{self.login_endpoint}/{self.tenant.id}/oauth2/v2.0/token"

    # --- tenant ----------------------------------------------------------------------------------

    def person(self, ref: str) -> Person:
        """A person by key, 29: id, AAD object id or "8:orgid:<aad id>"; KeyError if unknown."""
        ref = ref.removeprefix("8:orgid:")
        for p in self._people.values():
            if ref in (p.key, p.user_id, p.aad_object_id):
                return p
        raise KeyError(ref)

    def team(self, ref: str) -> Team:
        """A team by key, team id or the id of one of its channels."""
        for t in self._teams.values():
            if ref in (t.key, t.id) or any(ref in (c.id, c.name) for c in t.channels):
                return t
        raise KeyError(ref)

    def channel(self, team_ref: str, name_or_id: str | None = None) -> Channel:
        team = self.team(team_ref)
        if name_or_id in (None, "General", team.id):
            return Channel(team.id, "General")
        return next(c for c in team.channels if name_or_id in (c.id, c.name))

    def personal_conversation_id(self, person_ref: str) -> str:
        """The person's 1:1 chat with the bot (stable, like Teams: create returns the same id)."""
        p = self.person(person_ref)
        cid = f"a:1standin-personal-{p.key}"
        with self._lock:
            self._conversations.setdefault(cid, {"id": cid, "type": "personal", "person": p.key})
        return cid

    def member_obj(self, p: Person) -> dict:
        """TeamsChannelAccount as the roster APIs return it."""
        return {
            "id": p.user_id,
            "name": p.name,
            "aadObjectId": p.aad_object_id,
            "email": p.email,
            "userPrincipalName": p.upn,
            "givenName": p.given_name,
            "surname": p.surname,
            "tenantId": self.tenant.id,
            "userRole": "user",
        }

    # --- activity state --------------------------------------------------------------------------

    def _clear_activity(self) -> None:
        self._calls: list[Call] = []
        self._messages: list[dict] = []
        self._violations: list[Violation] = []
        self._user_links: set[str] = set()
        self._user_posts: set[tuple[str, str]] = set()  # (channel id, activity id): roots the bot may reply under
        self._conversations: dict[str, dict] = {}
        for team in self._teams.values():
            for ch in [Channel(team.id, "General"), *team.channels]:
                self._conversations[ch.id] = {
                    "id": ch.id,
                    "type": "channel",
                    "team": team.key,
                    "channel": ch.name,
                    "private": ch.private,
                }

    def reset(self, *, faults: bool = True) -> None:
        """Forget calls, messages, violations and 1:1 chats (and faults); keep people, teams, files, tokens."""
        with self._lock:
            self._clear_activity()
            if faults:
                self.faults.clear()
                self.faults.reset_counts()
            self._changed.notify_all()

    def record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)
            self._changed.notify_all()

    def note_user_text(self, text: str | None) -> None:
        """The driver reports what users typed, so link markup echoed back working can be flagged."""
        with self._lock:
            self._user_links.update(user_links(text or ""))

    def note_user_post(self, channel_id: str, activity_id: str) -> None:
        """The driver reports a channel post a user started, so the bot may reply in its thread."""
        with self._lock:
            self._user_posts.add((channel_id.split(THREAD_MARK)[0], activity_id))

    # --- inspection ------------------------------------------------------------------------------

    def calls(self, operation: str | None = None) -> list[Call]:
        with self._lock:
            return [_clone(c) for c in self._calls if operation is None or c.method == operation]

    def invalid_calls(self) -> list[Call]:
        """Calls refused for card/size problems (400/413)."""
        with self._lock:
            return [_clone(c) for c in self._calls if c.errors]

    def violations(self, kind: str | None = None) -> list[Violation]:
        with self._lock:
            return [_clone(v) for v in self._violations if kind is None or v.kind == kind]

    def tokens_issued(self) -> list:
        return self.identity.issued()

    def messages(self, conversation: str | None = None, *, include_deleted: bool = False) -> list[dict]:
        """What the bot posted, oldest first: {id, conversation_id, thread_id, activity (current version),
        versions (every version, first = as posted), deleted}. `conversation` may carry ;messageid=."""
        base = conversation.split(THREAD_MARK)[0] if conversation else None
        with self._lock:
            return [
                _clone(m)
                for m in self._messages
                if (base is None or m["conversation_id"] == base) and (include_deleted or not m["deleted"])
            ]

    def message(self, activity_id: str) -> dict | None:
        with self._lock:
            m = next((m for m in self._messages if m["id"] == activity_id), None)
            return _clone(m) if m else None

    def personal_messages(self, person_ref: str, **kw: Any) -> list[dict]:
        return self.messages(self.personal_conversation_id(person_ref), **kw)

    def channel_messages(self, team_ref: str, channel: str | None = None, **kw: Any) -> list[dict]:
        return self.messages(self.channel(team_ref, channel).id, **kw)

    def thread(self, root_id: str) -> list[dict]:
        """Replies under a channel message (or a 1:1 message the bot answered with replyToId)."""
        with self._lock:
            return [_clone(m) for m in self._messages if m["thread_id"] == root_id and not m["deleted"]]

    def stats(self) -> dict:
        with self._lock:
            return {
                "calls": len(self._calls),
                "messages": len(self._messages),
                "violations": len(self._violations),
                "faults": self.faults.stats(),
            }

    # The Slack stand-in's waiting helpers only need self._changed: shared, not copied.
    wait_for = SlackStandIn.wait_for
    async_wait_for = SlackStandIn.async_wait_for

    def wait_for_messages(self, conversation: str, count: int = 1, timeout: float = 5.0) -> list[dict]:
        self.wait_for(lambda: len(self.messages(conversation)) >= count, timeout)
        return self.messages(conversation)

    def wait_for_personal(self, person_ref: str, count: int = 1, timeout: float = 5.0) -> list[dict]:
        return self.wait_for_messages(self.personal_conversation_id(person_ref), count, timeout)

    # --- connector operations (return status, body) ----------------------------------------------

    def create_conversation(self, body: dict) -> Result:
        members = body.get("members") or []
        tenant_id = body.get("tenantId") or ((body.get("channelData") or {}).get("tenant") or {}).get("id")
        if body.get("isGroup") or len(members) != 1:
            return _error(400, "BadArgument", "Only 1:1 conversations with exactly one member can be created.")
        if not tenant_id:
            return _error(400, "BadArgument", "Conversation creation requires a tenant id.")
        if tenant_id != self.tenant.id:
            return _error(403, "Forbidden", "The bot is not allowed in this tenant.")
        try:
            p = self.person(str((members[0] or {}).get("id", "")))
        except KeyError:
            return _error(404, "NotFound", "User not found in tenant.")
        if not p.app_installed:
            return _error(403, "Forbidden", "Bot is not installed in user's personal scope")
        cid = self.personal_conversation_id(p.key)
        if body.get("activity"):
            status, sent = self.post_activity(cid, body["activity"], operation="conversations.create")
            if status >= 300:
                return status, sent
            return 201, {"id": cid, "activityId": sent["id"]}
        return 201, {"id": cid}

    def _conversation(self, cid: str) -> tuple[dict | None, Result | None]:
        conv = self._conversations.get(cid.split(THREAD_MARK)[0])
        if conv is None:
            return None, _error(404, "ConversationNotFound", "Conversation not found.")
        if conv["type"] == "personal" and not self._people[conv["person"]].app_installed:
            return None, _error(403, "Forbidden", "Bot is not installed in user's personal scope")
        if conv["type"] == "channel":
            if not self._teams[conv["team"]].app_installed:
                return None, _error(403, "Forbidden", "The bot is not part of the conversation roster.")
            if conv["private"]:
                return None, _error(403, "Forbidden", "Bots cannot post in private channels.")
        return conv, None

    def _checked(self, cid: str, activity: dict, operation: str, activity_id: str | None) -> Result | None:
        """Card/size/markup checks; records violations; an error result if Teams would refuse."""
        if activity.get("type", "message") != "message":
            return None
        if not activity.get("text") and not activity.get("attachments"):
            return _error(400, "BadArgument", "Activity must have text or attachments.")
        problems = check_activity(activity, self._user_links)
        base = cid.split(THREAD_MARK)[0]
        for detail in problems.flagged:
            self._violations.append(Violation("markup", detail, base, operation, activity_id))
        if problems.rejected:
            kind = "size" if problems.too_big else "card"
            self._violations.extend(Violation(kind, d, base, operation, activity_id) for d in problems.rejected)
            if problems.too_big:
                return _error(413, "MessageSizeTooBig", "Message size too big.")
            return _error(400, "BadArgument", "; ".join(problems.rejected))
        return None

    def post_activity(
        self, cid: str, activity: dict, *, reply_to: str | None = None, operation: str = "activities.send"
    ) -> Result:
        with self._lock:
            conv, err = self._conversation(cid)
            if err:
                return err
            assert conv is not None
            base, _, thread = cid.partition(THREAD_MARK)
            root = reply_to or activity.get("replyToId") or thread or None
            known = (base, root) in self._user_posts or any(
                m["id"] == root and m["conversation_id"] == base for m in self._messages
            )
            if root is not None and conv["type"] == "channel" and not known:
                return _error(404, "NotFound", "The message to reply to was not found.")
            refused = self._checked(cid, activity, operation, None)
            if refused:
                return refused
            aid = str(next(self._ids))
            if activity.get("type", "message") == "message":
                stored = {
                    **_clone(activity),
                    "id": aid,
                    "timestamp": _now(),
                    "from": {"id": self.bot.id, "name": self.bot.name},
                    "conversation": {"id": base, "conversationType": conv["type"], "tenantId": self.tenant.id},
                }
                self._messages.append(
                    {
                        "id": aid,
                        "conversation_id": base,
                        "thread_id": root,
                        "activity": stored,
                        "versions": [_clone(stored)],
                        "deleted": False,
                    }
                )
            self._changed.notify_all()
            return 201, {"id": aid}

    def _find(self, cid: str, activity_id: str) -> dict | None:
        base = cid.split(THREAD_MARK)[0]
        return next(
            (m for m in self._messages if m["id"] == activity_id and m["conversation_id"] == base and not m["deleted"]),
            None,
        )

    def update_activity(self, cid: str, activity_id: str, activity: dict) -> Result:
        with self._lock:
            _, err = self._conversation(cid)
            if err:
                return err
            m = self._find(cid, activity_id)
            if m is None:
                return _error(404, "NotFound", "Activity not found.")
            refused = self._checked(cid, activity, "activities.update", activity_id)
            if refused:
                return refused
            updated = {
                **_clone(activity),
                "id": activity_id,
                "timestamp": m["activity"]["timestamp"],
                "from": m["activity"]["from"],
                "conversation": m["activity"]["conversation"],
            }
            m["activity"] = updated
            m["versions"].append(_clone(updated))
            self._changed.notify_all()
            return 200, {"id": activity_id}

    def delete_activity(self, cid: str, activity_id: str) -> Result:
        with self._lock:
            _, err = self._conversation(cid)
            if err:
                return err
            m = self._find(cid, activity_id)
            if m is None:
                return _error(404, "NotFound", "Activity not found.")
            m["deleted"] = True
            self._changed.notify_all()
            return 200, None

    def _roster(self, cid: str) -> list[Person] | None:
        conv = self._conversations.get(cid.split(THREAD_MARK)[0])
        if conv is None:
            return None
        keys = [conv["person"]] if conv["type"] == "personal" else self._teams[conv["team"]].members
        return [self._people[k] for k in keys]

    def members(self, cid: str) -> Result:
        roster = self._roster(cid)
        if roster is None:
            return _error(404, "ConversationNotFound", "Conversation not found.")
        return 200, [self.member_obj(p) for p in roster]

    def member(self, cid: str, member_id: str) -> Result:
        roster = self._roster(cid)
        if roster is None:
            return _error(404, "ConversationNotFound", "Conversation not found.")
        try:
            p = self.person(member_id)
        except KeyError:
            p = None
        if p is None or p not in roster:
            return _error(404, "MemberNotFoundInConversation", "The member was not found in the conversation.")
        return 200, self.member_obj(p)

    def paged_members(self, cid: str, page_size: str | None, continuation: str | None) -> Result:
        """Pages of `pageSize` (default 200) with an opaque continuationToken, as Teams' pagedmembers."""
        roster = self._roster(cid)
        if roster is None:
            return _error(404, "ConversationNotFound", "Conversation not found.")
        try:
            size = int(page_size) if page_size else 200
            start = int(base64.urlsafe_b64decode(continuation).decode().removeprefix("o:")) if continuation else 0
        except ValueError:
            return _error(400, "BadArgument", "Invalid pageSize or continuationToken.")
        if size < 1:
            return _error(400, "BadArgument", "pageSize must be positive.")
        page = roster[start : start + size]
        body: dict[str, Any] = {"members": [self.member_obj(p) for p in page]}
        if start + size < len(roster):
            body["continuationToken"] = base64.urlsafe_b64encode(f"o:{start + size}".encode()).decode()
        return 200, body

    # --- files -----------------------------------------------------------------------------------

    def add_file(self, name: str, content: bytes, mimetype: str = "application/octet-stream") -> dict:
        fid = secrets.token_hex(8)
        with self._lock:
            self._files[fid] = {"id": fid, "name": name, "mimetype": mimetype, "content": content}
        return {"id": fid, "name": name, "mimetype": mimetype}

    def download_url(self, file_id: str, ttl: float | None = None) -> str:
        """A pre-authenticated link like the one in file.download.info; works for `ttl` seconds."""
        sig = secrets.token_urlsafe(16)
        with self._lock:
            self._file_sigs[sig] = (file_id, time.time() + (self.file_url_ttl if ttl is None else ttl))
        return f"{self.base_url.rstrip('/')}/files/{file_id}?sig={sig}"

    def content_url(self, file_id: str) -> str:
        """Where a pasted image lives: on the connector, readable with the bot's token only."""
        return f"{self.service_url}v3/attachments/{file_id}/views/original"

    def file_attachment(self, file_id: str, ttl: float | None = None) -> dict:
        f = self._files[file_id]
        ext = f["name"].rsplit(".", 1)[-1] if "." in f["name"] else ""
        return {
            "contentType": FILE_DOWNLOAD_INFO,
            "name": f["name"],
            "contentUrl": f"https://kokkola.sharepoint.example/personal/files/{f['name']}",
            "content": {"downloadUrl": self.download_url(file_id, ttl), "uniqueId": file_id, "fileType": ext},
        }

    def image_attachment(self, file_id: str) -> dict:
        f = self._files[file_id]
        return {"contentType": f["mimetype"], "contentUrl": self.content_url(file_id), "name": f["name"]}

    def signed_download(self, file_id: str, sig: str | None) -> tuple[int, bytes, str]:
        with self._lock:
            f = self._files.get(file_id)
            if f is None:
                return 404, b"file not found", "text/plain"
            entry = self._file_sigs.get(sig or "")
            if entry is None or entry[0] != file_id:
                return 403, b"access denied", "text/plain"
            if time.time() > entry[1]:
                return 403, b"the link has expired", "text/plain"
            return 200, f["content"], f["mimetype"]

    def attachment_content(self, file_id: str) -> tuple[int, bytes, str]:
        with self._lock:
            f = self._files.get(file_id)
            return (200, f["content"], f["mimetype"]) if f else (404, b"not found", "text/plain")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
