"""The identity side of the stand-in: Bot Framework's OpenID metadata + JWKS and an AAD token endpoint.

One RSA key pair is made per stand-in. It signs both the tokens Teams puts on inbound activities
(which the bot verifies against our JWKS) and the access tokens the token endpoint hands the bot
(which the fake connector accepts only if it issued them).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
OPENID_PATH = "/v1/.well-known/openidconfiguration"
# The SDK does not read jwks_uri from the metadata: it swaps "/openidconfiguration" for "/keys".
JWKS_PATH = "/v1/.well-known/keys"

# Ways to spoil an inbound activity token, for negative tests.
BAD_TOKENS = (
    "wrong_key",
    "unknown_kid",
    "wrong_audience",
    "wrong_issuer",
    "expired",
    "not_yet_valid",
    "wrong_serviceurl",
    "no_serviceurl",
)


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class IssuedToken:
    access_token: str
    client_id: str
    tenant: str
    scope: str
    issued_at: float
    expires_at: float


class AadError(Exception):
    """An AAD-style token endpoint error (`error`, `error_description`, numeric `error_codes`)."""

    def __init__(self, status: int, error: str, description: str, code: int) -> None:
        super().__init__(description)
        self.status, self.error, self.description, self.code = status, error, description, code

    def body(self) -> dict:
        return {
            "error": self.error,
            "error_description": f"AADSTS{self.code}: {self.description}",
            "error_codes": [self.code],
            "timestamp": time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime()),
            "trace_id": str(uuid.uuid4()),
            "correlation_id": str(uuid.uuid4()),
        }


class IdentityProvider:
    def __init__(self, *, tenant_id: str, client_id: str, client_secret: str, token_ttl: int = 3599) -> None:
        self.tenant_id = tenant_id
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_ttl = token_ttl  # seconds; tests shorten it to see the bot refresh
        self.key = _new_key()
        self.kid = secrets.token_urlsafe(16)
        self._lock = threading.Lock()
        self._issued: list[IssuedToken] = []

    @cached_property
    def _other_key(self) -> rsa.RSAPrivateKey:
        return _new_key()  # only for "wrong_key" tokens; made lazily because RSA keygen is slow-ish

    # --- documents --------------------------------------------------------------------------------

    def openid_configuration(self, base_url: str) -> dict:
        base = base_url.rstrip("/")
        return {
            "issuer": BOT_FRAMEWORK_ISSUER,
            "authorization_endpoint": f"{base}/v1/.well-known/authorize",
            "jwks_uri": base + JWKS_PATH,
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        }

    def jwks(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        # Microsoft's keys carry endorsements (channels allowed to use the key) and x5t = kid.
        jwk.update({"kid": self.kid, "x5t": self.kid, "use": "sig", "alg": "RS256", "endorsements": ["msteams"]})
        return {"keys": [jwk]}

    # --- token endpoint (client credentials) ------------------------------------------------------

    def issue(self, tenant: str, form: dict[str, str]) -> IssuedToken:
        """Check a client-credentials request like AAD does; raises AadError."""
        if form.get("grant_type") != "client_credentials":
            raise AadError(
                400,
                "unsupported_grant_type",
                "The provided value for the input parameter 'grant_type' is not valid. Expected 'client_credentials'.",
                70003,
            )
        if not form.get("scope"):
            raise AadError(400, "invalid_request", "The request body must contain the 'scope' parameter.", 900144)
        if form["scope"] != BOT_FRAMEWORK_SCOPE:
            raise AadError(400, "invalid_scope", f"The provided value for scope {form['scope']} is not valid.", 1002012)
        if tenant not in (self.tenant_id, "botframework.com"):
            raise AadError(400, "invalid_request", f"Tenant '{tenant}' not found.", 90002)
        if form.get("client_id") != self.client_id:
            raise AadError(
                400,
                "unauthorized_client",
                f"Application with identifier '{form.get('client_id')}' was not found in the directory.",
                700016,
            )
        if not secrets.compare_digest(form.get("client_secret", ""), self.client_secret):
            raise AadError(401, "invalid_client", "Invalid client secret provided.", 7000215)
        now = time.time()
        claims = {
            "aud": BOT_FRAMEWORK_ISSUER,
            "iss": f"https://login.microsoftonline.com/{tenant}/v2.0",
            "iat": int(now),
            "nbf": int(now),
            "exp": int(now + self.token_ttl),
            "appid": self.client_id,
            "azp": self.client_id,
            "tid": tenant,
            "ver": "2.0",
            "jti": secrets.token_urlsafe(12),
        }
        token = IssuedToken(self._sign(claims), self.client_id, tenant, form["scope"], now, now + self.token_ttl)
        with self._lock:
            self._issued.append(token)
        return token

    def issued(self) -> list[IssuedToken]:
        with self._lock:
            return list(self._issued)

    def bearer_problem(self, authorization: str | None) -> str | None:
        """Why the connector must refuse this Authorization header (None = it is a live token we issued)."""
        if not authorization or not authorization.lower().startswith("bearer "):
            return "missing_token"
        raw = authorization[7:].strip()
        with self._lock:
            found = next((t for t in self._issued if t.access_token == raw), None)
        if found is None:
            return "unknown_token"
        if time.time() >= found.expires_at:
            return "expired_token"
        return None

    # --- inbound activity tokens ------------------------------------------------------------------

    def activity_token(
        self,
        service_url: str,
        *,
        bad: str | None = None,
        lifetime: int = 3600,
        extra_claims: dict[str, Any] | None = None,
    ) -> str:
        """The JWT Teams sends with an activity (Authorization: Bearer …); `bad` spoils it (BAD_TOKENS)."""
        if bad is not None and bad not in BAD_TOKENS:
            raise ValueError(f"unknown bad token kind {bad!r}; expected one of {BAD_TOKENS}")
        now = int(time.time())
        claims: dict[str, Any] = {
            "serviceurl": service_url,
            "nbf": now - 5,
            "exp": now + lifetime,
            "iss": BOT_FRAMEWORK_ISSUER,
            "aud": self.client_id,
        }
        if bad == "wrong_audience":
            claims["aud"] = str(uuid.uuid4())
        elif bad == "wrong_issuer":
            claims["iss"] = "https://api.botframework.evil"
        elif bad == "expired":
            claims.update(nbf=now - 7200, exp=now - 3600)  # beyond any sane clock-skew leeway
        elif bad == "not_yet_valid":
            claims.update(nbf=now + 3600, exp=now + 7200)
        elif bad == "wrong_serviceurl":
            claims["serviceurl"] = "https://smba.trafficmanager.net/evil/"
        elif bad == "no_serviceurl":
            del claims["serviceurl"]
        claims.update(extra_claims or {})
        key = self._other_key if bad == "wrong_key" else self.key
        kid = "unknown-" + self.kid if bad == "unknown_kid" else self.kid
        return self._sign(claims, key=key, kid=kid)

    def _sign(self, claims: dict, *, key: rsa.RSAPrivateKey | None = None, kid: str | None = None) -> str:
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid, "typ": "JWT"})
