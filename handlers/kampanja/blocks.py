"""Block Kit for the /kampanja flow's messages: pure functions of a Snapshot (escalation/campaigns.py)."""

from __future__ import annotations

from datetime import date

from escalation.campaigns import Snapshot, results_due_at
from escalation.models import RESOLVED
from handlers.blockkit import context, header, section, user_mention
from handlers.common import escape, quote
from handlers.guideline import guideline_blocks
from handlers.kampanja import ids
from texts import t
from texts.format import fmt_day, platform_name

RESULTS_PASSAGES = ("seuranta-ja-mittaaminen-1",)


def _day(d: date) -> str:
    return f"{d.day}.{d.month}.{d.year}"


def _button(lang: str, action_id: str, key: str, ref: str, style: str | None = "primary") -> dict:
    b = {"type": "button", "action_id": action_id, "value": ref, "text": {"type": "plain_text", "text": t(lang, key)}}
    if style:
        b["style"] = style
    return b


def _field(label: str, value: str) -> dict:
    return {"type": "mrkdwn", "text": f"*{label}:*\n{value}"}


def channels_text(lang: str, snap: Snapshot) -> str:
    return ", ".join(platform_name(lang, c) or c for c in snap.channels)


def results_text(lang: str, snap: Snapshot) -> str:
    r = snap.results or {}
    lines = [t(lang, "kampanja.results.shared", who=user_mention(r.get("by")))]
    if r.get("link"):
        lines.append(t(lang, "kampanja.results.link", link=escape(r["link"])))
    if r.get("figures"):
        lines.append(quote(r["figures"]))
    return "\n".join(lines)


def notice_message(lang: str, snap: Snapshot) -> dict:
    """The notice in mavi's channel, kept up to date (seen by, results)."""
    dates = t(lang, "mavi.date_range", start=_day(snap.start), end=_day(snap.end))
    blocks = [
        header(t(lang, "kampanja.notice.header", ref=snap.ref)),
        {
            "type": "section",
            "fields": [
                _field(t(lang, "kampanja.label.unit"), escape(snap.unit)),
                _field(t(lang, "kampanja.label.channels"), channels_text(lang, snap)),
                _field(t(lang, "kampanja.label.dates"), dates),
                _field(t(lang, "kampanja.label.budget"), escape(snap.budget)),
                _field(t(lang, "kampanja.label.decided_by"), user_mention(snap.decided_by)),
                _field(t(lang, "kampanja.label.reporter"), user_mention(snap.reporter)),
            ],
        },
        section(f"*{t(lang, 'kampanja.label.audience')}:*\n{quote(snap.audience)}"),
        context(
            t(lang, "kampanja.seen_by", who=", ".join(user_mention(u) for u in snap.seen_by))
            if snap.seen_by
            else t(lang, "kampanja.not_seen")
        ),
    ]
    if snap.status == RESOLVED and snap.results:
        blocks.append(section(results_text(lang, snap)))
    else:
        blocks.append(
            context(
                t(
                    lang,
                    "kampanja.results.waiting",
                    date=fmt_day(results_due_at(snap.end, snap.timezone), snap.timezone),
                )
            )
        )
        blocks.append({"type": "actions", "elements": [_button(lang, ids.SEEN, "kampanja.button.seen", snap.ref)]})
    text = t(lang, "kampanja.notice.text", ref=snap.ref, unit=snap.unit, start=_day(snap.start), end=_day(snap.end))
    return {"text": text, "blocks": blocks}


def reporter_message(lang: str, snap: Snapshot, event: str, data: dict) -> dict:
    if event == "created":
        text = t(
            lang,
            "kampanja.reporter.created",
            ref=snap.ref,
            date=fmt_day(results_due_at(snap.end, snap.timezone), snap.timezone),
        )
        return {"text": text.replace("*", ""), "blocks": [section(text), *guideline_blocks(lang, "kanavat-5")]}
    if event == "seen":
        text = t(lang, "kampanja.reporter.seen", who=user_mention(data.get("actor")), ref=snap.ref)
    elif event == "resolved":
        text = t(lang, "kampanja.reporter.resolved", ref=snap.ref)
    else:
        text = t(lang, "kampanja.reporter.other", ref=snap.ref)
    return {"text": text.replace("*", ""), "blocks": [section(text)]}


def results_due_message(lang: str, snap: Snapshot) -> dict:
    """The reminder to share the results: a button until they are shared."""
    end = _day(snap.end)
    if snap.status == RESOLVED:
        text = t(lang, "kampanja.results_due.done", ref=snap.ref)
        return {"text": text.replace("*", ""), "blocks": [section(text)]}
    body = t(lang, "kampanja.results_due.body", ref=snap.ref, unit=escape(snap.unit), date=end)
    button = _button(lang, ids.RESULTS, "kampanja.button.results", snap.ref)
    return {
        "text": t(lang, "kampanja.results_due.text", ref=snap.ref, date=end),
        "blocks": [
            section(body),
            *guideline_blocks(lang, *RESULTS_PASSAGES),
            {"type": "actions", "elements": [button]},
        ],
    }


def results_thread_message(lang: str, snap: Snapshot) -> dict:
    r = snap.results or {}
    head = t(lang, "kampanja.results.thread", ref=snap.ref, who=user_mention(r.get("by")))
    lines = [head]
    if r.get("link"):
        lines.append(t(lang, "kampanja.results.link", link=escape(r["link"])))
    if r.get("figures"):
        lines.append(quote(r["figures"]))
    return {"text": head.replace("*", ""), "blocks": [section("\n".join(lines))]}


def state_text(lang: str, snap: Snapshot) -> str:
    if snap.status == RESOLVED:
        return t(lang, "kampanja.state.resolved")
    return t(lang, "kampanja.state.results_due" if snap.results_requested else "kampanja.state.open")


def list_message(lang: str, snaps: list[Snapshot]) -> dict:
    if not snaps:
        return {"text": t(lang, "kampanja.list.empty")}
    lines = [
        t(
            lang,
            "kampanja.list.item",
            ref=s.ref,
            unit=escape(s.unit),
            start=_day(s.start),
            end=_day(s.end),
            budget=escape(s.budget),
            state=state_text(lang, s),
        )
        for s in snaps
    ]
    return {
        "text": t(lang, "kampanja.list.header"),
        "blocks": [header(t(lang, "kampanja.list.header")), section("\n".join(lines))],
    }


def admin_message(lang: str, snap: Snapshot, data: dict) -> dict:
    text = t(lang, "kampanja.admin.missing_roles", ref=snap.ref)
    return {"text": text.replace("*", ""), "blocks": [section(text)]}
