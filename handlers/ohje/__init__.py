"""/ohje: answers from the social-media guideline, verbatim, with feedback."""

from slack_bolt.async_app import AsyncApp

from handlers.ohje import ids
from handlers.ohje.listeners import feedback, ohje_command, show_section, teach


def register(app: AsyncApp) -> None:
    app.command("/ohje")(ohje_command)
    app.block_action(ids.SHOW_SECTION)(show_section)
    app.block_action(ids.PICK_TOPIC)(show_section)
    app.block_action(ids.FEEDBACK_YES)(feedback)
    app.block_action(ids.FEEDBACK_NO)(feedback)
    app.block_action(ids.TEACH)(teach)
