"""Renderers of the flows' owed messages for Teams (the delivery worker calls them at send time).

The wording and layout are the Slack edge's (handlers/<flow>/messages.py, from texts/), converted
to Adaptive Cards by teams.cards.blockkit with the buttons Teams needs: Action.Execute for what
changes state at once, a dialog (task/fetch) for what needs more input.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.models import SENT, Incident, Notification
from handlers.kohu import ids as kohu_ids
from handlers.kohu import messages as kohu_messages
from handlers.uhka import ids as uhka_ids
from handlers.uhka import messages as uhka_messages
from teams.cards import kohu as kohu_cards
from teams.cards import uhka as uhka_cards
from teams.cards.blockkit import to_card
from teams.cards.common import execute, text_block
from texts import t

NameOf = Callable[[str], str | None]


def _title(el: dict) -> str:
    return (el.get("text") or {}).get("text") or ""


UHKA_ACTIONS = {
    uhka_ids.ACK: lambda el: execute(_title(el), uhka_cards.ACK, ref=el.get("value")),
    uhka_ids.FORWARD: lambda el: execute(_title(el), uhka_cards.FORWARD, ref=el.get("value")),
    uhka_ids.POLICE: lambda el: uhka_cards.dialog_button(_title(el), uhka_cards.POLICE, ref=el.get("value")),
    uhka_ids.RESOLVE: lambda el: uhka_cards.dialog_button(_title(el), uhka_cards.RESOLVE, ref=el.get("value")),
}


def pressed(s: Session, activity) -> Notification | None:
    """The sent Teams notification whose card was pressed (the invoke replies to its activity)."""
    if not activity.reply_to_id:
        return None
    return (
        s.execute(
            select(Notification).where(
                Notification.platform == "teams", Notification.ts == activity.reply_to_id, Notification.status == SENT
            )
        )
        .scalars()
        .first()
    )


def threat_renderer(name_of: NameOf) -> Callable[[Session, Notification, Incident | None, str], dict]:
    def render(session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
        msg = uhka_messages.render(session, row, incident, lang)
        extra = []
        if incident is not None and row.kind == "threat.reporter" and (row.data or {}).get("event") == "created":
            # Cards cannot upload files: the screenshots come as messages in this chat.
            extra.append(text_block(t(lang, "uhka.teams.send_screenshots", ref=incident.ref)))
        return to_card(msg, UHKA_ACTIONS, name_of=name_of, extra=extra)

    return render


KOHU_ACTIONS = {
    kohu_ids.CLAIM: lambda el: execute(_title(el), kohu_cards.CLAIM, ref=el.get("value")),
    kohu_ids.UPDATE: lambda el: uhka_cards.dialog_button(_title(el), kohu_cards.UPDATE, ref=el.get("value")),
    kohu_ids.RESOLVE: lambda el: uhka_cards.dialog_button(_title(el), kohu_cards.RESOLVE, ref=el.get("value")),
}


def tag_mention(tag_id: str, name: str) -> tuple[dict, dict]:
    """A TextBlock @mentioning a Teams tag, and the card-level entity that makes it work."""
    at = f"<at>{name}</at>"
    return (
        {"type": "TextBlock", "text": at, "wrap": True},
        {"type": "mention", "text": at, "mentioned": {"id": tag_id, "name": name, "type": "tag"}},
    )


def controversy_renderer(name_of: NameOf, mavi_tag: str | None = None):
    def render(session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
        msg = to_card(kohu_messages.render(session, row, incident, lang), KOHU_ACTIONS, name_of=name_of)
        if mavi_tag and row.kind == "controversy.notify" and row.target_kind == "channel":
            block, entity = tag_mention(mavi_tag, t(lang, "kohu.teams.tag"))
            c = msg["card"]
            c["body"].insert(0, block)
            c["msteams"] = {**c.get("msteams", {}), "entities": [entity]}
        return msg

    return render


def renderers(name_of: NameOf = lambda _i: None, *, mavi_tag: str | None = None) -> dict:
    return {"threat": threat_renderer(name_of), "controversy": controversy_renderer(name_of, mavi_tag)}
