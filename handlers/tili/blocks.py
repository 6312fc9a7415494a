"""Block Kit for the /tili flow's messages: pure functions of a Snapshot (escalation/accounts.py)."""

from __future__ import annotations

from escalation.accounts import APPROVED, REJECTED, Snapshot
from escalation.models import RESOLVED
from handlers.blockkit import context, header, section, user_mention
from handlers.common import escape, quote
from handlers.tili import ids
from texts import t
from texts.format import platform_name


def _field(label: str, value: str) -> dict:
    return {"type": "mrkdwn", "text": f"*{label}:*\n{value}"}


def _button(lang: str, action_id: str, key: str, value: str, style: str | None = None) -> dict:
    b = {"type": "button", "action_id": action_id, "value": value, "text": {"type": "plain_text", "text": t(lang, key)}}
    if style:
        b["style"] = style
    return b


def role_name(lang: str, role: str) -> str:
    return t(lang, f"tili.role.{role}") if role in ("unit_head", "comms_manager") else role


def decisions_text(lang: str, snap: Snapshot) -> str:
    lines = []
    for uid, role in snap.approvers:
        decision = (snap.decisions.get(uid) or {}).get("decision") or "waiting"
        lines.append(t(lang, f"tili.decision.{decision}", who=user_mention(uid), role=role_name(lang, role)))
    for q in snap.questions:
        lines.append(t(lang, "tili.question", who=user_mention(q.get("by")), text=escape(q.get("text"))))
        if q.get("answer") is not None:
            lines.append(t(lang, "tili.answer", text=escape(q["answer"])))
    return "\n".join(lines)


def outcome_text(lang: str, snap: Snapshot) -> str | None:
    if snap.outcome == APPROVED:
        return t(lang, "tili.outcome.approved")
    if snap.outcome == REJECTED:
        who, reason = next(
            ((uid, d.get("reason") or "") for uid, d in snap.decisions.items() if d.get("decision") == REJECTED),
            (None, ""),
        )
        return t(lang, "tili.outcome.rejected", who=user_mention(who), reason=escape(reason))
    return None


def request_message(lang: str, snap: Snapshot, *, approver: tuple[str, str] | None = None) -> dict:
    """The request: to an approver (with the buttons while it is open) or in mavi's channel."""
    d = snap.details
    platform = platform_name(lang, d.get("platform")) or ""
    blocks = [header(t(lang, "tili.request.header", ref=snap.ref))]
    if approver is not None and snap.status != RESOLVED:
        blocks.append(section(t(lang, "tili.request.intro.approver", role=role_name(lang, approver[1]))))
    blocks += [
        {
            "type": "section",
            "fields": [
                _field(t(lang, "tili.label.unit"), escape(d.get("unit"))),
                _field(t(lang, "tili.label.platform"), platform),
                _field(t(lang, "tili.label.name"), escape(d.get("name"))),
                _field(t(lang, "tili.label.requester"), user_mention(snap.reporter)),
                _field(
                    t(lang, "tili.label.maintainer"),
                    f"{user_mention(d.get('maintainer'))} – {escape(d.get('maintainer_role'))}",
                ),
            ],
        },
        section(f"*{t(lang, 'tili.label.purpose')}:*\n{quote(d.get('purpose') or '')}"),
        section(f"*{t(lang, 'tili.label.resources')}:*\n{quote(d.get('resources') or '')}"),
        section(f"*{t(lang, 'tili.label.why_own')}:*\n{quote(d.get('why_own') or '')}"),
        section(decisions_text(lang, snap)),
    ]
    outcome = outcome_text(lang, snap)
    if outcome:
        blocks.append(section(outcome))
    elif approver is not None and approver[0] not in snap.decisions:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    _button(lang, ids.APPROVE, "tili.button.approve", snap.ref, "primary"),
                    _button(lang, ids.REJECT, "tili.button.reject", snap.ref, "danger"),
                    _button(lang, ids.ASK, "tili.button.ask", snap.ref),
                ],
            }
        )
    text = t(lang, "tili.request.text", ref=snap.ref, name=d.get("name"), platform=platform, unit=d.get("unit"))
    return {"text": text, "blocks": blocks}


def reporter_message(lang: str, snap: Snapshot, event: str, data: dict) -> dict:
    who = user_mention(data.get("actor"))
    if event == "created":
        text = t(lang, "tili.reporter.created", ref=snap.ref)
    elif event in ("approved", "info_requested"):
        text = t(lang, f"tili.reporter.{event}", who=who, ref=snap.ref)
    elif event == "resolved" and snap.outcome in (APPROVED, REJECTED):
        text = t(
            lang, f"tili.reporter.resolved.{snap.outcome}", ref=snap.ref, who=who, reason=escape(data.get("note") or "")
        )
    else:
        text = t(lang, "tili.reporter.other", ref=snap.ref)
    return {"text": text.replace("*", ""), "blocks": [section(text)]}


def question_message(lang: str, snap: Snapshot, index: int) -> dict:
    q = snap.questions[index] if 0 <= index < len(snap.questions) else {}
    blocks = [
        section(t(lang, "tili.question.body", who=user_mention(q.get("by")), ref=snap.ref)),
        section(quote(q.get("text") or "")),
    ]
    if q.get("answer") is not None:
        blocks.append(context(t(lang, "tili.question.answered", text=escape(q["answer"]))))
    elif snap.status != RESOLVED:
        blocks.append(
            {
                "type": "actions",
                "elements": [_button(lang, ids.ANSWER, "tili.button.answer", f"{snap.ref}|{index}", "primary")],
            }
        )
    return {"text": t(lang, "tili.question.text", ref=snap.ref), "blocks": blocks}


def answer_message(lang: str, snap: Snapshot, index: int) -> dict:
    q = snap.questions[index] if 0 <= index < len(snap.questions) else {}
    head = t(lang, "tili.answer.body", who=snap.reporter, ref=snap.ref)
    return {"text": head.replace("*", ""), "blocks": [section(head), section(quote(q.get("answer") or ""))]}


def reminder_message(lang: str, snap: Snapshot, approver: tuple[str, str]) -> dict:
    text = t(lang, "tili.reminder", ref=snap.ref)
    full = request_message(lang, snap, approver=approver)
    return {"text": text.replace("*", ""), "blocks": [section(text), *full["blocks"]]}


def admin_message(lang: str, snap: Snapshot, data: dict) -> dict:
    if data.get("reason") == "missing_roles":
        text = t(lang, "tili.admin.missing_roles", ref=snap.ref, missing=", ".join(data.get("missing") or []))
    else:
        text = t(lang, "tili.admin.unacknowledged", ref=snap.ref)
    return {"text": text.replace("*", ""), "blocks": [section(text)]}


def state_text(lang: str, snap: Snapshot) -> str:
    if snap.outcome in (APPROVED, REJECTED):
        return t(lang, f"tili.state.{snap.outcome}")
    return t(lang, "tili.state.info" if snap.waiting_for_answer else "tili.state.open")


def list_message(lang: str, snaps: list[Snapshot]) -> dict:
    if not snaps:
        return {"text": t(lang, "tili.list.empty")}
    lines = [
        t(
            lang,
            "tili.list.item",
            ref=s.ref,
            name=escape(s.details.get("name")),
            platform=platform_name(lang, s.details.get("platform")) or "",
            unit=escape(s.details.get("unit")),
            state=state_text(lang, s),
        )
        for s in snaps
    ]
    return {
        "text": t(lang, "tili.list.header"),
        "blocks": [header(t(lang, "tili.list.header")), section("\n".join(lines))],
    }
