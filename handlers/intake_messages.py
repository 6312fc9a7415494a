"""Renders what bot/intake.py owes when a submitted form keeps failing to be stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from escalation.models import Incident, Notification
from handlers.blockkit import section
from handlers.i18n import t
from handlers.uhka.blocks import fmt_time, mention


def render(session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
    data = row.data or {}
    at = fmt_time(lang, datetime.fromisoformat(data["received_at"]), data.get("timezone") or "Europe/Helsinki")
    if data.get("to_submitter"):
        text = t(lang, "intake.stuck.submitter", at=at)
    else:
        text = t(lang, "intake.stuck.admin", at=at, who=mention(data.get("submitter"), lang))
    return {"text": text, "blocks": [section(text)]}
