"""Shared edge helpers: the one error handler, ephemeral replies, mrkdwn escaping."""

from __future__ import annotations

import logging
import re

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from escalation.engine import DomainError
from handlers.blockkit import metadata
from handlers.i18n import lang_now
from texts import t

log = logging.getLogger("somevahti.handlers")


def escape(text: str | None) -> str:
    """Make user text inert in mrkdwn: no @channel, no pings, no forged links or formatting tricks."""
    if not text:
        return ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Zero-width joiner after @ so "@channel"/"@here"/"@everyone" are not broadcasts even if Slack parses them.
    return re.sub(r"@(?=(channel|here|everyone)\b)", "@\u200b", text, flags=re.IGNORECASE)


def quote(text: str) -> str:
    """Block-quote (mrkdwn) escaped user text line by line."""
    return "\n".join("> " + line for line in escape(text).splitlines() or [""])


async def reply_ephemeral(client: AsyncWebClient, body: dict, text: str, blocks: list | None = None) -> None:
    """Tell only the acting user, wherever the action came from (message, modal, App Home)."""
    user = (body.get("user") or {}).get("id") or body.get("user_id")
    channel = (body.get("channel") or {}).get("id") or body.get("channel_id")
    if body.get("response_url"):
        from slack_sdk.webhook.async_client import AsyncWebhookClient

        await AsyncWebhookClient(body["response_url"]).send(
            text=text, blocks=blocks, response_type="ephemeral", replace_original=False
        )
    elif channel and not channel.startswith("D"):
        await client.chat_postEphemeral(channel=channel, user=user, text=text, blocks=blocks)
    else:  # a DM, a modal or App Home: a DM from the bot reaches only this person
        opened = await client.conversations_open(users=user)
        await client.chat_postMessage(channel=opened["channel"]["id"], text=text, blocks=blocks)


async def on_error(error: Exception, body: dict, client: AsyncWebClient, svc) -> None:
    """Turn a domain error into a message the user understands; log the rest without user data."""
    user = (body.get("user") or {}).get("id") or body.get("user_id")
    lang = await lang_now(client, svc.cache, user) if user else "fi"
    if isinstance(error, DomainError):
        key = f"error.{error.code}"
        text = t(lang, key, **error.params)
    else:
        # Log the type and where, never the request body: it may carry threat details.
        log.error(
            "unhandled %s in %s",
            type(error).__name__,
            body.get("type") or body.get("command"),
            exc_info=(type(error), error, error.__traceback__),
        )
        text = t(lang, "error.generic")
    try:
        await reply_ephemeral(client, body, text)
    except Exception:  # noqa: BLE001
        log.warning("could not tell the user about an error")


async def view_lang(client: AsyncWebClient, svc, user: str, view: dict | None = None) -> str:
    """The language a modal was opened in (kept in its metadata), else the user's own."""
    meta = metadata(view) if view else {}
    if meta.get("lang") in ("fi", "sv"):
        return meta["lang"]
    return await lang_now(client, svc.cache, user)


async def refuse(ack, error: DomainError, body: dict, client: AsyncWebClient, svc) -> None:
    """A button press or action the domain refused: acknowledge (nothing changed), then tell the
    presser why, ephemerally, in the one error handler's words. Never by raising after ack():
    the acknowledgement would be lost."""
    await ack()
    svc.after_ack(on_error(error, body, client, svc))


async def open_modal(client: AsyncWebClient, body: dict, svc, trigger_id: str, build) -> None:
    """Open a modal after the request was acknowledged (run through svc.after_ack); `build()`
    returns the view (awaitable).

    Acknowledging first keeps Slack's 3 s for the ack free of Web API round trips. A failure
    here is told to the user (they can simply try again); it is never raised, because after
    ack() Bolt would turn an error into a failed answer to Slack.
    """
    try:
        await client.views_open(trigger_id=trigger_id, view=await build())
    except Exception as exc:  # noqa: BLE001
        if isinstance(exc, SlackApiError) and exc.response.get("error") == "exchanged_trigger_id":
            return  # an attempt whose answer was lost did open it
        log.warning("could not open a modal: %s", type(exc).__name__)
        user = (body.get("user") or {}).get("id") or body.get("user_id")
        lang = await lang_now(client, svc.cache, user) if user else "fi"
        try:
            await reply_ephemeral(client, body, t(lang, "error.modal_failed"))
        except Exception:  # noqa: BLE001
            log.warning("could not tell the user that the modal did not open")
