"""A flow's Slack message (Block Kit, the wording and layout the Slack edge builds from texts/) as an
Adaptive Card: one set of messages for both platforms, so Teams says exactly what Slack says.

Pure. Text is made inert for Teams on the way: mentions become names, Slack's escaping is undone and
`neutral` then breaks any `<at>` or link the text would make; block quotes (where user text lives)
become TextRuns, which have no markdown at all. Buttons are mapped by their Slack action id.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from teams.cards.common import card, from_texts, neutral, plain

Action = Callable[[dict], dict | None]  # a Slack button -> an Adaptive Card action (or None: left out)
_SLACK_MENTION = re.compile(r"<[@#!](?:subteam\^)?([^>|\s]+)(?:\|([^>]*))?>")
_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^|>\s]+)(?:\|([^>]*))?>")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def _unescape(text: str) -> str:
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return text


def inert(text: str, name_of: Callable[[str], str | None] = lambda _i: None) -> str:
    """Slack mrkdwn -> Adaptive Card markdown that can mention nobody and link nowhere."""
    # A person the flows mention (<@id>, a Slack or a Teams id) becomes their name; an id the user
    # typed stays as typed.
    text = _SLACK_MENTION.sub(
        lambda m: m.group(2) or name_of(m.group(1).lower()) or name_of(m.group(1)) or m.group(1), text
    )
    text = _SLACK_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    return neutral(from_texts(_unescape(text)))


def _quote(text: str, name_of) -> dict | None:
    lines = text.split("\n")
    if not lines or not all(ln.startswith(">") for ln in lines):
        return None
    raw = "\n".join(ln[1:].removeprefix(" ") for ln in lines)
    return {"type": "Container", "style": "emphasis", "items": [plain(neutral(_unescape(raw)).rstrip() or " ")]}


def _text(mrkdwn: str, name_of, **style) -> dict:
    return {"type": "TextBlock", "text": inert(mrkdwn, name_of), "wrap": True, **style}


def to_card(
    msg: dict,
    actions: dict[str, Action],
    *,
    name_of: Callable[[str], str | None] = lambda _i: None,
    extra: list[dict] | None = None,
) -> dict:
    """{"text", "blocks"} (Slack) -> {"text", "card"} (the Teams renderer's message)."""
    body: list[dict] = []
    buttons: list[dict] = []

    def add_button(el: dict) -> None:
        make = actions.get(el.get("action_id", ""))
        made = make(el) if make else None
        if made is not None:
            buttons.append(made)

    for block in msg.get("blocks") or []:
        kind = block.get("type")
        if kind == "header":
            body.append(
                {
                    "type": "TextBlock",
                    "text": neutral(_unescape(block["text"]["text"])),
                    "wrap": True,
                    "weight": "Bolder",
                    "size": "Medium",
                }
            )
        elif kind == "section":
            text = (block.get("text") or {}).get("text")
            if text:
                body.append(_quote(text, name_of) or _text(text, name_of))
            for f in block.get("fields") or []:
                body.append(_text(f.get("text", ""), name_of, spacing="Small"))
            if (block.get("accessory") or {}).get("type") == "button":
                add_button(block["accessory"])
        elif kind == "context":
            texts = [
                e.get("text", "") for e in block.get("elements") or [] if e.get("type") in ("mrkdwn", "plain_text")
            ]
            if texts:
                body.append(_text("  ".join(texts), name_of, isSubtle=True, size="Small"))
        elif kind == "actions":
            for el in block.get("elements") or []:
                if el.get("type") == "button":
                    add_button(el)
        elif kind == "divider":
            if body:
                body.append({"type": "TextBlock", "text": " ", "separator": True, "spacing": "Medium"})
    body += extra or []
    return {"text": inert(msg.get("text") or "", name_of)[:200], "card": card(body, buttons or None)}
