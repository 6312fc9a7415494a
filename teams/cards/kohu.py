"""Adaptive Cards for /kohu in Teams (pure): the card that opens the alert dialog, the dialogs
(alert, situation update, resolve) with the Slack modals' fields and labels."""

from __future__ import annotations

from escalation import controversies as kohu
from escalation.vocabulary import Platform
from teams.cards.blockkit import inert
from teams.cards.common import card, neutral, text_block
from teams.cards.uhka import dialog_button, submit
from texts import t

REPORT = "kohu.report"  # dialog ids (task/fetch) and submit actions
UPDATE = "kohu.update"
RESOLVE = "kohu.resolve"
CLAIM = "kohu.claim"  # Action.Execute verb


def start_card(lang: str, *, what: str | None = None, links: list[str] | None = None) -> dict:
    prefill = {k: v for k, v in (("what", what), ("links", "\n".join(links or []))) if v}
    return card(
        [text_block(t(lang, "kohu.teams.start"))], [dialog_button(t(lang, "kohu.teams.open"), REPORT, **prefill)]
    )


def _error(lang: str, errors: dict, name: str) -> list[dict]:
    if name not in errors:
        return []
    code, params = errors[name]
    return [
        {
            "type": "TextBlock",
            "text": neutral(t(lang, f"kohu.err.{code}", **params)),
            "color": "Attention",
            "wrap": True,
            "size": "Small",
            "spacing": "None",
        }
    ]


def _text(lang, name, label, value, errors, *, limit, multiline=False, required=False, placeholder=None):
    el = {"type": "Input.Text", "id": name, "label": label, "maxLength": limit, "isMultiline": multiline}
    if required:
        el.update(isRequired=True, errorMessage=t(lang, "kohu.err.required"))
    if isinstance(value, str) and value:
        el["value"] = value[:limit]
    if placeholder:
        el["placeholder"] = placeholder
    return [el, *_error(lang, errors, name)]


def _choice(lang, name, label, options, value, errors, placeholder=None):
    el = {
        "type": "Input.ChoiceSet",
        "id": name,
        "label": label,
        "choices": [{"title": title, "value": v} for v, title in options],
    }
    if placeholder:
        el["placeholder"] = placeholder
    if isinstance(value, str) and value:
        el["value"] = value
    return [el, *_error(lang, errors, name)]


def _intro(lang: str, ref: str, what: str) -> dict:
    """Our words around the alert's own (user) text: inert as a whole (no mention, no link)."""
    return {"type": "TextBlock", "text": inert(t(lang, "kohu.update.intro", ref=ref, what=what[:300])), "wrap": True}


def report_dialog(lang: str, *, request: str, values: dict | None = None, errors: dict | None = None) -> dict:
    v, errors = dict(values or {}), dict(errors or {})
    yes_no = [("yes", t(lang, "kohu.answer.yes")), ("no", t(lang, "kohu.answer.no"))]
    body = [text_block(t(lang, "kohu.modal.intro"), isSubtle=True)]
    if errors:
        body.append(
            {
                "type": "TextBlock",
                "text": t(lang, "kohu.teams.fix_errors"),
                "color": "Attention",
                "wrap": True,
                "weight": "Bolder",
            }
        )
    body += _text(
        lang,
        "what",
        t(lang, "kohu.field.what"),
        v.get("what"),
        errors,
        limit=kohu.WHAT_MAX,
        multiline=True,
        required=True,
        placeholder=t(lang, "kohu.field.what.placeholder"),
    )
    body += _text(
        lang,
        "links",
        t(lang, "kohu.field.links"),
        v.get("links"),
        errors,
        limit=kohu.LINKS_MAX_CHARS,
        multiline=True,
        placeholder="https://",
    )
    body.append(text_block(t(lang, "kohu.field.links.hint"), isSubtle=True, size="Small", spacing="None"))
    body += _choice(
        lang,
        "platform",
        t(lang, "kohu.field.platform"),
        [(str(p), t(lang, f"platform.{p}")) for p in Platform],
        v.get("platform"),
        errors,
        t(lang, "kohu.field.platform.placeholder"),
    )
    body += _text(
        lang,
        "account",
        t(lang, "kohu.field.account"),
        v.get("account"),
        errors,
        limit=kohu.ACCOUNT_MAX,
        placeholder=t(lang, "kohu.field.account.placeholder"),
    )
    body += _text(lang, "comments", t(lang, "kohu.field.comments"), v.get("comments"), errors, limit=12)
    body += _text(lang, "shares", t(lang, "kohu.field.shares"), v.get("shares"), errors, limit=12)
    body.append(
        text_block(
            t(lang, "kohu.field.scale.hint", comments=kohu.COMMENTS_HIGH, shares=kohu.SHARES_HIGH),
            isSubtle=True,
            size="Small",
            spacing="None",
        )
    )
    body += _choice(lang, "media", t(lang, "kohu.field.media"), yes_no, v.get("media"), errors)
    body += _choice(
        lang,
        "own_mistake",
        t(lang, "kohu.field.own_mistake"),
        [*yes_no, ("unsure", t(lang, "kohu.answer.unsure"))],
        v.get("own_mistake"),
        errors,
    )
    body += _text(
        lang,
        "done",
        t(lang, "kohu.field.done"),
        v.get("done"),
        errors,
        limit=kohu.DONE_MAX,
        multiline=True,
        placeholder=t(lang, "kohu.field.done.placeholder"),
    )
    return card(body, [submit(t(lang, "kohu.modal.submit"), REPORT, request=request)])


def report_values(data: dict) -> dict:
    """The dialog's data -> the raw dict escalation.controversies.validate() takes."""
    return {
        k: (data.get(k) if isinstance(data.get(k), str) and data.get(k).strip() else None)
        for k in ("what", "links", "platform", "account", "comments", "shares", "media", "own_mistake", "done")
    }


def update_dialog(lang: str, ref: str, what: str, *, values: dict | None = None, errors: dict | None = None) -> dict:
    v, errors = dict(values or {}), dict(errors or {})
    body = [_intro(lang, ref, what)]
    body += _text(
        lang,
        "text",
        t(lang, "kohu.update.text"),
        v.get("text"),
        errors,
        limit=kohu.UPDATE_MAX,
        multiline=True,
        required=True,
        placeholder=t(lang, "kohu.update.placeholder"),
    )
    body.append(
        {
            "type": "Input.Toggle",
            "id": "media",
            "label": t(lang, "kohu.field.media"),
            "title": t(lang, "kohu.update.media"),
            "valueOn": "yes",
            "valueOff": "no",
            "value": "no",
        }
    )
    return card(body, [submit(t(lang, "kohu.update.submit"), UPDATE, ref=ref, request=v.get("request") or "")])


def resolve_dialog(lang: str, ref: str, what: str, *, values: dict | None = None, errors: dict | None = None) -> dict:
    v, errors = dict(values or {}), dict(errors or {})
    body = [_intro(lang, ref, what)]
    body += _text(
        lang,
        "summary",
        t(lang, "kohu.resolve.text"),
        v.get("summary"),
        errors,
        limit=kohu.SUMMARY_MAX,
        multiline=True,
        required=True,
        placeholder=t(lang, "kohu.resolve.placeholder"),
    )
    return card(body, [submit(t(lang, "kohu.resolve.submit"), RESOLVE, ref=ref)])
