"""Renders the /uhka flow's owed notifications (outbox rows) at send time.

Called by the delivery worker through handlers/render.py, inside a session, so every
message (and every in-place update) shows the incident's current state.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from escalation import threats
from escalation.models import Incident, Notification
from handlers.uhka import blocks
from texts import t


def render(session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
    if incident is None:  # purged meanwhile: say nothing about it
        return {"text": t(lang, "uhka.gone"), "blocks": [blocks.section(t(lang, "uhka.gone"))]}
    snap = threats.snapshot(incident)
    purpose = row.kind.split(".", 1)[1]
    data = row.data or {}
    if purpose == "notify":
        return blocks.responder_message(lang, snap, role=data.get("role"), forwarded_by=data.get("forwarded_by"))
    if purpose == "reminder":
        return blocks.reminder_message(lang, snap, role=data.get("role"))
    if purpose == "reporter":
        if data.get("event") == "created":
            return blocks.confirmation_message(lang, snap, data)
        return blocks.reporter_update_message(lang, snap, data)
    if purpose == "admin":
        return blocks.admin_message(lang, snap, data)
    if purpose == "delivery_failed":
        return blocks.delivery_failed_message(lang, snap, data, to_reporter=row.target_id == incident.reporter_id)
    return {
        "text": t(lang, "uhka.reporter.other", ref=snap.ref),
        "blocks": [blocks.section(t(lang, "uhka.reporter.other", ref=snap.ref))],
    }
