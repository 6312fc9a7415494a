"""Pointing the Teams SDK for Python (microsoft-teams-apps 2.1) at the stand-in — for tests only.

The SDK's own client-secret path goes through MSAL, which insists on an https authority, so it
cannot reach a loopback stand-in. Instead the App gets `token=StandInClientCredentials(...)`: the
same client-credentials grant, done with httpx. The bot will get its own provider; this one is
deliberately small and named for the stand-in.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

import httpx

from .identity import BOT_FRAMEWORK_SCOPE

if TYPE_CHECKING:
    from .standin import TeamsStandIn


class TokenRequestError(RuntimeError):
    pass


class StandInClientCredentials:
    """A `token=` callable for `microsoft_teams.apps.App`: `await provider(scope, tenant_id) -> str`."""

    def __init__(
        self, login_endpoint: str, client_id: str, client_secret: str, tenant_id: str, *, timeout: float = 10.0
    ) -> None:
        self.login_endpoint = login_endpoint.rstrip("/")
        self.client_id, self.client_secret, self.tenant_id = client_id, client_secret, tenant_id
        self.timeout = timeout
        self._cache: dict[tuple[str, str], tuple[str, float]] = {}
        self._lock = asyncio.Lock()
        self.requests = 0  # how many times the token endpoint was asked (tests check caching)

    async def __call__(self, scope: str | None = None, tenant_id: str | None = None) -> str:
        scope = scope or BOT_FRAMEWORK_SCOPE
        # The SDK passes its default tenant "botframework.com"; a single-tenant bot asks its own tenant.
        tenant = self.tenant_id if tenant_id in (None, "botframework.com") else tenant_id
        async with self._lock:
            cached = self._cache.get((scope, tenant))
            if cached and cached[1] - 300 > time.time():  # refresh 5 min early, as MSAL does
                return cached[0]
            self.requests += 1
            async with httpx.AsyncClient(timeout=self.timeout, trust_env=False) as http:
                r = await http.post(
                    f"{self.login_endpoint}/{tenant}/oauth2/v2.0/token",
                    data={
                        "grant_type": "client_credentials",
                        "client_id": self.client_id,
                        "client_secret": self.client_secret,
                        "scope": scope,
                    },
                )
            body = r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
            if r.status_code != 200 or "access_token" not in body:
                raise TokenRequestError(f"token endpoint {r.status_code}: {body.get('error_description') or r.text}")
            self._cache[(scope, tenant)] = (body["access_token"], time.time() + float(body.get("expires_in", 0)))
            return body["access_token"]

    @classmethod
    def for_standin(cls, standin: TeamsStandIn, **kw: Any) -> StandInClientCredentials:
        b = standin.bot
        return cls(standin.login_endpoint, b.client_id, b.client_secret, standin.tenant.id, **kw)


def standin_cloud(standin: TeamsStandIn) -> Any:
    """A CloudEnvironment whose login endpoint and OpenID metadata are the stand-in's."""
    from microsoft_teams.api.auth.cloud_environment import PUBLIC, with_overrides

    return with_overrides(
        PUBLIC, openid_metadata_url=standin.openid_metadata_url, login_endpoint=standin.login_endpoint
    )


def app_options(standin: TeamsStandIn, **overrides: Any) -> dict[str, Any]:
    """Keyword arguments for `microsoft_teams.apps.App(**app_options(standin))`."""
    return {
        "client_id": standin.bot.client_id,
        "tenant_id": standin.tenant.id,
        "token": StandInClientCredentials.for_standin(standin),
        "service_url": standin.service_url,
        "cloud": standin_cloud(standin),
        **overrides,
    }
