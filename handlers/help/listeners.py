"""Listener callbacks for /some."""

from handlers.help.blocks import help_message
from handlers.i18n import lang_now


async def some_command(ack, command, client, svc):
    lang = await lang_now(client, svc.cache, command["user_id"])
    # The ack itself carries the answer: ephemeral, and no second round-trip to Slack.
    await ack(response_type="ephemeral", **help_message(lang))
