"""Bot Connector REST calls for the delivery worker, and what their failures mean to it.

Plain httpx (no SDK) so each status maps to the worker's Transient/Permanent exactly, and nothing
re-sends on its own: the worker decides about retries. Teams' guidance: retry 429, 412, 502, 504
(and other 5xx) with backoff; 403 (app not installed, private channel) and 404 do not heal.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx

from escalation.delivery import Permanent, Transient, tls
from teams.token import ClientCredentials, TokenError

TIMEOUT_S = 10.0  # the worker's IN_FLIGHT assumes calls end within 10 s


def retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return None  # absent, or an HTTP date: the worker's own backoff then


def failure(response: httpx.Response) -> Transient | Permanent:
    """The worker's view of a Bot Connector error answer."""
    status = response.status_code
    try:
        code = ((response.json() or {}).get("error") or {}).get("code") or ""
    except (ValueError, AttributeError):
        code = ""
    reason = f"http_{status}" + (f":{code}" if code else "")
    if status == 429:
        return Transient(reason, retry_after=retry_after(response) or 1.0)
    if status in (401, 412) or status >= 500:
        return Transient(reason, retry_after=retry_after(response))
    return Permanent(reason)  # 400 (a card Teams refuses), 403, 404, 413 ...


class Connector:
    def __init__(self, token: ClientCredentials, *, timeout: float = TIMEOUT_S):
        self.token, self.timeout = token, timeout
        self._http: httpx.AsyncClient | None = None

    @contextlib.asynccontextmanager
    async def connected(self) -> AsyncIterator[None]:
        """One connection pool on the calling (the worker's) loop."""
        async with httpx.AsyncClient(
            timeout=self.timeout, trust_env=False, follow_redirects=False, verify=tls()
        ) as http:
            self._http = http
            try:
                yield
            finally:
                self._http = None

    async def bearer(self) -> dict[str, str]:
        try:
            return {"Authorization": f"Bearer {await self.token()}"}
        except TokenError as exc:
            # A wrong secret is an operator's fix, not a reason to drop messages: retried, logged.
            raise Transient(f"token:{exc.status or 'unreachable'}") from None

    async def call(self, method: str, url: str, *, json: dict | None = None, params: dict | None = None) -> Any:
        headers = await self.bearer()
        try:
            if self._http is None:
                async with httpx.AsyncClient(timeout=self.timeout, trust_env=False, verify=tls()) as http:
                    r = await http.request(method, url, json=json, params=params, headers=headers)
            else:
                r = await self._http.request(method, url, json=json, params=params, headers=headers)
        except httpx.HTTPError as exc:  # timeouts, refused or dropped connections
            raise Transient(type(exc).__name__) from None
        if r.status_code == 401:
            self.token.forget()  # a token the connector no longer takes: fetch a new one next time
        if not 200 <= r.status_code < 300:
            raise failure(r)
        try:
            return r.json() if r.content else {}
        except ValueError:
            return {}
