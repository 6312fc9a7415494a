"""New account requests (/tili): validated input, two approvers, decisions, questions. Slack-free.

The guideline: "Päätöksen uuden tilin perustamisesta tekee toimialan tai yksikön johto yhdessä
markkinointi- ja viestintäpäällikön kanssa." A request is an incident of kind "account" (TILI-2026-0001)
with the directory's account policy frozen into it: its first level names the unit's head and the
communications manager, who BOTH must approve; either may reject (with a reason) or ask the
requester for more information (the deadline waits for the answer). The level's deadline (working
time) reminds whoever has not answered yet, and after REMINDERS_MAX reminders the admins are told.

Every function runs inside the caller's transaction and owes its messages there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import engine
from escalation.engine import DomainError
from escalation.forms import FieldErrors, clean, required_text, text_field
from escalation.models import OPEN, RESOLVED, Incident
from escalation.policy import Policy, Target
from escalation.vocabulary import DEFAULT_TIMEZONE, PLATFORMS, Kind

KIND = Kind.ACCOUNT
UNIT_MAX = 100
NAME_MAX = 100
TEXT_MAX = 2000
ROLE_MAX = 200
REASON_MAX = 2000
REMINDERS_MAX = 3
APPROVED, REJECTED = "approved", "rejected"
FIELDS = ("unit", "platform", "name", "purpose", "maintainer", "maintainer_role", "resources", "why_own", "head")


@dataclass(frozen=True)
class AccountInput:
    unit: str
    platform: str
    name: str
    purpose: str  # purpose and audience
    maintainer: str  # a user id
    maintainer_role: str
    resources: str  # time, pictures, translations
    why_own: str  # why a shared city account is not enough
    head: str | None = None  # the unit's head chosen in the form (when the directory has none)

    def to_details(self) -> dict:
        return {k: getattr(self, k) for k in FIELDS}


def validate(raw: dict) -> tuple[AccountInput | None, FieldErrors]:
    errors = FieldErrors()
    unit = text_field(raw, "unit", UNIT_MAX, errors, required=True, single_line=True)
    platform = clean(raw.get("platform"))
    if platform is None:
        errors.add("platform", "required")
    elif platform not in PLATFORMS:
        errors.add("platform", "bad_choice")
    name = text_field(raw, "name", NAME_MAX, errors, required=True, single_line=True)
    purpose = text_field(raw, "purpose", TEXT_MAX, errors, required=True)
    maintainer = clean(raw.get("maintainer"))
    if maintainer is None:
        errors.add("maintainer", "required")
    role = text_field(raw, "maintainer_role", ROLE_MAX, errors, required=True, single_line=True)
    resources = text_field(raw, "resources", TEXT_MAX, errors, required=True)
    why_own = text_field(raw, "why_own", TEXT_MAX, errors, required=True)
    head = clean(raw.get("head"))
    if errors:
        return None, errors
    return AccountInput(
        unit or "",
        platform or "",
        name or "",
        purpose or "",
        maintainer or "",
        role or "",
        resources or "",
        why_own or "",
        head,
    ), errors


def validate_text(raw, name: str) -> tuple[str | None, FieldErrors]:
    return required_text(raw, name, REASON_MAX)


# -- what messages show ----------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    ref: str
    status: str
    reporter: str
    created_at: datetime
    details: dict
    approvers: tuple[tuple[str, str], ...]  # (user id, role)
    decisions: dict  # user id -> {"decision", "reason"}
    outcome: str | None = None
    questions: tuple[dict, ...] = ()  # {"by", "text", "answer"}
    timezone: str = DEFAULT_TIMEZONE

    @property
    def waiting_for_answer(self) -> bool:
        return any(q.get("answer") is None for q in self.questions)


def approvers_of(incident: Incident) -> list[tuple[str, str]]:
    levels = Policy.from_json(incident.policy).levels
    return [(tg.id, tg.role or "") for tg in (levels[0].targets if levels else ()) if tg.kind == "user"]


def snapshot(s: Session, incident: Incident) -> Snapshot:
    d = incident.details or {}
    return Snapshot(
        ref=incident.ref,
        status=incident.status,
        reporter=incident.reporter_id,
        created_at=incident.created_at,
        details=d,
        approvers=tuple(approvers_of(incident)),
        decisions=dict(d.get("decisions") or {}),
        outcome=d.get("outcome"),
        questions=tuple(d.get("questions") or ()),
        timezone=d.get("timezone") or DEFAULT_TIMEZONE,
    )


def get(s: Session, ref: str) -> Incident:
    return engine.get(s, KIND, ref)


def list_recent(s: Session, limit: int = 20) -> list[Incident]:
    return engine.recent(s, KIND, limit)


# -- changes ---------------------------------------------------------------------------------


def _to_channel(s: Session, incident: Incident, now: datetime) -> None:
    channel = incident.details.get("mavi_channel")
    if channel:
        engine.owe(
            s,
            incident,
            f"{incident.ref}:channel",
            f"{KIND}.channel",
            Target("channel", channel, "mavi_channel"),
            now,
            data={"live": True},
        )


def request(
    s: Session,
    inp: AccountInput,
    *,
    reporter: str,
    policy: Policy,
    mavi_channel: str | None,
    now: datetime,
    missing_roles: list[str] | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    request_key: str | None = None,
) -> Incident:
    """Store the request; owe it to both approvers (with buttons), mavi's channel and the requester."""
    if request_key:
        existing = s.execute(select(Incident).where(Incident.request_key == request_key)).scalar_one_or_none()
        if existing is not None:
            return existing
    details = {
        **inp.to_details(),
        "timezone": timezone,
        "mavi_channel": mavi_channel,
        "decisions": {},
        "questions": [],
        "reminders": 0,
    }
    # Working hours decide deadlines only: both approvers are asked whenever the request comes.
    incident = Incident(
        ref=engine.next_ref(s, KIND, now),
        kind=KIND,
        status=OPEN,
        severity="normal",
        reporter_id=reporter,
        created_at=now,
        updated_at=now,
        policy=policy.to_json(),
        level=0,
        details=details,
        request_key=request_key,
    )
    s.add(incident)
    s.flush()
    ev = engine.record(s, incident, reporter, "created", now, missing_roles=missing_roles or [])
    if policy.levels:
        engine.notify_level(s, incident, 0, now)
        incident.next_escalation_at = policy.deadline(0, now)
    _to_channel(s, incident, now)
    engine.notify_reporter(s, incident, ev, now)
    if missing_roles or not policy.levels:
        engine.notify_admins(s, incident, "missing_roles", now, missing=list(missing_roles or []))
    return incident


def _open_for(incident: Incident, actor: str) -> None:
    if incident.status == RESOLVED:
        raise DomainError("already_resolved", ref=incident.ref)
    if actor not in dict(approvers_of(incident)):
        raise DomainError("tili_not_approver")


def approve(s: Session, ref: str, actor: str, now: datetime) -> bool:
    """One approver approves; when both have, the request is approved. False if nothing changed."""
    incident = get(s, ref)
    _open_for(incident, actor)
    decisions = dict(incident.details.get("decisions") or {})
    if actor in decisions:
        return False
    decisions[actor] = {"decision": APPROVED, "at": now.isoformat()}
    incident.details = {**incident.details, "decisions": decisions}
    engine.add_note(s, incident, actor, now, "approved")
    if all(decisions.get(uid, {}).get("decision") == APPROVED for uid, _ in approvers_of(incident)):
        _close(s, incident, actor, APPROVED, "", now)
    return True


def reject(s: Session, ref: str, actor: str, reason: str, now: datetime) -> bool:
    incident = get(s, ref)
    _open_for(incident, actor)
    decisions = dict(incident.details.get("decisions") or {})
    decisions[actor] = {"decision": REJECTED, "reason": reason, "at": now.isoformat()}
    incident.details = {**incident.details, "decisions": decisions}
    _close(s, incident, actor, REJECTED, reason, now)
    return True


def _close(s: Session, incident: Incident, actor: str, outcome: str, reason: str, now: datetime) -> None:
    incident.details = {**incident.details, "outcome": outcome}
    engine.resolve(s, incident, actor, now, note=reason or outcome)


def ask(s: Session, ref: str, actor: str, question: str, now: datetime, request_key: str | None = None) -> bool:
    """An approver asks the requester for more information; the deadline waits for the answer."""
    incident = get(s, ref)
    _open_for(incident, actor)
    questions = list(incident.details.get("questions") or [])
    if request_key and any(q.get("request") == request_key for q in questions):
        return False
    questions.append({"by": actor, "text": question, "answer": None, "request": request_key, "at": now.isoformat()})
    incident.details = {**incident.details, "questions": questions}
    incident.next_escalation_at = None
    ev = engine.add_note(s, incident, actor, now, "info_requested", text=question, index=len(questions) - 1)
    engine.owe(
        s,
        incident,
        f"{incident.ref}:question:{ev.id}",
        f"{KIND}.question",
        Target("user", incident.reporter_id, "reporter"),
        now,
        data={"index": len(questions) - 1, "live": True},
    )
    return True


def answer(s: Session, ref: str, actor: str, index: int, text: str, now: datetime) -> bool:
    """The requester answers a question: the asker hears it, the deadline runs again."""
    incident = get(s, ref)
    if incident.status == RESOLVED:
        raise DomainError("already_resolved", ref=ref)
    if actor != incident.reporter_id:
        raise DomainError("not_allowed")
    questions = [dict(q) for q in incident.details.get("questions") or []]
    if not 0 <= index < len(questions):
        raise DomainError("not_found", ref=ref)
    if questions[index].get("answer") is not None:
        return False
    questions[index]["answer"] = text
    incident.details = {**incident.details, "questions": questions}
    ev = engine.add_note(s, incident, actor, now, "info_answered", text=text, index=index)
    engine.owe(
        s,
        incident,
        f"{incident.ref}:answer:{ev.id}",
        f"{KIND}.answer",
        Target("user", questions[index]["by"]),
        now,
        data={"index": index, "live": False},
    )
    if not any(q.get("answer") is None for q in questions):
        incident.next_escalation_at = Policy.from_json(incident.policy).deadline(0, now)
    return True


def on_due(s: Session, incident: Incident, now: datetime) -> None:
    """Nobody answered in time: remind whoever has not decided; after REMINDERS_MAX, tell the admins."""
    incident.next_escalation_at = None
    if incident.status != OPEN:
        return
    decisions = incident.details.get("decisions") or {}
    waiting = [(uid, role) for uid, role in approvers_of(incident) if uid not in decisions]
    count = int(incident.details.get("reminders") or 0) + 1
    incident.details = {**incident.details, "reminders": count}
    if count > REMINDERS_MAX:
        engine.record(s, incident, "system", "unacknowledged", now)
        engine.notify_admins(s, incident, "unacknowledged", now)
        return
    engine.record(s, incident, "system", "reminded", now, to=[uid for uid, _ in waiting], count=count)
    for uid, role in waiting:
        engine.owe(
            s,
            incident,
            f"{incident.ref}:reminder:{count}:{uid}",
            f"{KIND}.reminder",
            Target("user", uid, role),
            now,
            data={"live": False, "count": count},
        )
    incident.next_escalation_at = Policy.from_json(incident.policy).deadline(0, now)
