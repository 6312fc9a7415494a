"""Tables outside the escalation domain, on the same metadata."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from escalation.models import Base


class Feedback(Base):
    """'Auttoiko?' answers to /ohje: the material for improving the search."""

    __tablename__ = "ohje_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    user_id: Mapped[str] = mapped_column(String(32))
    query: Mapped[str] = mapped_column(Text)
    passage_id: Mapped[str | None] = mapped_column(String(64))
    helpful: Mapped[bool] = mapped_column(Boolean)


class UserPref(Base):
    """Per-user memory: e.g. the supervisor a reporter chose last time."""

    __tablename__ = "user_prefs"

    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_supervisor: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime]


class AuditLog(Base):
    """Audit lines without personal data (e.g. that a purge ran and how many it removed)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict]


class Intake(Base):
    """A submitted form, committed before Slack is answered and turned into its records right
    after (bot/intake.py). Deleted in the transaction that processed it: it holds report details."""

    __tablename__ = "intake"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_key: Mapped[str] = mapped_column(String(128), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict]
    received_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    retry_at: Mapped[datetime] = mapped_column(index=True)
