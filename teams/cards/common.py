"""Card building blocks shared by every flow: the card itself, text from texts/, plain (markup-free)
text for guideline quotes and user input, Action.Execute buttons."""

from __future__ import annotations

import re

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
VERSION = "1.5"  # the highest schema Teams renders on desktop, web and mobile

# texts/ is written in Slack mrkdwn (one set of texts for every platform): *bold* becomes
# Adaptive Card markdown **bold**, `code` plain (cards have no code spans), entities their characters.
_BOLD = re.compile(r"(?<![*\w])\*([^*\n]+)\*(?![*\w])")
_ENTITIES = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}
# What makes user text work as markup in Teams: an <at> mention, a link (markdown or bare URL).
_AT = re.compile(r"<(/?at\b)", re.IGNORECASE)
_LINK_JOINTS = re.compile(r"(?<=:)(?=//)|(?<=\])(?=\()|(?<=www)(?=\.)", re.IGNORECASE)
WJ = "\u2060"  # word joiner: invisible, yet breaks the pattern a mention or autolink needs


def card(body: list[dict], actions: list[dict] | None = None) -> dict:
    c = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": VERSION,
        "body": body,
        "msteams": {"width": "Full"},
    }
    if actions:
        c["actions"] = actions
    return c


def from_texts(text: str) -> str:
    """A texts/ string (Slack mrkdwn) as Adaptive Card markdown."""
    text = _BOLD.sub(r"**\1**", text).replace("`", "")
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text


def text_block(text: str, **style) -> dict:
    """Our own words (from texts/), markdown allowed."""
    return {"type": "TextBlock", "text": from_texts(text), "wrap": True, **style}


def neutral(user_text: str) -> str:
    """User text that shows as typed but cannot mention anyone or make a link."""
    text = _AT.sub(lambda m: "<" + WJ + m.group(1), user_text)
    return _LINK_JOINTS.sub(WJ, text)


def plain(text: str, **style) -> dict:
    """Text shown exactly as given: a TextRun has no markdown, so a guideline passage stays
    verbatim (a leading "1." is not turned into a list) and user text makes no formatting."""
    return {"type": "RichTextBlock", "inlines": [{"type": "TextRun", "text": text, **style}]}


def execute(title: str, verb: str, **data) -> dict:
    """An Action.Execute button. The SDK routes invokes on data["action"], so it carries the verb too."""
    return {"type": "Action.Execute", "title": title, "verb": verb, "data": {"action": verb, **data}}


def message(card_: dict, summary: str) -> dict:
    """The platform-shaped message a renderer returns to the delivery worker: {"text", "card"}."""
    return {"text": summary, "card": card_}


def activity(msg: dict) -> dict:
    """A rendered message as a Bot Connector message activity (the card as its one attachment)."""
    return {
        "type": "message",
        "summary": msg["text"][:200],
        "attachments": [{"contentType": ADAPTIVE_CARD, "content": msg["card"]}],
    }
