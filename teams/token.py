"""The bot's outbound token: Entra ID client credentials, with httpx.

The SDK's own client-secret path goes through MSAL, which refuses an http:// authority (the local
stand-in); this provider is small enough to own. One instance serves the SDK (`App(token=...)`,
on the serving loop) and the delivery worker (its own loop), so its lock is per event loop.
"""

from __future__ import annotations

import asyncio
import threading
import time
import weakref

import httpx

from escalation.delivery import tls
from teams.config import BOT_FRAMEWORK_SCOPE, TeamsConfig

REFRESH_EARLY_S = 300  # a token is renewed 5 minutes before it expires, as MSAL does


class TokenError(Exception):
    """The token endpoint refused or could not be reached; `status` is its HTTP status (0: no answer)."""

    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status


class ClientCredentials:
    """`await provider(scope=None, tenant_id=None) -> access token`, cached until near expiry."""

    def __init__(self, config: TeamsConfig, *, timeout: float = 10.0, clock=time.time):
        self.config, self.timeout, self.clock = config, timeout, clock
        self._cache: dict[str, tuple[str, float]] = {}
        self._guard = threading.Lock()
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()
        self.requests = 0  # how often the token endpoint was asked

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        with self._guard:
            return self._locks.setdefault(loop, asyncio.Lock())

    def _cached(self, scope: str) -> str | None:
        token = self._cache.get(scope)
        return token[0] if token and token[1] - REFRESH_EARLY_S > self.clock() else None

    def forget(self) -> None:
        """Drop cached tokens (the connector said 401: e.g. the secret was rotated)."""
        self._cache.clear()

    async def __call__(self, scope: str | None = None, tenant_id: str | None = None) -> str:
        # The SDK asks for tenant "botframework.com"; a single-tenant bot always asks its own tenant.
        scope = scope or BOT_FRAMEWORK_SCOPE
        if token := self._cached(scope):
            return token
        async with self._lock():
            if token := self._cached(scope):  # another request on this loop fetched it meanwhile
                return token
            token, lifetime = await self._fetch(scope)
            self._cache[scope] = (token, self.clock() + lifetime)
            return token

    async def _fetch(self, scope: str) -> tuple[str, float]:
        c = self.config
        url = f"{c.login_endpoint.rstrip('/')}/{c.tenant_id}/oauth2/v2.0/token"
        self.requests += 1
        try:
            async with httpx.AsyncClient(timeout=self.timeout, trust_env=False, verify=tls()) as http:
                r = await http.post(
                    url,
                    data={
                        "grant_type": "client_credentials",
                        "client_id": c.client_id,
                        "client_secret": c.client_secret,
                        "scope": scope,
                    },
                )
        except httpx.HTTPError as exc:
            raise TokenError(f"token endpoint unreachable: {type(exc).__name__}") from None
        try:
            body = r.json()
        except ValueError:
            body = {}
        if r.status_code != 200 or not isinstance(body, dict) or "access_token" not in body:
            # AADSTS descriptions name the problem (wrong secret, unknown tenant) without secrets.
            why = (body.get("error_description") or body.get("error") or "") if isinstance(body, dict) else ""
            raise TokenError(f"token endpoint answered {r.status_code}: {str(why)[:300]}", r.status_code)
        return body["access_token"], float(body.get("expires_in") or 0)
