"""App Home listener: rebuilt from the database each time the user opens the tab."""

from escalation import controversies, ohje_review, threats
from handlers.home.blocks import REVIEW_ITEMS, home_view, ohje_review_blocks
from handlers.i18n import lang_now
from handlers.kohu import membership


async def home_opened(ack, event, client, svc):
    await ack()  # the event is answered at once; the tab is rebuilt right after
    if event.get("tab") == "home":
        svc.after_ack(_publish(event["user"], client, svc))


async def _publish(user: str, client, svc) -> None:
    lang = await lang_now(client, svc.cache, user)
    sees_all = await membership.is_mavi(client, svc, user)  # as /kohu lista: others see their own alerts
    admin = svc.directory.is_admin(user)
    index = ohje_review.live_index(svc).current()

    def load(s):
        lists = threats.open_reports(s, user, svc.directory.admins)
        open_alerts = [controversies.snapshot(s, inc) for inc in controversies.visible_open(s, user, sees_all=sees_all)]
        all_threats = threats.open_all(s, user, svc.directory.admins) if admin else None
        review = ohje_review.pending(s, index, limit=REVIEW_ITEMS) if admin else None
        return lists, open_alerts, all_threats, review

    lists, open_alerts, all_threats, review = await svc.read(load)
    view = home_view(lang, lists, open_alerts, svc.clock.now(), own_alerts_only=not sees_all, all_threats=all_threats)
    if review is not None:  # admins only: the /ohje questions to review, with "Opeta"
        view["blocks"] = [*view["blocks"], *ohje_review_blocks(lang, review)][:100]
    await client.views_publish(user_id=user, view=view)


publish_home = _publish
