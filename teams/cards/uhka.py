"""Adaptive Cards for /uhka in Teams (pure): the card that opens the report dialog, the dialogs
(report, police report, close) with the Slack modals' fields and labels, and the answers to them.
Messages the outbox sends are the Slack ones converted (teams/render.py)."""

from __future__ import annotations

from datetime import date, datetime

from escalation.threats import LIMITS
from escalation.vocabulary import Platform
from teams.cards.blockkit import inert
from teams.cards.common import ADAPTIVE_CARD, card, neutral, text_block
from texts import t
from texts.format import platform_name

REPORT = "uhka.report"  # dialog id (task/fetch) and submit action
POLICE = "uhka.police"
RESOLVE = "uhka.resolve"
ACK = "uhka.ack"  # Action.Execute verbs
FORWARD = "uhka.forward"


def dialog_button(title: str, dialog_id: str, **data) -> dict:
    """An Action.Submit that opens a dialog (task/fetch); the SDK routes on data.dialog_id."""
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {"msteams": {"type": "task/fetch"}, "dialog_id": dialog_id, **data},
    }


def submit(title: str, action: str, **data) -> dict:
    """The dialog's own submit button; the SDK routes task/submit on data.action."""
    return {"type": "Action.Submit", "title": title, "data": {"action": action, **data}}


def start_card(lang: str, *, text: str | None = None, link: str | None = None) -> dict:
    """`uhka` in the chat (or the /ohje answer's button): a card whose button opens the dialog."""
    prefill = {k: v for k, v in (("text", text), ("link", link)) if v}
    return card(
        [text_block(t(lang, "uhka.teams.start"))], [dialog_button(t(lang, "uhka.teams.open"), REPORT, **prefill)]
    )


def _error(lang: str, errors: dict, name: str) -> list[dict]:
    if name not in errors:
        return []
    code, params = errors[name]
    return [
        {
            "type": "TextBlock",
            "text": inert(t(lang, f"uhka.err.{code}", **params)),
            "color": "Attention",
            "wrap": True,
            "size": "Small",
            "spacing": "None",
        }
    ]


def _text_input(
    lang: str,
    name: str,
    label_key: str,
    value: str | None,
    errors: dict,
    *,
    multiline: bool = False,
    required: bool = False,
    placeholder: str | None = None,
) -> list[dict]:
    el = {
        "type": "Input.Text",
        "id": name,
        "label": t(lang, label_key),
        "maxLength": LIMITS[name],
        "isMultiline": multiline,
    }
    if required:
        el.update(isRequired=True, errorMessage=t(lang, "uhka.err.required"))
    if value:
        el["value"] = str(value)[: LIMITS[name]]
    if placeholder:
        el["placeholder"] = placeholder
    return [el, *_error(lang, errors, name)]


def report_dialog(
    lang: str,
    *,
    request: str,
    people: list[tuple[str, str]],
    supervisor: str | None = None,
    supervisor_from_directory: bool = False,
    values: dict | None = None,
    errors: dict | None = None,
    source: str | None = None,
) -> dict:
    """The report form: the Slack modal's fields and labels. `values`: what was submitted (shown
    again with `errors`, FieldErrors by field name); `request`: the idempotency key of this dialog."""
    v, errors = dict(values or {}), dict(errors or {})
    body = [text_block(t(lang, "uhka.modal.intro"))]
    if errors:
        body.append(
            {
                "type": "TextBlock",
                "text": t(lang, "uhka.teams.fix_errors"),
                "color": "Attention",
                "wrap": True,
                "weight": "Bolder",
            }
        )
    body.append(
        {
            "type": "Input.Toggle",
            "id": "danger",
            "label": t(lang, "uhka.modal.danger_label"),
            "title": t(lang, "uhka.modal.danger_desc"),
            "valueOn": "true",
            "valueOff": "false",
            "value": "true" if str(v.get("danger")).lower() == "true" else "false",
        }
    )
    body += _text_input(
        lang,
        "text",
        "uhka.modal.text",
        v.get("text"),
        errors,
        multiline=True,
        required=True,
        placeholder=t(lang, "uhka.modal.text_placeholder"),
    )
    body.append(text_block(t(lang, "uhka.modal.text_hint"), isSubtle=True, size="Small", spacing="None"))
    platform = {
        "type": "Input.ChoiceSet",
        "id": "platform",
        "label": t(lang, "uhka.modal.platform"),
        "placeholder": t(lang, "uhka.modal.platform_placeholder"),
        "choices": [{"title": platform_name(lang, p), "value": str(p)} for p in Platform],
    }
    if v.get("platform"):
        platform["value"] = str(v["platform"])
    body += [platform, *_error(lang, errors, "platform")]
    body += _text_input(lang, "link", "uhka.modal.link", v.get("link"), errors, placeholder="https://…")
    body += _text_input(lang, "sender_name", "uhka.modal.sender_name", v.get("sender_name"), errors)
    body += _text_input(
        lang, "sender_link", "uhka.modal.sender_link", v.get("sender_link"), errors, placeholder="https://…"
    )
    body.append(
        {
            "type": "Input.Date",
            "id": "posted_date",
            "label": t(lang, "uhka.teams.posted_date"),
            **({"value": v["posted_date"]} if v.get("posted_date") else {}),
        }
    )
    body.append(
        {
            "type": "Input.Time",
            "id": "posted_time",
            "label": t(lang, "uhka.teams.posted_time"),
            **({"value": v["posted_time"]} if v.get("posted_time") else {}),
        }
    )
    body += _error(lang, errors, "posted_at")
    body.append(text_block(t(lang, "uhka.modal.posted_at_hint"), isSubtle=True, size="Small", spacing="None"))
    body += _text_input(
        lang,
        "target",
        "uhka.modal.target",
        v.get("target"),
        errors,
        placeholder=t(lang, "uhka.modal.target_placeholder"),
    )
    chosen = v.get("supervisor") or supervisor
    sup = {
        "type": "Input.ChoiceSet",
        "id": "supervisor",
        "label": t(lang, "uhka.modal.supervisor"),
        "placeholder": t(lang, "uhka.modal.supervisor_placeholder"),
        "choices": [{"title": neutral(name)[:100], "value": aad} for name, aad in people][:100],
    }
    if chosen:
        sup["value"] = chosen
    body += [sup, *_error(lang, errors, "supervisor")]
    body.append(
        text_block(
            t(lang, "uhka.modal.supervisor_hint_dir" if supervisor_from_directory else "uhka.modal.supervisor_hint"),
            isSubtle=True,
            size="Small",
            spacing="None",
        )
    )
    body.append(text_block(t(lang, "uhka.teams.files_later")))
    body.append(text_block(t(lang, "uhka.modal.privacy"), isSubtle=True, size="Small"))
    return card(
        body, [submit(t(lang, "uhka.modal.submit"), REPORT, request=request, **({"source": source} if source else {}))]
    )


def parse_report(data: dict, tz) -> dict:
    """The dialog's submitted data -> the raw dict escalation.threats.validate() takes."""
    raw = {k: data.get(k) for k in ("text", "platform", "link", "sender_name", "sender_link", "target", "supervisor")}
    raw = {k: (v if isinstance(v, str) else None) for k, v in raw.items()}
    raw["danger"] = str(data.get("danger")).lower() == "true"
    day, at = data.get("posted_date"), data.get("posted_time")
    if isinstance(day, str) and day.strip():
        try:
            d = date.fromisoformat(day.strip())
            hh, mm = at.strip().split(":")[:2] if isinstance(at, str) and at.strip() else ("12", "00")
            raw["posted_at"] = datetime(d.year, d.month, d.day, int(hh), int(mm), tzinfo=tz)
        except (ValueError, TypeError):
            raw["posted_at"] = "invalid"
    raw["source"] = {"kind": "teams_dialog"}
    return raw


def police_dialog(lang: str, ref: str, today: date, *, values: dict | None = None, errors: dict | None = None) -> dict:
    v, errors = dict(values or {}), dict(errors or {})
    body = [text_block(t(lang, "uhka.police.intro", ref=ref))]
    body += _text_input(lang, "police_number", "uhka.police.number", v.get("number"), errors, required=True)
    body.append(text_block(t(lang, "uhka.police.number_hint"), isSubtle=True, size="Small", spacing="None"))
    body.append(
        {
            "type": "Input.Date",
            "id": "police_date",
            "label": t(lang, "uhka.police.date"),
            "isRequired": True,
            "errorMessage": t(lang, "uhka.err.required"),
            "value": v.get("date") or today.isoformat(),
        }
    )
    body += _error(lang, errors, "police_date")
    return card(body, [submit(t(lang, "uhka.police.submit"), POLICE, ref=ref)])


def resolve_dialog(lang: str, ref: str, *, values: dict | None = None, errors: dict | None = None) -> dict:
    v, errors = dict(values or {}), dict(errors or {})
    body = [text_block(t(lang, "uhka.resolve.intro", ref=ref))]
    body += _text_input(lang, "note", "uhka.resolve.note", v.get("note"), errors, multiline=True, required=True)
    body.append(text_block(t(lang, "uhka.resolve.note_hint"), isSubtle=True, size="Small", spacing="None"))
    return card(body, [submit(t(lang, "uhka.resolve.submit"), RESOLVE, ref=ref)])


def note_card(text: str, *, attention: bool = False) -> dict:
    """A short answer: a refusal (nothing changed) or a confirmation; it may carry user text (a file's
    name), so it is made inert as a whole."""
    return card(
        [{"type": "TextBlock", "text": inert(text), "wrap": True, **({"color": "Attention"} if attention else {})}]
    )


# -- invoke answers ------------------------------------------------------------------------


def dialog(title: str, card_: dict) -> dict:
    """task/fetch or task/submit answer: show `card_` in the dialog."""
    return {
        "status": 200,
        "body": {
            "task": {
                "type": "continue",
                "value": {"title": title, "card": {"contentType": ADAPTIVE_CARD, "content": card_}},
            }
        },
    }


def dialog_message(text: str) -> dict:
    """task/submit answer: close the dialog with a short message."""
    return {"status": 200, "body": {"task": {"type": "message", "value": text[:200]}}}
