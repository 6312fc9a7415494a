"""Controversy alerts (/kohu): validated input, severity, duplicate links, updates. Slack-free.

Reuses the generic engine (escalation/engine.py): an alert is an incident of kind
"controversy" with the directory's controversy policy frozen into it. Claiming is the
engine's acknowledge (it sets the owner and stops the timers), resolving is resolve.
This module adds what is specific to controversies:

- `validate()` turns the modal's raw strings into a `ControversyInput` or field errors
  (codes, not texts: the Slack edge words them in the user's language);
- `severity()` raises an alert to "high" for media interest or a large scale;
- `normalise_url()` makes two links to the same post compare equal, so a second
  report of an open controversy is added to it instead of raising a new alert;
- `raise_alert()`, `add_update()`, `claim()`, `resolve()`, `list_open()`.

Every function runs inside the caller's transaction, so a commit stores the state
change together with every message it owes (outbox rows), and a resubmitted modal or
a Slack retry (same request key) changes nothing twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import engine
from escalation.engine import DomainError
from escalation.forms import FieldErrors, clean, normalise_link, required_text, text_field
from escalation.identity import is_among
from escalation.models import ACKNOWLEDGED, OPEN, PENDING, RESOLVED, SENT, Incident, IncidentEvent, Notification
from escalation.policy import Policy, Target
from escalation.vocabulary import DEFAULT_TIMEZONE, PLATFORMS, Kind, Severity, platform_from_link

KIND = Kind.CONTROVERSY

# -- limits of the modal's fields (also used as the inputs' max_length) --------------------

WHAT_MAX = 3000
LINKS_MAX_CHARS = 3000
LINKS_MAX_COUNT = 10
ACCOUNT_MAX = 200
DONE_MAX = 3000
UPDATE_MAX = 3000
SUMMARY_MAX = 3000
COUNT_MAX = 100_000_000

MISTAKE_ANSWERS = ("yes", "no", "unsure")

# -- severity ----------------------------------------------------------------------------
# "high" when the media are asking, or when the scale is large for a city page: a few
# dozen comments are an ordinary busy day on Kokkola's pages, a hundred comments or fifty
# shares mean the matter has left the page's own audience.
COMMENTS_HIGH = 100
SHARES_HIGH = 50


@dataclass(frozen=True)
class ControversyInput:
    what: str
    links: tuple[str, ...] = ()
    platform: str | None = None
    account: str | None = None
    comments: int | None = None
    shares: int | None = None
    media: bool | None = None  # None: not answered
    own_mistake: str | None = None  # yes | no | unsure | None (not answered)
    done: str | None = None

    def to_details(self) -> dict:
        return {
            "what": self.what,
            "links": list(self.links),
            "links_norm": sorted({normalise_url(u) for u in self.links}),
            "platform": self.platform,
            "account": self.account,
            "comments": self.comments,
            "shares": self.shares,
            "media": self.media,
            "own_mistake": self.own_mistake,
            "done": self.done,
        }


# -- URLs --------------------------------------------------------------------------------

_URL_IN_TEXT = re.compile(r"https?://[^\s<>|\"']+", re.IGNORECASE)
_TRACKING_EXACT = {
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "igshid",
    "igsh",
    "mibextid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "si",
    "ref_src",
    "ref_url",
    "__tn__",
    "_hsenc",
    "_hsmi",
    "s_cid",
}
_TRACKING_PREFIXES = ("utm_", "__cft__", "__xts__", "pk_", "hsa_")
_HOST_PREFIXES = ("www.", "m.", "mobile.")


def is_tracking_param(name: str) -> bool:
    n = name.lower()
    return n in _TRACKING_EXACT or n.startswith(_TRACKING_PREFIXES)


def normalise_url(url: str) -> str:
    """A comparison key for links: two ways of writing one post's address give the same key.

    Lowercases scheme and host, drops "www." (and the mobile "m."/"mobile." hosts), the
    default port, user info, the fragment, a trailing slash and tracking parameters
    (utm_*, fbclid, gclid, igshid, ...); the remaining parameters are sorted.
    Path and parameter values keep their case (they are case-sensitive on most sites).
    """
    raw = url.strip().strip("<>")
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k))
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def urls_in(text: str) -> list[str]:
    """http(s) links in free text (also Slack's <url|label> form), first occurrence order, no duplicates."""
    found: list[str] = []
    for m in _URL_IN_TEXT.finditer(text or ""):
        url = m.group(0).rstrip(".,;:!?)]}")
        if url not in found:
            found.append(url)
    return found


# -- validation --------------------------------------------------------------------------


def _int_field(raw: str | None, name: str, errors: FieldErrors) -> int | None:
    if raw is None or not str(raw).strip():
        return None
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        errors.add(name, "not_a_number")
        return None
    if not value.is_integer() or value < 0:
        errors.add(name, "not_a_count")
        return None
    if value > COUNT_MAX:
        errors.add(name, "too_big", max=COUNT_MAX)
        return None
    return int(value)


def validate(raw: dict) -> tuple[ControversyInput | None, FieldErrors]:
    """Check the modal's values (strings, or None when empty) field by field.

    Keys: what, links, platform, account, comments, shares, media ("yes"/"no"),
    own_mistake ("yes"/"no"/"unsure"), done.
    """
    errors = FieldErrors()
    what = text_field(raw, "what", WHAT_MAX, errors, required=True)

    links: list[str] = []
    links_raw = raw.get("links") or ""
    if len(links_raw) > LINKS_MAX_CHARS:
        errors.add("links", "too_long", max=LINKS_MAX_CHARS)
    else:
        for line in links_raw.splitlines():
            try:
                url = normalise_link(line)
            except ValueError:
                errors.add("links", "bad_link", line=line.strip()[:80])
                break
            if url and url not in links:
                links.append(url)
        if len(links) > LINKS_MAX_COUNT:
            errors.add("links", "too_many_links", max=LINKS_MAX_COUNT)

    platform = clean(raw.get("platform"))
    if platform is not None and platform not in PLATFORMS:
        errors.add("platform", "bad_choice")
    if platform is None and links:
        platform = platform_from_link(links[0])
    account = text_field(raw, "account", ACCOUNT_MAX, errors, single_line=True)
    comments = _int_field(raw.get("comments"), "comments", errors)
    shares = _int_field(raw.get("shares"), "shares", errors)
    media_raw = clean(raw.get("media"))
    if media_raw not in (None, "yes", "no"):
        errors.add("media", "bad_choice")
    mistake = clean(raw.get("own_mistake"))
    if mistake is not None and mistake not in MISTAKE_ANSWERS:
        errors.add("own_mistake", "bad_choice")
    done = text_field(raw, "done", DONE_MAX, errors)
    if errors:
        return None, errors
    return ControversyInput(
        what=what or "",
        links=tuple(links),
        platform=platform,
        account=account,
        comments=comments,
        shares=shares,
        media=None if media_raw is None else media_raw == "yes",
        own_mistake=mistake,
        done=done,
    ), errors


def validate_text(raw: str | None, name: str, limit: int) -> tuple[str | None, FieldErrors]:
    """One required free-text field (an update, a resolution summary)."""
    return required_text(raw, name, limit)


def severity(inp: ControversyInput) -> str:
    """Media interest or a large scale (see COMMENTS_HIGH, SHARES_HIGH) -> HIGH."""
    if inp.media:
        return Severity.HIGH
    if (inp.comments or 0) >= COMMENTS_HIGH or (inp.shares or 0) >= SHARES_HIGH:
        return Severity.HIGH
    return Severity.NORMAL


def high_reasons(details: dict) -> list[str]:
    """Why an alert is high: "media", "comments", "shares" (for the message)."""
    reasons = []
    if details.get("media"):
        reasons.append("media")
    if (details.get("comments") or 0) >= COMMENTS_HIGH:
        reasons.append("comments")
    if (details.get("shares") or 0) >= SHARES_HIGH:
        reasons.append("shares")
    return reasons


# -- queries -----------------------------------------------------------------------------


def get(s: Session, ref: str) -> Incident:
    return engine.get(s, KIND, ref)


def list_open(s: Session) -> list[Incident]:
    """Open and claimed controversies, oldest first."""
    return list(
        s.execute(
            select(Incident)
            .where(Incident.kind == KIND, Incident.status.in_([OPEN, ACKNOWLEDGED]))
            .order_by(Incident.created_at, Incident.id)
        ).scalars()
    )


def find_open_by_links(s: Session, links_norm: list[str]) -> Incident | None:
    """The oldest open controversy that shares a normalised link with these, if any."""
    wanted = set(links_norm)
    if not wanted:
        return None
    for inc in list_open(s):
        if wanted & set(inc.details.get("links_norm") or []):
            return inc
    return None


def alert_row(s: Session, incident: Incident) -> Notification | None:
    """The alert posted to a channel (the first one): updates go to its thread."""
    return s.execute(
        select(Notification)
        .where(
            Notification.incident_id == incident.id,
            Notification.kind == f"{KIND}.notify",
            Notification.op == "post",
            Notification.target_kind == "channel",
            Notification.status.in_([PENDING, SENT]),
        )
        .order_by(Notification.id)
        .limit(1)
    ).scalar_one_or_none()


def policy_users(incident: Incident) -> set[str]:
    """Users the policy named directly and has notified so far (e.g. the comms manager after escalation)."""
    return Policy.from_json(incident.policy).users(incident.level)


def co_reporters(incident: Incident) -> list[str]:
    return list(incident.details.get("co_reporters") or [])


# What a second reporter of the same link (a co-reporter) hears: that mavi has taken it on and that
# it is resolved (with the summary). Not mavi's internal situation updates, and a co-reporter may
# not add updates (only the first reporter, mavi and admins: `may_add_update`): reporting a link
# that anyone can see in `/kohu lista` or on the page must never grant access to mavi's work.
CO_REPORTER_HEARS = frozenset({"acknowledged", "resolved"})


def may_add_update(incident: Incident, user_id: str) -> bool:
    """As a reporter: only the one who raised the alert (mavi and admins are checked by the edge)."""
    return user_id == incident.reporter_id


def visible_open(s: Session, user_id: str, *, sees_all: bool) -> list[Incident]:
    """`/kohu lista`: every open alert for mavi and admins (`sees_all`), otherwise only the
    user's own (raised or reported again by them)."""
    found = list_open(s)
    return found if sees_all else [inc for inc in found if is_reporter(inc, user_id)]


def is_reporter(incident: Incident, user_id: str) -> bool:
    return is_among(user_id, [incident.reporter_id, *co_reporters(incident)])  # an id, an Actor or ids


def events(s: Session, incident: Incident, *types: str) -> list[IncidentEvent]:
    """The incident's timeline (optionally only some event types), oldest first."""
    q = select(IncidentEvent).where(IncidentEvent.incident_id == incident.id).order_by(IncidentEvent.id)
    if types:
        q = q.where(IncidentEvent.type.in_(types))
    return list(s.execute(q).scalars())


def updates(s: Session, incident: Incident) -> list[IncidentEvent]:
    """The situation updates and repeated reports, oldest first."""
    return events(s, incident, "update", "duplicate_report")


def _handled(s: Session, incident: Incident, request_key: str | None) -> bool:
    """Whether this request (a modal's view id) already changed the incident."""
    if not request_key:
        return False
    return any(
        (ev.data or {}).get("request") == request_key for ev in events(s, incident, "update", "duplicate_report")
    )


# -- what messages show ---------------------------------------------------------------------


@dataclass(frozen=True)
class Update:
    type: str  # update | duplicate_report | resolved
    actor: str
    at: datetime
    text: str
    media: bool = False
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    ref: str
    status: str
    severity: str
    reporter: str
    created_at: datetime
    details: dict
    timezone: str = DEFAULT_TIMEZONE
    owner: str | None = None
    acknowledged_at: datetime | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    resolution: str | None = None
    updates: tuple[Update, ...] = ()
    co_reporters: tuple[str, ...] = ()
    mavi_group: str | None = None
    policy: dict = field(default_factory=lambda: {"levels": []})
    level: int = 0

    @property
    def what(self) -> str:
        return self.details.get("what") or ""


def update_of(ev: IncidentEvent) -> Update:
    data = ev.data or {}
    return Update(
        type=ev.type,
        actor=ev.actor,
        at=ev.at,
        text=data.get("text") or data.get("note") or "",
        media=bool(data.get("media")),
        links=tuple(data.get("links") or ()),
    )


def snapshot(s: Session, incident: Incident) -> Snapshot:
    """Plain, typed data of one alert for messages and lists (read inside a session)."""
    details = incident.details or {}
    return Snapshot(
        ref=incident.ref,
        status=incident.status,
        severity=incident.severity,
        reporter=incident.reporter_id,
        created_at=incident.created_at,
        details=details,
        timezone=details.get("timezone") or DEFAULT_TIMEZONE,
        owner=incident.owner_id,
        acknowledged_at=incident.acknowledged_at,
        resolved_by=incident.resolved_by,
        resolved_at=incident.resolved_at,
        resolution=incident.resolution,
        updates=tuple(update_of(ev) for ev in updates(s, incident)),
        co_reporters=tuple(co_reporters(incident)),
        mavi_group=details.get("mavi_group"),
        policy=incident.policy,
        level=incident.level,
    )


# -- changes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RaiseResult:
    ref: str
    created: bool  # a new alert was raised by this request
    duplicate: bool  # the report was added to an open alert with the same link
    status: str
    owner_id: str | None


def raise_alert(
    s: Session,
    inp: ControversyInput,
    *,
    reporter: str,
    policy: Policy,
    now: datetime,
    missing_roles: list[str] | None = None,
    mavi_group: str | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    request_key: str | None = None,
    source: str = "command",
) -> RaiseResult:
    """Raise a controversy alert, or add the report to an open one with the same link.

    Idempotent per request_key: a resubmitted modal or a Slack retry returns what the
    first submission did and owes nothing new.
    """
    if request_key:
        existing = s.execute(select(Incident).where(Incident.request_key == request_key)).scalar_one_or_none()
        if existing is not None:
            return RaiseResult(existing.ref, False, False, existing.status, existing.owner_id)
    details = inp.to_details()
    same = find_open_by_links(s, details["links_norm"])
    if same is not None:
        return _add_report(s, same, inp, reporter, now, request_key)

    sev = severity(inp)
    details.update({"mavi_group": mavi_group, "timezone": timezone, "source": source, "co_reporters": []})
    incident, created = engine.open_incident(
        s,
        kind=KIND,
        reporter=reporter,
        policy=policy,
        details=details,
        now=now,
        severity=sev,
        request_key=request_key,
        dedupe_key=(details["links_norm"] or [None])[0],
        missing_roles=missing_roles,
    )
    if created and (missing_roles or not policy.levels):
        # Nobody may be hearing about this alert: the admins must, at once.
        engine.notify_admins(s, incident, "missing_roles", now, missing=list(missing_roles or []))
    return RaiseResult(incident.ref, created, False, incident.status, incident.owner_id)


def _add_report(
    s: Session, incident: Incident, inp: ControversyInput, reporter: str, now: datetime, request_key: str | None
) -> RaiseResult:
    if not _handled(s, incident, request_key):
        _raise_severity(s, incident, severity(inp), reporter, now)
        if not is_reporter(incident, reporter):
            incident.details = {**incident.details, "co_reporters": [*co_reporters(incident), reporter]}
        ev = engine.add_note(
            s,
            incident,
            reporter,
            now,
            "duplicate_report",
            request=request_key,
            text=inp.what,
            links=list(inp.links),
            media=inp.media,
            comments=inp.comments,
            shares=inp.shares,
        )
        post_to_thread(s, incident, ev, now)
        engine.owe(
            s,
            incident,
            f"{incident.ref}:duplicate:{ev.id}",
            f"{KIND}.duplicate",
            Target("user", reporter, "reporter"),
            now,
            data={"event_id": ev.id, "live": False},
        )
    return RaiseResult(incident.ref, False, True, incident.status, incident.owner_id)


def _raise_severity(s: Session, incident: Incident, new: str, actor: str, now: datetime) -> None:
    if new == Severity.HIGH and incident.severity != Severity.HIGH:
        incident.severity = Severity.HIGH
        engine.record(s, incident, actor, "severity_raised", now, severity=Severity.HIGH)


def post_to_thread(s: Session, incident: Incident, ev: IncidentEvent, now: datetime) -> None:
    """Owe a post of one timeline event into the alert's thread.

    Without a channel alert (a policy naming only people), the people notified so far
    get it as a DM instead, except whoever wrote it.
    """
    data = {"event_id": ev.id, "live": False}
    alert = alert_row(s, incident)
    if alert is not None:
        engine.owe(
            s,
            incident,
            f"{incident.ref}:thread:{ev.id}",
            f"{KIND}.update",
            Target("channel", alert.target_id, "mavi_channel"),
            now,
            data=data,
            thread_key=alert.key,
        )
        return
    for user in sorted(policy_users(incident) | ({incident.owner_id} if incident.owner_id else set())):
        if user != ev.actor:
            engine.owe(
                s,
                incident,
                f"{incident.ref}:thread:{ev.id}:{user}",
                f"{KIND}.update",
                Target("user", user),
                now,
                data=data,
            )


def claim(s: Session, ref: str, actor: str, now: datetime) -> bool:
    """Take the controversy on (= the engine's acknowledge). False if the actor already owns it."""
    incident = get(s, ref)
    if incident.status == RESOLVED:
        raise DomainError("already_resolved", ref=ref)
    if incident.status == ACKNOWLEDGED:
        if is_among(actor, [incident.owner_id]):
            return False
        raise DomainError("kohu_already_claimed", ref=ref, owner=incident.owner_id or "?")
    changed = engine.acknowledge(s, incident, actor, now)
    if changed:
        _tell_co_reporters(s, incident, _last_event(s, incident, "acknowledged"), now)
    return changed


def add_update(
    s: Session, ref: str, actor: str, text: str, now: datetime, *, media: bool = False, request_key: str | None = None
) -> Incident:
    """A situation update: a timeline event, a post in the alert's thread, the reporter told."""
    incident = get(s, ref)
    if incident.status == RESOLVED:
        raise DomainError("already_resolved", ref=ref)
    if _handled(s, incident, request_key):
        return incident
    if media:
        incident.details = {**incident.details, "media": True}
        _raise_severity(s, incident, Severity.HIGH, actor, now)
    ev = engine.add_note(s, incident, actor, now, "update", request=request_key, text=text, media=media)
    post_to_thread(s, incident, ev, now)
    _tell_co_reporters(s, incident, ev, now)
    return incident


def resolve(s: Session, ref: str, actor: str, summary: str, now: datetime) -> bool:
    """Mark resolved with a summary; the alert shows it, its thread gets it, the reporter is told."""
    incident = get(s, ref)
    if incident.status == RESOLVED:
        raise DomainError("already_resolved", ref=ref)
    changed = engine.resolve(s, incident, actor, now, summary)
    if changed:
        ev = _last_event(s, incident, "resolved")
        post_to_thread(s, incident, ev, now)
        _tell_co_reporters(s, incident, ev, now)
    return changed


def _last_event(s: Session, incident: Incident, type_: str) -> IncidentEvent:
    return s.execute(
        select(IncidentEvent)
        .where(IncidentEvent.incident_id == incident.id, IncidentEvent.type == type_)
        .order_by(IncidentEvent.id.desc())
        .limit(1)
    ).scalar_one()


def _tell_co_reporters(s: Session, incident: Incident, ev: IncidentEvent, now: datetime) -> None:
    """Whoever reported the same link later hears that mavi has it and when it is resolved."""
    if ev.type not in CO_REPORTER_HEARS:
        return
    for other in co_reporters(incident):
        if other != ev.actor:
            engine.owe(
                s,
                incident,
                f"{incident.ref}:reporter:{ev.id}:{other}",
                f"{KIND}.reporter",
                Target("user", other, "reporter"),
                now,
                data={"event": ev.type, "actor": ev.actor, **ev.data, "live": False},
            )
