"""Builds the Bolt AsyncApp: one place where the app, its client and listeners meet."""

from __future__ import annotations

import asyncio
import logging

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

import handlers
from bot.services import Services
from handlers.common import on_error

log = logging.getLogger("somevahti.app")

# Slack's libraries and the HTTP clients under them log whole request and response bodies at DEBUG
# (message texts, i.e. threat details; Bolt also the bodies of refused requests).
PAYLOAD_LOGGERS = ("slack_bolt", "slack_sdk", "aiohttp", "httpx", "httpcore")


def keep_payloads_out_of_logs() -> None:
    """Threat details and tokens must never reach a log: these loggers stay at WARNING whatever
    the root logger says (LOG_LEVEL=DEBUG, a host's own logging setup, a test's caplog)."""
    for name in PAYLOAD_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)


def make_client(svc: Services) -> AsyncWebClient:
    keep_payloads_out_of_logs()
    client = AsyncWebClient(
        token=svc.settings.slack_bot_token.get_secret_value(),
        base_url=svc.settings.slack_api_url,
        timeout=10,
    )
    # Calls made while answering a request (views.open, users.info) wait out one 429.
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=1))
    return client


class BotIdentity:
    """Bolt's `authorize`: one bot token, so who the bot is needs asking only once.

    Bolt's default asks auth.test on every request until one succeeds; with Slack answering
    429/500 that put a Web API round trip (and "reinstall this app" errors) in front of
    acknowledgements. Here a failed lookup still authorizes the request with the token, and the
    answer is cached the first time it arrives (the server also asks at start-up).
    """

    def __init__(self, client: AsyncWebClient, token: str):
        self.client, self.token = client, token
        self.result: AuthorizeResult | None = None

    async def learn(self, timeout: float = 2.0) -> AuthorizeResult | None:
        try:
            resp = await asyncio.wait_for(self.client.auth_test(), timeout)
        except Exception as exc:  # noqa: BLE001  (a later request asks again)
            log.warning("auth.test failed (%s); will ask again", type(exc).__name__)
            return None
        self.result = AuthorizeResult(
            enterprise_id=resp.get("enterprise_id"), team_id=resp.get("team_id"), team=resp.get("team"),
            url=resp.get("url"), bot_user_id=resp.get("user_id"), bot_id=resp.get("bot_id"), bot_token=self.token,
        )
        return self.result

    async def authorize(self, enterprise_id: str | None, team_id: str | None) -> AuthorizeResult:
        if self.result is not None:
            return self.result
        asyncio.ensure_future(self.learn())  # learn in the background; never delay an ack for it
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, bot_token=self.token)


def create_app(svc: Services, client: AsyncWebClient | None = None) -> AsyncApp:
    client = client or make_client(svc)
    identity = BotIdentity(client, svc.settings.slack_bot_token.get_secret_value())
    # Bolt gives each request a copy of the app's client carrying the token `authorize` returned;
    # the template itself holds no token (Bolt would warn that it ignores one).
    template = AsyncWebClient(base_url=client.base_url, timeout=client.timeout,
                              retry_handlers=client.retry_handlers)
    async def authorize(enterprise_id, team_id):  # Bolt injects arguments by name
        return await identity.authorize(enterprise_id, team_id)

    app = AsyncApp(
        client=template,
        authorize=authorize,
        signing_secret=svc.settings.slack_signing_secret.get_secret_value(),
        # Slack hears the answer when the listener returns: listeners ack() once what the request
        # owes is committed (events too), and hand what comes after to svc.after_ack. In Bolt's
        # default mode an error raised after ack() would undo the acknowledgement.
        process_before_response=True,
        raise_error_for_unhandled_request=False,
    )

    @app.error
    async def error_handler(error, body, client):
        await on_error(error, body, client, svc)

    handlers.register_all(app, svc)
    app.identity = identity  # the server asks Slack who we are at start-up
    return app
