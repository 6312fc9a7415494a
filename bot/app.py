"""Builds the Bolt AsyncApp: one place where the app, its client and listeners meet."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
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


def create_app(svc: Services, client: AsyncWebClient | None = None) -> AsyncApp:
    app = AsyncApp(
        client=client or make_client(svc),
        signing_secret=svc.settings.slack_signing_secret.get_secret_value(),
        # Requests must be acknowledged within 3 s; listeners ack as soon as what the
        # request owes is committed, and Bolt answers Slack at that moment.
        process_before_response=False,
        raise_error_for_unhandled_request=False,
    )

    @app.middleware
    async def inject_services(context, next):  # noqa: A002  (Bolt's name)
        context["svc"] = svc
        await next()

    app.error(on_error)
    handlers.register_all(app)
    return app
