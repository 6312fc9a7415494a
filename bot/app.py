"""Builds the Bolt AsyncApp: one place where the app, its client and listeners meet."""

from __future__ import annotations

import asyncio
import logging

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

import handlers
from bot.services import Services
from handlers.common import on_error

log = logging.getLogger("somevahti.app")

# Slack's libraries, the HTTP clients under them and the HTTP server log whole request and response
# bodies below WARNING (message texts, i.e. threat details; Bolt also the bodies of refused requests).
PAYLOAD_LOGGERS = ("slack_bolt", "slack_sdk", "aiohttp", "httpx", "httpcore", "uvicorn")
# The logger handed to Bolt: every logger Bolt creates for the app (per middleware, per listener)
# copies its level and filters from this one, instead of the root logger's level.
BOLT_LOGGER = "slack_bolt.somevahti"


def is_payload_logger(name: str) -> bool:
    return any(name == p or name.startswith((p + ".", p + ":")) for p in PAYLOAD_LOGGERS)


class QuietLibraries(logging.Filter):
    """Drops the records of Slack's libraries, the HTTP clients and uvicorn below WARNING."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or not is_payload_logger(record.name)


QUIET = QuietLibraries()


def _payload_safe(base: type[logging.Logger]) -> type[logging.Logger]:
    class PayloadSafeLogger(base):  # type: ignore[valid-type, misc]  # a class made for `base`
        """A logger created later (Bolt creates its own and copies the root's level onto each) gets
        the filter at birth when it belongs to one of the libraries."""

        def __init__(self, name: str, level: int = logging.NOTSET):
            super().__init__(name, level)
            if is_payload_logger(name):
                self.addFilter(QUIET)

    PayloadSafeLogger._somevahti_safe = True
    return PayloadSafeLogger


def keep_payloads_out_of_logs() -> None:
    """Threat details and tokens must never reach a log: no logger of those libraries, including
    children created later, emits below WARNING whatever the root logger says (LOG_LEVEL=DEBUG, a
    host's own logging setup, a test's caplog). Idempotent.

    Levels alone do not hold: Bolt sets each logger it creates to the root's level. So the parents
    are pinned at WARNING, every existing logger of theirs gets a filter dropping what is below
    WARNING, loggers created from now on get it at birth, and so do the root's handlers.
    """
    if not getattr(logging.getLoggerClass(), "_somevahti_safe", False):
        logging.setLoggerClass(_payload_safe(logging.getLoggerClass()))
    for name in PAYLOAD_LOGGERS + (BOLT_LOGGER,):
        logger = logging.getLogger(name)
        if logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)
    loggers = [logging.root.manager.loggerDict.get(n) for n in list(logging.root.manager.loggerDict)]
    for logger in [lg for lg in loggers if isinstance(lg, logging.Logger)] + [logging.root]:
        if is_payload_logger(logger.name) and QUIET not in logger.filters:
            logger.addFilter(QUIET)
        if logger is logging.root:
            for handler in logger.handlers:
                if QUIET not in handler.filters:
                    handler.addFilter(QUIET)


def make_client(svc: Services) -> AsyncWebClient:
    keep_payloads_out_of_logs()
    client = AsyncWebClient(
        token=svc.settings.secret("slack_bot_token"),
        base_url=svc.settings.slack_api_url,
        timeout=10,
    )
    # Calls made while answering a request (views.open, users.info) wait out one 429.
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=1))
    return client


# auth.test answers that mean the bot token does not work: the admin must fix it, and the process
# must not look healthy. Any other error (ratelimited, internal_error, ...) is Slack's, and passes.
SLACK_AUTH_FAILED = frozenset(
    {"invalid_auth", "account_inactive", "token_revoked", "not_authed", "missing_scope", "not_allowed_token_type"}
)


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
        # What Slack said to auth.test, for /healthz: "unknown" until it answers (or while it cannot
        # be reached), "ok", or Slack's error ("invalid_auth", "account_inactive", "token_revoked").
        self.state = "unknown"

    async def learn(self, timeout: float = 2.0) -> AuthorizeResult | None:
        try:
            resp = await asyncio.wait_for(self.client.auth_test(), timeout)
        except SlackApiError as exc:
            error = str(exc.response.get("error") or "error")
            if error not in SLACK_AUTH_FAILED:  # Slack busy or failing (429, 5xx): not the token's fault
                log.warning("auth.test failed (%s); will ask again", error)
                return None
            if error != self.state:
                log.error("Slack refused the bot token (auth.test: %s); check SLACK_BOT_TOKEN", error)
            self.state = error
            return None
        except Exception as exc:  # noqa: BLE001  (a later request asks again)
            log.warning("auth.test failed (%s); will ask again", type(exc).__name__)
            return None
        self.state = "ok"
        self.result = AuthorizeResult(
            enterprise_id=resp.get("enterprise_id"),
            team_id=resp.get("team_id"),
            team=resp.get("team"),
            url=resp.get("url"),
            bot_user_id=resp.get("user_id"),
            bot_id=resp.get("bot_id"),
            bot_token=self.token,
        )
        return self.result

    async def authorize(self, enterprise_id: str | None, team_id: str | None) -> AuthorizeResult:
        if self.result is not None:
            return self.result
        asyncio.ensure_future(self.learn())  # learn in the background; never delay an ack for it
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, bot_token=self.token)


def create_app(svc: Services, client: AsyncWebClient | None = None) -> tuple[AsyncApp, BotIdentity]:
    """The Bolt app with every listener, and who the bot is (the server asks Slack at start-up)."""
    keep_payloads_out_of_logs()
    client = client or make_client(svc)
    identity = BotIdentity(client, svc.settings.secret("slack_bot_token"))
    # Bolt gives each request a copy of the app's client carrying the token `authorize` returned;
    # the template itself holds no token (Bolt would warn that it ignores one).
    template = AsyncWebClient(base_url=client.base_url, timeout=client.timeout, retry_handlers=client.retry_handlers)

    async def authorize(enterprise_id, team_id):  # Bolt injects arguments by name
        return await identity.authorize(enterprise_id, team_id)

    app = AsyncApp(
        client=template,
        authorize=authorize,
        signing_secret=svc.settings.secret("slack_signing_secret"),
        # Slack hears the answer when the listener returns: listeners ack() once what the request
        # owes is committed (events too), and hand what comes after to svc.after_ack. In Bolt's
        # default mode an error raised after ack() would undo the acknowledgement.
        process_before_response=True,
        raise_error_for_unhandled_request=False,
        logger=logging.getLogger(BOLT_LOGGER),  # pinned at WARNING and filtered (keep_payloads_out_of_logs)
    )

    @app.error
    async def error_handler(error, body, client):
        await on_error(error, body, client, svc)

    handlers.register_all(app, svc)
    return app, identity
