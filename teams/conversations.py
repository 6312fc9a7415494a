"""Remembered 1:1 conversations with the bot (Teams): where proactive messages go, and each
person's locale. Learnt from installationUpdate, conversationUpdate and personal messages, which
the SDK has authenticated first (so the service URL is Teams' own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.models import ChatConversation

PLATFORM = "teams"


@dataclass(frozen=True)
class Reference:
    aad_object_id: str
    conversation_id: str
    service_url: str
    locale: str | None = None


def of_activity(activity) -> Reference | None:
    """The reference a personal activity carries (None for channels, group chats, anonymous)."""
    conv, sender = activity.conversation, activity.from_
    aad = getattr(sender, "aad_object_id", None) if sender else None
    if conv is None or getattr(conv, "conversation_type", None) != "personal" or not aad or not activity.service_url:
        return None
    return Reference(aad.lower(), conv.id, activity.service_url, activity.locale)


def remember(session: Session, ref: Reference, now: datetime) -> None:
    row = session.get(ChatConversation, (PLATFORM, ref.aad_object_id))
    if row is None:
        row = ChatConversation(platform=PLATFORM, user_id=ref.aad_object_id)
        session.add(row)
    row.conversation_id, row.service_url, row.updated_at = ref.conversation_id, ref.service_url, now
    row.locale = ref.locale or row.locale


def lookup(session: Session, aad_object_id: str) -> Reference | None:
    row = session.get(ChatConversation, (PLATFORM, aad_object_id.lower()))
    return None if row is None else Reference(row.user_id, row.conversation_id, row.service_url, row.locale)


def service_url_of(session: Session, conversation_id: str) -> str | None:
    return (
        session.execute(
            select(ChatConversation.service_url).where(
                ChatConversation.platform == PLATFORM, ChatConversation.conversation_id == conversation_id
            )
        )
        .scalars()
        .first()
    )
