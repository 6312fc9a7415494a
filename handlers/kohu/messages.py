"""Renders the /kohu flow's owed notifications (outbox rows) at send time.

Called by the delivery worker through handlers/render.py, inside a session, and again for every
in-place update, so a message always shows the alert's current state.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from escalation import controversies as kohu
from escalation.controversies import Snapshot
from escalation.models import Incident, IncidentEvent, Notification
from escalation.policy import Policy
from handlers.blockkit import section
from handlers.kohu.blocks import (
    _strip_stars,
    _target,
    admin_message,
    alert_message,
    delivery_failed_message,
    duplicate_message,
    reminder_message,
    reporter_message,
    thread_message,
)
from texts import t


def _remindercontext(snap: Snapshot, row: Notification) -> tuple[int, list[str]]:
    levels = Policy.from_json(snap.policy).levels
    reminded = row.data.get("level") or 0
    also = [_target(tg.kind, tg.id) for lv in levels[reminded + 1 : snap.level + 1] for tg in lv.targets]
    minutes = max(1, round((row.created_at - snap.created_at).total_seconds() / 60))
    return minutes, also


def render(session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
    """-> {"text", "blocks"} for one outbox row of kind "controversy.<purpose>"."""
    if incident is None:
        return {"text": t(lang, "error.generic")}
    snap = kohu.snapshot(session, incident)
    purpose = row.kind.split(".", 1)[1]
    in_channel = row.target_kind == "channel"
    data = row.data or {}
    if purpose == "notify":
        return alert_message(lang, snap, in_channel=in_channel, escalated=(data.get("level") or 0) > 0)
    if purpose == "reminder":
        minutes, also = _remindercontext(snap, row)
        return reminder_message(lang, snap, minutes=minutes, also=also, in_channel=in_channel)
    if purpose == "reporter":
        return reporter_message(
            lang, snap, data.get("event") or "", data, may_update=kohu.may_add_update(incident, row.target_id)
        )
    if purpose == "update":
        ev = session.get(IncidentEvent, data.get("event_id"))
        if ev is None:
            return {"text": t(lang, "kohu.reporter.other", ref=snap.ref)}
        return thread_message(lang, snap, kohu.update_of(ev))
    if purpose == "duplicate":
        return duplicate_message(lang, snap, may_update=kohu.may_add_update(incident, row.target_id))
    if purpose == "admin":
        return admin_message(lang, snap, data)
    if purpose == "delivery_failed":
        return delivery_failed_message(lang, snap, data)
    text = t(lang, "kohu.reporter.other", ref=snap.ref)
    return {"text": _strip_stars(text), "blocks": [section(text)]}
