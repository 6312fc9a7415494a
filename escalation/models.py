"""Tables of the escalation domain (SQLAlchemy 2). Slack-free: ids are plain strings.

- Incident: one threat report or controversy, with its frozen policy and state.
- IncidentEvent: the append-only timeline (who, when, what).
- Notification: the durable outbox; every message owed is a row written in the same
  transaction as the state change that owes it, delivered later by the worker.
- EvidenceFile: screenshots kept with their SHA-256.
- Feedback, UserPref, AuditLog: what the edges remember beside incidents (the one schema of the
  application lives here, below both the chat edges and the bot's wiring).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from escalation.vocabulary import Delivery, Status


class UTCDateTime(TypeDecorator):
    """Stores naive UTC, returns aware UTC: same behaviour on SQLite and PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict: JSON, list: JSON}


OPEN, ACKNOWLEDGED, RESOLVED = Status.OPEN, Status.ACKNOWLEDGED, Status.RESOLVED


_OPEN_WITH_KEY = "status != 'resolved' AND dedupe_key IS NOT NULL"


class Incident(Base):
    __tablename__ = "incidents"
    # One open incident per kind and deduplication key (e.g. a controversy's normalised link),
    # even when two people report the same thing at the same moment.
    __table_args__ = (
        Index(
            "uq_incidents_open_dedupe",
            "kind",
            "dedupe_key",
            unique=True,
            sqlite_where=text(_OPEN_WITH_KEY),
            postgresql_where=text(_OPEN_WITH_KEY),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # "threat" | "controversy"
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    severity: Mapped[str] = mapped_column(String(16), default="normal")  # normal | high | danger
    reporter_id: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    owner_id: Mapped[str | None] = mapped_column(String(64))  # who acknowledged / claimed it
    acknowledged_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolution: Mapped[str | None] = mapped_column(Text)
    policy: Mapped[dict]  # frozen escalation.policy.Policy.to_json()
    level: Mapped[int] = mapped_column(Integer, default=0)  # highest level notified so far
    next_escalation_at: Mapped[datetime | None] = mapped_column(index=True)
    details: Mapped[dict]  # the report itself (evidence); kind-specific keys
    dedupe_key: Mapped[str | None] = mapped_column(String(512), index=True)
    request_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=0)

    events: Mapped[list[IncidentEvent]] = relationship(
        back_populates="incident", order_by="IncidentEvent.id", cascade="all, delete-orphan", passive_deletes=True
    )
    files: Mapped[list[EvidenceFile]] = relationship(
        back_populates="incident", order_by="EvidenceFile.id", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_open(self) -> bool:
        return self.status != RESOLVED


class IncidentEvent(Base):
    __tablename__ = "incident_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))  # a user id, or "system"
    type: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict] = mapped_column(default=dict)

    incident: Mapped[Incident] = relationship(back_populates="events")


PENDING, SENT, FAILED = Delivery.PENDING, Delivery.SENT, Delivery.FAILED


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Idempotency key: one row per (incident, purpose, level, recipient); a second
    # attempt to owe the same message finds the row and adds nothing.
    key: Mapped[str] = mapped_column(String(255), unique=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(48))  # which message; the platform's edge renders it
    platform: Mapped[str] = mapped_column(String(16), default="slack")  # whose transport delivers it
    op: Mapped[str] = mapped_column(String(16), default="post")  # post | update | fetch_file
    target_kind: Mapped[str] = mapped_column(String(16))  # user | channel | usergroup | file
    target_id: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict] = mapped_column(default=dict)
    thread_key: Mapped[str | None] = mapped_column(String(255))  # post into the thread of that row's message
    parent_id: Mapped[int | None] = mapped_column(Integer)  # for op=update: the posted row to update
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(255))
    channel_id: Mapped[str | None] = mapped_column(String(255))  # where it was posted (Teams ids are long)
    ts: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class EvidenceFile(Base):
    __tablename__ = "evidence_files"
    __table_args__ = (UniqueConstraint("incident_id", "slack_file_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    slack_file_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(255))
    mimetype: Mapped[str | None] = mapped_column(String(128))
    size: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    fetched_at: Mapped[datetime | None]

    incident: Mapped[Incident] = relationship(back_populates="files")


class RefCounter(Base):
    """Last number used per (prefix, year), for readable ids like UHKA-2026-0001."""

    __tablename__ = "ref_counters"

    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Feedback(Base):
    """'Auttoiko?' answers to /ohje: the material for improving the search."""

    __tablename__ = "ohje_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    user_id: Mapped[str] = mapped_column(String(64))  # a Slack id or a Teams (Entra) object id
    query: Mapped[str] = mapped_column(Text)
    passage_id: Mapped[str | None] = mapped_column(String(64))
    helpful: Mapped[bool] = mapped_column(Boolean)


class UserPref(Base):
    """Per-user memory: e.g. the supervisor a reporter chose last time."""

    __tablename__ = "user_prefs"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_supervisor: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime]


class AuditLog(Base):
    """Audit lines without personal data (e.g. that a purge ran and how many it removed)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict]


class ChatConversation(Base):
    """A person's 1:1 chat with the bot, remembered from what the platform sent (Teams: the
    conversation id, its service URL and the person's locale), so proactive messages reach it."""

    __tablename__ = "chat_conversations"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # Teams: the Entra object id
    conversation_id: Mapped[str] = mapped_column(String(255), index=True)
    service_url: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(16))
    updated_at: Mapped[datetime]


class OhjeReview(Base):
    """An /ohje question kept for review (issue 13's learning loop): answered without confidence,
    or marked 👎. The question and the passages shown only: never who asked. Purged with the
    retention setting (bot/retention.py)."""

    __tablename__ = "ohje_review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    query: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(500), index=True)  # the question normalised: groups repeats
    reason: Mapped[str] = mapped_column(String(16))  # "unsure" | "no_match" | "unhelpful"
    shown: Mapped[list] = mapped_column(JSON, default=list)  # passage ids shown, best first
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)


class OhjeAlias(Base):
    """A taught alias: this question is answered by this passage (searched at once, no deploy)."""

    __tablename__ = "ohje_aliases"
    __table_args__ = (UniqueConstraint("key", "passage_id", name="uq_ohje_alias"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    query: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(500))
    passage_id: Mapped[str] = mapped_column(String(64))
