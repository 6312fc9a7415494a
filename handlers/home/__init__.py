"""App Home: the commands, your open threat reports and the open controversies, in one place."""

from slack_bolt.async_app import AsyncApp

from handlers.home.listeners import home_opened


def register(app: AsyncApp) -> None:
    app.event("app_home_opened")(home_opened)
