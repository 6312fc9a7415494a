"""Block Kit for the /uhka flow's messages (pure functions of plain data and a language).

Everything a person typed is escaped (handlers.common.escape / quote) so it cannot ping,
broadcast or forge links. The notification text (`text`, shown in push notifications and
on lock screens) never carries the threat itself, only the id and that there is one.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from escalation import threats
from escalation.identity import GUID
from escalation.threats import Snapshot
from escalation.vocabulary import DEFAULT_TIMEZONE
from handlers.blockkit import clip, context, header, section
from handlers.common import escape
from handlers.uhka import ids
from knowledge import get_guideline
from texts import has, t
from texts.format import fmt_time, platform_name

SECTION_MAX = 2900  # Slack allows 3000 characters per section text; keep a margin
MESSAGE_BLOCKS_MAX = 50
TIMELINE_SHORT = 8
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
GUIDELINE_TOPIC = "threat"


# -- the guideline's sentence ------------------------------------------------------------


@lru_cache(maxsize=1)
def guideline_passage() -> str:
    """The guideline's own sentence on threats, verbatim from the knowledge package."""
    for passage in get_guideline().passages:
        if passage.topic == GUIDELINE_TOPIC:
            return passage.text
    raise LookupError("the guideline has no passage with topic 'threat'")


def guideline_label(lang: str) -> str:
    g = get_guideline()
    return t(lang, "uhka.confirm.guideline_label", owner=g.owner, year=g.year)


# -- small helpers -----------------------------------------------------------------------


def mention(user_id: str | None, lang: str = "fi") -> str:
    """A person as Slack shows them; a Teams person's id as a mention too, which the Slack edge
    turns into their Slack mention or name (handlers.render.with_people) and Teams into a name."""
    if not user_id:
        return t(lang, "uhka.nobody")
    if user_id == "system":
        return "Somevahti"
    return f"<@{user_id}>" if _USER_ID.match(user_id) or GUID.match(user_id) else escape(user_id)


def fmt_iso(lang: str, iso: str | None, tz: str) -> str:
    if not iso:
        return "–"
    try:
        return fmt_time(lang, datetime.fromisoformat(iso), tz)
    except ValueError:
        return escape(iso)


def fmt_date(lang: str, iso: str | None) -> str:
    if not iso:
        return "–"
    try:
        d = datetime.fromisoformat(iso)
    except ValueError:
        return escape(iso)
    return f"{d.day}.{d.month}.{d.year}"


def platform_text(lang: str, platform: str | None) -> str:
    return platform_name(lang, platform) or t(lang, "uhka.not_given")


def role_name(lang: str, role: str | None) -> str:
    key = f"uhka.role.{role}"
    return t(lang, key) if role and has(key) else t(lang, "uhka.role.other")


def packed(lines: list[str], limit: int = SECTION_MAX) -> list[dict]:
    """Lines packed into as few section blocks as fit Slack's length limit."""
    blocks, chunk = [], ""
    for line in lines:
        line = line[:limit]
        if chunk and len(chunk) + 1 + len(line) > limit:
            blocks.append(section(chunk))
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line
    if chunk:
        blocks.append(section(chunk))
    return blocks


def quote_blocks(text: str | None, limit: int = SECTION_MAX) -> list[dict]:
    """The reported message, escaped and block-quoted, split over sections when long."""
    lines = []
    for raw in (text or "").splitlines() or [""]:
        for i in range(0, max(len(raw), 1), 400):  # 400 raw chars escape to at most 2000
            lines.append("> " + (escape(raw[i : i + 400]) or " "))
    return packed(lines, limit)


def targets_text(lang: str, targets: list[dict]) -> str:
    return ", ".join(f"{mention(x['id'], lang)} ({role_name(lang, x.get('role'))})" for x in targets) or t(
        lang, "uhka.nobody"
    )


# -- shared pieces of an incident -----------------------------------------------------


def status_line(lang: str, snap: Snapshot) -> str:
    tz = snap.timezone
    if snap.status == "resolved":
        return t(
            lang, "uhka.status.resolved", who=mention(snap.resolved_by, lang), at=fmt_time(lang, snap.resolved_at, tz)
        )
    if snap.status == "acknowledged":
        return t(
            lang, "uhka.status.acknowledged", who=mention(snap.owner, lang), at=fmt_time(lang, snap.acknowledged_at, tz)
        )
    line = t(lang, "uhka.status.open")
    nxt = snap.next_escalation_at
    levels = snap.levels or []
    if nxt and snap.level + 1 < len(levels):
        line += " " + t(
            lang,
            "uhka.status.next",
            at=fmt_time(lang, nxt, tz),
            who=targets_text(lang, levels[snap.level + 1]["targets"]),
        )
    return line


def evidence_lines(lang: str, snap: Snapshot, *, link_limit: int = 400) -> list[str]:
    d = snap.details
    tz = d.get("timezone", DEFAULT_TIMEZONE)
    sender = d.get("sender") or {}
    posted = (d.get("posted_at") or {}).get("utc")
    ng = t(lang, "uhka.not_given")
    lines = [
        f"*{t(lang, 'uhka.f.platform')}:* {platform_text(lang, d.get('platform'))}",
        f"*{t(lang, 'uhka.f.link')}:* {escape(clip(d.get('link'), link_limit)) or ng}",
        f"*{t(lang, 'uhka.f.sender')}:* {escape(clip(sender.get('name'), 200)) or ng}",
        f"*{t(lang, 'uhka.f.sender_link')}:* {escape(clip(sender.get('link'), link_limit)) or ng}",
        f"*{t(lang, 'uhka.f.posted_at')}:* {fmt_iso(lang, posted, tz) if posted else ng}",
        f"*{t(lang, 'uhka.f.target')}:* {escape(clip(d.get('target'), 300)) or ng}",
        f"*{t(lang, 'uhka.f.reporter')}:* {mention(snap.reporter, lang)}, {fmt_time(lang, snap.created_at, tz)}",
    ]
    return lines


def files_line(lang: str, snap: Snapshot, *, hashes: bool = False) -> str | None:
    files = snap.files or []
    if not files:
        return None
    parts = []
    lost = {e["data"].get("evidence_id") for e in snap.events or [] if e["type"] == "evidence_not_saved"}
    for f in files[:10]:
        name = escape(clip(f["name"], 80))
        if f.get("sha256"):
            parts.append(f"{name} (SHA-256 `{f['sha256'] if hashes else f['sha256'][:12] + '…'}`)")
        elif f["id"] in lost:
            parts.append(f"{name} ({t(lang, 'uhka.file.not_saved')})")
        else:
            parts.append(f"{name} ({t(lang, 'uhka.file.pending')})")
    return f"*{t(lang, 'uhka.f.files', n=len(files))}:* " + "; ".join(parts)


def event_line(lang: str, snap: Snapshot, ev: dict) -> str:
    tz = snap.timezone
    data = ev.get("data") or {}
    actor = mention(ev["actor"], lang)
    kind = ev["type"]
    levels = snap.levels or []
    if kind == "escalated":
        level = data.get("level") or 0
        if data.get("reason") == "all_levels_now":
            who = [x for lv in levels for x in lv["targets"]]
            what = t(lang, "uhka.ev.all_levels_now", who=targets_text(lang, who))
        else:
            who = levels[level]["targets"] if level < len(levels) else []
            what = t(lang, "uhka.ev.escalated", who=targets_text(lang, who))
    elif kind == "forwarded":
        what = t(lang, "uhka.ev.forwarded", actor=actor, to=mention(data.get("to"), lang))
    elif kind == "police_report":
        what = t(
            lang,
            "uhka.ev.police_report",
            actor=actor,
            number=escape(clip(data.get("number"), 64)),
            date=fmt_date(lang, data.get("date")),
        )
    elif kind == "delivery_failed":
        what = t(lang, "uhka.ev.delivery_failed", to=mention(data.get("to"), lang))
    elif kind == "evidence_not_saved":
        what = t(lang, "uhka.ev.evidence_not_saved", name=escape(clip(data.get("name"), 100)))
    elif kind in ("created", "acknowledged", "resolved", "unacknowledged", "no_targets"):
        what = t(lang, f"uhka.ev.{kind}", actor=actor)
    else:
        what = escape(kind)
    return f"{fmt_time(lang, ev['at'], tz)} – {what}"


def timeline_lines(lang: str, snap: Snapshot, limit: int | None = TIMELINE_SHORT) -> list[str]:
    events = snap.events or []
    shown = events if limit is None or len(events) <= limit else events[-limit:]
    lines = [f"• {event_line(lang, snap, ev)}" for ev in shown]
    if len(shown) < len(events):
        lines.insert(0, t(lang, "uhka.timeline.earlier", n=len(events) - len(shown)))
    return lines


def _police_lines(lang: str, snap: Snapshot) -> list[str]:
    return [
        t(
            lang,
            "uhka.police.line",
            number=escape(clip(e["data"].get("number"), 64)),
            date=fmt_date(lang, e["data"].get("date")),
            actor=mention(e["actor"], lang),
        )
        for e in snap.events or []
        if e["type"] == "police_report"
    ]


def responder_buttons(lang: str, snap: Snapshot, *, with_forward: bool = True, may_respond: bool = True) -> dict | None:
    """`may_respond` False (a supervisor the reporter chose, not the directory): only the police
    report, the one thing they may do besides seeing it (escalation.threats.can_respond)."""
    ref, status = snap.ref, snap.status
    buttons = []
    if not may_respond:
        buttons.append(
            {
                "type": "button",
                "action_id": ids.POLICE,
                "value": ref,
                "text": {"type": "plain_text", "text": t(lang, "uhka.btn.police")},
            }
        )
        return {"type": "actions", "block_id": f"uhka_actions:{ref}", "elements": buttons}
    if status == "open":
        buttons.append(
            {
                "type": "button",
                "action_id": ids.ACK,
                "value": ref,
                "style": "primary",
                "text": {"type": "plain_text", "text": t(lang, "uhka.btn.ack")},
            }
        )
    chief = snap.details.get("safety_chief")
    if with_forward and status != "resolved" and chief and chief not in snap.notified:
        buttons.append(
            {
                "type": "button",
                "action_id": ids.FORWARD,
                "value": ref,
                "text": {"type": "plain_text", "text": t(lang, "uhka.btn.forward")},
            }
        )
    buttons.append(
        {
            "type": "button",
            "action_id": ids.POLICE,
            "value": ref,
            "text": {"type": "plain_text", "text": t(lang, "uhka.btn.police")},
        }
    )
    if status != "resolved":
        buttons.append(
            {
                "type": "button",
                "action_id": ids.RESOLVE,
                "value": ref,
                "text": {"type": "plain_text", "text": t(lang, "uhka.btn.resolve")},
            }
        )
    return {"type": "actions", "block_id": f"uhka_actions:{ref}", "elements": buttons}


def _cap(blocks: list[dict]) -> list[dict]:
    """Never more blocks than Slack takes: keep the first ones and the last (actions/footer)."""
    if len(blocks) <= MESSAGE_BLOCKS_MAX:
        return blocks
    return blocks[: MESSAGE_BLOCKS_MAX - 3] + blocks[-3:]


# -- messages ------------------------------------------------------------------------


def responder_message(lang: str, snap: Snapshot, *, role: str | None = None, forwarded_by: str | None = None) -> dict:
    """The DM to the supervisor / safety chief: summary, evidence, state, timeline and buttons."""
    ref = snap.ref
    d = snap.details
    danger = snap.severity == "danger"
    blocks = [header(t(lang, "uhka.notify.header_danger" if danger else "uhka.notify.header", ref=ref))]
    if danger:
        blocks.append(section(t(lang, "uhka.notify.danger")))
    if forwarded_by:
        why = t(lang, "uhka.notify.why_forwarded", who=mention(forwarded_by, lang))
    else:
        why = t(lang, "uhka.notify.why", role=role_name(lang, role))
    blocks.append(section(t(lang, "uhka.notify.intro", reporter=mention(snap.reporter, lang), why=why)))
    blocks.append(section(f"*{t(lang, 'uhka.f.status')}:* {status_line(lang, snap)}"))
    if snap.status == "resolved" and snap.resolution:
        blocks.extend(quote_blocks(clip(snap.resolution, 1000)))
    blocks.append(section(f"*{t(lang, 'uhka.f.text')}:*"))
    blocks.extend(quote_blocks(d.get("text")))
    extra = [ln for ln in [files_line(lang, snap)] if ln] + _police_lines(lang, snap)
    blocks.extend(packed(evidence_lines(lang, snap) + extra))
    blocks.append(context(t(lang, "uhka.f.timeline")))
    blocks.extend(packed(timeline_lines(lang, snap)))
    chosen_only = role == threats.CHOSEN
    if chosen_only:
        blocks.append(context(t(lang, "uhka.notify.chosen_only")))
    blocks.append(responder_buttons(lang, snap, may_respond=not chosen_only))
    footer = "uhka.notify.footer" if snap.status == "open" else "uhka.notify.footer_done"
    blocks.append(context(t(lang, footer, ref=ref)))
    key = "uhka.notify.text_danger" if danger else "uhka.notify.text"
    return {"text": t(lang, key, ref=ref), "blocks": _cap(blocks)}


def reminder_message(lang: str, snap: Snapshot, *, role: str | None = None) -> dict:
    ref = snap.ref
    tz = snap.timezone
    levels = snap.levels or []
    now_told = levels[snap.level]["targets"] if snap.level < len(levels) else []
    if snap.status == "open":
        blocks = [
            section(
                t(
                    lang,
                    "uhka.reminder.body",
                    ref=ref,
                    since=fmt_time(lang, snap.created_at, tz),
                    who=targets_text(lang, now_told),
                )
            )
        ]
    else:  # the reminder is kept up to date: once someone acts, it stops calling for action
        blocks = [section(t(lang, "uhka.reminder.handled", ref=ref, since=fmt_time(lang, snap.created_at, tz)))]
    blocks.append(section(f"*{t(lang, 'uhka.f.status')}:* {status_line(lang, snap)}"))
    if snap.status == "open":
        blocks.append(responder_buttons(lang, snap, may_respond=role != threats.CHOSEN))
    blocks.append(context(t(lang, "uhka.status_hint", ref=ref)))
    return {"text": t(lang, "uhka.reminder.text", ref=ref), "blocks": blocks}


def notified_targets(snap: Snapshot) -> list[dict]:
    """Everyone told so far, with the role they were told as: the levels reached, then anyone the
    report was forwarded to (the safety chief), once each."""
    levels = snap.levels or []
    out = [x for lv in levels[: snap.level + 1] for x in lv["targets"]]
    seen = {x["id"] for x in out}
    for ev in snap.events or []:
        to = ev["data"].get("to") if ev["type"] == "forwarded" else None
        if to and to not in seen:
            seen.add(to)
            out.append({"kind": "user", "id": to, "role": ev["data"].get("role")})
    return out


def confirmation_message(lang: str, snap: Snapshot, data: dict) -> dict:
    """The reporter's confirmation: id, the guideline's sentence verbatim, the steps, who knows."""
    ref = snap.ref
    d = snap.details
    danger = snap.severity == "danger"
    missing = data.get("missing_roles") or d.get("missing_roles") or []
    told = notified_targets(snap)
    has_supervisor = any(x.get("role") == "supervisor" for x in told)
    blocks = []
    if danger:
        blocks.append(section(t(lang, "uhka.confirm.call112")))
    blocks.append(header(t(lang, "uhka.confirm.header", ref=ref)))
    blocks.append(section(t(lang, "uhka.confirm.stored", ref=ref)))
    quote = "\n".join("> " + escape(line) for line in guideline_passage().splitlines())
    blocks.append(section(f"{guideline_label(lang)}\n{quote}"))
    steps = []
    if danger:
        steps.append(t(lang, "uhka.step.112"))
    steps += [t(lang, "uhka.step.dont_answer"), t(lang, "uhka.step.save"), t(lang, "uhka.step.platform")]
    steps.append(t(lang, "uhka.step.supervisor" if has_supervisor else "uhka.step.responsible"))
    blocks.append(
        section(f"*{t(lang, 'uhka.confirm.steps')}*\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1)))
    )
    if told:
        blocks.append(section(t(lang, "uhka.confirm.told", who=targets_text(lang, told))))
    else:
        blocks.append(section(t(lang, "uhka.confirm.nobody")))
    for role in missing:
        key = f"uhka.missing.{role}"
        blocks.append(section(t(lang, key) if has(key) else t(lang, "uhka.missing.other", role=escape(role))))
    n_files = len(snap.files or [])
    kept = t(lang, "uhka.confirm.kept_files", n=n_files) if n_files else t(lang, "uhka.confirm.kept")
    blocks.append(context(kept + " " + t(lang, "uhka.status_hint", ref=ref)))
    text = t(lang, "uhka.confirm.text_danger" if danger else "uhka.confirm.text", ref=ref)
    return {"text": text, "blocks": blocks}


def reporter_update_message(lang: str, snap: Snapshot, data: dict) -> dict:
    """What happened to the reporter's report since: acknowledged, forwarded, police report, closed."""
    ref = snap.ref
    event = data.get("event")
    actor = mention(data.get("actor"), lang)
    if event == "forwarded":
        body = t(lang, "uhka.reporter.forwarded", ref=ref, to=mention(data.get("to"), lang))
    elif event == "police_report":
        body = t(
            lang,
            "uhka.reporter.police_report",
            ref=ref,
            number=escape(clip(data.get("number"), 64)),
            date=fmt_date(lang, data.get("date")),
            actor=actor,
        )
    elif event == "resolved":
        body = t(lang, "uhka.reporter.resolved", ref=ref, actor=actor)
    elif event == "acknowledged":
        body = t(lang, "uhka.reporter.acknowledged", ref=ref, actor=actor)
    elif event == "evidence_not_saved":
        body = t(lang, "uhka.reporter.evidence_not_saved", ref=ref, name=escape(clip(data.get("name"), 100)))
    else:
        body = t(lang, "uhka.reporter.other", ref=ref)
    blocks = [section(body)]
    if event == "resolved" and data.get("note"):
        blocks.extend(quote_blocks(clip(data["note"], 1000)))
    blocks.append(context(t(lang, "uhka.status_hint", ref=ref)))
    return {"text": body, "blocks": blocks}


def admin_message(lang: str, snap: Snapshot, data: dict) -> dict:
    ref = snap.ref
    reason = data.get("reason")
    if reason == "missing_roles":
        roles = ", ".join(role_name(lang, r) for r in data.get("missing") or []) or t(lang, "uhka.nobody")
        told = notified_targets(snap)
        body = t(
            lang,
            "uhka.admin.missing_roles",
            ref=ref,
            reporter=mention(snap.reporter, lang),
            roles=roles,
            who=targets_text(lang, told) if told else t(lang, "uhka.nobody"),
        )
        blocks = [section(body), context(t(lang, "uhka.admin.missing_fix"))]
    elif reason == "unacknowledged":
        tz = snap.timezone
        body = t(
            lang,
            "uhka.admin.unacknowledged",
            ref=ref,
            since=fmt_time(lang, snap.created_at, tz),
            who=targets_text(lang, notified_targets(snap)),
        )
        blocks = [section(body), section(f"*{t(lang, 'uhka.f.status')}:* {status_line(lang, snap)}")]
        if snap.status == "open":
            blocks.append(responder_buttons(lang, snap))
    elif reason == "evidence_not_saved":
        blocks = [
            section(
                t(
                    lang,
                    "uhka.admin.evidence_not_saved",
                    ref=ref,
                    name=escape(clip(data.get("name"), 100)),
                    error=escape(str(data.get("error") or "")),
                )
            )
        ]
    else:
        blocks = [section(t(lang, "uhka.admin.other", ref=ref, reason=escape(str(reason))))]
    blocks.append(context(t(lang, "uhka.status_hint", ref=ref)))
    return {"text": t(lang, "uhka.admin.text", ref=ref), "blocks": blocks}


def delivery_failed_message(lang: str, snap: Snapshot, data: dict, *, to_reporter: bool) -> dict:
    ref = snap.ref
    who = (
        mention(data.get("failed_target"), lang)
        if data.get("failed_kind") == "user"
        else escape(str(data.get("failed_target")))
    )
    key = "uhka.failed.reporter" if to_reporter else "uhka.failed.admin"
    blocks = [
        section(t(lang, key, ref=ref, who=who, error=escape(str(data.get("error") or "")))),
        context(t(lang, "uhka.status_hint", ref=ref)),
    ]
    return {"text": t(lang, "uhka.failed.text", ref=ref), "blocks": blocks}


def status_message(lang: str, snap: Snapshot) -> dict:
    """`/uhka tila UHKA-…`: the whole record for someone allowed to see it (ephemeral)."""
    ref = snap.ref
    danger = snap.severity == "danger"
    blocks = [
        header(t(lang, "uhka.notify.header_danger" if danger else "uhka.notify.header", ref=ref)),
        section(f"*{t(lang, 'uhka.f.status')}:* {status_line(lang, snap)}"),
    ]
    if snap.status == "resolved" and snap.resolution:
        blocks.extend(quote_blocks(clip(snap.resolution, 1000)))
    blocks.append(section(f"*{t(lang, 'uhka.f.text')}:*"))
    blocks.extend(quote_blocks(snap.details.get("text")))
    extra = [ln for ln in [files_line(lang, snap, hashes=True)] if ln] + _police_lines(lang, snap)
    told = notified_targets(snap)
    extra.append(f"*{t(lang, 'uhka.f.notified')}:* {targets_text(lang, told)}")
    blocks.extend(packed(evidence_lines(lang, snap, link_limit=1000) + extra))
    blocks.append(context(t(lang, "uhka.f.timeline")))
    blocks.extend(packed(timeline_lines(lang, snap, limit=30)))
    blocks.append(context(t(lang, "uhka.tila.footer")))
    return {"text": t(lang, "uhka.tila.text", ref=ref), "blocks": _cap(blocks)}


def list_message(lang: str, lists: dict) -> dict:
    """`/uhka omat`: the user's open reports and the open ones waiting on them."""

    def line(snap: Snapshot) -> str:
        tz = snap.timezone
        state = t(lang, f"uhka.state.{snap.status}")
        danger = " 🚨" if snap.severity == "danger" else ""
        return (
            f"• *{snap.ref}*{danger} – {state} – {fmt_time(lang, snap.created_at, tz)} – "
            f"{platform_text(lang, snap.details.get('platform'))}"
        )

    own, assigned = lists.get("own") or [], lists.get("assigned") or []
    blocks = []
    if own:
        blocks.extend(packed([f"*{t(lang, 'uhka.omat.own', n=len(own))}*"] + [line(s) for s in own]))
    else:
        blocks.append(section(t(lang, "uhka.omat.none")))
    if assigned:
        blocks.extend(
            packed(
                [f"*{t(lang, 'uhka.omat.assigned', n=len(assigned))}*"]
                + [line(s) + f" – {mention(s.reporter, lang)}" for s in assigned]
            )
        )
    blocks.append(context(t(lang, "uhka.omat.footer")))
    return {"text": t(lang, "uhka.omat.text"), "blocks": blocks}


def usage_message(lang: str) -> dict:
    return {"text": t(lang, "uhka.usage"), "blocks": [section(t(lang, "uhka.usage"))]}


def ask_message(lang: str, text: str) -> dict:
    """A short /uhka text that is no subcommand: ask what was meant instead of opening a report."""
    body = t(lang, "uhka.ask.body", words=escape(clip(text, 200)))
    actions = {
        "type": "actions",
        "block_id": "uhka_ask",
        "elements": [
            {
                "type": "button",
                "action_id": ids.ASK_REPORT,
                "value": text[:2000],
                "style": "primary",
                "text": {"type": "plain_text", "text": t(lang, "uhka.btn.ask_report")},
            },
            {
                "type": "button",
                "action_id": ids.ASK_OWN,
                "value": "own",
                "text": {"type": "plain_text", "text": t(lang, "uhka.btn.ask_own")},
            },
        ],
    }
    return {"text": t(lang, "uhka.ask.text"), "blocks": [section(body), actions, context(t(lang, "uhka.ask.hint"))]}


def open_all_message(lang: str, snaps: list[Snapshot]) -> dict:
    """`/uhka avoimet` (admins): every open threat report, with its state, reporter and who has it."""
    if not snaps:
        return {"text": t(lang, "uhka.avoimet.none"), "blocks": [section(t(lang, "uhka.avoimet.none"))]}
    lines = [f"*{t(lang, 'uhka.avoimet.title', n=len(snaps))}*"]
    for snap in snaps:
        state = t(lang, f"uhka.state.{snap.status}")
        danger = " 🚨" if snap.severity == "danger" else ""
        owner = f" – {mention(snap.owner, lang)}" if snap.owner else ""
        lines.append(
            f"• *{snap.ref}*{danger} – {state}{owner} – {fmt_time(lang, snap.created_at, snap.timezone)}"
            f" – {t(lang, 'uhka.avoimet.reporter', who=mention(snap.reporter, lang))}"
        )
    return {
        "text": t(lang, "uhka.avoimet.title", n=len(snaps)),
        "blocks": [*packed(lines), context(t(lang, "uhka.avoimet.footer"))],
    }
