"""Block Kit for the /kohu flow's messages: pure functions of a Snapshot (escalation/controversies.py)
and a language, so every builder is unit-testable.

User text is always passed through `escape()`/`quote()`: it can never mention @channel,
ping anyone or forge a link. The guideline's own words are quoted verbatim from knowledge/
(Finnish also in the Swedish interface, labelled as the Finnish original).
"""

from __future__ import annotations

from datetime import datetime

from escalation import controversies as kohu
from escalation.controversies import Snapshot, Update
from escalation.models import ACKNOWLEDGED, OPEN, RESOLVED
from escalation.vocabulary import Severity
from handlers.blockkit import clip, context, section, user_mention
from handlers.common import escape, quote
from handlers.kohu import ids
from knowledge import get_guideline
from texts import t
from texts.format import fmt_clock, fmt_day, number, platform_name

# The guideline's advice to whoever raises an alert ("Jos huomaat tehneesi virheen ...",
# "Päivittäjänä edustat ..."); if knowledge/ renames them, every controversy passage is quoted.
ADVICE_PASSAGES = ("somekohu-2", "somekohu-3")
TEXT_MAX = 2800  # a section's text is limited to 3000 characters


# -- small pieces -------------------------------------------------------------------------


def _target(kind: str, ident: str) -> str:
    return {"user": f"<@{ident}>", "channel": f"<#{ident}>", "usergroup": f"<!subteam^{ident}>"}.get(kind, ident)


def _button(lang: str, action_id: str, key: str, ref: str, style: str | None = None) -> dict:
    b = {
        "type": "button",
        "action_id": action_id,
        "value": ref,
        "text": {"type": "plain_text", "text": t(lang, key), "emoji": True},
    }
    if style:
        b["style"] = style
    return b


def _labelled_quote(label: str, text: str, limit: int = TEXT_MAX) -> dict:
    return section(f"*{label}*\n{quote(clip(text, limit))}")


def severity_text(lang: str, snap: Snapshot) -> str:
    text = t(lang, f"kohu.severity.{snap.severity if snap.severity == Severity.HIGH else 'normal'}")
    reasons = kohu.high_reasons(snap.details) if snap.severity == Severity.HIGH else []
    if reasons:
        text += " (" + ", ".join(t(lang, f"kohu.reason.{r}") for r in reasons) + ")"
    return text


def state_text(lang: str, snap: Snapshot) -> str:
    if snap.status == RESOLVED:
        return t(
            lang,
            "kohu.state.resolved",
            who=user_mention(snap.resolved_by),
            time=fmt_clock(snap.resolved_at, snap.timezone),
        )
    if snap.status == ACKNOWLEDGED:
        return t(
            lang,
            "kohu.state.acknowledged",
            owner=user_mention(snap.owner),
            time=fmt_clock(snap.acknowledged_at, snap.timezone),
        )
    return t(lang, "kohu.state.open")


def _answer(lang: str, value) -> str:
    if value is True:
        return t(lang, "kohu.answer.yes")
    if value is False:
        return t(lang, "kohu.answer.no")
    if value in ("yes", "no", "unsure"):
        return t(lang, f"kohu.answer.{value}")
    return t(lang, "kohu.answer.none")


def _count(value) -> str:
    return number(value) if isinstance(value, int) else "?"


def _platform(lang: str, details: dict) -> str:
    parts = []
    if details.get("platform"):
        parts.append(platform_name(lang, details["platform"]))
    if details.get("account"):
        parts.append(escape(clip(details["account"], kohu.ACCOUNT_MAX)))
    return " · ".join(parts) or "–"


def _links(details: dict) -> str:
    # Validated http(s) links, shown as inert text (Slack links a bare URL by itself);
    # never wrapped in <...|...>, so a link cannot carry a forged label.
    return "\n".join(f"• {escape(url)}" for url in details.get("links") or [])


def _field(label: str, value: str) -> dict:
    return {"type": "mrkdwn", "text": clip(f"*{label}*\n{value}", 2000)}


# -- the alert ----------------------------------------------------------------------------


def alert_message(lang: str, snap: Snapshot, *, in_channel: bool = True, escalated: bool = False) -> dict:
    """The alert to mavi (channel) or, after an escalation, to a person: state, details, buttons."""
    mention = f"<!subteam^{snap.mavi_group}> " if in_channel and snap.mavi_group else ""
    if escalated and not in_channel:
        intro = t(lang, "kohu.alert.escalated")
    else:
        intro = t(lang, "kohu.alert.intro" if snap.status == OPEN else "kohu.alert.intro.taken")
    reporters = user_mention(snap.reporter)
    fields = [
        _field(t(lang, "kohu.label.severity"), severity_text(lang, snap)),
        _field(t(lang, "kohu.label.state"), state_text(lang, snap)),
        _field(t(lang, "kohu.label.reporter"), reporters),
        _field(t(lang, "kohu.label.platform"), _platform(lang, snap.details)),
        _field(
            t(lang, "kohu.label.scale"),
            t(
                lang,
                "kohu.scale.value",
                comments=_count(snap.details.get("comments")),
                shares=_count(snap.details.get("shares")),
            ),
        ),
        _field(t(lang, "kohu.label.media"), _answer(lang, snap.details.get("media"))),
        _field(t(lang, "kohu.label.own_mistake"), _answer(lang, snap.details.get("own_mistake"))),
    ]
    if snap.co_reporters:
        fields.append(
            _field(t(lang, "kohu.label.also_reported"), ", ".join(user_mention(u) for u in snap.co_reporters))
        )
    blocks: list[dict] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": t(lang, "kohu.alert.header", ref=snap.ref), "emoji": True},
        },
        section(mention + intro),
        {"type": "section", "fields": fields},
        _labelled_quote(t(lang, "kohu.label.what"), snap.what),
    ]
    if snap.details.get("links"):
        blocks.append(section(f"*{t(lang, 'kohu.label.links')}*\n{_links(snap.details)}"))
    if snap.details.get("done"):
        blocks.append(_labelled_quote(t(lang, "kohu.label.done"), snap.details["done"], 1500))
    if snap.status == RESOLVED and snap.resolution:
        blocks.append(_labelled_quote(t(lang, "kohu.label.summary"), snap.resolution, 1500))
    facts = [
        t(
            lang,
            "kohu.reported_at",
            date=fmt_day(snap.created_at, snap.timezone),
            time=fmt_clock(snap.created_at, snap.timezone),
        )
    ]
    shown = [u for u in snap.updates if u.type in ("update", "duplicate_report")]
    if shown:
        key = "kohu.updates.one" if len(shown) == 1 else "kohu.updates"
        facts.append(t(lang, key, n=len(shown), time=fmt_clock(shown[-1].at, snap.timezone)))
    blocks.append(context(" · ".join(facts)))
    if snap.status != RESOLVED:
        actions = []
        if snap.status == OPEN:
            actions.append(_button(lang, ids.CLAIM, "kohu.btn.claim", snap.ref, "primary"))
        actions.append(_button(lang, ids.UPDATE, "kohu.btn.update", snap.ref))
        actions.append(_button(lang, ids.RESOLVE, "kohu.btn.resolve", snap.ref))
        blocks.append({"type": "actions", "block_id": f"kohu_actions:{snap.ref}", "elements": actions})
    sev = t(lang, f"kohu.severity.{'high' if snap.severity == Severity.HIGH else 'normal'}.plain")
    text = mention + t(lang, "kohu.alert.text", ref=snap.ref, severity=sev, what=escape(clip(snap.what, 200)))
    return {"text": text, "blocks": blocks}


def reminder_message(lang: str, snap: Snapshot, *, minutes: int, also: list[str], in_channel: bool = True) -> dict:
    """The earlier level is reminded when the alert escalates; refreshed, so its button goes once claimed."""
    mention = f"<!subteam^{snap.mavi_group}> " if in_channel and snap.mavi_group else ""
    body = mention + t(lang, "kohu.reminder", ref=snap.ref, minutes=minutes, who=", ".join(also) or "–")
    blocks: list[dict] = [section(body), _labelled_quote(t(lang, "kohu.label.what"), snap.what, 500)]
    if snap.status == OPEN:
        blocks.append(
            {
                "type": "actions",
                "block_id": f"kohu_reminder:{snap.ref}",
                "elements": [_button(lang, ids.CLAIM, "kohu.btn.claim", snap.ref, "primary")],
            }
        )
    return {"text": mention + t(lang, "kohu.reminder.text", ref=snap.ref), "blocks": blocks}


# -- the alert's thread ---------------------------------------------------------------------


def thread_message(lang: str, snap: Snapshot, update: Update) -> dict:
    """One situation update (or a repeated report, or the resolution) in the alert's thread."""
    key = {
        "update": "kohu.thread.update",
        "duplicate_report": "kohu.thread.duplicate_report",
        "resolved": "kohu.thread.resolved",
    }.get(update.type, "kohu.thread.update")
    head = t(lang, key, who=user_mention(update.actor), time=fmt_clock(update.at, snap.timezone))
    blocks = [section(f"*{head}*\n{quote(clip(update.text, TEXT_MAX))}")]
    if update.links:
        blocks.append(section("\n".join(f"• {escape(u)}" for u in update.links)))
    if update.media:
        blocks.append(context(t(lang, "kohu.thread.media")))
    return {"text": f"{head}: {escape(clip(update.text, 200))}", "blocks": blocks}


# -- the reporter ---------------------------------------------------------------------------


def guideline_blocks(lang: str) -> list[dict]:
    """The guideline's advice on controversies, verbatim, labelled with its source."""
    g = get_guideline()
    passages = [p for p in g.passages if p.topic == "controversy"]
    advice = [p for p in passages if p.id in ADVICE_PASSAGES] or passages
    quotes = "\n".join(f">{p.text}" for p in advice)  # the guideline's own words, never user text
    return [
        section(f"{t(lang, 'kohu.reporter.guideline')}\n{quotes}"),
        context(t(lang, "kohu.reporter.source", title=g.title, owner=g.owner, year=g.year)),
    ]


def reporter_message(lang: str, snap: Snapshot, event: str, data: dict, *, may_update: bool = True) -> dict:
    """What the reporter hears: created (with the guideline), claimed, updates, resolved."""
    actor = data.get("actor")
    update_button = {
        "type": "actions",
        "block_id": f"kohu_reporter:{snap.ref}",
        "elements": [_button(lang, ids.UPDATE, "kohu.btn.update", snap.ref)],
    }
    blocks: list[dict]
    if event == "created":
        blocks = [section(t(lang, "kohu.reporter.created", ref=snap.ref))]
        if snap.severity == Severity.HIGH:
            reasons = ", ".join(t(lang, f"kohu.reason.{r}") for r in kohu.high_reasons(snap.details))
            blocks.append(section(t(lang, "kohu.reporter.high", reasons=reasons or "–")))
        missing = data.get("missing_roles") or []
        if missing:
            blocks.append(section(t(lang, "kohu.reporter.missing", roles=_roles(lang, missing))))
        blocks += guideline_blocks(lang)
        blocks.append(section(t(lang, "kohu.reporter.created.next")))
    elif event == "acknowledged":
        blocks = [section(t(lang, "kohu.reporter.acknowledged", owner=user_mention(actor), ref=snap.ref))]
    elif event in ("update", "duplicate_report"):
        head = t(lang, f"kohu.reporter.{event}", ref=snap.ref, who=user_mention(actor))
        blocks = [section(f"{head}\n{quote(clip(data.get('text') or '', TEXT_MAX))}")]
        if data.get("media"):
            blocks.append(context(t(lang, "kohu.thread.media")))
    elif event == "resolved":
        blocks = [section(t(lang, "kohu.reporter.resolved", ref=snap.ref, who=user_mention(actor)))]
        if data.get("note"):
            blocks.append(_labelled_quote(t(lang, "kohu.label.summary"), data["note"], 1500))
    else:
        blocks = [section(t(lang, "kohu.reporter.other", ref=snap.ref))]
    if may_update and event != "resolved" and snap.status != RESOLVED:
        blocks.append(update_button)
    text = _strip_stars(blocks[0]["text"]["text"]).split("\n")[0]
    return {"text": text, "blocks": blocks}


def duplicate_message(lang: str, snap: Snapshot, *, may_update: bool = True) -> dict:
    """To whoever reported a link that an open alert already has."""
    blocks = [
        section(t(lang, "kohu.duplicate", ref=snap.ref)),
        context(t(lang, "kohu.duplicate.state", state=state_text(lang, snap))),
        *([] if may_update else [section(t(lang, "kohu.duplicate.thanks"))]),
        *guideline_blocks(lang),
    ]
    if may_update and snap.status != RESOLVED:
        blocks.append(
            {
                "type": "actions",
                "block_id": f"kohu_duplicate:{snap.ref}",
                "elements": [_button(lang, ids.UPDATE, "kohu.btn.update", snap.ref)],
            }
        )
    return {"text": _strip_stars(t(lang, "kohu.duplicate", ref=snap.ref)), "blocks": blocks}


def _strip_stars(text: str) -> str:
    return text.replace("*", "")


def _roles(lang: str, roles: list[str]) -> str:
    names = []
    for r in roles:
        key = f"kohu.role.{r}"
        names.append(t(lang, key) if r in ("mavi_channel", "mavi_group", "comms_manager") else escape(r))
    return ", ".join(names)


# -- admins and failures ------------------------------------------------------------------------


def admin_message(lang: str, snap: Snapshot, data: dict) -> dict:
    reason = data.get("reason")
    if reason == "unacknowledged":
        text = t(lang, "kohu.admin.unacknowledged", ref=snap.ref)
    elif reason == "missing_roles":
        text = t(lang, "kohu.admin.missing_roles", ref=snap.ref, roles=_roles(lang, data.get("missing") or []) or "–")
    else:
        text = t(lang, "kohu.admin.other", ref=snap.ref, reason=escape(str(reason)))
    return {
        "text": _strip_stars(text),
        "blocks": [section(text), _labelled_quote(t(lang, "kohu.label.what"), snap.what, 500)],
    }


def delivery_failed_message(lang: str, snap: Snapshot, data: dict) -> dict:
    target = _target(data.get("failed_kind") or "", data.get("failed_target") or "?")
    text = t(lang, "kohu.delivery_failed", ref=snap.ref, target=target, error=escape(str(data.get("error"))))
    return {"text": _strip_stars(text), "blocks": [section(text)]}


# -- /kohu lista ----------------------------------------------------------------------------------

LIST_MAX = 20


def age_text(lang: str, since: datetime, now: datetime) -> str:
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return t(lang, "kohu.age.min", m=minutes)
    hours, m = divmod(minutes, 60)
    if hours < 24:
        return t(lang, "kohu.age.h", h=hours, m=m)
    days, h = divmod(hours, 24)
    return t(lang, "kohu.age.d", d=days, h=h)


def list_message(lang: str, snaps: list[Snapshot], now: datetime, *, own_only: bool = False) -> dict:
    """Open controversies with severity, owner and age (ephemeral); `own_only`: the user's own."""
    title = t(lang, "kohu.list.title", n=len(snaps))
    hint = [context(t(lang, "kohu.list.own_only"))] if own_only else []
    if not snaps:
        return {
            "text": t(lang, "kohu.list.empty"),
            "blocks": [section(t(lang, "kohu.list.empty")), *hint, context(t(lang, "kohu.list.hint"))],
        }
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": title, "emoji": True}}]
    lines = []
    for snap in snaps[:LIST_MAX]:
        owner = (
            t(lang, "kohu.list.owner", owner=user_mention(snap.owner)) if snap.owner else t(lang, "kohu.list.no_owner")
        )
        line = t(
            lang,
            "kohu.list.item",
            ref=snap.ref,
            severity=severity_text(lang, snap),
            state=owner,
            age=age_text(lang, snap.created_at, now),
        )
        lines.append(_strip_stars(line))
        blocks.append(section(f"{line}\n{quote(clip(snap.what, 300))}"))
    if len(snaps) > LIST_MAX:
        blocks.append(context(t(lang, "kohu.list.more", n=len(snaps) - LIST_MAX)))
    blocks.extend(hint)
    blocks.append(context(t(lang, "kohu.list.hint")))
    return {"text": clip(title + "\n" + "\n".join(lines), 3000), "blocks": blocks}
