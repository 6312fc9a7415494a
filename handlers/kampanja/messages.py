"""Renders the /kampanja flow's owed notifications (outbox rows) at send time."""

from __future__ import annotations

from sqlalchemy.orm import Session

from escalation import campaigns
from escalation.models import Incident, Notification
from handlers.blockkit import section
from handlers.kampanja import blocks
from texts import t


def render(session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
    """-> {"text", "blocks"} for one outbox row of kind "campaign.<purpose>"."""
    if incident is None:
        return {"text": t(lang, "error.generic")}
    snap = campaigns.snapshot(session, incident)
    purpose = row.kind.split(".", 1)[1]
    data = row.data or {}
    if purpose == "notify":
        return blocks.notice_message(lang, snap)
    if purpose == "reporter":
        return blocks.reporter_message(lang, snap, data.get("event") or "", data)
    if purpose == "results_due":
        return blocks.results_due_message(lang, snap)
    if purpose == "results":
        return blocks.results_thread_message(lang, snap)
    if purpose == "admin":
        return blocks.admin_message(lang, snap, data)
    text = t(lang, "kampanja.reporter.other", ref=snap.ref)
    return {"text": text.replace("*", ""), "blocks": [section(text)]}
