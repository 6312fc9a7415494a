"""/some: the list of the bot's commands."""

from slack_bolt.async_app import AsyncApp

from handlers.help.listeners import some_command


def register(app: AsyncApp) -> None:
    app.command("/some")(some_command)
