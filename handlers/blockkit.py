"""Block Kit primitives shared by every flow (pure functions), within Slack's length limits."""

from __future__ import annotations

import json

from texts import t

SECTION_MAX = 3000
HEADER_MAX = 150


def clip(text: str | None, limit: int) -> str:
    """Shorten to `limit` characters with an ellipsis (raw text: clip before escaping)."""
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain(text: str) -> dict:
    return {"type": "plain_text", "text": text, "emoji": True}


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_MAX)}}


def context(*texts: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(x, SECTION_MAX)} for x in texts if x]}


def header(text: str) -> dict:
    return {"type": "header", "text": plain(clip(text, HEADER_MAX))}


def user_mention(uid: str | None) -> str:
    """A person's Slack mention, "?" when nobody is known."""
    return f"<@{uid}>" if uid else "?"


def field_errors(
    lang: str, errors: dict[str, tuple[str, dict]], flow: str, blocks: dict[str, str] | None = None
) -> dict[str, str]:
    """A flow's FieldErrors as {block_id: message} for `response_action: errors`; texts are
    `<flow>.err.<code>`, and `blocks` maps field names to block ids where they differ."""
    return {
        (blocks or {}).get(name, name): t(lang, f"{flow}.err.{code}", **params)
        for name, (code, params) in errors.items()
    }


# -- a modal's inputs ---------------------------------------------------------------------

ACTION = "value"  # the action_id of every input element in our modals; the block_id names the field
PLACEHOLDER_MAX = 150
OPTION_MAX = 75


def element_input(block_id: str, label: str, element: dict, *, optional: bool = False, hint: str | None = None) -> dict:
    """An input block around `element` (a select, a date picker, checkboxes, ...), whose action_id is
    always ACTION; required unless `optional`."""
    block = {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": plain(label),
        "element": {**element, "action_id": ACTION},
    }
    if hint:
        block["hint"] = plain(hint)
    return block


def text_input(
    block_id: str,
    label: str,
    *,
    max_length: int,
    multiline: bool = False,
    optional: bool = False,
    initial: str | None = None,
    placeholder: str | None = None,
    hint: str | None = None,
) -> dict:
    """A plain-text input; a longer `initial` value is clipped to `max_length` (Slack refuses it)."""
    element: dict = {"type": "plain_text_input", "multiline": multiline, "max_length": max_length}
    if initial:
        element["initial_value"] = clip(initial, max_length)
    if placeholder:
        element["placeholder"] = plain(clip(placeholder, PLACEHOLDER_MAX))
    return element_input(block_id, label, element, optional=optional, hint=hint)


def number_input(
    block_id: str, label: str, *, min_value: int, max_value: int, optional: bool = False, hint: str | None = None
) -> dict:
    """A whole number from `min_value` to `max_value` (Slack takes the bounds as strings)."""
    element = {
        "type": "number_input",
        "is_decimal_allowed": False,
        "min_value": str(min_value),
        "max_value": str(max_value),
    }
    return element_input(block_id, label, element, optional=optional, hint=hint)


def option(text: str, value: str) -> dict:
    """An option of a select, radio buttons or checkboxes (plain text)."""
    return {"text": plain(clip(text, OPTION_MAX)), "value": value}


# -- reading a submitted modal -----------------------------------------------------------

_STATE_KEYS = ("selected_date", "selected_user", "value")


def _state_value(shape: dict | None):
    if not shape:
        return None
    if "selected_option" in shape:
        opt = shape.get("selected_option")
        return opt.get("value") if opt else None
    if "selected_options" in shape:
        return [o.get("value") for o in shape.get("selected_options") or []]
    for key in _STATE_KEYS:
        if key in shape:
            return shape.get(key)
    return None


def values_of(view: dict) -> dict[str, object]:
    """{block_id: value} for every input of a submitted view (None when left empty)."""
    out: dict[str, object] = {}
    for block_id, actions in ((view.get("state") or {}).get("values") or {}).items():
        out[block_id] = _state_value(actions.get(ACTION)) if isinstance(actions, dict) else None
    return out


def metadata(view: dict) -> dict:
    """A modal's private_metadata (our own JSON); {} when it is missing or not ours."""
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def modal(callback_id: str, title: str, submit: str, close: str, private_metadata: str, blocks: list[dict]) -> dict:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title),
        "submit": plain(submit),
        "close": plain(close),
        "private_metadata": private_metadata,
        "blocks": blocks,
    }
