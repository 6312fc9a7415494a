"""Renders an owed notification (an outbox row) into a Slack message, per domain."""

from __future__ import annotations

import re
from importlib import import_module

from sqlalchemy.orm import Session

from escalation.models import Incident, Notification

_MODULES = {"threat": "handlers.uhka.messages", "controversy": "handlers.kohu.messages",
            "campaign": "handlers.kampanja.messages", "account": "handlers.tili.messages",
            "weekly": "handlers.weekly"}


def render(session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
    """-> {"text": str, "blocks": list}. Called by the delivery worker at send time,
    so a message always shows the incident's current state."""
    domain = row.kind.split(".", 1)[0]
    message = import_module(_MODULES[domain]).render(session, row, incident, lang)
    if message.get("text"):
        message = {**message, "text": fallback_text(message["text"])}
    return message


_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\x0b\x0c\x85\u2028\u2029]+[ \t]*")


def fallback_text(text: str) -> str:
    """A message's `text` is what push notifications and previews show: one line, so text a user
    typed (a controversy's description, an update) cannot start a line of its own there that reads
    like the message's own layout (a forged "*Tila:* Ratkaistu"). Nothing else changes (the
    escaping's invisible joiners that defuse @channel stay)."""
    return _LINE_BREAKS.sub(" ", text).strip()
