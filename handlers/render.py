"""Renders an owed notification (an outbox row) into a Slack message, per domain."""

from __future__ import annotations

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
    return import_module(_MODULES[domain]).render(session, row, incident, lang)
