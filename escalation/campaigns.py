"""Paid campaign notices (/kampanja): validated input, the notice, "seen", the results. Slack-free.

The guideline: "Maksullisen markkinoinnin päätökset tekee yksikön johtaja. Maksullisesta
markkinointikampanjasta tulee ilmoittaa mavi-tiimiin." A notice needs no approval: it is an
incident of kind "campaign" (readable id KAMP-2026-0001) posted to mavi's channel, where mavi
members mark it seen. Its one timer (`next_escalation_at`, durable like every deadline) is the
morning after the campaign ends: the reporter is then asked for its results (a link or figures),
which are stored on the incident and close it.

Every function runs inside the caller's transaction and owes its messages there; a resubmitted
modal (same request key) changes nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import engine
from escalation.engine import DomainError
from escalation.forms import FieldErrors, clean, normalise_link, text_field
from escalation.models import OPEN, RESOLVED, Incident, IncidentEvent
from escalation.policy import Policy, Target
from escalation.vocabulary import DEFAULT_TIMEZONE, PLATFORMS, Kind

KIND = Kind.CAMPAIGN
UNIT_MAX = 100
BUDGET_MAX = 100
AUDIENCE_MAX = 1000
FIGURES_MAX = 2000
MAX_DAYS = 730  # a campaign of two years is a typo
RESULTS_AT = time(9, 0)  # the morning after the last day, directory time


@dataclass(frozen=True)
class CampaignInput:
    unit: str
    channels: tuple[str, ...]
    start: date
    end: date
    budget: str
    audience: str
    decided_by: str  # a user id: the unit's head per the guideline

    def to_details(self) -> dict:
        return {
            "unit": self.unit,
            "channels": list(self.channels),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "budget": self.budget,
            "audience": self.audience,
            "decided_by": self.decided_by,
        }


def _date(raw, name: str, errors: FieldErrors) -> date | None:
    value = clean(raw)
    if value is None:
        errors.add(name, "required")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.add(name, "bad_date")
        return None


def validate(raw: dict) -> tuple[CampaignInput | None, FieldErrors]:
    """Keys: unit, channels (list of platform values), start, end ("YYYY-MM-DD"), budget, audience,
    decided_by (a user id)."""
    errors = FieldErrors()
    unit = text_field(raw, "unit", UNIT_MAX, errors, required=True, single_line=True)
    channels = [c for c in (raw.get("channels") or []) if c]
    if not channels:
        errors.add("channels", "required")
    elif any(c not in PLATFORMS for c in channels):
        errors.add("channels", "bad_choice")
    start = _date(raw.get("start"), "start", errors)
    end = _date(raw.get("end"), "end", errors)
    if start and end and end < start:
        errors.add("end", "end_before_start")
    elif start and end and (end - start).days > MAX_DAYS:
        errors.add("end", "too_long_campaign", max=MAX_DAYS)
    budget = text_field(raw, "budget", BUDGET_MAX, errors, required=True, single_line=True)
    audience = text_field(raw, "audience", AUDIENCE_MAX, errors, required=True)
    decided_by = clean(raw.get("decided_by"))
    if decided_by is None:
        errors.add("decided_by", "required")
    if errors:
        return None, errors
    return CampaignInput(
        unit or "",
        tuple(dict.fromkeys(channels)),
        start,  # type: ignore[arg-type]  # validated above: set when there are no errors
        end,  # type: ignore[arg-type]
        budget or "",
        audience or "",
        decided_by or "",
    ), errors


@dataclass(frozen=True)
class Results:
    link: str | None
    figures: str | None


def validate_results(raw: dict) -> tuple[Results | None, FieldErrors]:
    """A link to the results, or the figures typed in: at least one of them."""
    errors = FieldErrors()
    link = None
    try:
        link = normalise_link(raw.get("link"))
    except ValueError:
        errors.add("link", "bad_link")
    figures = text_field(raw, "figures", FIGURES_MAX, errors)
    if not errors and link is None and figures is None:
        errors.add("figures", "results_required")
    if errors:
        return None, errors
    return Results(link, figures), errors


# -- what messages show ----------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    ref: str
    status: str
    reporter: str
    created_at: datetime
    unit: str
    channels: tuple[str, ...]
    start: date
    end: date
    budget: str
    audience: str
    decided_by: str
    timezone: str = DEFAULT_TIMEZONE
    seen_by: tuple[str, ...] = ()
    results: dict | None = None  # {"link", "figures", "by", "at"}
    results_requested: bool = False
    extra: dict = field(default_factory=dict)


def snapshot(s: Session, incident: Incident) -> Snapshot:
    d = incident.details or {}
    return Snapshot(
        ref=incident.ref,
        status=incident.status,
        reporter=incident.reporter_id,
        created_at=incident.created_at,
        unit=d.get("unit") or "",
        channels=tuple(d.get("channels") or ()),
        start=date.fromisoformat(d["start"]),
        end=date.fromisoformat(d["end"]),
        budget=d.get("budget") or "",
        audience=d.get("audience") or "",
        decided_by=d.get("decided_by") or "",
        timezone=d.get("timezone") or DEFAULT_TIMEZONE,
        seen_by=tuple(d.get("seen_by") or ()),
        results=d.get("results"),
        results_requested=bool(d.get("results_requested")),
    )


def get(s: Session, ref: str) -> Incident:
    return engine.get(s, KIND, ref)


def list_recent(s: Session, limit: int = 20) -> list[Incident]:
    return engine.recent(s, KIND, limit)


def results_due_at(end: date, timezone: str) -> datetime:
    """The morning after the campaign's last day (directory time), as an aware moment."""
    return datetime.combine(end + timedelta(days=1), RESULTS_AT, ZoneInfo(timezone))


# -- changes ---------------------------------------------------------------------------------


def notify(
    s: Session,
    inp: CampaignInput,
    *,
    reporter: str,
    mavi_channel: str | None,
    admins: list[str],
    now: datetime,
    timezone: str = DEFAULT_TIMEZONE,
    request_key: str | None = None,
) -> Incident:
    """Store the notice and owe it to mavi's channel (and a confirmation to the reporter)."""
    if request_key:
        existing = s.execute(select(Incident).where(Incident.request_key == request_key)).scalar_one_or_none()
        if existing is not None:
            return existing
    details = {**inp.to_details(), "timezone": timezone, "seen_by": [], "mavi_channel": mavi_channel}
    incident = Incident(
        ref=engine.next_ref(s, KIND, now),
        kind=KIND,
        status=OPEN,
        severity="normal",
        reporter_id=reporter,
        created_at=now,
        updated_at=now,
        policy=Policy((), tuple(admins)).to_json(),
        level=0,
        details=details,
        request_key=request_key,
    )
    s.add(incident)
    s.flush()
    ev = engine.record(s, incident, reporter, "created", now)
    if mavi_channel:
        engine.owe(
            s,
            incident,
            f"{incident.ref}:notice",
            f"{KIND}.notify",
            Target("channel", mavi_channel, "mavi_channel"),
            now,
            data={"live": True},
        )
    else:
        engine.notify_admins(s, incident, "missing_roles", now, missing=["mavi_channel"])
    engine.notify_reporter(s, incident, ev, now)
    incident.next_escalation_at = max(now, results_due_at(inp.end, timezone))
    return incident


def mark_seen(s: Session, ref: str, actor: str, now: datetime) -> bool:
    """A mavi member has seen the notice: shown on it, the reporter told. False if already marked."""
    incident = get(s, ref)
    seen = list(incident.details.get("seen_by") or [])
    if actor in seen:
        return False
    incident.details = {**incident.details, "seen_by": [*seen, actor]}
    engine.add_note(s, incident, actor, now, "seen")
    return True


def on_due(s: Session, incident: Incident, now: datetime) -> None:
    """The campaign has ended: ask the reporter for its results (once; the message keeps its button)."""
    incident.next_escalation_at = None
    if incident.status != OPEN or incident.details.get("results_requested"):
        return
    incident.details = {**incident.details, "results_requested": True}
    engine.record(s, incident, "system", "results_requested", now)
    engine.owe(
        s,
        incident,
        f"{incident.ref}:results_due",
        f"{KIND}.results_due",
        Target("user", incident.reporter_id, "reporter"),
        now,
        data={"live": True},
    )


def add_results(s: Session, ref: str, actor: str, results: Results, now: datetime) -> bool:
    """Store the results and close the notice; mavi's channel hears in the notice's thread."""
    incident = get(s, ref)
    if incident.status == RESOLVED:
        return False
    if actor != incident.reporter_id:
        raise DomainError("not_allowed")
    incident.details = {
        **incident.details,
        "results": {"link": results.link, "figures": results.figures, "by": actor, "at": now.isoformat()},
    }
    engine.resolve(s, incident, actor, now, note=results.figures or results.link or "")
    ev = (
        s.execute(
            select(IncidentEvent).where(IncidentEvent.incident_id == incident.id, IncidentEvent.type == "resolved")
        )
        .scalars()
        .first()
    )
    channel = incident.details.get("mavi_channel")
    if channel and ev is not None:
        engine.owe(
            s,
            incident,
            f"{incident.ref}:thread:{ev.id}",
            f"{KIND}.results",
            Target("channel", channel, "mavi_channel"),
            now,
            data={"live": False},
            thread_key=f"{incident.ref}:notice",
        )
    return True
