"""The generic escalation engine: open, acknowledge, resolve, escalate on timeout.

All functions take an open SQLAlchemy session inside a transaction; whatever they
owe (notifications, timers) is written in that same transaction, so a commit means
the state change and everything it owes are durable together, and a rollback
means neither happened.

Notification kinds are "<incident kind>.<purpose>", e.g. "threat.notify",
"threat.reminder", "threat.reporter"; each row names its platform, whose edge renders it.
"""

from __future__ import annotations

from datetime import datetime
from importlib import import_module
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from escalation.identity import ids_of, is_among
from escalation.models import (
    ACKNOWLEDGED,
    FAILED,
    OPEN,
    PENDING,
    RESOLVED,
    SENT,
    Base,
    EvidenceFile,
    Incident,
    IncidentEvent,
    Notification,
    RefCounter,
)
from escalation.policy import Policy, Target

PREFIXES = {"threat": "UHKA", "controversy": "KOHU", "campaign": "KAMP", "account": "TILI"}
# Kinds whose deadlines mean something else than "escalate to the next level": their flow module's
# `on_due(s, incident, now)` runs instead (a campaign's results reminder, an account request's).
DUE_HANDLERS = {"campaign": "escalation.campaigns", "account": "escalation.accounts"}


class DomainError(Exception):
    """A request the domain refuses; `code` selects the message the user sees."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


# -- helpers ---------------------------------------------------------------------------


def next_ref(s: Session, kind: str, now: datetime) -> str:
    """Allocate the next readable id, e.g. UHKA-2026-0001, inside the caller's transaction."""
    prefix = PREFIXES[kind]
    row = s.execute(
        update(RefCounter)
        .where(RefCounter.prefix == prefix, RefCounter.year == now.year)
        .values(last=RefCounter.last + 1)
        .returning(RefCounter.last)
    ).scalar_one_or_none()
    if row is None:
        s.add(RefCounter(prefix=prefix, year=now.year, last=1))
        s.flush()
        row = 1
    return f"{prefix}-{now.year}-{row:04d}"


def record(s: Session, incident: Incident, actor: str, type_: str, now: datetime, **data) -> IncidentEvent:
    """Append one event to the incident's timeline."""
    ev = IncidentEvent(incident_id=incident.id, at=now, actor=actor, type=type_, data=data)
    s.add(ev)
    s.flush()
    return ev


def owe(
    s: Session,
    incident: Incident | None,
    key: str,
    kind: str,
    target: Target,
    now: datetime,
    *,
    op: str = "post",
    data: dict | None = None,
    thread_key: str | None = None,
    parent_id: int | None = None,
) -> int:
    """Owe one message, once: the key makes a second call a no-op. Returns the row's id.

    One INSERT … ON CONFLICT DO NOTHING, not a look-up and an ORM flush: a report owes several
    messages in the transaction that must commit before Slack is answered, and two requests owing
    the same key at once (a double click) then need no retry either.
    """
    inserted = s.execute(
        insert_on_conflict(s, Notification)
        .values(
            key=key,
            incident_id=incident.id if incident is not None else None,
            kind=kind,
            platform=target.platform,
            op=op,
            target_kind=target.kind,
            target_id=target.id,
            data=data or {},
            thread_key=thread_key,
            parent_id=parent_id,
            status=PENDING,
            next_attempt_at=now,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=[Notification.key])
        .returning(Notification.id)
    ).scalar_one_or_none()
    if inserted is not None:
        return inserted
    return s.execute(select(Notification.id).where(Notification.key == key)).scalar_one()


def insert_on_conflict(s: Session, table: type[Base]) -> Any:
    """The INSERT of the session's database that knows ON CONFLICT (SQLite and PostgreSQL)."""
    dialect = s.get_bind().dialect.name
    module = {"sqlite": sqlite, "postgresql": postgresql}[dialect]
    return module.insert(table)


def refresh_messages(s: Session, incident: Incident, now: datetime, reason: int) -> None:
    """Owe an in-place update of every message already posted (or about to be) for the incident.

    `reason` (an event id) makes each state change's refresh its own idempotent row.
    """
    posts = s.execute(
        select(Notification).where(
            Notification.incident_id == incident.id,
            Notification.op == "post",
            Notification.status.in_([PENDING, SENT]),
            Notification.target_kind.in_(["user", "channel"]),
        )
    ).scalars()
    for post in posts:
        if not post.data.get("live", True):
            continue  # reminders and one-off notes are not kept up to date
        owe(
            s,
            incident,
            f"update:{post.id}:{reason}",
            post.kind,
            Target(post.target_kind, post.target_id, platform=post.platform),  # type: ignore[arg-type]
            now,
            op="update",
            data=post.data,
            parent_id=post.id,
        )


def _schedule(incident: Incident, now: datetime) -> None:
    policy = Policy.from_json(incident.policy)
    if incident.status != OPEN or incident.level >= len(policy.levels):
        incident.next_escalation_at = None
        return
    incident.next_escalation_at = policy.deadline(incident.level, now)  # working time when the level says so


def notify_level(s: Session, incident: Incident, level: int, now: datetime, *, reminder: bool = False) -> None:
    policy = Policy.from_json(incident.policy)
    purpose = "reminder" if reminder else "notify"
    for target in policy.levels[level].targets:
        suffix = f":{incident.level}" if reminder else ""
        owe(
            s,
            incident,
            f"{incident.ref}:{purpose}:L{level}{suffix}:{target.kind}:{target.id}",
            f"{incident.kind}.{purpose}",
            target,
            now,
            data={"level": level, "role": target.role, "reminder": reminder},
        )


def notify_reporter(s: Session, incident: Incident, event: IncidentEvent, now: datetime) -> None:
    owe(
        s,
        incident,
        f"{incident.ref}:reporter:{event.id}",
        f"{incident.kind}.reporter",
        Target("user", incident.reporter_id, "reporter"),
        now,
        data={"event": event.type, "actor": event.actor, **event.data, "live": False},
    )


def get(s: Session, kind: str, ref: str) -> Incident:
    """The incident of `kind` with this readable id, or DomainError("not_found")."""
    inc = s.execute(select(Incident).where(Incident.ref == ref, Incident.kind == kind)).scalar_one_or_none()
    if inc is None:
        raise DomainError("not_found", ref=ref)
    return inc


def recent(s: Session, kind: str, limit: int = 20) -> list[Incident]:
    """The newest incidents of `kind`, newest first."""
    return list(
        s.execute(
            select(Incident)
            .where(Incident.kind == kind)
            .order_by(Incident.created_at.desc(), Incident.id.desc())
            .limit(limit)
        ).scalars()
    )


# -- lifecycle -------------------------------------------------------------------------


def open_incident(
    s: Session,
    *,
    kind: str,
    reporter: str,
    policy: Policy,
    details: dict,
    now: datetime,
    severity: str = "normal",
    all_levels_now: bool = False,
    request_key: str | None = None,
    dedupe_key: str | None = None,
    missing_roles: list[str] | None = None,
) -> tuple[Incident, bool]:
    """Create an incident and owe its first notifications. Returns (incident, created).

    A repeated request_key (a resubmitted modal, a Slack retry) returns the incident
    already stored instead of creating a second one.
    """
    if request_key:
        existing = s.execute(select(Incident).where(Incident.request_key == request_key)).scalar_one_or_none()
        if existing is not None:
            return existing, False
    policy = policy.at(now)  # outside working hours: the policy's outside-hours levels
    # Immediate danger: nobody waits for a deadline, every level hears at once.
    every_level = all_levels_now and bool(policy.levels)
    incident = Incident(
        ref=next_ref(s, kind, now),
        kind=kind,
        status=OPEN,
        severity=severity,
        reporter_id=reporter,
        created_at=now,
        updated_at=now,
        policy=policy.to_json(),
        level=len(policy.levels) - 1 if every_level else 0,
        details=details,
        dedupe_key=dedupe_key,
        request_key=request_key,
    )
    _schedule(incident, now)  # before the INSERT: one statement, no UPDATE after it
    s.add(incident)
    s.flush()
    ev = record(
        s,
        incident,
        reporter,
        "created",
        now,
        severity=severity,
        missing_roles=missing_roles or [],
        **({"outside_hours": True} if policy.outside else {}),
    )
    if not policy.levels:
        record(s, incident, "system", "no_targets", now)
    elif every_level:
        for level in range(len(policy.levels)):
            notify_level(s, incident, level, now)
        record(s, incident, "system", "escalated", now, level=incident.level, reason="all_levels_now")
    else:
        notify_level(s, incident, 0, now)
    notify_reporter(s, incident, ev, now)
    return incident, True


def is_participant(incident: Incident, user_id, admins) -> bool:
    """Reporter, anyone the incident notified (directly or by forwarding), or an admin.

    `user_id`: one id, an `identity.Actor` or a set of ids of the same person (any platform)."""
    ids = ids_of(user_id)
    if is_among(ids, [incident.reporter_id, *admins]):
        return True
    if ids & Policy.from_json(incident.policy).users(incident.level):
        return True
    return is_among(ids, incident.details.get("forwarded_to", []))


def acknowledge(s: Session, incident: Incident, actor: str, now: datetime) -> bool:
    """Stop the escalation timers; the incident stays open work. False if nothing changed."""
    if incident.status != OPEN:
        return False
    incident.status = ACKNOWLEDGED
    incident.owner_id = actor
    incident.acknowledged_at = now
    incident.updated_at = now
    incident.next_escalation_at = None
    ev = record(s, incident, actor, "acknowledged", now)
    refresh_messages(s, incident, now, ev.id)
    notify_reporter(s, incident, ev, now)
    return True


def resolve(s: Session, incident: Incident, actor: str, now: datetime, note: str = "", **data) -> bool:
    """Close the incident; `data` is kept on the timeline's event (e.g. the request that closed it)."""
    if incident.status == RESOLVED:
        return False
    if incident.owner_id is None:
        incident.owner_id = actor
    incident.status = RESOLVED
    incident.resolved_at = now
    incident.resolved_by = actor
    incident.resolution = note
    incident.updated_at = now
    incident.next_escalation_at = None
    ev = record(s, incident, actor, "resolved", now, note=note, **data)
    refresh_messages(s, incident, now, ev.id)
    notify_reporter(s, incident, ev, now)
    return True


def add_note(s: Session, incident: Incident, actor: str, now: datetime, type_: str, *, tell_reporter=True, **data):
    """A timeline entry that changes no state but is shown on every message (e.g. a police report)."""
    incident.updated_at = now
    ev = record(s, incident, actor, type_, now, **data)
    refresh_messages(s, incident, now, ev.id)
    if tell_reporter and actor != incident.reporter_id:
        notify_reporter(s, incident, ev, now)
    return ev


def forward(s: Session, incident: Incident, actor: str, target: Target, now: datetime) -> bool:
    """Bring one more person in (e.g. the safety chief) outside the timed levels."""
    forwarded = list(incident.details.get("forwarded_to", []))
    if target.id in forwarded or target.id in Policy.from_json(incident.policy).users(incident.level):
        return False
    incident.details = {**incident.details, "forwarded_to": [*forwarded, target.id]}
    incident.updated_at = now
    ev = record(s, incident, actor, "forwarded", now, to=target.id, role=target.role)
    owe(
        s,
        incident,
        f"{incident.ref}:forward:{target.id}",
        f"{incident.kind}.notify",
        target,
        now,
        data={"level": None, "role": target.role, "forwarded_by": actor, "live": True},
    )
    refresh_messages(s, incident, now, ev.id)
    notify_reporter(s, incident, ev, now)
    return True


def escalate(s: Session, incident: Incident, now: datetime) -> None:
    """The current level missed its deadline: notify the next one and remind the earlier ones.

    After the last level, admins are told once that nobody has acknowledged, so a
    report can never just sit unanswered.
    """
    if incident.kind in DUE_HANDLERS:
        import_module(DUE_HANDLERS[incident.kind]).on_due(s, incident, now)
        return
    policy = Policy.from_json(incident.policy)
    if incident.status != OPEN:
        incident.next_escalation_at = None
        return
    nxt = incident.level + 1
    if nxt < len(policy.levels):
        incident.level = nxt
        ev = record(s, incident, "system", "escalated", now, level=nxt)
        # Messages already out show who now knows and drop the passed deadline.
        refresh_messages(s, incident, now, ev.id)
        notify_level(s, incident, nxt, now)
        for earlier in range(nxt):
            notify_level(s, incident, earlier, now, reminder=True)
        _schedule(incident, now)
    else:
        incident.next_escalation_at = None
        ev = record(s, incident, "system", "unacknowledged", now, level=incident.level)
        refresh_messages(s, incident, now, ev.id)
        notify_admins(s, incident, "unacknowledged", now)
    incident.updated_at = now


def notify_admins(
    s: Session, incident: Incident, reason: str, now: datetime, admins: list[str] | None = None, **data
) -> None:
    if admins is None:
        admins = list(Policy.from_json(incident.policy).admins)
    for admin in admins:
        owe(
            s,
            incident,
            f"{incident.ref}:admin:{reason}:{admin}",
            f"{incident.kind}.admin",
            Target("user", admin),
            now,
            data={"reason": reason, "live": False, **data},
        )


def due_incidents(s: Session, now: datetime, limit: int = 50) -> list[int]:
    return list(
        s.execute(
            select(Incident.id)
            .where(Incident.status == OPEN, Incident.next_escalation_at <= now)
            .order_by(Incident.next_escalation_at)
            .limit(limit)
        ).scalars()
    )


def delivery_failed(s: Session, row: Notification, error: str, now: datetime) -> None:
    """A message could not be delivered for good: make sure a person hears about it.

    A screenshot that could not be kept goes on the timeline, to the admins and to the reporter (who
    may still save it themselves); any other message goes on the timeline and to the reporter and
    the admins (never back to whom it failed for).
    Updates and the failure notes themselves owe nothing more.
    """
    incident = s.get(Incident, row.incident_id) if row.incident_id else None
    if incident is None or row.kind.endswith(".delivery_failed") or row.op == "update":
        return
    admins = Policy.from_json(incident.policy).admins
    if row.op == "fetch_file":
        evidence = s.get(EvidenceFile, row.data.get("evidence_id"))
        name = evidence.name if evidence is not None else row.target_id
        ev = record(
            s,
            incident,
            "system",
            "evidence_not_saved",
            now,
            name=name,
            error=error,
            evidence_id=row.data.get("evidence_id"),
        )
        refresh_messages(s, incident, now, ev.id)  # no message keeps saying it is being saved
        notify_reporter(s, incident, ev, now)
        for admin in admins:
            owe(
                s,
                incident,
                f"{row.key}:failed:{admin}",
                f"{incident.kind}.admin",
                Target("user", admin),
                now,
                data={"reason": "evidence_not_saved", "name": name, "error": error, "live": False},
            )
        return
    record(s, incident, "system", "delivery_failed", now, to=row.target_id, error=error)
    _escalate_if_unreachable(s, incident, row, now)
    told = {row.target_id}
    for person in [incident.reporter_id, *admins]:
        if person in told:
            continue
        told.add(person)
        owe(
            s,
            incident,
            f"{row.key}:failed:{person}",
            f"{incident.kind}.delivery_failed",
            Target("user", person),
            now,
            data={"failed_target": row.target_id, "failed_kind": row.target_kind, "error": error, "live": False},
        )


def _escalate_if_unreachable(s: Session, incident: Incident, row: Notification, now: datetime) -> None:
    """Nobody at the current level can be reached in Teams (no 1:1 chat: the app is not installed
    for them, 403): go on to the next level now instead of waiting for a deadline nobody can meet.
    (A Slack target that fails keeps the deadline, as before: the reporter and admins are told.)"""
    level = (row.data or {}).get("level")
    if (
        row.platform != "teams"
        or incident.status != OPEN
        or row.kind != f"{incident.kind}.notify"
        or (row.data or {}).get("reminder")
        or level is None
        or level != incident.level
        or incident.next_escalation_at is None
    ):
        return
    rows = s.execute(
        select(Notification).where(
            Notification.incident_id == incident.id,
            Notification.kind == row.kind,
            Notification.op == "post",
        )
    ).scalars()
    at_level = [n for n in rows if (n.data or {}).get("level") == level and not (n.data or {}).get("reminder")]
    if all(n.id == row.id or n.status == FAILED for n in at_level):
        escalate(s, incident, now)
