"""A fake Slack Web API server (Starlette) with an in-memory workspace.

The server runs in a uvicorn thread while tests read its state, so every state
change happens under one lock; public helpers return deep copies.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import logging
import pickle
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .blockkit import MESSAGE_TEXT_MAX, assign_ids, validate_blocks, validate_view
from .faults import Faults
from .workspace import Bot, Channel, Team, User, Usergroup, Workspace, default_workspace

log = logging.getLogger("standin")

JSON_FIELDS = ("blocks", "attachments", "view", "metadata")
RESPONSE_URL_MAX_USES = 5  # Slack allows 5 posts per response_url


@dataclass
class Call:
    """One Web API call (or response_url post) as the stand-in saw it."""

    method: str
    args: dict
    response: dict
    ok: bool
    at: float
    status: int = 200
    fault: str | None = None  # injected fault kind, if any
    errors: list[str] = field(default_factory=list)  # Block Kit validation errors

    def to_dict(self) -> dict:
        return asdict(self)


class ApiError(Exception):
    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


def _clone(v: Any) -> Any:
    """Deep copy of JSON-like state; a pickle round trip is about twice as fast as deepcopy."""
    return pickle.loads(pickle.dumps(v, pickle.HIGHEST_PROTOCOL))  # noqa: S301 - our own data


def _truthy(v: Any) -> bool:
    return v is True or v == 1 or (isinstance(v, str) and v.lower() in ("true", "1"))


def _ts_to_float(ts: Any) -> float:
    try:
        return float(ts)
    except (TypeError, ValueError):
        return 0.0


def _cursor(ts: str) -> str:
    return base64.b64encode(f"next_ts:{ts}".encode()).decode()


def _uncursor(cursor: str) -> str | None:
    try:
        raw = base64.b64decode(cursor.encode()).decode()
    except Exception:
        return None
    return raw.split(":", 1)[1] if raw.startswith("next_ts:") else None


class SlackStandIn:
    """In-memory Slack workspace + fake Web API.

    Either pass a Workspace or the pieces (bot_token, users, channels, usergroups);
    with nothing at all you get `default_workspace()`.
    """

    def __init__(
        self,
        workspace: Workspace | None = None,
        *,
        bot_token: str | None = None,
        users: list[User] | None = None,
        channels: list[Channel] | None = None,
        usergroups: list[Usergroup] | None = None,
        team: Team | None = None,
        bot: Bot | None = None,
        trigger_ttl: float | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        if workspace is None:
            if users is None and channels is None and usergroups is None:
                workspace = default_workspace()
            else:
                workspace = Workspace(
                    users=list(users or []), channels=list(channels or []), usergroups=list(usergroups or [])
                )
        if bot_token is not None:
            workspace.bot_token = bot_token
        if team is not None:
            workspace.team = team
        if bot is not None:
            workspace.bot = bot
        self.workspace = workspace
        self.bot_token = workspace.bot_token
        self.team = workspace.team
        self.bot = workspace.bot
        # Slack triggers expire after 3 s; None disables expiry so slow CI does not flake.
        self.trigger_ttl = trigger_ttl
        # Source of message ts (epoch seconds). Real time by default; tests whose app runs on a
        # fake clock can pass e.g. `lambda: fake_clock.now().timestamp()` so ts and `oldest` agree.
        self.clock: Callable[[], float] = clock or time.time
        self.faults = Faults()
        self.url: str | None = None  # "http://127.0.0.1:PORT/" once served
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._counter = itertools.count(1)
        self._last_us = 0
        self._users: dict[str, User] = {}
        self._channels: dict[str, dict] = {}
        self._usergroups: dict[str, Usergroup] = {}
        self._files: dict[str, dict] = {}
        self._uploads: dict[str, dict] = {}  # file id -> bytes posted to its upload URL, until completed
        self._ims: dict[str, str] = {}  # user id -> D... id
        for u in workspace.users:
            self.add_user(u)
        for c in workspace.channels:
            self.add_channel(c)
        for g in workspace.usergroups:
            self.add_usergroup(g)
        self._clear_activity()
        self.socket_mode_url = ""  # set to a standin.socket_mode endpoint's URL to allow Socket Mode
        self.app = self._build_app()

    # ------------------------------------------------------------------ workspace

    @property
    def base_url(self) -> str:
        """Web API base URL for AsyncWebClient(base_url=...)."""
        return f"{self.url or 'http://standin.invalid/'}api/"

    def add_user(self, user: User) -> None:
        with self._lock:
            self._users[user.id] = user

    def add_channel(self, channel: Channel) -> None:
        with self._lock:
            self._channels[channel.id] = {"spec": channel, "is_im": False, "created": int(time.time())}

    def add_usergroup(self, group: Usergroup) -> None:
        with self._lock:
            self._usergroups[group.id] = group

    def user(self, user_id: str) -> User:
        with self._lock:
            return self._users[user_id]

    def im_channel(self, user_id: str) -> str:
        """The stable D... id of the bot's DM with a user (created on first use)."""
        with self._lock:
            if user_id not in self._users:
                raise KeyError(user_id)
            if user_id not in self._ims:
                cid = "D" + user_id[1:]
                self._ims[user_id] = cid
                self._channels[cid] = {
                    "spec": Channel(id=cid, name=user_id, members=[user_id], is_private=True),
                    "is_im": True,
                    "user": user_id,
                    "created": int(time.time()),
                }
            return self._ims[user_id]

    def channel_name(self, channel_id: str) -> str:
        """Name as Slack puts it in payloads ("directmessage" for the bot's DMs)."""
        with self._lock:
            ch = self._channels.get(channel_id)
            if ch is None:
                return channel_id
            return "directmessage" if ch["is_im"] else ch["spec"].name

    def channel_type(self, channel_id: str) -> str:
        """channel_type of message events: im, channel or group."""
        with self._lock:
            ch = self._channels.get(channel_id)
            if ch is None or not ch["is_im"]:
                return "group" if ch and ch["spec"].is_private else "channel"
            return "im"

    def file(self, file_id: str) -> dict:
        with self._lock:
            return self._file_obj(file_id)

    def channel_members(self, channel_id: str) -> list[str]:
        with self._lock:
            ch = self._channels[channel_id]
            spec: Channel = ch["spec"]
            if spec.members is None:
                members = [u.id for u in self._users.values() if not u.is_bot and not u.deleted]
            else:
                members = list(spec.members)
            if (ch["is_im"] or spec.bot_is_member) and self.bot.user_id not in members:
                members.append(self.bot.user_id)
            return members

    def add_file(
        self,
        user: str,
        name: str,
        mimetype: str = "application/octet-stream",
        content: bytes | str = b"",
        title: str | None = None,
    ) -> dict:
        """Register an uploaded file (e.g. for file_input); returns its files.info object."""
        data = content.encode() if isinstance(content, str) else bytes(content)
        with self._lock:
            fid = f"F{next(self._counter):09d}"
            now = int(self.clock())
            self._files[fid] = {
                "id": fid,
                "created": now,
                "timestamp": now,
                "name": name,
                "title": title or name,
                "mimetype": mimetype,
                "filetype": name.rsplit(".", 1)[-1].lower() if "." in name else "binary",
                "pretty_type": mimetype,
                "user": user,
                "user_team": self.team.id,
                "editable": False,
                "size": len(data),
                "mode": "hosted",
                "is_external": False,
                "external_type": "",
                "is_public": False,
                "public_url_shared": False,
                "display_as_bot": False,
                "username": "",
                "_content": data,
            }
            return self._file_obj(fid)

    def file_content(self, file_id: str) -> bytes:
        with self._lock:
            return self._files[file_id]["_content"]

    def _file_obj(self, fid: str) -> dict:
        f = {k: v for k, v in self._files[fid].items() if not k.startswith("_")}
        root = self.url or "http://standin.invalid/"
        f["url_private"] = f"{root}files/{fid}/{f['name']}"
        f["url_private_download"] = f"{root}files/{fid}/{f['name']}?download=1"
        f["permalink"] = f"https://{self.team.domain}.slack.com/files/{f['user']}/{fid}/{f['name']}"
        return _clone(f)

    # ------------------------------------------------------------------ activity state

    def _clear_activity(self) -> None:
        self._calls: list[Call] = []
        self._messages: dict[str, list[dict]] = {}
        self._msg_index: dict[tuple[str, str], dict] = {}
        self._edits: dict[tuple[str, str], list[dict]] = {}
        self._deleted: list[dict] = []
        self._ephemerals: list[dict] = []
        self._views: dict[str, dict] = {}
        self._stacks: dict[str, list[str]] = {}
        self._home: dict[str, str] = {}
        self._triggers: dict[str, dict] = {}
        self._response_urls: dict[str, dict] = {}
        self._response_url_posts: list[dict] = []
        self._view_seq = 0

    def reset(self, *, faults: bool = True) -> None:
        """Forget calls, messages, views, ephemerals (and faults); keep users/channels/files."""
        with self._lock:
            self._clear_activity()
            if faults:
                self.faults.clear()
                self.faults.reset_counts()
            self._changed.notify_all()

    def _next_ts(self) -> str:
        us = max(int(self.clock() * 1_000_000), self._last_us + 1)
        self._last_us = us
        return f"{us // 1_000_000}.{us % 1_000_000:06d}"

    # ------------------------------------------------------------------ inspection helpers

    def calls(self, method: str | None = None) -> list[Call]:
        with self._lock:
            return [_clone(c) for c in self._calls if method is None or c.method == method]

    def invalid_calls(self) -> list[Call]:
        """Calls rejected for Block Kit / argument problems: tests assert this stays empty."""
        with self._lock:
            return [_clone(c) for c in self._calls if c.errors]

    def messages(self, channel: str | None = None, *, include_replies: bool = True) -> list[dict]:
        """Stored messages (oldest first) with a 'channel' key; all channels when channel is None."""
        with self._lock:
            chans = [channel] if channel is not None else list(self._messages)
            out = []
            for cid in chans:
                for m in self._messages.get(cid, []):
                    if include_replies or m.get("thread_ts") in (None, m["ts"]):
                        out.append({**_clone(m), "channel": cid})
            out.sort(key=lambda m: _ts_to_float(m["ts"]))
            return out

    def message(self, channel: str, ts: str) -> dict | None:
        with self._lock:
            m = self._msg_index.get((channel, ts))
            return {**_clone(m), "channel": channel} if m else None

    def edits(self, channel: str, ts: str) -> list[dict]:
        """Earlier versions of a message, oldest first."""
        with self._lock:
            return _clone(self._edits.get((channel, ts), []))

    def deleted_messages(self) -> list[dict]:
        with self._lock:
            return _clone(self._deleted)

    def dm_messages(self, user_id: str) -> list[dict]:
        with self._lock:
            cid = self._ims.get(user_id)
            return self.messages(cid) if cid else []

    def thread(self, channel: str, thread_ts: str) -> list[dict]:
        return [m for m in self.messages(channel) if m["ts"] == thread_ts or m.get("thread_ts") == thread_ts]

    def messages_with_metadata(self, key: str, value: Any) -> list[dict]:
        """Messages whose metadata event_payload[key] (or metadata[key]) equals value."""
        out = []
        for m in self.messages():
            md = m.get("metadata") or {}
            payload = md.get("event_payload") or {}
            if payload.get(key, md.get(key)) == value and (key in payload or key in md):
                out.append(m)
        return out

    def ephemerals(self, user: str | None = None, channel: str | None = None) -> list[dict]:
        with self._lock:
            return [
                _clone(e)
                for e in self._ephemerals
                if (user is None or e["user"] == user) and (channel is None or e["channel"] == channel)
            ]

    def views(self, user: str | None = None) -> list[dict]:
        """Current version of every view (modal or home), oldest first; see also open_views()."""
        with self._lock:
            recs = sorted(self._views.values(), key=lambda r: r["created_seq"])
            return [_clone(r["view"]) for r in recs if user is None or r["user"] == user]

    def view(self, view_id: str) -> dict | None:
        with self._lock:
            rec = self._views.get(view_id)
            return _clone(rec["view"]) if rec else None

    def is_view_open(self, view_id: str) -> bool:
        with self._lock:
            rec = self._views.get(view_id)
            return bool(rec and rec["open"])

    def last_view(self, user: str) -> dict | None:
        """The view most recently opened/updated/pushed/published for the user."""
        with self._lock:
            recs = [r for r in self._views.values() if r["user"] == user]
            if not recs:
                return None
            return _clone(max(recs, key=lambda r: r["seq"])["view"])

    def open_views(self, user: str) -> list[dict]:
        """The user's modal stack, bottom first (empty when no modal is open)."""
        with self._lock:
            return [_clone(self._views[v]["view"]) for v in self._stacks.get(user, [])]

    def open_view(self, user: str) -> dict | None:
        """The modal currently on top of the user's stack."""
        stack = self.open_views(user)
        return stack[-1] if stack else None

    def home_view(self, user: str) -> dict | None:
        with self._lock:
            vid = self._home.get(user)
            return _clone(self._views[vid]["view"]) if vid else None

    def response_url_posts(self, response_url: str | None = None) -> list[dict]:
        with self._lock:
            return [
                _clone(p) for p in self._response_url_posts if response_url is None or p["response_url"] == response_url
            ]

    def stats(self) -> dict:
        with self._lock:
            per = Counter(c.method for c in self._calls)
            failed = Counter(c.method for c in self._calls if not c.ok)
            return {
                "calls": len(self._calls),
                "by_method": dict(per),
                "failed_by_method": dict(failed),
                "invalid": sum(1 for c in self._calls if c.errors),
                "messages": sum(len(v) for v in self._messages.values()),
                "faults": self.faults.stats(),
            }

    # ------------------------------------------------------------------ waiting

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Block until predicate() is truthy (re-checked on every state change); returns its value."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                value = predicate()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"stand-in condition not met within {timeout}s")
                self._changed.wait(min(left, 0.05))

    async def async_wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"stand-in condition not met within {timeout}s")
            await asyncio.sleep(0.01)

    def _wait_count(self, size: Callable[[], int], fetch: Callable[[], list], count: int, timeout: float) -> list:
        # Count cheaply on every state change; copy only once the condition holds.
        self.wait_for(lambda: size() >= count, timeout)
        return fetch()

    def wait_for_calls(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        return self._wait_count(
            lambda: sum(1 for c in self._calls if c.method == method), lambda: self.calls(method), count, timeout
        )

    def wait_for_messages(self, channel: str, count: int = 1, timeout: float = 5.0) -> list[dict]:
        return self._wait_count(
            lambda: len(self._messages.get(channel, [])), lambda: self.messages(channel), count, timeout
        )

    def wait_for_dm(self, user_id: str, count: int = 1, timeout: float = 5.0) -> list[dict]:
        return self._wait_count(
            lambda: len(self._messages.get(self._ims.get(user_id, ""), [])),
            lambda: self.dm_messages(user_id),
            count,
            timeout,
        )

    def wait_for_ephemerals(self, user: str, count: int = 1, timeout: float = 5.0) -> list[dict]:
        return self._wait_count(
            lambda: sum(1 for e in self._ephemerals if e["user"] == user), lambda: self.ephemerals(user), count, timeout
        )

    def wait_for_response_url_posts(self, count: int = 1, timeout: float = 5.0) -> list[dict]:
        return self._wait_count(lambda: len(self._response_url_posts), self.response_url_posts, count, timeout)

    # ------------------------------------------------------------------ driver hooks

    def new_trigger(self, user_id: str, *, view_id: str | None = None) -> str:
        """A trigger_id the driver puts into a payload; views.open/push accept it once."""
        with self._lock:
            tid = f"{int(time.time())}.{next(self._counter)}.{secrets.token_hex(8)}"
            self._triggers[tid] = {"user": user_id, "created": time.monotonic(), "used": False, "view_id": view_id}
            return tid

    def new_response_url(
        self,
        *,
        user: str,
        channel: str | None,
        message_ts: str | None = None,
        is_ephemeral: bool = False,
        source: str = "",
    ) -> str:
        """A response_url pointing at this stand-in, remembering what it responds to."""
        with self._lock:
            rid = f"{self.team.id}/{next(self._counter)}/{secrets.token_hex(6)}"
            self._response_urls[rid] = {
                "user": user,
                "channel": channel,
                "message_ts": message_ts,
                "is_ephemeral": is_ephemeral,
                "source": source,
                "uses": 0,
            }
            return f"{self.url or 'http://standin.invalid/'}response_url/{rid}"

    def post_user_message(
        self,
        channel: str,
        user: str,
        text: str,
        *,
        thread_ts: str | None = None,
        blocks: list | None = None,
        files: list[dict] | None = None,
    ) -> dict:
        """Store a message written by a human (for history, shortcuts, message events)."""
        with self._lock:
            if channel.startswith("U"):
                channel = self.im_channel(channel)
            msg: dict[str, Any] = {
                "client_msg_id": secrets.token_hex(16),
                "type": "message",
                "text": text,
                "user": user,
                "ts": self._next_ts(),
                "team": self.team.id,
            }
            if blocks is not None:
                msg["blocks"] = _clone(blocks)
            if files:
                msg["files"] = _clone(files)
                msg["upload"] = False
            if thread_ts:
                msg["thread_ts"] = thread_ts
            self._store(channel, msg)
            return {**_clone(msg), "channel": channel}

    def apply_view_ack(self, user_id: str, view_id: str, ack: dict | None) -> dict | None:
        """What Slack does with a view_submission ack: close / update / push / clear.

        Returns the view now on top of the user's stack (None when the modal closed).
        Invalid views in the ack are recorded as a failed call 'view_submission.ack'.
        """
        action = (ack or {}).get("response_action")
        with self._lock:
            stack = self._stacks.setdefault(user_id, [])
            if action == "errors":
                pass
            elif action in ("update", "push"):
                view = (ack or {}).get("view")
                errors = validate_view(view)
                if not errors and view.get("type") != "modal":
                    errors = ["must be modal [json-pointer:/view/type]"]
                if errors:
                    self._record(
                        Call(
                            "view_submission.ack",
                            _clone(ack),
                            {
                                "ok": False,
                                "error": "invalid_arguments",
                                "response_metadata": {"messages": [f"[ERROR] {e}" for e in errors]},
                            },
                            False,
                            time.time(),
                            errors=errors,
                        )
                    )
                elif action == "update":
                    self._replace_view(self._views[view_id], view)
                    self._record(Call("view_submission.ack", _clone(ack), {"ok": True}, True, time.time()))
                else:
                    if len(stack) >= 3:
                        self._record(
                            Call(
                                "view_submission.ack",
                                _clone(ack),
                                {"ok": False, "error": "push_limit_reached"},
                                False,
                                time.time(),
                            )
                        )
                    else:
                        self._new_view(user_id, view, kind="modal", previous=stack[-1] if stack else None)
                        self._record(Call("view_submission.ack", _clone(ack), {"ok": True}, True, time.time()))
            elif action == "clear":
                self._close_views(user_id, all_views=True)
            else:
                self._close_views(user_id, view_id=view_id)
            self._changed.notify_all()
            top = self._stacks.get(user_id) or []
            return _clone(self._views[top[-1]]["view"]) if top else None

    def close_view(self, user_id: str, view_id: str, *, clear: bool = False) -> None:
        """The user pressed Close (view_closed)."""
        with self._lock:
            self._close_views(user_id, view_id=view_id, all_views=clear)
            self._changed.notify_all()

    # ------------------------------------------------------------------ internals: state changes

    def _record(self, call: Call) -> None:
        self._calls.append(call)
        self._changed.notify_all()

    def _store(self, channel: str, msg: dict) -> None:
        self._messages.setdefault(channel, []).append(msg)
        self._msg_index[(channel, msg["ts"])] = msg
        parent_ts = msg.get("thread_ts")
        if parent_ts and parent_ts != msg["ts"]:
            parent = self._msg_index.get((channel, parent_ts))
            if parent is not None:
                parent["thread_ts"] = parent_ts
                parent["reply_count"] = parent.get("reply_count", 0) + 1
                users = parent.setdefault("reply_users", [])
                if msg.get("user") and msg["user"] not in users:
                    users.append(msg["user"])
                parent["reply_users_count"] = len(users)
                parent["latest_reply"] = msg["ts"]
        self._changed.notify_all()

    def _bot_message(self, text: str, ts: str) -> dict:
        return {
            "type": "message",
            "text": text,
            "user": self.bot.user_id,
            "bot_id": self.bot.bot_id,
            "app_id": self.bot.app_id,
            "ts": ts,
            "team": self.team.id,
            "bot_profile": {
                "id": self.bot.bot_id,
                "app_id": self.bot.app_id,
                "name": self.bot.name,
                "deleted": False,
                "team_id": self.team.id,
            },
        }

    def _new_view(self, user: str, view: dict, *, kind: str, previous: str | None) -> dict:
        self._view_seq += 1
        vid = f"V{next(self._counter):09d}"
        stack = self._stacks.setdefault(user, []) if kind == "modal" else []
        root = stack[0] if stack and previous else vid
        rec = {
            "user": user,
            "kind": kind,
            "open": True,
            "seq": self._view_seq,
            "created_seq": self._view_seq,
            "view": {},
        }
        public = {
            "id": vid,
            "team_id": self.team.id,
            "type": view["type"],
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "state": {"values": {}},
            "hash": "",
            "title": None,
            "clear_on_close": False,
            "notify_on_close": False,
            "close": None,
            "submit": None,
            "previous_view_id": previous,
            "root_view_id": root,
            "app_id": self.bot.app_id,
            "external_id": "",
            "app_installed_team_id": self.team.id,
            "bot_id": self.bot.bot_id,
        }
        rec["view"] = public
        self._views[vid] = rec
        self._replace_view(rec, view)
        if kind == "modal":
            stack.append(vid)
        else:
            self._home[user] = vid
        return rec

    def _replace_view(self, rec: dict, view: dict) -> None:
        self._view_seq += 1
        rec["seq"] = self._view_seq
        public = rec["view"]
        for key in ("title", "submit", "close"):
            public[key] = _clone(view.get(key))
        for key, default in (
            ("private_metadata", ""),
            ("callback_id", ""),
            ("external_id", ""),
            ("clear_on_close", False),
            ("notify_on_close", False),
        ):
            public[key] = _clone(view.get(key, default))
        if view.get("submit_disabled") is not None:
            public["submit_disabled"] = view["submit_disabled"]
        public["blocks"] = assign_ids(_clone(view.get("blocks") or []))
        public["state"] = {"values": {}}
        public["hash"] = f"{int(time.time())}.{secrets.token_hex(4)}"

    def _close_views(self, user: str, *, view_id: str | None = None, all_views: bool = False) -> None:
        stack = self._stacks.get(user, [])
        if all_views or view_id is None:
            closing, self._stacks[user] = stack[:], []
        elif view_id in stack:
            # Closing a view also closes anything pushed on top of it.
            i = stack.index(view_id)
            closing, self._stacks[user] = stack[i:], stack[:i]
        else:
            closing = []
        for vid in closing:
            self._views[vid]["open"] = False

    def _find_view(self, args: dict) -> dict:
        vid, ext = args.get("view_id"), args.get("external_id")
        if not vid and not ext:
            raise ApiError("invalid_arguments")
        for v_id, rec in self._views.items():
            if (vid and v_id == vid) or (ext and rec["view"].get("external_id") == ext):
                if rec["kind"] == "modal" and not rec["open"]:
                    raise ApiError("not_found")
                return rec
        raise ApiError("not_found")

    def _use_trigger(self, args: dict) -> dict:
        tid = args.get("trigger_id")
        if not tid:
            raise ApiError("invalid_arguments", response_metadata={"messages": ["[ERROR] missing trigger_id"]})
        trig = self._triggers.get(tid)
        if trig is None:
            raise ApiError("invalid_trigger_id")
        if self.trigger_ttl is not None and time.monotonic() - trig["created"] > self.trigger_ttl:
            raise ApiError("expired_trigger_id")
        if trig["used"]:
            raise ApiError("exchanged_trigger_id")
        return trig

    def _resolve_channel(self, channel: Any, *, for_post: bool = True) -> str:
        if not channel or not isinstance(channel, str):
            raise ApiError("channel_not_found")
        if channel.startswith("#"):
            name = channel[1:]
            for cid, ch in self._channels.items():
                if ch["spec"].name == name and not ch["is_im"]:
                    channel = cid
                    break
            else:
                raise ApiError("channel_not_found")
        elif channel[0] in "UW" and for_post:
            if channel not in self._users:
                raise ApiError("channel_not_found")
            channel = self.im_channel(channel)
        ch = self._channels.get(channel)
        if ch is None:
            raise ApiError("channel_not_found")
        return channel

    def _check_bot_in(self, cid: str) -> None:
        ch = self._channels[cid]
        if ch["spec"].is_archived:
            raise ApiError("is_archived")
        if not ch["is_im"] and not ch["spec"].bot_is_member:
            raise ApiError("not_in_channel")

    def _parse_json_fields(self, args: dict) -> None:
        for key in JSON_FIELDS:
            v = args.get(key)
            if isinstance(v, str):
                try:
                    args[key] = json.loads(v) if v.strip() else None
                except json.JSONDecodeError:
                    raise ApiError(
                        {
                            "blocks": "invalid_blocks_format",
                            "attachments": "invalid_attachments",
                            "metadata": "invalid_metadata_format",
                        }.get(key, "invalid_arguments")
                    ) from None

    def _message_content(self, args: dict, *, require: bool = True) -> tuple[list[str], dict]:
        """Validate text/blocks/attachments/metadata; returns (validation errors, fields to store)."""
        text, blocks, atts, md = (args.get("text"), args.get("blocks"), args.get("attachments"), args.get("metadata"))
        if require and not text and not blocks and not atts:
            raise ApiError("no_text")
        if isinstance(text, str) and len(text) > MESSAGE_TEXT_MAX:
            raise ApiError("msg_too_long")
        errors: list[str] = []
        if blocks is not None:
            errors += validate_blocks(blocks, surface="message")
        if atts is not None:
            if not isinstance(atts, list) or not all(isinstance(a, dict) for a in atts):
                raise ApiError("invalid_attachments")
            if len(atts) > 100:
                raise ApiError("too_many_attachments")
            for i, a in enumerate(atts):
                if a.get("blocks") is not None:
                    errors += validate_blocks(a["blocks"], pointer=f"/attachments/{i}/blocks")
        if errors:
            raise ApiError(
                "invalid_blocks", errors=errors, response_metadata={"messages": [f"[ERROR] {e}" for e in errors]}
            )
        if md is not None and not (
            isinstance(md, dict)
            and isinstance(md.get("event_type"), str)
            and isinstance(md.get("event_payload", {}), dict)
        ):
            raise ApiError("invalid_metadata_format")
        fields: dict[str, Any] = {}
        if "text" in args:
            fields["text"] = text or ""
        if blocks is not None:
            fields["blocks"] = assign_ids(_clone(blocks))
        if atts is not None:
            fields["attachments"] = _clone(atts)
        if md is not None:
            fields["metadata"] = {"event_type": md["event_type"], "event_payload": _clone(md.get("event_payload", {}))}
        return errors, fields

    @staticmethod
    def _public_message(m: dict, *, metadata: bool = True) -> dict:
        out = _clone(m)
        if not metadata:
            out.pop("metadata", None)
        return out

    # ------------------------------------------------------------------ Web API methods

    def _m_auth_test(self, args: dict) -> dict:
        return {
            "url": f"https://{self.team.domain}.slack.com/",
            "team": self.team.name,
            "user": self.bot.name,
            "team_id": self.team.id,
            "user_id": self.bot.user_id,
            "bot_id": self.bot.bot_id,
            "is_enterprise_install": False,
        }

    def _m_chat_postMessage(self, args: dict) -> dict:
        cid = self._resolve_channel(args.get("channel"))
        self._check_bot_in(cid)
        _errors, fields = self._message_content(args)
        ts = self._next_ts()
        msg = self._bot_message(fields.pop("text", ""), ts)
        msg.update(fields)
        thread_ts = args.get("thread_ts")
        if thread_ts:
            msg["thread_ts"] = str(thread_ts)
            if _truthy(args.get("reply_broadcast")):
                msg["subtype"] = "thread_broadcast"
        self._store(cid, msg)
        return {"channel": cid, "ts": ts, "message": self._public_message(msg)}

    def _m_chat_postEphemeral(self, args: dict) -> dict:
        cid = self._resolve_channel(args.get("channel"), for_post=False)
        user = args.get("user")
        if user not in self._users:
            raise ApiError("user_not_found")
        self._check_bot_in(cid)
        if user not in self.channel_members(cid):
            raise ApiError("user_not_in_channel")
        _errors, fields = self._message_content(args)
        ts = self._next_ts()
        eph = {
            "channel": cid,
            "user": user,
            "text": fields.get("text", ""),
            "blocks": fields.get("blocks"),
            "attachments": fields.get("attachments"),
            "thread_ts": args.get("thread_ts"),
            "message_ts": ts,
            "ts": ts,
            "via": "chat.postEphemeral",
            "deleted": False,
        }
        self._ephemerals.append(eph)
        self._changed.notify_all()
        return {"message_ts": ts}

    def _get_message(self, args: dict, ts_key: str = "ts") -> tuple[str, dict]:
        cid = self._resolve_channel(args.get("channel"), for_post=False)
        msg = self._msg_index.get((cid, str(args.get(ts_key))))
        if msg is None:
            raise ApiError("message_not_found")
        return cid, msg

    def _m_chat_update(self, args: dict) -> dict:
        cid, msg = self._get_message(args)
        if msg.get("user") != self.bot.user_id:
            raise ApiError("cant_update_message")
        if not args.get("text") and not args.get("blocks") and not args.get("attachments"):
            raise ApiError("no_text")
        _errors, fields = self._message_content(args)
        self._edits.setdefault((cid, msg["ts"]), []).append(_clone(msg))
        msg.update(fields)
        msg["edited"] = {"user": self.bot.user_id, "ts": self._next_ts()}
        self._changed.notify_all()
        return {"channel": cid, "ts": msg["ts"], "text": msg.get("text", ""), "message": self._public_message(msg)}

    def _m_chat_delete(self, args: dict) -> dict:
        cid, msg = self._get_message(args)
        if msg.get("user") != self.bot.user_id:
            raise ApiError("cant_delete_message")
        self._delete(cid, msg)
        return {"channel": cid, "ts": msg["ts"]}

    def _delete(self, cid: str, msg: dict) -> None:
        self._messages[cid].remove(msg)
        del self._msg_index[(cid, msg["ts"])]
        self._deleted.append({**_clone(msg), "channel": cid})
        self._changed.notify_all()

    def _m_chat_getPermalink(self, args: dict) -> dict:
        cid, msg = self._get_message(args, "message_ts")
        link = f"https://{self.team.domain}.slack.com/archives/{cid}/p{msg['ts'].replace('.', '')}"
        if msg.get("thread_ts") and msg["thread_ts"] != msg["ts"]:
            link += f"?thread_ts={msg['thread_ts']}&cid={cid}"
        return {"channel": cid, "permalink": link}

    def _m_conversations_open(self, args: dict) -> dict:
        if args.get("channel"):
            cid = self._resolve_channel(args["channel"], for_post=False)
            return {"no_op": True, "already_open": True, "channel": {"id": cid}}
        users = args.get("users")
        if isinstance(users, str):
            users = [u.strip() for u in users.split(",") if u.strip()]
        if not users:
            raise ApiError("users_list_not_supplied")
        for u in users:
            if u not in self._users:
                raise ApiError("user_not_found")
        if len(users) > 1:
            raise ApiError("not_supported", detail="the stand-in only opens 1:1 DMs")
        existed = users[0] in self._ims
        cid = self.im_channel(users[0])
        out: dict[str, Any] = {"no_op": existed, "already_open": existed, "channel": {"id": cid}}
        if _truthy(args.get("return_im")):
            out["channel"] = self._channel_info(cid)
        return out

    def _channel_info(self, cid: str, *, num_members: bool = False) -> dict:
        ch = self._channels[cid]
        spec: Channel = ch["spec"]
        if ch["is_im"]:
            return {
                "id": cid,
                "created": ch["created"],
                "is_archived": False,
                "is_im": True,
                "is_org_shared": False,
                "context_team_id": self.team.id,
                "updated": ch["created"] * 1000,
                "user": ch["user"],
                "last_read": "0000000000.000000",
                "latest": None,
                "unread_count": 0,
                "unread_count_display": 0,
                "is_open": True,
                "priority": 0,
            }
        info = {
            "id": cid,
            "name": spec.name,
            "is_channel": not spec.is_private,
            "is_group": spec.is_private,
            "is_im": False,
            "is_mpim": False,
            "is_private": spec.is_private,
            "created": ch["created"],
            "is_archived": spec.is_archived,
            "is_general": spec.name in ("general", "yleinen"),
            "unlinked": 0,
            "name_normalized": spec.name,
            "is_shared": False,
            "is_org_shared": False,
            "is_pending_ext_shared": False,
            "pending_shared": [],
            "context_team_id": self.team.id,
            "updated": ch["created"] * 1000,
            "parent_conversation": None,
            "creator": "",
            "is_ext_shared": False,
            "shared_team_ids": [self.team.id],
            "pending_connected_team_ids": [],
            "is_member": spec.bot_is_member,
            "topic": {"value": spec.topic, "creator": "", "last_set": 0},
            "purpose": {"value": spec.purpose, "creator": "", "last_set": 0},
            "previous_names": [],
        }
        if num_members:
            info["num_members"] = len(self.channel_members(cid))
        return info

    def _m_conversations_info(self, args: dict) -> dict:
        cid = self._resolve_channel(args.get("channel"), for_post=False)
        return {"channel": self._channel_info(cid, num_members=_truthy(args.get("include_num_members")))}

    def _m_conversations_members(self, args: dict) -> dict:
        cid = self._resolve_channel(args.get("channel"), for_post=False)
        return {"members": self.channel_members(cid), "response_metadata": {"next_cursor": ""}}

    def _page(self, msgs: list[dict], args: dict, *, newest_first: bool) -> dict:
        oldest = _ts_to_float(args.get("oldest") or 0)
        latest = _ts_to_float(args.get("latest")) if args.get("latest") else None
        inclusive = _truthy(args.get("inclusive"))
        cursor_ts = _uncursor(args["cursor"]) if args.get("cursor") else None
        with_md = _truthy(args.get("include_all_metadata"))
        try:
            limit = int(args.get("limit") or (100 if newest_first else 1000))
        except (TypeError, ValueError):
            raise ApiError("invalid_limit") from None
        limit = max(1, min(limit, 999 if newest_first else 1000))

        def within(m: dict) -> bool:
            t = _ts_to_float(m["ts"])
            if oldest and (t < oldest or (t == oldest and not inclusive)):
                return False
            if latest is not None and (t > latest or (t == latest and not inclusive)):
                return False
            return True

        sel = sorted((m for m in msgs if within(m)), key=lambda m: _ts_to_float(m["ts"]), reverse=newest_first)
        if cursor_ts is not None:
            c = _ts_to_float(cursor_ts)
            sel = [m for m in sel if (_ts_to_float(m["ts"]) <= c if newest_first else _ts_to_float(m["ts"]) >= c)]
        page, rest = sel[:limit], sel[limit:]
        out_msgs = [self._public_message(m, metadata=with_md) for m in page]
        return {
            "messages": out_msgs,
            "has_more": bool(rest),
            "response_metadata": {"next_cursor": _cursor(rest[0]["ts"]) if rest else ""},
        }

    def _m_conversations_history(self, args: dict) -> dict:
        cid = self._resolve_channel(args.get("channel"), for_post=False)
        self._check_readable(cid)
        top = [
            m
            for m in self._messages.get(cid, [])
            if m.get("thread_ts") in (None, m["ts"]) or m.get("subtype") == "thread_broadcast"
        ]
        out = self._page(top, args, newest_first=True)
        out.update({"pin_count": 0, "channel_actions_ts": None, "channel_actions_count": 0})
        return out

    def _check_readable(self, cid: str) -> None:
        ch = self._channels[cid]
        if not ch["is_im"] and not ch["spec"].bot_is_member and ch["spec"].is_private:
            raise ApiError("channel_not_found")
        if not ch["is_im"] and not ch["spec"].bot_is_member:
            raise ApiError("not_in_channel")

    def _m_conversations_replies(self, args: dict) -> dict:
        cid = self._resolve_channel(args.get("channel"), for_post=False)
        self._check_readable(cid)
        ts = str(args.get("ts") or "")
        if (cid, ts) not in self._msg_index:
            raise ApiError("thread_not_found")
        msgs = [m for m in self._messages.get(cid, []) if m["ts"] == ts or m.get("thread_ts") == ts]
        return self._page(msgs, args, newest_first=False)

    def _m_usergroups_users_list(self, args: dict) -> dict:
        g = self._usergroups.get(args.get("usergroup") or "")
        if g is None:
            raise ApiError("no_such_subteam")
        return {"users": list(g.users)}

    def _m_usergroups_list(self, args: dict) -> dict:
        groups = [
            {
                "id": g.id,
                "team_id": self.team.id,
                "is_usergroup": True,
                "name": g.name or g.handle,
                "handle": g.handle,
                "date_delete": 0,
                "user_count": len(g.users),
                **({"users": list(g.users)} if _truthy(args.get("include_users")) else {}),
            }
            for g in self._usergroups.values()
        ]
        return {"usergroups": groups}

    def _user_obj(self, u: User, *, locale: bool) -> dict:
        first, _, last = u.real_name.partition(" ")
        out = {
            "id": u.id,
            "team_id": self.team.id,
            "name": u.name,
            "deleted": u.deleted,
            "color": "9f69e7",
            "real_name": u.real_name,
            "tz": u.tz,
            "tz_label": "Eastern European Time",
            "tz_offset": 7200,
            "profile": {
                "title": u.title,
                "phone": "",
                "skype": "",
                "real_name": u.real_name,
                "real_name_normalized": u.real_name,
                "display_name": u.name,
                "display_name_normalized": u.name,
                "first_name": first,
                "last_name": last,
                "status_text": "",
                "status_emoji": "",
                "team": self.team.id,
                **({"email": u.email} if u.email else {}),
            },
            "is_admin": u.is_admin,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": u.is_bot,
            "is_app_user": False,
            "updated": 1700000000,
            "is_email_confirmed": True,
            "who_can_share_contact_card": "EVERYONE",
        }
        if locale:
            out["locale"] = u.locale
        return out

    def _m_users_info(self, args: dict) -> dict:
        uid = args.get("user")
        if uid == self.bot.user_id:
            bot_user = User(id=uid, name=self.bot.name, is_bot=True, locale="en-US")
            obj = self._user_obj(bot_user, locale=_truthy(args.get("include_locale")))
            obj["profile"]["bot_id"] = self.bot.bot_id
            return {"user": obj}
        u = self._users.get(uid or "")
        if u is None:
            raise ApiError("user_not_found")
        return {"user": self._user_obj(u, locale=_truthy(args.get("include_locale")))}

    def _m_files_info(self, args: dict) -> dict:
        fid = args.get("file")
        if fid not in self._files:
            raise ApiError("file_not_found")
        return {"file": self._file_obj(fid), "comments": [], "response_metadata": {"next_cursor": ""}}

    # -- external uploads: getUploadURLExternal, POST the bytes, completeUploadExternal ------------

    def _m_files_getUploadURLExternal(self, args: dict) -> dict:
        name, length = args.get("filename"), int(args.get("length") or 0)
        if not name or length <= 0:
            raise ApiError("invalid_arguments")
        fid = f"F{next(self._counter):09d}"
        self._uploads[fid] = {"name": str(name), "length": length, "content": None}
        root = self.url or "http://standin.invalid/"
        return {"upload_url": f"{root}upload/{fid}", "file_id": fid}

    def _m_files_completeUploadExternal(self, args: dict) -> dict:
        files = args.get("files")
        if isinstance(files, str):
            files = json.loads(files)
        if not isinstance(files, list) or not files:
            raise ApiError("invalid_arguments")
        shared = []
        for item in files:
            up = self._uploads.get(item.get("id"))
            if up is None or up["content"] is None:
                raise ApiError("file_not_found")
            del self._uploads[item["id"]]
            fid = item["id"]
            data = up["content"]
            now = int(self.clock())
            self._files[fid] = {
                "id": fid,
                "created": now,
                "timestamp": now,
                "name": up["name"],
                "title": item.get("title") or up["name"],
                "mimetype": _mimetype(up["name"]),
                "filetype": up["name"].rsplit(".", 1)[-1].lower(),
                "pretty_type": _mimetype(up["name"]),
                "user": self.bot.user_id,
                "user_team": self.team.id,
                "editable": False,
                "size": len(data),
                "mode": "hosted",
                "is_external": False,
                "external_type": "",
                "is_public": False,
                "public_url_shared": False,
                "display_as_bot": False,
                "username": "",
                "_content": data,
            }
            shared.append(self._file_obj(fid))
        channel = args.get("channel_id")
        if channel:
            cid = self._resolve_channel(channel)
            self._check_bot_in(cid)
            msg = self._bot_message(str(args.get("initial_comment") or ""), self._next_ts())
            msg["files"] = shared
            msg["upload"] = True
            if args.get("thread_ts"):
                msg["thread_ts"] = str(args["thread_ts"])
            self._store(cid, msg)
        return {"files": [{"id": f["id"], "title": f["title"]} for f in shared]}

    def _view_arg(self, args: dict, kind: str, *, updating: dict | None = None) -> tuple[dict, list[str]]:
        view = args.get("view")
        if not isinstance(view, dict):
            raise ApiError("invalid_arguments", response_metadata={"messages": ["[ERROR] missing view"]})
        if len(json.dumps(view)) > 250_000:
            raise ApiError("view_too_large")
        ext = view.get("external_id")
        if ext and any(r["view"].get("external_id") == ext and r is not updating for r in self._views.values()):
            raise ApiError("duplicate_external_id")
        errors = validate_view(view)
        if not errors and view.get("type") != kind:
            errors = [f"must be {kind} [json-pointer:/view/type]"]
        if errors:
            raise ApiError(
                "invalid_arguments", errors=errors, response_metadata={"messages": [f"[ERROR] {e}" for e in errors]}
            )
        return view, errors

    def _m_views_open(self, args: dict) -> dict:
        trig = self._use_trigger(args)
        view, _ = self._view_arg(args, "modal")
        trig["used"] = True
        user = trig["user"]
        self._close_views(user, all_views=True)
        rec = self._new_view(user, view, kind="modal", previous=None)
        return {"view": _clone(rec["view"])}

    def _m_views_push(self, args: dict) -> dict:
        trig = self._use_trigger(args)
        view, _ = self._view_arg(args, "modal")
        user = trig["user"]
        stack = self._stacks.get(user, [])
        if len(stack) >= 3:
            raise ApiError("push_limit_reached")
        trig["used"] = True
        rec = self._new_view(user, view, kind="modal", previous=stack[-1] if stack else None)
        return {"view": _clone(rec["view"])}

    def _m_views_update(self, args: dict) -> dict:
        rec = self._find_view(args)
        if args.get("hash") and args["hash"] != rec["view"]["hash"]:
            raise ApiError("hash_conflict")
        view, _ = self._view_arg(args, rec["view"]["type"], updating=rec)
        self._replace_view(rec, view)
        self._changed.notify_all()
        return {"view": _clone(rec["view"])}

    def _m_views_publish(self, args: dict) -> dict:
        user = args.get("user_id")
        if user not in self._users:
            raise ApiError("user_not_found")
        vid = self._home.get(user)
        view, _ = self._view_arg(args, "home", updating=self._views[vid] if vid else None)
        if vid:
            rec = self._views[vid]
            if args.get("hash") and args["hash"] != rec["view"]["hash"]:
                raise ApiError("hash_conflict")
            self._replace_view(rec, view)
        else:
            rec = self._new_view(user, view, kind="home", previous=None)
        self._changed.notify_all()
        return {"view": _clone(rec["view"])}

    METHODS: dict[str, str] = {
        "auth.test": "_m_auth_test",
        "chat.postMessage": "_m_chat_postMessage",
        "chat.postEphemeral": "_m_chat_postEphemeral",
        "chat.update": "_m_chat_update",
        "chat.delete": "_m_chat_delete",
        "chat.getPermalink": "_m_chat_getPermalink",
        "conversations.open": "_m_conversations_open",
        "conversations.history": "_m_conversations_history",
        "conversations.replies": "_m_conversations_replies",
        "conversations.members": "_m_conversations_members",
        "conversations.info": "_m_conversations_info",
        "usergroups.users.list": "_m_usergroups_users_list",
        "usergroups.list": "_m_usergroups_list",
        "views.open": "_m_views_open",
        "views.update": "_m_views_update",
        "views.push": "_m_views_push",
        "views.publish": "_m_views_publish",
        "users.info": "_m_users_info",
        "files.info": "_m_files_info",
        "files.getUploadURLExternal": "_m_files_getUploadURLExternal",
        "files.completeUploadExternal": "_m_files_completeUploadExternal",
    }

    def call(self, method: str, args: dict, token: str | None) -> tuple[dict, list[str]]:
        """Execute one API method against the state (no HTTP, no faults, no recording)."""
        with self._lock:
            if token is None:
                return {"ok": False, "error": "not_authed"}, []
            if method == "apps.connections.open":  # Socket Mode: an app-level token (standin/socket_mode.py)
                if not token.startswith("xapp-") or not self.socket_mode_url:
                    return {"ok": False, "error": "invalid_auth" if self.socket_mode_url else "not_allowed"}, []
                return {"ok": True, "url": self.socket_mode_url}, []
            if token != self.bot_token:
                return {"ok": False, "error": "invalid_auth"}, []
            name = self.METHODS.get(method)
            if name is None:
                return {"ok": False, "error": "unknown_method", "req_method": method}, []
            try:
                self._parse_json_fields(args)
                body = getattr(self, name)(args)
                return {"ok": True, **body}, []
            except (TypeError, ValueError, AttributeError) as e:
                # Arguments of a shape Slack would reject; say so instead of crashing the server.
                log.warning("stand-in could not handle %s(%r): %r", method, args, e)
                return {
                    "ok": False,
                    "error": "invalid_arguments",
                    "response_metadata": {"messages": [f"[ERROR] {e}"]},
                }, [f"{type(e).__name__}: {e}"]
            except ApiError as e:
                errors = e.extra.get("errors", []) if e.error in ("invalid_blocks", "invalid_arguments") else []
                resp = {"ok": False, "error": e.error, **e.extra}
                if e.error == "invalid_arguments":
                    resp.pop("errors", None)  # views.* report via response_metadata only, like Slack
                return resp, list(errors)

    # ------------------------------------------------------------------ response_url

    def show_ack(self, response_url: str, body: dict) -> dict | None:
        """Show a slash command's acknowledgement body as Slack does: an ephemeral message to the
        user (or a channel message for response_type in_channel). Validated like any message;
        does not use up the response_url. Returns the shown message (None if the body was empty)."""
        if not (body.get("text") or body.get("blocks") or body.get("attachments")):
            return None
        rid = response_url.split("/response_url/", 1)[1]
        with self._lock:
            ctx = self._response_urls.get(rid)
            if ctx is None:
                return None
            status, text, errors = self._apply_response_url(dict(ctx, uses=0), _clone(body))
            self._record(
                Call(
                    "command_ack",
                    _clone(body),
                    {"ok": status == 200, "body": text},
                    status == 200,
                    time.time(),
                    status=status,
                    errors=errors,
                )
            )
            if status != 200:
                return None
            if body.get("response_type") == "in_channel":
                return _clone(self._messages[ctx["channel"]][-1]) if self._messages.get(ctx["channel"]) else None
            eph = self._ephemerals[-1]
            eph["via"] = "command_ack"
            return _clone(eph)

    def _post_response_url(self, rid: str, body: dict) -> tuple[int, str]:
        with self._lock:
            ctx = self._response_urls.get(rid)
            url = f"{self.url or 'http://standin.invalid/'}response_url/{rid}"
            post = {
                "response_url": url,
                "at": time.time(),
                "body": _clone(body),
                "text": body.get("text"),
                "blocks": body.get("blocks"),
                "attachments": body.get("attachments"),
                "response_type": body.get("response_type"),
                "replace_original": _truthy(body.get("replace_original")),
                "delete_original": _truthy(body.get("delete_original")),
                "thread_ts": body.get("thread_ts"),
                "user": ctx and ctx["user"],
                "channel": ctx and ctx["channel"],
                "source": ctx and ctx["source"],
                "ok": False,
                "error": None,
            }
            status, text, errors = self._apply_response_url(ctx, body)
            post["ok"], post["error"] = status == 200, (None if status == 200 else text)
            self._response_url_posts.append(post)
            self._record(
                Call(
                    "response_url",
                    _clone(body),
                    {"ok": status == 200, "status": status, "body": text},
                    status == 200,
                    time.time(),
                    status=status,
                    errors=errors,
                )
            )
            return status, text

    def _apply_response_url(self, ctx: dict | None, body: dict) -> tuple[int, str, list[str]]:
        if ctx is None:
            return 404, "no_service", []
        if ctx["uses"] >= RESPONSE_URL_MAX_USES:
            return 404, "used_url", []
        ctx["uses"] += 1
        try:
            self._parse_json_fields(body)
            if not _truthy(body.get("delete_original")):
                errors, fields = self._message_content(body)
            else:
                errors, fields = [], {}
        except ApiError as e:
            return 400, e.error, list(e.extra.get("errors", []))
        cid, user, orig_ts = ctx["channel"], ctx["user"], ctx["message_ts"]
        eph = None
        if ctx["is_ephemeral"]:
            eph = next(
                (
                    e
                    for e in reversed(self._ephemerals)
                    if e["message_ts"] == orig_ts and e["channel"] == cid and e["user"] == user
                ),
                None,
            )
        orig = self._msg_index.get((cid, orig_ts)) if cid and orig_ts and not ctx["is_ephemeral"] else None
        if _truthy(body.get("delete_original")):
            if orig is not None:
                self._delete(cid, orig)
            elif eph is not None:
                eph["deleted"] = True
            return 200, "ok", errors
        if _truthy(body.get("replace_original")) and (orig is not None or eph is not None):
            target = orig if orig is not None else eph
            if orig is not None:
                self._edits.setdefault((cid, orig_ts), []).append(_clone(orig))
                orig["edited"] = {"user": self.bot.user_id, "ts": self._next_ts()}
            # replace_original swaps the whole content, unlike chat.update which keeps omitted fields.
            target["text"] = fields.get("text", "")
            for key in ("blocks", "attachments"):
                target[key] = fields.get(key)
                if orig is not None and target[key] is None:
                    target.pop(key)
            self._changed.notify_all()
            return 200, "ok", errors
        if body.get("response_type") == "in_channel" and cid:
            msg = self._bot_message(fields.pop("text", ""), self._next_ts())
            msg.update(fields)
            if body.get("thread_ts"):
                msg["thread_ts"] = body["thread_ts"]
            self._store(cid, msg)
            return 200, "ok", errors
        ts = self._next_ts()
        self._ephemerals.append(
            {
                "channel": cid,
                "user": user,
                "text": fields.get("text", ""),
                "blocks": fields.get("blocks"),
                "attachments": fields.get("attachments"),
                "thread_ts": body.get("thread_ts"),
                "message_ts": ts,
                "ts": ts,
                "via": "response_url",
                "deleted": False,
            }
        )
        self._changed.notify_all()
        return 200, "ok", errors

    # ------------------------------------------------------------------ HTTP layer

    def _build_app(self) -> Any:
        routes = [
            Route("/api/{method}", self._http_api, methods=["GET", "POST"]),
            Route("/files/{file_id}/{name}", self._http_file, methods=["GET"]),
            Route("/upload/{file_id}", self._http_upload, methods=["POST"]),
            Route("/response_url/{rid:path}", self._http_response_url, methods=["POST"]),
            Route("/_standin/calls", self._http_calls, methods=["GET"]),
            Route("/_standin/messages", self._http_messages, methods=["GET"]),
            Route("/_standin/ephemerals", self._http_ephemerals, methods=["GET"]),
            Route("/_standin/views", self._http_views, methods=["GET"]),
            Route("/_standin/faults", self._http_faults, methods=["POST"]),
            Route("/_standin/reset", self._http_reset, methods=["POST"]),
            Route("/_standin/stats", self._http_stats, methods=["GET"]),
            Route("/_standin/trigger", self._http_trigger, methods=["POST"]),
            Route("/_standin/new_response_url", self._http_new_response_url, methods=["POST"]),
            Route("/_standin/view_ack", self._http_view_ack, methods=["POST"]),
            Route("/_standin/workspace", self._http_workspace, methods=["GET"]),
            Route("/_standin/rpc", self._http_rpc, methods=["POST"]),
        ]
        starlette = Starlette(routes=routes)

        async def app(scope: dict, receive: Any, send: Any) -> None:
            # uvicorn's receive is a bound method of its request cycle, which owns the
            # transport: that is what lets a "drop" fault close the socket without a response.
            if scope["type"] == "http":
                scope["standin.transport"] = getattr(getattr(receive, "__self__", None), "transport", None)
            await starlette(scope, receive, send)

        return app

    @staticmethod
    async def _read_args(request: Request) -> dict:
        args: dict[str, Any] = dict(request.query_params)
        raw = await request.body()
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if not raw:
            return args
        if ctype == "application/json" or raw.lstrip().startswith(b"{"):
            try:
                body = json.loads(raw)
            except json.JSONDecodeError:
                raise ApiError("invalid_json") from None
            if isinstance(body, dict):
                args.update(body)
        elif ctype == "multipart/form-data":
            msg = BytesParser(policy=HTTP).parsebytes(
                b"Content-Type: " + request.headers["content-type"].encode() + b"\r\n\r\n" + raw
            )
            for part in msg.iter_parts():
                name = part.get_param("name", header="content-disposition")
                if name:
                    payload = part.get_payload(decode=True) or b""
                    args[name] = payload if part.get_filename() else payload.decode("utf-8", "replace")
        else:
            args.update(dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)))
        return args

    @staticmethod
    def _token(request: Request, args: dict) -> str | None:
        auth = request.headers.get("authorization")
        if auth and auth.lower().startswith("bearer "):
            return auth[7:].strip()
        tok = args.pop("token", None)
        return tok if isinstance(tok, str) and tok else None

    async def _http_api(self, request: Request) -> Response:
        method = request.path_params["method"]
        started = time.time()
        try:
            args = await self._read_args(request)
        except ApiError as e:
            return JSONResponse({"ok": False, "error": e.error})
        token = self._token(request, args)
        args.pop("token", None)
        fault = self.faults.take(method)
        if fault is not None and fault.kind == "slow":
            await asyncio.sleep(fault.delay)
        if fault is not None and not fault.takes_effect:
            return await self._fault_response(request, method, args, fault, started)
        resp, errors = self.call(method, args, token)
        status = 200
        with self._lock:
            self._record(
                Call(
                    method,
                    _clone(args),
                    _clone(resp),
                    bool(resp.get("ok")),
                    started,
                    status,
                    fault.kind if fault else None,
                    errors,
                )
            )
        if fault is not None and fault.kind == "server_error_after":
            return JSONResponse({"ok": False, "error": "internal_error"}, status_code=500)
        if fault is not None and fault.kind == "drop_after":
            return await self._drop(request)
        headers = {}
        if method == "auth.test":
            headers["x-oauth-scopes"] = "chat:write,commands,im:write,im:history,users:read,files:read"
        return JSONResponse(resp, status_code=status, headers=headers)

    async def _fault_response(self, request: Request, method: str, args: dict, fault: Any, started: float) -> Response:
        if fault.kind == "rate_limited":
            status, body, headers = 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(fault.retry_after)}
        elif fault.kind == "server_error":
            status, body, headers = 500, {"ok": False, "error": "internal_error"}, {}
        elif fault.kind == "error":
            status, body, headers = 200, {"ok": False, "error": fault.error}, {}
        else:  # drop
            status, body, headers = 0, {}, {}
        with self._lock:
            self._record(Call(method, _clone(args), body, False, started, status, fault.kind))
        if fault.kind == "drop":
            return await self._drop(request)
        return JSONResponse(body, status_code=status, headers=headers)

    @staticmethod
    async def _drop(request: Request) -> Response:
        transport = request.scope.get("standin.transport")
        if transport is not None:
            transport.abort()
            # Let uvicorn notice the disconnect so it does not try to answer with its own 500.
            for _ in range(3):
                await asyncio.sleep(0)
            return Response(status_code=500)
        # No transport (e.g. an in-process ASGI client): an exception is the closest thing.
        raise ConnectionResetError("stand-in dropped the connection")

    async def _http_file(self, request: Request) -> Response:
        fid = request.path_params["file_id"]
        auth = request.headers.get("authorization", "")
        with self._lock:
            f = self._files.get(fid)
            if f is None or f["name"] != request.path_params["name"]:
                return PlainTextResponse("file not found", status_code=404)
            if auth != f"Bearer {self.bot_token}":
                # Real Slack answers with an HTML login page; a 403 makes the mistake obvious in tests.
                return PlainTextResponse("not authorized", status_code=403)
            return Response(f["_content"], media_type=f["mimetype"])

    async def _http_upload(self, request: Request) -> Response:
        """The upload URL of files.getUploadURLExternal: the raw bytes (or one multipart file)."""
        fid = request.path_params["file_id"]
        raw = await request.body()
        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            msg = BytesParser(policy=HTTP).parsebytes(
                b"Content-Type: " + request.headers["content-type"].encode() + b"\r\n\r\n" + raw
            )
            raw = next((p.get_payload(decode=True) or b"" for p in msg.iter_parts() if p.get_filename()), b"")
        with self._lock:
            up = self._uploads.get(fid)
            if up is None:
                return PlainTextResponse("no such upload", status_code=404)
            if len(raw) != up["length"]:
                return PlainTextResponse("length mismatch", status_code=400)
            up["content"] = raw
        return PlainTextResponse("OK - " + str(len(raw)))

    async def _http_response_url(self, request: Request) -> Response:
        raw = await request.body()
        try:
            body = json.loads(raw) if raw.strip() else {}
        except json.JSONDecodeError:
            body = dict(parse_qsl(raw.decode("utf-8", "replace")))
            if "payload" in body:
                body = json.loads(body["payload"])
        status, text = self._post_response_url(request.path_params["rid"], body if isinstance(body, dict) else {})
        return PlainTextResponse(text, status_code=status)

    # --- control API (for out-of-process users such as benchmarks) ---

    async def _http_calls(self, request: Request) -> Response:
        return JSONResponse([c.to_dict() for c in self.calls(request.query_params.get("method"))])

    async def _http_messages(self, request: Request) -> Response:
        return JSONResponse(self.messages(request.query_params.get("channel")))

    async def _http_ephemerals(self, request: Request) -> Response:
        return JSONResponse(self.ephemerals(request.query_params.get("user")))

    async def _http_views(self, request: Request) -> Response:
        q = request.query_params
        if q.get("view_id"):
            return JSONResponse(self.view(q["view_id"]))
        if q.get("open_for"):
            return JSONResponse(self.open_views(q["open_for"]))
        return JSONResponse(self.views(q.get("user")))

    async def _http_faults(self, request: Request) -> Response:
        body = json.loads(await request.body() or b"{}")
        try:
            if body.get("clear"):
                self.faults.clear()
            elif isinstance(body.get("limit"), dict):
                self.faults.limit(**body["limit"])
            elif "rate" in body or body.get("random"):
                self.faults.set_random(**(body.get("random") if isinstance(body.get("random"), dict) else body))
            else:
                self.faults.add(**body)
        except (TypeError, ValueError) as e:
            return JSONResponse({"ok": False, "error": str(e)}, status_code=400)
        return JSONResponse({"ok": True})

    async def _http_reset(self, request: Request) -> Response:
        self.reset()
        return JSONResponse({"ok": True})

    async def _http_stats(self, request: Request) -> Response:
        return JSONResponse(self.stats())

    async def _http_trigger(self, request: Request) -> Response:
        body = json.loads(await request.body() or b"{}")
        return JSONResponse({"trigger_id": self.new_trigger(body["user"], view_id=body.get("view_id"))})

    async def _http_new_response_url(self, request: Request) -> Response:
        body = json.loads(await request.body() or b"{}")
        return JSONResponse({"response_url": self.new_response_url(**body)})

    async def _http_view_ack(self, request: Request) -> Response:
        body = json.loads(await request.body() or b"{}")
        if body.get("closed"):
            self.close_view(body["user"], body["view_id"], clear=bool(body.get("clear")))
            return JSONResponse({"view": None})
        return JSONResponse({"view": self.apply_view_ack(body["user"], body["view_id"], body.get("ack"))})

    # Methods RemoteStandIn may call: read-only helpers and the driver's hooks.
    RPC_METHODS = frozenset(
        {
            "calls",
            "invalid_calls",
            "messages",
            "message",
            "edits",
            "deleted_messages",
            "dm_messages",
            "thread",
            "messages_with_metadata",
            "ephemerals",
            "views",
            "view",
            "is_view_open",
            "last_view",
            "open_views",
            "open_view",
            "home_view",
            "response_url_posts",
            "stats",
            "reset",
            "new_trigger",
            "new_response_url",
            "show_ack",
            "post_user_message",
            "apply_view_ack",
            "close_view",
            "im_channel",
            "channel_name",
            "channel_type",
            "channel_members",
            "file",
            "add_file",
            "user_dict",
        }
    )

    def user_dict(self, user_id: str) -> dict | None:
        with self._lock:
            u = self._users.get(user_id)
            return asdict(u) if u else None

    async def _http_rpc(self, request: Request) -> Response:
        body = json.loads(await request.body() or b"{}")
        name = body.get("method")
        if name not in self.RPC_METHODS:
            return JSONResponse({"ok": False, "error": f"not callable: {name}"}, status_code=404)
        kwargs = dict(body.get("kwargs") or {})
        if "content_b64" in kwargs:
            kwargs["content"] = base64.b64decode(kwargs.pop("content_b64"))
        try:
            result = getattr(self, name)(*(body.get("args") or []), **kwargs)
        except (KeyError, LookupError, ValueError, TypeError) as e:
            return JSONResponse({"ok": False, "error": f"{type(e).__name__}: {e}"}, status_code=400)
        if isinstance(result, list):
            result = [r.to_dict() if isinstance(r, Call) else r for r in result]
        return JSONResponse({"ok": True, "result": result})

    async def _http_workspace(self, request: Request) -> Response:
        with self._lock:
            return JSONResponse(
                {
                    "bot_token": None,
                    "team": asdict(self.team),
                    "bot": asdict(self.bot),
                    "users": [asdict(u) for u in self._users.values()],
                    "channels": [{**asdict(c["spec"]), "is_im": c["is_im"]} for c in self._channels.values()],
                    "files": [self._file_obj(f) for f in self._files],
                }
            )


# Re-exported here because callers import it from the module that defines the server.
from .runner import StandInServer, run_standin  # noqa: E402,F401,I001


def _mimetype(name: str) -> str:
    return {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "csv": "text/csv"}.get(
        name.rsplit(".", 1)[-1].lower(), "application/octet-stream"
    )
