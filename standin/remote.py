"""Talk to a stand-in running in another process (`python -m standin`) over its control API.

RemoteStandIn offers the parts of SlackStandIn that the driver and benchmarks use, so
`SlackDriver(app_url, secret, RemoteStandIn("http://127.0.0.1:8099/"))` works the same way.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import httpx

from .faults import KINDS
from .workspace import User


class RemoteFaults:
    def __init__(self, http: httpx.Client) -> None:
        self._http = http

    def _post(self, body: dict) -> None:
        r = self._http.post("_standin/faults", json=body)
        if r.status_code != 200:
            raise ValueError(r.json().get("error"))

    def add(
        self,
        method: str,
        kind: str,
        times: int | None = 1,
        retry_after: int = 1,
        error: str = "internal_error",
        delay: float = 0.0,
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}")
        self._post(
            {"method": method, "kind": kind, "times": times, "retry_after": retry_after, "error": error, "delay": delay}
        )

    def set_random(
        self,
        rate: float = 0.2,
        kinds: list[str] | None = None,
        seed: int | None = None,
        methods: list[str] | None = None,
        retry_after: int = 1,
        error: str = "internal_error",
    ) -> None:
        self._post(
            {
                "random": {
                    "rate": rate,
                    "kinds": kinds,
                    "seed": seed,
                    "methods": methods,
                    "retry_after": retry_after,
                    "error": error,
                }
            }
        )

    def limit(self, method: str, per_minute: float, burst: int = 5) -> None:
        self._post({"limit": {"method": method, "per_minute": per_minute, "burst": burst}})

    def clear(self) -> None:
        self._post({"clear": True})

    def stats(self) -> dict:
        return self._http.get("_standin/stats").json()["faults"]


class RemoteStandIn:
    """Client for a stand-in served elsewhere; `url` is its root, e.g. http://127.0.0.1:8099/."""

    def __init__(self, url: str, *, bot_token: str | None = None, timeout: float = 10.0) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self._http = httpx.Client(base_url=self.url, timeout=timeout, trust_env=False)
        ws = self._http.get("_standin/workspace").json()
        self.team = SimpleNamespace(**ws["team"])
        self.bot = SimpleNamespace(**ws["bot"])
        self.bot_token = bot_token  # the control API never reveals it
        self.faults = RemoteFaults(self._http)

    @property
    def base_url(self) -> str:
        return f"{self.url}api/"

    def close(self) -> None:
        self._http.close()

    def _rpc(self, method: str, *args: Any, **kwargs: Any) -> Any:
        r = self._http.post("_standin/rpc", json={"method": method, "args": list(args), "kwargs": kwargs})
        body = r.json()
        if not body.get("ok"):
            raise LookupError(body.get("error"))
        return body["result"]

    # --- what the driver needs ---
    def user(self, user_id: str) -> User:
        d = self._rpc("user_dict", user_id)
        if d is None:
            raise KeyError(user_id)
        return User(**d)

    def im_channel(self, user_id: str) -> str:
        return self._rpc("im_channel", user_id)

    def channel_name(self, channel_id: str) -> str:
        return self._rpc("channel_name", channel_id)

    def channel_type(self, channel_id: str) -> str:
        return self._rpc("channel_type", channel_id)

    def new_trigger(self, user_id: str, *, view_id: str | None = None) -> str:
        return self._rpc("new_trigger", user_id, view_id=view_id)

    def new_response_url(self, **kwargs: Any) -> str:
        return self._rpc("new_response_url", **kwargs)

    def show_ack(self, response_url: str, body: dict) -> dict | None:
        return self._rpc("show_ack", response_url, body)

    def view(self, view_id: str) -> dict | None:
        return self._rpc("view", view_id)

    def open_view(self, user: str) -> dict | None:
        return self._rpc("open_view", user)

    def open_views(self, user: str) -> list[dict]:
        return self._rpc("open_views", user)

    def is_view_open(self, view_id: str) -> bool:
        return self._rpc("is_view_open", view_id)

    def home_view(self, user: str) -> dict | None:
        return self._rpc("home_view", user)

    def last_view(self, user: str) -> dict | None:
        return self._rpc("last_view", user)

    def views(self, user: str | None = None) -> list[dict]:
        return self._rpc("views", user)

    def apply_view_ack(self, user_id: str, view_id: str, ack: dict | None) -> dict | None:
        return self._rpc("apply_view_ack", user_id, view_id, ack)

    def close_view(self, user_id: str, view_id: str, *, clear: bool = False) -> None:
        self._rpc("close_view", user_id, view_id, clear=clear)

    def file(self, file_id: str) -> dict:
        return self._rpc("file", file_id)

    def add_file(
        self,
        user: str,
        name: str,
        mimetype: str = "application/octet-stream",
        content: bytes | str = b"",
        title: str | None = None,
    ) -> dict:
        data = content.encode() if isinstance(content, str) else content
        return self._rpc("add_file", user, name, mimetype, title=title, content_b64=base64.b64encode(data).decode())

    def post_user_message(self, channel: str, user: str, text: str, **kwargs: Any) -> dict:
        return self._rpc("post_user_message", channel, user, text, **kwargs)

    # --- inspection ---
    def calls(self, method: str | None = None) -> list[dict]:
        """Calls as dicts (method, args, response, ok, at, status, fault, errors)."""
        return self._rpc("calls", method)

    def invalid_calls(self) -> list[dict]:
        return self._rpc("invalid_calls")

    def messages(self, channel: str | None = None) -> list[dict]:
        return self._rpc("messages", channel)

    def message(self, channel: str, ts: str) -> dict | None:
        return self._rpc("message", channel, ts)

    def dm_messages(self, user_id: str) -> list[dict]:
        return self._rpc("dm_messages", user_id)

    def messages_with_metadata(self, key: str, value: Any) -> list[dict]:
        return self._rpc("messages_with_metadata", key, value)

    def ephemerals(self, user: str | None = None, channel: str | None = None) -> list[dict]:
        return self._rpc("ephemerals", user, channel)

    def response_url_posts(self, response_url: str | None = None) -> list[dict]:
        return self._rpc("response_url_posts", response_url)

    def stats(self) -> dict:
        return self._http.get("_standin/stats").json()

    def reset(self) -> None:
        self._http.post("_standin/reset")

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0, interval: float = 0.05) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"stand-in condition not met within {timeout}s")
            time.sleep(interval)
