"""Sends requests to the app over HTTP exactly as Slack does (signed, same payload shapes).

Every operation is written once as a generator that yields one HTTP request and gets
the response back; SlackDriver runs them with httpx.Client, AsyncSlackDriver with
httpx.AsyncClient. The stand-in is told about trigger_ids/response_urls/view stacks
so that the app's follow-up Web API calls can be checked like Slack would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

from .blockkit import generated_id, iter_elements

SLACK_USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)"
ACK_TIMEOUT = 3.0  # Slack gives up on an ack after 3 seconds


class _Empty:
    def __repr__(self) -> str:
        return "EMPTY"


EMPTY: Any = _Empty()
"""Pass as an input value to send the element's empty shape even if it has an initial value."""


class ClientValidationError(ValueError):
    """The Slack client itself would refuse this submission (required/min/max/format)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class AppResponse:
    """What the app answered (its ack) plus what the driver sent."""

    status_code: int
    text: str
    headers: dict[str, str]
    elapsed: float
    payload: Any = None  # the body we sent, parsed (dict for JSON/payload=, dict of fields for forms)
    trigger_id: str | None = None
    response_url: str | None = None
    view: dict | None = None  # view_submission/view_closed: the modal now on top (None = closed)
    ack_timeout: float | None = ACK_TIMEOUT
    extra: dict = field(default_factory=dict)
    shown: dict | None = None  # slash commands: the ack body as the user sees it (an ephemeral message)

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
        """Parsed JSON when the ack was JSON, else the raw text ('' for an empty ack)."""
        parsed = self.json
        return parsed if parsed is not None else self.text

    @property
    def response_action(self) -> str | None:
        j = self.json
        return j.get("response_action") if isinstance(j, dict) else None

    @property
    def errors(self) -> dict | None:
        j = self.json
        return j.get("errors") if isinstance(j, dict) else None

    @property
    def timed_out(self) -> bool:
        return self.ack_timeout is not None and self.elapsed > self.ack_timeout


@dataclass
class _Req:
    url: str
    body: str
    content_type: str
    headers: dict[str, str]


@dataclass
class _Resp:
    status_code: int
    text: str
    headers: dict[str, str]
    elapsed: float


Op = Generator[_Req, _Resp, AppResponse]


def _pt(text: str) -> dict:
    return {"type": "plain_text", "text": text, "emoji": True}


def _text_of(obj: Any) -> str | None:
    return obj.get("text") if isinstance(obj, dict) else obj if isinstance(obj, str) else None


def _all_options(el: dict) -> list[dict]:
    opts = list(el.get("options") or [])
    for g in el.get("option_groups") or []:
        opts.extend(g.get("options") or [])
    return opts


def _match_option(el: dict, wanted: Any) -> dict:
    if isinstance(wanted, dict):
        return wanted
    if el.get("type") in ("external_select", "multi_external_select"):
        return {"text": _pt(str(wanted)), "value": str(wanted)}
    opts = _all_options(el)
    for o in opts:
        if o.get("value") == wanted:
            return o
    for o in opts:
        if _text_of(o.get("text")) == wanted:
            return o
    raise ValueError(f"no option {wanted!r} in {el.get('action_id')!r}; options: {[o.get('value') for o in opts]}")


def _as_list(v: Any) -> list:
    return list(v) if isinstance(v, (list, tuple, set)) else [v]


def _date(v: Any) -> str:
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    return v.isoformat() if isinstance(v, dt.date) else str(v)


def _time(v: Any) -> str:
    return v.strftime("%H:%M") if isinstance(v, (dt.time, dt.datetime)) else str(v)


def _epoch(v: Any) -> int:
    return int(v.timestamp()) if isinstance(v, dt.datetime) else int(v)


# element type -> (state key, initial key, kind)
_SHAPES: dict[str, tuple[str, str, str]] = {
    "plain_text_input": ("value", "initial_value", "text"),
    "email_text_input": ("value", "initial_value", "text"),
    "url_text_input": ("value", "initial_value", "text"),
    "number_input": ("value", "initial_value", "text"),
    "rich_text_input": ("rich_text_value", "initial_value", "rich"),
    "static_select": ("selected_option", "initial_option", "option"),
    "external_select": ("selected_option", "initial_option", "option"),
    "radio_buttons": ("selected_option", "initial_option", "option"),
    "multi_static_select": ("selected_options", "initial_options", "options"),
    "multi_external_select": ("selected_options", "initial_options", "options"),
    "checkboxes": ("selected_options", "initial_options", "options"),
    "datepicker": ("selected_date", "initial_date", "date"),
    "timepicker": ("selected_time", "initial_time", "time"),
    "datetimepicker": ("selected_date_time", "initial_date_time", "epoch"),
    "users_select": ("selected_user", "initial_user", "scalar"),
    "multi_users_select": ("selected_users", "initial_users", "list"),
    "conversations_select": ("selected_conversation", "initial_conversation", "scalar"),
    "multi_conversations_select": ("selected_conversations", "initial_conversations", "list"),
    "channels_select": ("selected_channel", "initial_channel", "scalar"),
    "multi_channels_select": ("selected_channels", "initial_channels", "list"),
    "file_input": ("files", "", "files"),
}


def element_state(el: dict, value: Any = None, *, files: Any = None) -> dict:
    """Slack's state shape for one element: {"type": ..., <key>: <value or null/empty>}.

    value None = untouched (initial value, if any); EMPTY = explicitly emptied.
    `files` resolves file ids for file_input (a callable id -> file dict).
    """
    t = el.get("type", "")
    if t not in _SHAPES:
        raise ValueError(f"{t} elements have no state value")
    key, init_key, kind = _SHAPES[t]
    empty: Any = [] if kind in ("options", "list", "files") else None
    if value is EMPTY:
        v = empty
    elif value is None:
        v = copy_json(el.get(init_key, empty)) if init_key else empty
        if kind == "rich" and isinstance(v, str):
            v = _rich(v)
    elif kind == "text":
        v = None if value == "" else str(value)
    elif kind == "rich":
        v = _rich(value) if isinstance(value, str) else value
    elif kind == "option":
        v = copy_json(_match_option(el, value))
    elif kind == "options":
        v = [copy_json(_match_option(el, x)) for x in _as_list(value)]
    elif kind == "date":
        v = _date(value)
    elif kind == "time":
        v = _time(value)
    elif kind == "epoch":
        v = _epoch(value)
    elif kind == "list":
        v = [str(x) for x in _as_list(value)]
    elif kind == "files":
        v = [f if isinstance(f, dict) else files(f) for f in _as_list(value)]
    else:
        v = str(value)
    out = {"type": t, key: v}
    if t == "timepicker" and el.get("timezone"):
        out["timezone"] = el["timezone"]
    return out


def _rich(text: str) -> dict:
    return {
        "type": "rich_text",
        "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}],
    }


def copy_json(v: Any) -> Any:
    return json.loads(json.dumps(v))


def _is_empty(shape: dict) -> bool:
    return all(v in (None, [], "") for k, v in shape.items() if k not in ("type", "timezone"))


def client_checks(block: dict, el: dict, shape: dict) -> str | None:
    """What the Slack client would refuse before sending a view_submission."""
    if _is_empty(shape):
        return None if block.get("optional") else "required"
    t, v = el.get("type"), shape.get("value")
    if t == "plain_text_input" and isinstance(v, str):
        if el.get("max_length") is not None and len(v) > el["max_length"]:
            return f"longer than max_length {el['max_length']}"
        if el.get("min_length") is not None and len(v) < el["min_length"]:
            return f"shorter than min_length {el['min_length']}"
    if t == "number_input" and isinstance(v, str):
        try:
            n = float(v)
        except ValueError:
            return "not a number"
        if not el.get("is_decimal_allowed") and not n.is_integer():
            return "decimals not allowed"
        if el.get("min_value") is not None and n < float(el["min_value"]):
            return f"below min_value {el['min_value']}"
        if el.get("max_value") is not None and n > float(el["max_value"]):
            return f"above max_value {el['max_value']}"
    if t == "email_text_input" and isinstance(v, str) and "@" not in v:
        return "not an email address"
    if t == "url_text_input" and isinstance(v, str) and not v.startswith(("http://", "https://")):
        return "not a URL"
    if t == "file_input" and el.get("max_files") and len(shape.get("files") or []) > el["max_files"]:
        return f"more than max_files {el['max_files']}"
    return None


def build_state(blocks: list[dict], values: dict | None = None, *, files: Any = None, check: bool = False) -> dict:
    """view.state.values from user inputs keyed by block_id or action_id.

    Input blocks always appear (untouched ones with their initial/empty shape); other
    stateful elements (selects in actions/sections) only when given a value.
    A nested {block_id: {action_id: value}} form is accepted as well.
    With check=True, raise ClientValidationError where the Slack client would.
    """
    values = dict(values or {})
    state: dict[str, dict] = {}
    problems: dict[str, str] = {}
    used: set[str] = set()
    for block, el in iter_elements(blocks):
        if el.get("type") not in _SHAPES:
            continue
        bid, aid = block.get("block_id"), el.get("action_id")
        given: Any = None
        found = False
        nested = values.get(bid)
        if isinstance(nested, dict) and aid in nested and block.get("type") != "input":
            given, found = nested[aid], True
            used.add(bid)
        elif bid in values and (block.get("type") == "input" or not isinstance(nested, dict)):
            given, found = values[bid], True
            used.add(bid)
        elif aid in values:
            given, found = values[aid], True
            used.add(aid)
        elif isinstance(nested, dict) and aid in nested:
            given, found = nested[aid], True
            used.add(bid)
        if block.get("type") != "input" and not found:
            continue
        shape = element_state(el, given, files=files)
        state.setdefault(bid, {})[aid] = shape
        if check and block.get("type") == "input":
            problem = client_checks(block, el, shape)
            if problem:
                problems[bid] = problem
    unknown = set(values) - used
    if unknown:
        known = [
            f"{b.get('block_id')}/{e.get('action_id')}" for b, e in iter_elements(blocks) if e.get("type") in _SHAPES
        ]
        raise KeyError(f"no input element for {sorted(unknown)}; available block_id/action_id: {known}")
    if problems:
        raise ClientValidationError(problems)
    return state


def find_element(blocks: list[dict], key: str, block_id: str | None = None) -> tuple[dict, dict] | None:
    """Element by action_id (optionally within block_id), else a button/option by its visible text."""
    for block, el in iter_elements(blocks):
        if el.get("action_id") == key and (block_id is None or block.get("block_id") == block_id):
            return block, el
    for block, el in iter_elements(blocks):
        if (
            el.get("type") == "button"
            and _text_of(el.get("text")) == key
            and (block_id is None or block.get("block_id") == block_id)
        ):
            return block, el
    return None


class _DriverCore:
    def __init__(
        self,
        app_url: str,
        signing_secret: str,
        standin: Any,
        *,
        team_id: str | None = None,
        api_app_id: str | None = None,
        verification_token: str = "standin-verification-token",  # noqa: S107 - legacy field, unused by Bolt
        commands_url: str | None = None,
        interactivity_url: str | None = None,
        events_url: str | None = None,
        ack_timeout: float | None = ACK_TIMEOUT,
    ) -> None:
        self.app_url = app_url
        self.signing_secret = signing_secret
        self.standin = standin
        self.team_id = team_id or standin.team.id
        self.team_domain = standin.team.domain
        self.api_app_id = api_app_id or standin.bot.app_id
        self.verification_token = verification_token
        self.commands_url = commands_url or app_url
        self.interactivity_url = interactivity_url or app_url
        self.events_url = events_url or app_url
        self.ack_timeout = ack_timeout

    # --- signing ---------------------------------------------------------------

    def sign(self, body: str, timestamp: int | None = None) -> dict[str, str]:
        """X-Slack-Request-Timestamp / X-Slack-Signature for a body (v0 HMAC-SHA256)."""
        ts = str(int(time.time()) if timestamp is None else timestamp)
        digest = hmac.new(self.signing_secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
        return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}

    def _req(
        self,
        url: str,
        body: str,
        content_type: str,
        *,
        bad_signature: bool = False,
        old_timestamp: bool = False,
        timestamp: int | None = None,
        retry_num: int | None = None,
        retry_reason: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> _Req:
        if old_timestamp:
            timestamp = int(time.time()) - 6 * 60  # beyond Slack's 5-minute window
        h = {
            "Content-Type": content_type,
            "User-Agent": SLACK_USER_AGENT,
            "Accept": "application/json,*/*",
            **self.sign(body, timestamp),
        }
        if bad_signature:
            h["X-Slack-Signature"] = "v0=" + secrets.token_hex(32)
        if retry_num is not None:
            h["X-Slack-Retry-Num"] = str(retry_num)
            h["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
        h.update(headers or {})
        return _Req(url, body, content_type, h)

    def _form(self, url: str, fields: dict[str, str], send: dict) -> _Req:
        return self._req(url, urlencode(fields), "application/x-www-form-urlencoded", **send)

    def _interactive(self, payload: dict, send: dict) -> _Req:
        body = urlencode({"payload": json.dumps(payload, ensure_ascii=False, separators=(",", ":"))})
        return self._req(self.interactivity_url, body, "application/x-www-form-urlencoded", **send)

    def _result(self, resp: _Resp, payload: Any, **kw: Any) -> AppResponse:
        return AppResponse(
            resp.status_code, resp.text, resp.headers, resp.elapsed, payload, ack_timeout=self.ack_timeout, **kw
        )

    # --- payload pieces --------------------------------------------------------

    def _user(self, user_id: str) -> dict:
        try:
            name = self.standin.user(user_id).name
        except KeyError:
            name = user_id.lower()
        return {"id": user_id, "username": name, "name": name, "team_id": self.team_id}

    def _team(self) -> dict:
        return {"id": self.team_id, "domain": self.team_domain}

    def _channel_of_message(self, message: dict) -> str:
        cid = message.get("channel")
        if not cid:
            raise ValueError("message dict needs a 'channel' key (use standin.messages(...) results)")
        return cid

    @staticmethod
    def _action_ts() -> str:
        return f"{time.time():.6f}"

    @staticmethod
    def _clean_message(message: dict) -> dict:
        return {k: copy_json(v) for k, v in message.items() if k != "channel" and not k.startswith("_")}

    def _latest_view(self, user_id: str, view: dict | str | None) -> dict:
        if view is None:
            v = self.standin.open_view(user_id)
            if v is None:
                raise LookupError(f"{user_id} has no open modal")
            return v
        vid = view if isinstance(view, str) else view["id"]
        latest = self.standin.view(vid)
        if latest is None:
            raise LookupError(f"unknown view {vid}")
        return latest

    # --- operations (generators) ----------------------------------------------

    def _op_send(self, url: str | None, body: str | dict, content_type: str | None, send: dict) -> Op:
        if isinstance(body, dict):
            body, content_type = json.dumps(body), content_type or "application/json"
        req = self._req(url or self.app_url, body, content_type or "application/x-www-form-urlencoded", **send)
        resp = yield req
        return self._result(resp, body)

    def _op_slash(self, user_id: str, command: str, text: str, channel_id: str | None, send: dict) -> Op:
        if not command.startswith("/"):
            command = "/" + command
        channel_id = channel_id or self.standin.im_channel(user_id)
        response_url = self.standin.new_response_url(user=user_id, channel=channel_id, source="command")
        trigger_id = self.standin.new_trigger(user_id)
        fields = {
            "token": self.verification_token,
            "team_id": self.team_id,
            "team_domain": self.team_domain,
            "channel_id": channel_id,
            "channel_name": self.standin.channel_name(channel_id),
            "user_id": user_id,
            "user_name": self._user(user_id)["name"],
            "command": command,
            "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
        resp = yield self._form(self.commands_url, fields, send)
        result = self._result(resp, fields, trigger_id=trigger_id, response_url=response_url)
        # Slack shows the ack's body to the user as a message (ephemeral by default).
        if resp.status_code == 200 and not result.timed_out:
            body = result.json if isinstance(result.json, dict) else ({"text": resp.text} if resp.text else {})
            result.shown = self.standin.show_ack(response_url, body)
        return result

    def _op_block_action(
        self,
        user_id: str,
        action_id: str,
        value: Any,
        message: dict | None,
        view: dict | str | None,
        block_id: str | None,
        selected_option: Any,
        state: dict | None,
        send: dict,
    ) -> Op:
        if (message is None) == (view is None):
            raise ValueError("pass exactly one of message= or view=")
        ts = self._action_ts()
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": self._user(user_id),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
        }
        if view is not None:
            v = self._latest_view(user_id, view) if not isinstance(view, dict) or "id" in view else view
            blocks = v.get("blocks") or []
        else:
            v = None
            blocks = message.get("blocks") or []
        found = find_element(blocks, action_id, block_id)
        if found is None and value is None and selected_option is None:
            raise LookupError(
                f"no element {action_id!r} in blocks; available: "
                f"{[e.get('action_id') for _b, e in iter_elements(blocks)]}"
            )
        if found is None:
            block, el = (
                {"block_id": block_id or generated_id()},
                {"type": "button", "action_id": action_id, "text": _pt(action_id)},
            )
        else:
            block, el = found
        action: dict[str, Any] = {"action_id": el.get("action_id"), "block_id": block.get("block_id")}
        t = el.get("type")
        new_state: dict | None = None
        if t == "button":
            action["text"] = copy_json(el.get("text"))
            v_ = value if value is not None else el.get("value")
            if v_ is not None:
                action["value"] = v_
            if el.get("style"):
                action["style"] = el["style"]
        elif t == "overflow":
            action["selected_option"] = copy_json(_match_option(el, selected_option or value))
        elif t in _SHAPES:
            new_state = element_state(
                el, selected_option if selected_option is not None else value, files=self.standin.file
            )
            action.update({k: v2 for k, v2 in new_state.items() if k != "type"})
            if el.get("placeholder"):
                action["placeholder"] = copy_json(el["placeholder"])
        action["type"] = t
        action["action_ts"] = ts
        payload["container"] = {}
        payload["trigger_id"] = self.standin.new_trigger(user_id, view_id=v["id"] if v else None)
        payload["team"] = self._team()
        payload["enterprise"] = None
        payload["is_enterprise_install"] = False
        state_values = build_state(blocks, state, files=self.standin.file)
        if new_state is not None:
            state_values.setdefault(action["block_id"], {})[action["action_id"]] = new_state
        response_url = None
        if v is not None:
            payload["container"] = {"type": "view", "view_id": v["id"]}
            payload["view"] = {**copy_json(v), "state": {"values": state_values}}
            payload["state"] = {"values": state_values}
        else:
            cid = self._channel_of_message(message)
            is_eph = "message_ts" in message and "user" in message and "via" in message
            msg_ts = message["message_ts"] if is_eph else message["ts"]
            payload["container"] = {"type": "message", "message_ts": msg_ts, "channel_id": cid, "is_ephemeral": is_eph}
            payload["channel"] = {"id": cid, "name": self.standin.channel_name(cid)}
            if not is_eph:  # Slack leaves the message out for ephemeral messages
                payload["message"] = self._clean_message(message)
            payload["state"] = {"values": state_values}
            response_url = self.standin.new_response_url(
                user=user_id, channel=cid, message_ts=msg_ts, is_ephemeral=is_eph, source="block_actions"
            )
            payload["response_url"] = response_url
        payload["actions"] = [action]
        resp = yield self._interactive(payload, send)
        return self._result(resp, payload, trigger_id=payload["trigger_id"], response_url=response_url)

    def _op_view_submission(
        self, user_id: str, view: dict | str | None, values: dict | None, force: bool, send: dict
    ) -> Op:
        v = self._latest_view(user_id, view)
        if v["id"] not in [x["id"] for x in self.standin.open_views(user_id)]:
            raise LookupError(f"view {v['id']} is not open for {user_id}; only an open modal can be submitted")
        state = build_state(v.get("blocks") or [], values, files=self.standin.file, check=not force)
        trigger_id = self.standin.new_trigger(user_id, view_id=v["id"])
        payload = {
            "type": "view_submission",
            "team": self._team(),
            "user": self._user(user_id),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "trigger_id": trigger_id,
            "view": {**copy_json(v), "state": {"values": state}},
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        resp = yield self._interactive(payload, send)
        result = self._result(resp, payload, trigger_id=trigger_id)
        if resp.status_code == 200 and not result.timed_out:
            ack = result.json if isinstance(result.json, dict) else None
            result.view = self.standin.apply_view_ack(user_id, v["id"], ack)
        else:
            result.view = self.standin.open_view(user_id)  # Slack shows an error; the modal stays
        return result

    def _op_view_closed(
        self, user_id: str, view: dict | str | None, is_cleared: bool, force_send: bool, send: dict
    ) -> Op:
        v = self._latest_view(user_id, view)
        self.standin.close_view(user_id, v["id"], clear=is_cleared)
        if not (v.get("notify_on_close") or force_send):
            return None  # Slack only tells the app when notify_on_close is set
        payload = {
            "type": "view_closed",
            "team": self._team(),
            "user": self._user(user_id),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "view": copy_json(v),
            "is_cleared": is_cleared,
            "is_enterprise_install": False,
            "enterprise": None,
        }
        resp = yield self._interactive(payload, send)
        result = self._result(resp, payload)
        result.view = self.standin.open_view(user_id)
        return result

    def _op_message_shortcut(
        self, user_id: str, callback_id: str, message: dict, channel_id: str | None, send: dict
    ) -> Op:
        cid = channel_id or self._channel_of_message(message)
        trigger_id = self.standin.new_trigger(user_id)
        response_url = self.standin.new_response_url(
            user=user_id, channel=cid, message_ts=message.get("ts"), source="message_action"
        )
        payload = {
            "type": "message_action",
            "token": self.verification_token,
            "action_ts": self._action_ts(),
            "team": self._team(),
            "user": self._user(user_id),
            "channel": {"id": cid, "name": self.standin.channel_name(cid)},
            "is_enterprise_install": False,
            "enterprise": None,
            "callback_id": callback_id,
            "trigger_id": trigger_id,
            "response_url": response_url,
            "message_ts": message.get("ts"),
            "message": self._clean_message(message),
        }
        resp = yield self._interactive(payload, send)
        return self._result(resp, payload, trigger_id=trigger_id, response_url=response_url)

    def _op_global_shortcut(self, user_id: str, callback_id: str, send: dict) -> Op:
        trigger_id = self.standin.new_trigger(user_id)
        payload = {
            "type": "shortcut",
            "token": self.verification_token,
            "action_ts": self._action_ts(),
            "team": self._team(),
            "user": self._user(user_id),
            "is_enterprise_install": False,
            "enterprise": None,
            "callback_id": callback_id,
            "trigger_id": trigger_id,
        }
        resp = yield self._interactive(payload, send)
        return self._result(resp, payload, trigger_id=trigger_id)

    def _envelope(self, event: dict, event_id: str | None, event_time: int | None) -> dict:
        event = dict(event)
        event.setdefault("event_ts", self._action_ts())
        return {
            "token": self.verification_token,
            "team_id": self.team_id,
            "context_team_id": self.team_id,
            "context_enterprise_id": None,
            "api_app_id": self.api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{secrets.token_hex(5).upper()}",
            "event_time": event_time or int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": self.standin.bot.user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-{secrets.token_hex(16)}",
        }

    def _op_event(self, event: dict, event_id: str | None, event_time: int | None, send: dict) -> Op:
        envelope = self._envelope(event, event_id, event_time)
        body = json.dumps(envelope, ensure_ascii=False, separators=(",", ":"))
        resp = yield self._req(self.events_url, body, "application/json", **send)
        return self._result(resp, envelope)

    def _op_url_verification(self, challenge: str | None, send: dict) -> Op:
        payload = {
            "token": self.verification_token,
            "challenge": challenge or secrets.token_urlsafe(24),
            "type": "url_verification",
        }
        resp = yield self._req(self.events_url, json.dumps(payload), "application/json", **send)
        return self._result(resp, payload)

    def _message_event(
        self, user_id: str, channel: str, text: str, thread_ts: str | None, kind: str = "message"
    ) -> dict:
        msg = self.standin.post_user_message(
            channel,
            user_id,
            text,
            thread_ts=thread_ts,
            blocks=[{"type": "rich_text", "block_id": generated_id(), "elements": [_rich(text)["elements"][0]]}],
        )
        cid = msg.pop("channel")
        event = {"type": kind, **msg, "channel": cid, "event_ts": msg["ts"]}
        if kind == "message":
            event["channel_type"] = self.standin.channel_type(cid)
        return event

    def _home_event(self, user_id: str, tab: str) -> dict:
        event = {
            "type": "app_home_opened",
            "user": user_id,
            "channel": self.standin.im_channel(user_id),
            "tab": tab,
            "event_ts": self._action_ts(),
        }
        home = self.standin.home_view(user_id)
        if tab == "home" and home is not None:
            event["view"] = home
        return event


def _press_args(target: dict) -> dict:
    # A view has an id and a modal/home type; anything else is a (possibly ephemeral) message.
    if "id" in target and target.get("type") in ("modal", "home"):
        return {"view": target}
    return {"message": target}


class SlackDriver(_DriverCore):
    """Synchronous driver (httpx.Client). The app must run in another thread/process.

    Every request method accepts these keyword options:
      bad_signature=True, old_timestamp=True, timestamp=<int>, retry_num=<n>,
      retry_reason="http_timeout", headers={...}
    """

    def __init__(
        self,
        app_url: str,
        signing_secret: str,
        standin: Any,
        *,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(app_url, signing_secret, standin, **kwargs)
        # trust_env=False: a proxy from the environment must never see local traffic.
        self.http = httpx.Client(timeout=timeout, trust_env=False, transport=transport)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SlackDriver:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _run(self, op: Op) -> Any:
        try:
            req = next(op)
            while True:
                started = time.monotonic()
                r = self.http.post(req.url, content=req.body.encode(), headers=req.headers)
                req = op.send(_Resp(r.status_code, r.text, dict(r.headers), time.monotonic() - started))
        except StopIteration as stop:
            return stop.value

    def send(
        self, body: str | dict, *, url: str | None = None, content_type: str | None = None, **send: Any
    ) -> AppResponse:
        """Raw signed POST (dict bodies are sent as JSON)."""
        return self._run(self._op_send(url, body, content_type, send))

    def slash(
        self, user_id: str, command: str, text: str = "", channel_id: str | None = None, **send: Any
    ) -> AppResponse:
        return self._run(self._op_slash(user_id, command, text, channel_id, send))

    def block_action(
        self,
        user_id: str,
        action_id: str,
        value: Any = None,
        *,
        message: dict | None = None,
        view: dict | str | None = None,
        block_id: str | None = None,
        selected_option: Any = None,
        state: dict | None = None,
        **send: Any,
    ) -> AppResponse:
        return self._run(
            self._op_block_action(user_id, action_id, value, message, view, block_id, selected_option, state, send)
        )

    def press(
        self, user_id: str, target: dict, action_id_or_text: str, *, state: dict | None = None, **send: Any
    ) -> AppResponse:
        """Click a button in a message/ephemeral/view, found by action_id or visible text."""
        blocks = target.get("blocks") or []
        found = find_element(blocks, action_id_or_text)
        if found is None:
            raise LookupError(
                f"no button {action_id_or_text!r}; buttons: "
                f"{[(e.get('action_id'), _text_of(e.get('text'))) for _b, e in iter_elements(blocks)]}"
            )
        block, el = found
        return self.block_action(
            user_id, el["action_id"], block_id=block.get("block_id"), state=state, **_press_args(target), **send
        )

    def view_submission(
        self,
        user_id: str,
        view: dict | str | None = None,
        values: dict | None = None,
        *,
        force: bool = False,
        **send: Any,
    ) -> AppResponse:
        """Submit the user's modal (default: the one on top of their stack) with values."""
        return self._run(self._op_view_submission(user_id, view, values, force, send))

    def view_closed(
        self,
        user_id: str,
        view: dict | str | None = None,
        *,
        is_cleared: bool = False,
        force_send: bool = False,
        **send: Any,
    ) -> AppResponse | None:
        """The user closes the modal; the app hears about it only when notify_on_close is set."""
        return self._run(self._op_view_closed(user_id, view, is_cleared, force_send, send))

    def message_shortcut(
        self, user_id: str, callback_id: str, message: dict, channel_id: str | None = None, **send: Any
    ) -> AppResponse:
        return self._run(self._op_message_shortcut(user_id, callback_id, message, channel_id, send))

    def global_shortcut(self, user_id: str, callback_id: str, **send: Any) -> AppResponse:
        return self._run(self._op_global_shortcut(user_id, callback_id, send))

    def event(
        self, event: dict, *, event_id: str | None = None, event_time: int | None = None, **send: Any
    ) -> AppResponse:
        """Events API delivery of `event` in an event_callback envelope."""
        return self._run(self._op_event(event, event_id, event_time, send))

    def url_verification(self, challenge: str | None = None, **send: Any) -> AppResponse:
        return self._run(self._op_url_verification(challenge, send))

    def app_home_opened(self, user_id: str, tab: str = "home", **send: Any) -> AppResponse:
        return self.event(self._home_event(user_id, tab), **send)

    def message(
        self, user_id: str, channel: str, text: str, *, thread_ts: str | None = None, **send: Any
    ) -> AppResponse:
        """A human posts a message (stored in the stand-in) and the app gets the message event."""
        return self.event(self._message_event(user_id, channel, text, thread_ts), **send)

    def dm(self, user_id: str, text: str, *, thread_ts: str | None = None, **send: Any) -> AppResponse:
        return self.message(user_id, self.standin.im_channel(user_id), text, thread_ts=thread_ts, **send)

    def app_mention(self, user_id: str, channel: str, text: str, **send: Any) -> AppResponse:
        return self.event(self._message_event(user_id, channel, text, None, kind="app_mention"), **send)

    def response_url_posts(self) -> list[dict]:
        return self.standin.response_url_posts()

    follow_response_urls = response_url_posts


class AsyncSlackDriver(_DriverCore):
    """Same API as SlackDriver, awaitable; pass transport=httpx.ASGITransport(app) to stay in-process."""

    def __init__(
        self,
        app_url: str,
        signing_secret: str,
        standin: Any,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(app_url, signing_secret, standin, **kwargs)
        self.http = httpx.AsyncClient(timeout=timeout, trust_env=False, transport=transport)

    async def aclose(self) -> None:
        await self.http.aclose()

    async def __aenter__(self) -> AsyncSlackDriver:
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.aclose()

    async def _run(self, op: Op) -> Any:
        try:
            req = next(op)
            while True:
                started = time.monotonic()
                r = await self.http.post(req.url, content=req.body.encode(), headers=req.headers)
                req = op.send(_Resp(r.status_code, r.text, dict(r.headers), time.monotonic() - started))
        except StopIteration as stop:
            return stop.value

    async def send(
        self, body: str | dict, *, url: str | None = None, content_type: str | None = None, **send: Any
    ) -> AppResponse:
        return await self._run(self._op_send(url, body, content_type, send))

    async def slash(
        self, user_id: str, command: str, text: str = "", channel_id: str | None = None, **send: Any
    ) -> AppResponse:
        return await self._run(self._op_slash(user_id, command, text, channel_id, send))

    async def block_action(
        self,
        user_id: str,
        action_id: str,
        value: Any = None,
        *,
        message: dict | None = None,
        view: dict | str | None = None,
        block_id: str | None = None,
        selected_option: Any = None,
        state: dict | None = None,
        **send: Any,
    ) -> AppResponse:
        return await self._run(
            self._op_block_action(user_id, action_id, value, message, view, block_id, selected_option, state, send)
        )

    async def press(
        self, user_id: str, target: dict, action_id_or_text: str, *, state: dict | None = None, **send: Any
    ) -> AppResponse:
        blocks = target.get("blocks") or []
        found = find_element(blocks, action_id_or_text)
        if found is None:
            raise LookupError(f"no button {action_id_or_text!r}")
        block, el = found
        return await self.block_action(
            user_id, el["action_id"], block_id=block.get("block_id"), state=state, **_press_args(target), **send
        )

    async def view_submission(
        self,
        user_id: str,
        view: dict | str | None = None,
        values: dict | None = None,
        *,
        force: bool = False,
        **send: Any,
    ) -> AppResponse:
        return await self._run(self._op_view_submission(user_id, view, values, force, send))

    async def view_closed(
        self,
        user_id: str,
        view: dict | str | None = None,
        *,
        is_cleared: bool = False,
        force_send: bool = False,
        **send: Any,
    ) -> AppResponse | None:
        return await self._run(self._op_view_closed(user_id, view, is_cleared, force_send, send))

    async def message_shortcut(
        self, user_id: str, callback_id: str, message: dict, channel_id: str | None = None, **send: Any
    ) -> AppResponse:
        return await self._run(self._op_message_shortcut(user_id, callback_id, message, channel_id, send))

    async def global_shortcut(self, user_id: str, callback_id: str, **send: Any) -> AppResponse:
        return await self._run(self._op_global_shortcut(user_id, callback_id, send))

    async def event(
        self, event: dict, *, event_id: str | None = None, event_time: int | None = None, **send: Any
    ) -> AppResponse:
        return await self._run(self._op_event(event, event_id, event_time, send))

    async def url_verification(self, challenge: str | None = None, **send: Any) -> AppResponse:
        return await self._run(self._op_url_verification(challenge, send))

    async def app_home_opened(self, user_id: str, tab: str = "home", **send: Any) -> AppResponse:
        return await self.event(self._home_event(user_id, tab), **send)

    async def message(
        self, user_id: str, channel: str, text: str, *, thread_ts: str | None = None, **send: Any
    ) -> AppResponse:
        return await self.event(self._message_event(user_id, channel, text, thread_ts), **send)

    async def dm(self, user_id: str, text: str, *, thread_ts: str | None = None, **send: Any) -> AppResponse:
        return await self.message(user_id, self.standin.im_channel(user_id), text, thread_ts=thread_ts, **send)

    async def app_mention(self, user_id: str, channel: str, text: str, **send: Any) -> AppResponse:
        return await self.event(self._message_event(user_id, channel, text, None, kind="app_mention"), **send)

    def response_url_posts(self) -> list[dict]:
        return self.standin.response_url_posts()

    follow_response_urls = response_url_posts
