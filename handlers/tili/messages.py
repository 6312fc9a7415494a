"""Renders the /tili flow's owed notifications (outbox rows) at send time."""

from __future__ import annotations

from sqlalchemy.orm import Session

from escalation import accounts
from escalation.models import Incident, Notification
from handlers.blockkit import section
from handlers.tili import blocks
from texts import t


def render(session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
    """-> {"text", "blocks"} for one outbox row of kind "account.<purpose>"."""
    if incident is None:
        return {"text": t(lang, "error.generic")}
    snap = accounts.snapshot(session, incident)
    purpose = row.kind.split(".", 1)[1]
    data = row.data or {}
    approver = (row.target_id, dict(snap.approvers).get(row.target_id, ""))
    if purpose == "notify":
        return blocks.request_message(lang, snap, approver=approver)
    if purpose == "channel":
        return blocks.request_message(lang, snap)
    if purpose == "reporter":
        return blocks.reporter_message(lang, snap, data.get("event") or "", data)
    if purpose == "question":
        return blocks.question_message(lang, snap, int(data.get("index") or 0))
    if purpose == "answer":
        return blocks.answer_message(lang, snap, int(data.get("index") or 0))
    if purpose == "reminder":
        return blocks.reminder_message(lang, snap, approver)
    if purpose == "admin":
        return blocks.admin_message(lang, snap, data)
    text = t(lang, "tili.reporter.other", ref=snap.ref)
    return {"text": text.replace("*", ""), "blocks": [section(text)]}
