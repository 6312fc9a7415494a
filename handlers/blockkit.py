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


def field_errors(
    lang: str, errors: dict[str, tuple[str, dict]], flow: str, blocks: dict[str, str] | None = None
) -> dict[str, str]:
    """A flow's FieldErrors as {block_id: message} for `response_action: errors`; texts are
    `<flow>.err.<code>`, and `blocks` maps field names to block ids where they differ."""
    return {
        (blocks or {}).get(name, name): t(lang, f"{flow}.err.{code}", **params)
        for name, (code, params) in errors.items()
    }


ACTION = "value"  # the action_id of every input element in our modals; the block_id names the field
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
