"""Threat reports (/uhka) on top of the generic escalation engine. Slack-free.

- `validate()` turns raw form values into a `ThreatInput` or field errors (codes the
  edge turns into texts), so the same rules hold for the modal, tests and tools.
- `create_report()` stores the report with its evidence, the screenshots still to
  download and every notification it owes, in the caller's one transaction.
- The actions (acknowledge, forward to the safety chief, police report, resolve) check
  who may act, then change state through the engine, which owes the in-place updates
  and the note to the reporter.
- `snapshot()` is the plain-data view of an incident that messages, `/uhka tila` and
  the export render; `purge()` removes closed reports after the retention period.

The directory is passed in (anything with `resolve_policy`, `supervisors`, `admins`,
`roles.safety_chief` and `timezone`), so this module does not depend on the bot.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from escalation import engine
from escalation.engine import DomainError
from escalation.forms import FieldErrors, clean, normalise_link, one_line, required_text, text_field
from escalation.identity import ids_of, is_among, platform_of
from escalation.models import (
    ACKNOWLEDGED,
    OPEN,
    RESOLVED,
    EvidenceFile,
    Incident,
    IncidentEvent,
    Notification,
    UserPref,
)
from escalation.policy import Level, Policy, Target
from escalation.vocabulary import DEFAULT_TIMEZONE, PLATFORMS, Kind, platform_from_link

KIND = Kind.THREAT
REF_RE = re.compile(r"^UHKA-\d{4}-\d{4,}$")
# Field limits (characters); the modal sets the same max_length, the server checks again.
LIMITS = {
    "text": 3000,
    "link": 2000,
    "sender_name": 200,
    "sender_link": 2000,
    "target": 300,
    "note": 1000,
    "police_number": 64,
    "police_station": 200,
}
MAX_FILES = 10
IMAGE_TYPES = ("png", "jpg", "jpeg", "gif", "webp", "heic", "heif", "bmp", "tiff")
FUTURE_SLACK = timedelta(minutes=10)  # clocks differ a little; a post "in 5 minutes" is a typo


# -- input -----------------------------------------------------------------------------


@dataclass
class ThreatInput:
    """A validated report, as the reporter gave it."""

    text: str
    platform: str | None = None
    link: str | None = None
    sender_name: str | None = None
    sender_link: str | None = None
    posted_at: datetime | None = None
    target: str | None = None
    danger: bool = False
    supervisor: str | None = None
    files: list[dict] = field(default_factory=list)  # {"id", "name", "mimetype"} of Slack files
    source: dict = field(default_factory=dict)  # where it came from: {"kind": "slash"|..., "channel": ...}
    reporter_name: str | None = None

    def to_json(self) -> dict:
        data = dict(vars(self))  # shallow: its lists and dicts are plain JSON already
        data["posted_at"] = self.posted_at.isoformat() if self.posted_at else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> ThreatInput:
        posted_at = datetime.fromisoformat(data["posted_at"]) if data.get("posted_at") else None
        return cls(**{**data, "posted_at": posted_at})


# What an image file starts with (its "magic bytes"), per type.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)


def image_type(content: bytes) -> str | None:
    """The image type `content` is by its own first bytes ('png', 'jpeg', ...), or None."""
    for magic, kind in _MAGIC:
        if content.startswith(magic):
            return kind
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "webp"
    if content[4:8] == b"ftyp" and content[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc", b"avif"):
        return "heic"
    return None


def split_command_text(text: str | None) -> tuple[str | None, str | None]:
    """`/uhka <text>` -> (link, message text): a leading web address goes into the link field,
    the rest (or everything, when it does not start with one) into the message text."""
    text = clean(text)
    if not text:
        return None, None
    first, _, rest = text.partition(" ")
    if re.match(r"^<?https?://", first, re.IGNORECASE) or re.match(r"^www\.", first, re.IGNORECASE):
        try:
            return normalise_link(first), clean(rest)
        except ValueError:
            pass
    return None, text


# -- what `/uhka <words>` asks for ----------------------------------------------------------

OWN_WORDS = frozenset({"omat", "oma", "omani", "mina", "minä", "egna", "mina_egna", "mine", "own"})
STATUS_WORDS = frozenset({"tila", "status", "läge", "lage", "tilanne"})
HELP_WORDS = frozenset({"ohje", "help", "apua", "hjälp", "hjalp", "?"})
OPEN_WORDS = frozenset({"avoimet", "öppna", "oppna", "open", "kaikki"})
_SHORT_REF = re.compile(r"^(?:UHKA-?)?(?:(\d{4})-)?0*(\d{1,6})$", re.IGNORECASE)
# Word stems that make even one or two words plausibly the threatening message itself
# ("tapan sinut", "dö", "kill you"): those open the form; other short text asks what was meant.
_THREAT_WORDS = frozenset({"dö", "die", "slå", "död", "dead"})
_THREAT_STEMS = (
    "tapan",
    "tappa",
    "tapet",
    "tapat",
    "kuol",
    "ammu",
    "ammun",
    "puuko",
    "pommi",
    "hakkaa",
    "hakkaan",
    "lyön",
    "lyon",
    "raisk",
    "polta",
    "poltan",
    "vahing",
    "satut",
    "kosto",
    "kadut",
    "uhk",
    "varo",
    "löydän",
    "loydan",
    "tiedän",
    "tiedan",
    "döda",
    "dödar",
    "skjut",
    "bomb",
    "slår",
    "knivh",
    "våldt",
    "hämnd",
    "akta dig",
    "kill",
    "shoot",
    "stab",
    "rape",
    "hurt",
    "threat",
)


@dataclass(frozen=True)
class Command:
    """What `/uhka <text>` asks for: kind is report | own | status | help | open_all | ask."""

    kind: str
    ref: str | None = None  # status: the full id (UHKA-2026-0001), None when none was given
    text: str | None = None  # report / ask: the words as typed


def short_ref(word: str, year: int) -> str | None:
    """`1`, `0001`, `2026-1`, `uhka-2026-0001` -> UHKA-2026-0001 (this year when none is given)."""
    m = _SHORT_REF.match((word or "").strip())
    if not m:
        return None
    return f"UHKA-{m.group(1) or year}-{int(m.group(2)):04d}"


def _plausible_threat(words: list[str]) -> bool:
    bare = [w.lower().strip(".,!?:;\"'") for w in words]
    return any(w in _THREAT_WORDS or w.startswith(_THREAT_STEMS) for w in bare)


def parse_command(text: str | None, *, year: int) -> Command:
    """Subcommands are recognised generously (a short id, with or without extra words); one or
    two words that are no subcommand and not plausibly a threatening message ask what was meant
    instead of opening a report prefilled with them (one press of Send would report them)."""
    text = clean(text) or ""
    words = text.split()
    if not words:
        return Command("report")
    first = words[0].lower().strip(".,!?:;")
    rest = words[1:]
    if first in OWN_WORDS:
        return Command("own")
    if first in STATUS_WORDS:
        return Command("status", ref=short_ref(rest[0], year) if rest else None, text=" ".join(rest) or None)
    if first in HELP_WORDS:
        return Command("help")
    if first in OPEN_WORDS and len(words) <= 2:
        return Command("open_all")
    if len(words) <= 2 and short_ref(first, year) and (not rest or rest[0].lower() in STATUS_WORDS):
        return Command("status", ref=short_ref(first, year))
    if re.match(r"^<?(https?://|www\.)", words[0], re.IGNORECASE):
        return Command("report", text=text)
    if len(words) <= 2 and not _plausible_threat(words):
        return Command("ask", text=text)
    return Command("report", text=text)


def validate(raw: dict, *, reporter: str, now: datetime) -> tuple[ThreatInput | None, FieldErrors]:
    """Raw form values -> (ThreatInput, {}) or (None, FieldErrors).

    `raw` keys: text, platform, link, sender_name, sender_link, posted_at (datetime or
    unix seconds), target, danger (bool), supervisor, files (list of dicts), source,
    reporter_name.
    """
    errors = FieldErrors()
    # The message itself is kept verbatim (only outer blank lines trimmed).
    text = text_field(raw, "text", LIMITS["text"], errors, required=True, verbatim=True)
    sender_name = text_field(raw, "sender_name", LIMITS["sender_name"], errors, single_line=True)
    target = text_field(raw, "target", LIMITS["target"], errors, single_line=True)

    links: dict[str, str | None] = {}
    for name in ("link", "sender_link"):
        try:
            links[name] = normalise_link(raw.get(name))
        except ValueError:
            errors.add(name, "bad_link")

    platform = clean(raw.get("platform"))
    if platform is not None and platform not in PLATFORMS:
        errors.add("platform", "bad_choice")
    if platform is None:
        platform = platform_from_link(links.get("link"))

    posted_at = raw.get("posted_at")
    if isinstance(posted_at, int | float) or (isinstance(posted_at, str) and posted_at.strip().isdigit()):
        posted_at = datetime.fromtimestamp(int(posted_at), UTC)
    if posted_at is not None and not isinstance(posted_at, datetime):
        errors.add("posted_at", "bad_time")
        posted_at = None
    if posted_at is not None and posted_at > now + FUTURE_SLACK:
        errors.add("posted_at", "future")

    supervisor = clean(raw.get("supervisor"))
    if supervisor is not None and supervisor == reporter:
        errors.add("supervisor", "self_supervisor")

    files = []
    seen = set()
    for f in raw.get("files") or []:
        fid = clean((f or {}).get("id"))
        if not fid or fid in seen:
            continue
        seen.add(fid)
        name = one_line(f.get("name")) or fid
        kind = (clean(f.get("filetype")) or name.rsplit(".", 1)[-1]).lower()
        mimetype = clean(f.get("mimetype"))
        if not ((mimetype or "").startswith("image/") or kind in IMAGE_TYPES):
            errors.add("files", "not_image", name=name[:80])
        files.append({"id": fid[:32], "name": name[:255], "mimetype": (mimetype or "")[:128] or None})
    if len(files) > MAX_FILES:
        errors["files"] = ("too_many_files", {"max": MAX_FILES})

    if errors or text is None:
        return None, errors
    return ThreatInput(
        text=text,
        platform=platform,
        link=links.get("link"),
        sender_name=sender_name,
        sender_link=links.get("sender_link"),
        posted_at=posted_at,
        target=target,
        danger=bool(raw.get("danger")),
        supervisor=supervisor,
        files=files,
        source=dict(raw.get("source") or {}),
        reporter_name=one_line(raw.get("reporter_name")),
    ), errors


# -- times -----------------------------------------------------------------------------


def stamp(at: datetime | None, tz: str) -> dict | None:
    """A moment in UTC and in the directory's time zone, both ISO 8601."""
    if at is None:
        return None
    return {
        "utc": at.astimezone(ZoneInfo("UTC")).isoformat(timespec="seconds"),
        "local": at.astimezone(ZoneInfo(tz)).isoformat(timespec="seconds"),
        "tz": tz,
    }


# -- creating a report -----------------------------------------------------------------


CHOSEN = "chosen_supervisor"  # the role of a supervisor the reporter chose in the form


def _with_chosen_supervisor(policy: Policy, chosen: str | None) -> Policy:
    """The reporter's own choice (a substitute during a holiday, or anyone typed into the form)
    hears at the first level too, IN ADDITION to whom the directory names, never instead: the
    policy is resolved without the choice, so where the directory has no supervisor the next
    named role (the safety chief) becomes the first level. The chosen person may see the report
    and record a police report, but only people the policy names (and admins) may acknowledge,
    forward or close it (`can_respond`): a reporter cannot pick who silences the escalation."""
    if not chosen or chosen in policy.users():
        return policy  # already named by the directory: they hear in that role, and may act in it
    if not policy.levels:  # nobody configured at all: the admins are told (create_report)
        return Policy((Level((Target("user", chosen, CHOSEN),), None),), policy.admins)
    levels = list(policy.levels)
    at = next((i for i, lv in enumerate(levels) if any(t.role == "supervisor" for t in lv.targets)), 0)
    if all(t.id != chosen for t in levels[at].targets):
        levels[at] = Level((*levels[at].targets, Target("user", chosen, CHOSEN)), levels[at].ack_within_s)
    return Policy(tuple(levels), policy.admins)


def create_report(
    s: Session, report: ThreatInput, *, reporter: str, directory: Any, now: datetime, request_key: str | None = None
) -> tuple[Incident, bool]:
    """Store the report, its evidence and everything it owes. Returns (incident, created).

    A repeated request_key (the same modal submitted twice) returns the stored report
    (`engine.open_incident` finds it).
    """
    # Resolved without the reporter's choice: the choice is added, never substituted.
    policy, missing = directory.resolve_policy(KIND, reporter, None)
    policy = _with_chosen_supervisor(policy, report.supervisor)
    tz = directory.timezone
    details = {
        "text": report.text,
        "link": report.link,
        "platform": report.platform,
        "sender": {"name": report.sender_name, "link": report.sender_link},
        "posted_at": stamp(report.posted_at, tz),
        "reported_at": stamp(now, tz),
        "timezone": tz,
        "reporter": {"id": reporter, "name": report.reporter_name},
        "target": report.target,
        "danger": report.danger,
        "supervisor": _directory_supervisor(directory, reporter),
        "supervisor_choice": report.supervisor,
        "safety_chief": _safety_chief(directory, reporter),
        "missing_roles": list(missing),
        "source": report.source,
    }
    incident, created = engine.open_incident(
        s,
        kind=KIND,
        reporter=reporter,
        policy=policy,
        details=details,
        now=now,
        severity="danger" if report.danger else "normal",
        all_levels_now=report.danger,
        request_key=request_key,
        missing_roles=list(missing),
    )
    if not created:
        return incident, False
    for f in report.files:
        ev = EvidenceFile(incident_id=incident.id, slack_file_id=f["id"], name=f["name"], mimetype=f.get("mimetype"))
        s.add(ev)
        s.flush()
        engine.owe(
            s,
            incident,
            f"{incident.ref}:file:{f['id']}",
            f"{KIND}.file",
            Target("file", f["id"]),
            now,
            op="fetch_file",
            data={"evidence_id": ev.id, "live": False},
        )
    if missing or not policy.levels:
        engine.notify_admins(s, incident, "missing_roles", now, missing=list(missing), no_targets=not policy.levels)
    return incident, True


def store_report(
    s: Session,
    report: ThreatInput,
    reporter: str,
    directory: Any,
    now: datetime,
    request_key: str,
    known_people: Callable[[str], dict | None] | None = None,
) -> Incident:
    """`create_report`; the supervisor the reporter chose is remembered for their next report, and
    the names and titles the edge already knows (`known_people(id)`, e.g. from its cache of the
    platform's profiles) are kept in the report now, so no second transaction is needed for them
    (`unnamed(incident)` then tells, after the commit, whom the edge still has to ask about)."""
    incident, created = create_report(
        s, report, reporter=reporter, directory=directory, now=now, request_key=request_key
    )
    if created and report.supervisor:
        pref = s.get(UserPref, reporter)
        if pref is None:
            s.add(UserPref(user_id=reporter, last_supervisor=report.supervisor, updated_at=now))
        else:
            pref.last_supervisor, pref.updated_at = report.supervisor, now
    if known_people is not None:  # (a resubmitted modal too: its events are then loaded as well)
        _remember(incident, {uid: p for uid in people_to_name(incident) if (p := known_people(uid))})
    return incident


def initial_supervisor(s: Session, directory: Any, user: str) -> tuple[str | None, bool]:
    """Who the report form proposes as supervisor, and whether that is the directory's."""
    from_dir = directory.supervisors.get(user)
    if from_dir:
        return from_dir, True
    pref = s.get(UserPref, user)
    return (pref.last_supervisor if pref else None), False


# -- who may do what -------------------------------------------------------------------


def notified(incident: Incident) -> set[str]:
    """Everyone the incident has notified so far: its levels up to now and anyone forwarded to."""
    users = Policy.from_json(incident.policy).users(incident.level)
    return users | set(incident.details.get("forwarded_to", []))


def responders(incident: Incident) -> set[str]:
    """The people notified so far whom the policy (the directory) names, and anyone forwarded to
    (the safety chief): not a supervisor the reporter merely chose in the form."""
    levels = Policy.from_json(incident.policy).levels[: incident.level + 1]
    named = {t.id for lv in levels for t in lv.targets if t.kind == "user" and t.role != CHOSEN}
    return named | set(incident.details.get("forwarded_to", []))


def can_view(incident: Incident, user: str, admins) -> bool:
    return engine.is_participant(incident, user, list(admins))


def can_respond(incident: Incident, user: str, admins) -> bool:
    """Acknowledge, forward and close: the responders and the admins (not the reporter alone: a
    report must reach someone responsible, it cannot be closed by the one who made it, nor by
    someone the reporter chose)."""
    return is_among(user, [*responders(incident), *admins])  # `user`: an id, an Actor or a set of ids


def find(s: Session, ref: str) -> Incident | None:
    ref = (ref or "").strip().upper()
    if not REF_RE.match(ref):
        return None
    return s.execute(select(Incident).where(Incident.ref == ref, Incident.kind == KIND)).scalar_one_or_none()


def get_for(s: Session, ref: str, user: str, admins, *, respond: bool = False) -> Incident:
    """The incident, if `user` may see it (and act on it, with `respond`).

    A report the user may not see gets the very same answer as one that does not exist, so
    trying ids tells an outsider nothing. Only someone who may see it hears "not allowed"."""
    incident = find(s, ref)
    if incident is None or not can_view(incident, user, admins):
        raise DomainError("not_found_or_not_allowed", ref=(ref or "").strip()[:40])
    if respond and not can_respond(incident, user, admins):
        raise DomainError("not_allowed")
    return incident


# -- actions ---------------------------------------------------------------------------


def acknowledge(s: Session, ref: str, actor: str, admins, now: datetime) -> dict:
    incident = get_for(s, ref, actor, admins, respond=True)
    if incident.status == RESOLVED:
        raise DomainError("already_resolved", ref=incident.ref)
    changed = engine.acknowledge(s, incident, actor, now)
    return {"ref": incident.ref, "changed": changed, "owner": incident.owner_id}


def forward_to_safety_chief(s: Session, ref: str, actor: str, chief: str | None, admins, now: datetime) -> dict:
    incident = get_for(s, ref, actor, admins, respond=True)
    if incident.status == RESOLVED:
        raise DomainError("already_resolved", ref=incident.ref)
    chief = chief or incident.details.get("safety_chief")
    if not chief:
        raise DomainError("uhka_no_safety_chief")
    if is_among(chief, notified(incident)):
        return {"ref": incident.ref, "changed": False, "to": chief}
    changed = engine.forward(s, incident, actor, Target("user", chief, "safety_chief"), now)
    return {"ref": incident.ref, "changed": changed, "to": chief}


def evidence_stored(s: Session, evidence_id: int, content: bytes, sha256: str, now: datetime) -> None:
    """A screenshot was downloaded: keep it, and owe an in-place update of every message already
    sent, so none keeps saying it is still being saved."""
    ev = s.get(EvidenceFile, evidence_id)
    if ev is None:
        return
    ev.content, ev.size, ev.sha256, ev.fetched_at = content, len(content), sha256, now
    ev.mimetype = f"image/{image_type(content)}"
    incident = s.get(Incident, ev.incident_id)
    if incident is not None:
        engine.refresh_messages(s, incident, now, f"file{ev.id}")  # type: ignore[arg-type]


def validate_police_report(number: str | None, when: str | date | None, *, today: date) -> tuple[dict, FieldErrors]:
    """-> ({"number", "date"}, {}) or ({}, FieldErrors)."""
    errors = FieldErrors()
    number = text_field(
        {"police_number": number}, "police_number", LIMITS["police_number"], errors, required=True, single_line=True
    )
    day = None
    if isinstance(when, date):
        day = when
    elif when:
        try:
            day = date.fromisoformat(str(when))
        except ValueError:
            errors.add("police_date", "bad_time")
    if day is None:
        errors.add("police_date", "required")
    elif day > today:
        errors.add("police_date", "future")
    if errors or day is None or number is None:
        return {}, errors
    return {"number": number, "date": day.isoformat()}, errors


def validate_note(note: str | None) -> tuple[str | None, FieldErrors]:
    """The closing note: required, at most LIMITS["note"] characters."""
    return required_text(note, "note", LIMITS["note"])


def _handled(s: Session, incident: Incident, type_: str, request_key: str | None) -> bool:
    """Whether this request (a modal's view id) already made an event of this type: a replayed or
    resubmitted request changes nothing a second time."""
    if not request_key:
        return False
    found = s.execute(
        select(IncidentEvent).where(IncidentEvent.incident_id == incident.id, IncidentEvent.type == type_)
    ).scalars()
    return any((e.data or {}).get("request") == request_key for e in found)


def record_police_report(
    s: Session, ref: str, actor: str, number: str, day: str, admins, now: datetime, request_key: str | None = None
) -> dict:
    """The reporter may record it too: the victim often files the report themself.
    Once per request: the same modal submitted again records nothing more."""
    incident = get_for(s, ref, actor, admins)
    if _handled(s, incident, "police_report", request_key):
        return {"ref": incident.ref, "changed": False}
    extra = {"request": request_key} if request_key else {}
    engine.add_note(s, incident, actor, now, "police_report", number=number, date=day, **extra)
    return {"ref": incident.ref, "changed": True}


def resolve(s: Session, ref: str, actor: str, note: str, admins, now: datetime, request_key: str | None = None) -> dict:
    """Close the report. The same request again (a replayed submission) is a quiet no-op."""
    incident = get_for(s, ref, actor, admins, respond=True)
    if incident.status == RESOLVED and _handled(s, incident, "resolved", request_key):
        return {"ref": incident.ref, "changed": False}
    if incident.status == RESOLVED:
        raise DomainError("already_resolved", ref=incident.ref)
    extra = {"request": request_key} if request_key else {}
    engine.resolve(s, incident, actor, now, note=note, **extra)
    return {"ref": incident.ref, "changed": True}


def people_to_name(incident: Incident) -> set[str]:
    """Whom the export will name: the reporter, everyone told, everyone on the timeline."""
    ids = {incident.reporter_id, *notified(incident), incident.owner_id, incident.resolved_by}
    ids |= {e.actor for e in incident.events}
    return {u for u in ids if u and u != "system"}


def unnamed_people(s: Session, *, ref: str | None = None, request_key: str | None = None) -> set[str]:
    """`unnamed` of one incident, found by ref or by the request that stored it."""
    q = select(Incident).where(Incident.kind == KIND)
    q = q.where(Incident.ref == ref) if ref else q.where(Incident.request_key == request_key)
    incident = s.execute(q).scalar_one_or_none()
    return unnamed(incident) if incident is not None else set()


def unnamed(incident: Incident) -> set[str]:
    """`people_to_name` not yet remembered in the report."""
    return people_to_name(incident) - set(incident.details.get("people") or {})


def remember_people(
    s: Session, people: dict[str, dict], *, ref: str | None = None, request_key: str | None = None
) -> None:
    """Keep names and titles (`{id: {"name", "title"}}`, as the chat platform gave them) in the
    incident's details, so the evidence export names people even after a change or deletion in
    the platform. The first answer for a person is kept: it is what they were called at the time."""
    q = select(Incident).where(Incident.kind == KIND)
    q = q.where(Incident.ref == ref) if ref else q.where(Incident.request_key == request_key)
    incident = s.execute(q).scalar_one_or_none()
    if incident is not None:
        _remember(incident, people)


def _remember(incident: Incident, people: dict[str, dict]) -> None:
    known = dict(incident.details.get("people") or {})
    added = {
        uid: {"name": one_line(p.get("name")), "title": one_line(p.get("title"))}
        for uid, p in people.items()
        if uid not in known and (p.get("name") or p.get("title"))
    }
    if added:
        incident.details = {**incident.details, "people": {**known, **added}}


# -- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """Plain, typed data of one threat report for messages, /uhka tila and the export. Its timeline
    (`events`), escalation `levels` and evidence `files` are lists of plain dicts, as stored."""

    id: int
    ref: str
    status: str
    severity: str
    reporter: str
    created_at: datetime
    updated_at: datetime
    acknowledged_at: datetime | None
    owner: str | None
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str | None
    level: int
    levels: list[dict]
    next_escalation_at: datetime | None
    details: dict
    notified: list[str]
    events: list[dict]
    files: list[dict] = field(default_factory=list)

    @property
    def timezone(self) -> str:
        return self.details.get("timezone") or DEFAULT_TIMEZONE


def snapshot(incident: Incident, *, files: bool = True) -> Snapshot:
    """The Snapshot of one incident (inside a session)."""
    policy = Policy.from_json(incident.policy)
    return Snapshot(
        id=incident.id,
        ref=incident.ref,
        status=incident.status,
        severity=incident.severity,
        reporter=incident.reporter_id,
        created_at=incident.created_at,
        updated_at=incident.updated_at,
        acknowledged_at=incident.acknowledged_at,
        owner=incident.owner_id,
        resolved_at=incident.resolved_at,
        resolved_by=incident.resolved_by,
        resolution=incident.resolution,
        level=incident.level,
        levels=[
            {
                "targets": [{"kind": t.kind, "id": t.id, "role": t.role} for t in lv.targets],
                "ack_within_s": lv.ack_within_s,
            }
            for lv in policy.levels
        ],
        next_escalation_at=incident.next_escalation_at,
        details=dict(incident.details or {}),
        notified=sorted(notified(incident)),
        events=[
            {"id": e.id, "at": e.at, "actor": e.actor, "type": e.type, "data": dict(e.data or {})}
            for e in incident.events
        ],
        files=[
            {
                "id": f.id,
                "slack_file_id": f.slack_file_id,
                "name": f.name,
                "mimetype": f.mimetype,
                "size": f.size,
                "sha256": f.sha256,
                "fetched_at": f.fetched_at,
            }
            for f in incident.files
        ]
        if files
        else [],
    )


def status(s: Session, ref: str, user: str, admins) -> Snapshot:
    return snapshot(get_for(s, ref, user, admins))


def open_reports(s: Session, user: str, admins, limit: int = 20) -> dict:
    """`/uhka omat`: the user's own open reports, and the open ones waiting on them."""
    own = list(
        s.execute(
            select(Incident)
            .where(
                Incident.kind == KIND, Incident.reporter_id.in_(ids_of(user)), Incident.status.in_([OPEN, ACKNOWLEDGED])
            )
            .order_by(Incident.created_at.desc())
            .limit(limit)
        ).scalars()
    )
    others = s.execute(
        select(Incident)
        .where(
            Incident.kind == KIND, Incident.reporter_id.not_in(ids_of(user)), Incident.status.in_([OPEN, ACKNOWLEDGED])
        )
        .order_by(Incident.created_at.desc())
        .limit(500)
    ).scalars()
    assigned = [inc for inc in others if is_among(user, notified(inc))][:limit]
    return {
        "own": [snapshot(i, files=False) for i in own],
        "assigned": [snapshot(i, files=False) for i in assigned],
    }


def open_all(s: Session, user: str, admins, limit: int = 50) -> list[Snapshot]:
    """`/uhka avoimet`: every open threat report, oldest first, for the admins only."""
    if user not in admins:
        raise DomainError("uhka_admins_only")
    found = s.execute(
        select(Incident)
        .where(Incident.kind == KIND, Incident.status.in_([OPEN, ACKNOWLEDGED]))
        .order_by(Incident.created_at, Incident.id)
        .limit(limit)
    ).scalars()
    return [snapshot(i, files=False) for i in found]


# -- retention -------------------------------------------------------------------------


def purge(
    s: Session, now: datetime, days: int, *, dry_run: bool = False, sent: list[tuple[str, str, str]] | None = None
) -> dict:
    """Delete closed threat reports resolved more than `days` ago, with their timeline,
    evidence files and outbox rows. Returns counts only (no personal data); `sent`, when given,
    receives (platform, conversation, message id) of every message the bot posted about them."""
    cutoff = now - timedelta(days=days)
    ids = list(
        s.execute(
            select(Incident.id).where(Incident.kind == KIND, Incident.status == RESOLVED, Incident.resolved_at < cutoff)
        ).scalars()
    )
    counts = {"incidents": len(ids), "events": 0, "files": 0, "notifications": 0}
    if ids:
        for key, model in (("events", IncidentEvent), ("files", EvidenceFile), ("notifications", Notification)):
            counts[key] = s.execute(
                select(func.count()).select_from(model).where(model.incident_id.in_(ids))
            ).scalar_one()
        if sent is not None:
            sent += [
                (n.platform, n.channel_id, n.ts)
                for n in s.execute(
                    select(Notification).where(
                        Notification.incident_id.in_(ids), Notification.op == "post", Notification.ts.is_not(None)
                    )
                ).scalars()
                if n.channel_id and n.ts
            ]
        if not dry_run:
            # Children first: correct with or without ON DELETE CASCADE enforcement.
            for model in (IncidentEvent, EvidenceFile, Notification):
                s.execute(delete(model).where(model.incident_id.in_(ids)).execution_options(synchronize_session=False))
            s.execute(delete(Incident).where(Incident.id.in_(ids)).execution_options(synchronize_session=False))
    return {**counts, "days": days, "cutoff": cutoff.isoformat(timespec="seconds"), "dry_run": dry_run}


# -- more than one chat platform (Teams) --------------------------------------------------


def _directory_supervisor(directory: Any, reporter: str) -> str | None:
    """The directory's supervisor of the reporter, on the reporter's platform when it can tell."""
    if hasattr(directory, "supervisor_of"):
        return directory.supervisor_of(reporter)
    return directory.supervisors.get(reporter)


def _safety_chief(directory: Any, reporter: str) -> str | None:
    """The safety chief's id on the reporter's platform (or on the other one, if only that)."""
    if hasattr(directory, "role_id"):
        return directory.role_id("safety_chief", platform_of(reporter))
    return directory.roles.safety_chief


def latest_open_report(s: Session, reporter) -> Incident | None:
    """The reporter's newest report still open (any of their ids): where screenshots sent later go."""
    return s.execute(
        select(Incident)
        .where(
            Incident.kind == KIND, Incident.reporter_id.in_(ids_of(reporter)), Incident.status.in_([OPEN, ACKNOWLEDGED])
        )
        .order_by(Incident.created_at.desc(), Incident.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def attach_files(s: Session, reporter, files: list[dict], now: datetime, *, platform: str) -> Incident | None:
    """Evidence sent after the report (Teams: screenshots sent in the chat; cards cannot upload).

    `files`: {"id", "name", "mimetype", and where the worker downloads it: "download_url" or
    "content_url"}. Added to the reporter's latest open report, each owing its download (the
    worker checks size, https and that it is an image, then hashes it, then refreshes the
    messages sent). Returns the incident, or None when the reporter has no open report.
    A file already attached (same id) is not added twice.
    """
    incident = latest_open_report(s, reporter)
    if incident is None:
        return None
    known = {f.slack_file_id for f in incident.files}
    added = []
    for f in files[:MAX_FILES]:
        fid = str(f["id"])[:32]
        if fid in known:
            continue
        known.add(fid)
        ev = EvidenceFile(
            incident_id=incident.id,
            slack_file_id=fid,
            name=one_line(f.get("name")) or fid,
            mimetype=(f.get("mimetype") or "")[:128] or None,
        )
        s.add(ev)
        s.flush()
        where = {k: f[k] for k in ("download_url", "content_url") if f.get(k)}
        engine.owe(
            s,
            incident,
            f"{incident.ref}:file:{fid}",
            f"{KIND}.file",
            Target("file", fid, platform=platform),
            now,
            op="fetch_file",
            data={"evidence_id": ev.id, "mimetype": f.get("mimetype"), **where, "refresh": True, "live": False},
        )
        added.append(ev.id)
    if added:  # the messages sent are refreshed once each file is downloaded and hashed (bot/outbox.py)
        incident.updated_at = now
    return incident
