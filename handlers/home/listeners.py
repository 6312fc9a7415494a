"""App Home listener: rebuilt from the database each time the user opens the tab."""

from escalation import controversies, threats
from handlers.home.blocks import home_view
from handlers.i18n import lang_now


async def home_opened(ack, event, client, svc):
    await ack()  # the event is answered at once; the tab is rebuilt right after
    if event.get("tab") == "home":
        svc.after_ack(_publish(event["user"], client, svc))


async def _publish(user: str, client, svc) -> None:
    lang = await lang_now(client, svc.cache, user)

    def load(s):
        lists = threats.open_reports(s, user, svc.directory.admins)
        open_alerts = [controversies.snapshot(s, inc) for inc in controversies.list_open(s)]
        return lists, open_alerts

    lists, open_alerts = await svc.read(load)
    await client.views_publish(user_id=user, view=home_view(lang, lists, open_alerts, svc.clock.now()))
