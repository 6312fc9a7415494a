"""Checks on what the bot sends: Adaptive Cards Teams would refuse, oversized activities, and markup.

`check_activity` returns problems in two groups: `rejected` (the connector answers 400 or 413, as
Teams refuses or cannot render such a card) and `flagged` (Teams would accept the message, but it
carries a working `<at>` mention without its entity or a link copied from user text — the
hostile-input rule Somevahti holds itself to).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
MAX_CARD_VERSION = (1, 5)  # what Teams renders (desktop, web, mobile)
MAX_ACTIVITY_BYTES = 100 * 1024  # Teams: "MessageSizeTooBig" above about 100 KB

ELEMENTS = {
    "TextBlock",
    "Image",
    "Media",
    "RichTextBlock",
    "ActionSet",
    "Container",
    "ColumnSet",
    "FactSet",
    "ImageSet",
    "Table",
    "Input.Text",
    "Input.Number",
    "Input.Date",
    "Input.Time",
    "Input.Toggle",
    "Input.ChoiceSet",
}
ACTIONS = {"Action.OpenUrl", "Action.Submit", "Action.ShowCard", "Action.ToggleVisibility", "Action.Execute"}

_AT = re.compile(r"<at>(.*?)</at>", re.IGNORECASE | re.DOTALL)
# Markup that makes a link: markdown [text](url), an HTML anchor.
_LINK = re.compile(r"\[[^\]\n]*\]\([^)\s]*\)|<a\s[^>]*>", re.IGNORECASE)


@dataclass
class Problems:
    rejected: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    too_big: bool = False


def activity_size(activity: dict) -> int:
    return len(json.dumps(activity, ensure_ascii=False, separators=(",", ":")).encode())


def _version(v: Any) -> tuple[int, ...] | None:
    try:
        return tuple(int(p) for p in str(v).split("."))
    except ValueError:
        return None


def _children(el: dict) -> Iterator[tuple[str, Any]]:
    """(key, child) for the nested elements/actions an element can hold."""
    for key in ("items", "columns", "actions", "inlines", "images"):
        for child in el.get(key) or []:
            yield key, child
    for row in el.get("rows") or []:
        for cell in (row or {}).get("cells") or [] if isinstance(row, dict) else []:
            for child in (cell or {}).get("items") or [] if isinstance(cell, dict) else []:
                yield "items", child
    if isinstance(el.get("selectAction"), dict):
        yield "selectAction", el["selectAction"]


def check_card(card: Any, path: str = "card") -> list[str]:
    """Reasons Teams would refuse or not render this card (empty list = fine)."""
    if not isinstance(card, dict):
        return [f"{path}: card content is not an object"]
    errors: list[str] = []
    if card.get("type") != "AdaptiveCard":
        errors.append(f"{path}: type must be 'AdaptiveCard', got {card.get('type')!r}")
    version = _version(card.get("version"))
    if version is None:
        errors.append(f"{path}: missing or malformed version {card.get('version')!r}")
    elif version > MAX_CARD_VERSION:
        errors.append(f"{path}: version {card['version']} is above 1.5, the highest Teams renders")
    input_ids: list[str] = []

    def walk(items: Iterable[Any], where: str, *, actions: bool = False) -> None:
        for i, el in enumerate(items):
            here = f"{where}[{i}]"
            if not isinstance(el, dict):
                errors.append(f"{here}: not an object")
                continue
            kind = el.get("type")
            if kind in ("Column", "TextRun") and not actions:
                pass  # only valid inside ColumnSet.columns / RichTextBlock.inlines; close enough here
            elif kind not in (ACTIONS if actions else ELEMENTS | ACTIONS):
                errors.append(f"{here}: unknown {'action' if actions else 'element'} type {kind!r}")
                continue
            if kind and kind.startswith("Input."):
                if not isinstance(el.get("label"), str) or not el["label"].strip():
                    errors.append(f"{here}: {kind} {el.get('id')!r} has no label")
                if not el.get("id"):
                    errors.append(f"{here}: {kind} has no id")
                else:
                    input_ids.append(el["id"])
            if kind == "Action.Execute" and not (isinstance(el.get("verb"), str) and el["verb"].strip()):
                errors.append(f"{here}: Action.Execute has no verb")
            if kind == "Action.ShowCard":
                errors.extend(check_card(el.get("card"), f"{here}.card"))
            for key, child in _children(el):
                walk([child], f"{here}.{key}", actions=key in ("actions", "selectAction"))

    body, acts = card.get("body") or [], card.get("actions") or []
    if not isinstance(body, list) or not isinstance(acts, list):
        errors.append(f"{path}: body and actions must be arrays")
    else:
        walk(body, f"{path}.body")
        walk(acts, f"{path}.actions", actions=True)
    dupes = sorted({i for i in input_ids if input_ids.count(i) > 1})
    if dupes:
        errors.append(f"{path}: duplicate input ids {dupes}")
    return errors


def _card_texts(node: Any) -> Iterator[str]:
    """Every string a card shows as formatted text (TextBlock/TextRun text, facts)."""
    if isinstance(node, dict):
        if node.get("type") in ("TextBlock", "TextRun") and isinstance(node.get("text"), str):
            yield node["text"]
        for fact in node.get("facts") or [] if node.get("type") == "FactSet" else []:
            for k in ("title", "value"):
                if isinstance(fact, dict) and isinstance(fact.get(k), str):
                    yield fact[k]
        for v in node.values():
            if isinstance(v, dict | list):
                yield from _card_texts(v)
    elif isinstance(node, list):
        for v in node:
            yield from _card_texts(v)


def _mention_texts(entities: Any) -> set[str]:
    return {e.get("text", "") for e in entities or [] if isinstance(e, dict) and e.get("type") == "mention"}


def _unmatched_mentions(text: str, entities: Any, where: str) -> list[str]:
    known = _mention_texts(entities)
    return [
        f"{where}: working mention {m.group(0)!r} without a matching mention entity"
        for m in _AT.finditer(text)
        if m.group(0) not in known
    ]


def user_links(text: str) -> list[str]:
    """Link markup in a text a user sent (what must never come back out working)."""
    return _LINK.findall(text or "")


def check_activity(activity: dict, user_link_markup: Iterable[str] = ()) -> Problems:
    problems = Problems()
    if activity_size(activity) > MAX_ACTIVITY_BYTES:
        problems.too_big = True
        problems.rejected.append(f"activity is {activity_size(activity)} bytes, above {MAX_ACTIVITY_BYTES}")
    texts: list[tuple[str, str, Any]] = []  # (where, text, mention entities in force)
    if isinstance(activity.get("text"), str):
        texts.append(("text", activity["text"], activity.get("entities")))
    for i, att in enumerate(activity.get("attachments") or []):
        if not isinstance(att, dict) or att.get("contentType") != ADAPTIVE_CARD:
            continue
        card = att.get("content")
        problems.rejected.extend(check_card(card, f"attachments[{i}]"))
        # Card mentions live in the card's own msteams.entities, not the activity's.
        ents = (card.get("msteams") or {}).get("entities") if isinstance(card, dict) else None
        texts.extend((f"attachments[{i}] text", t, ents) for t in _card_texts(card))
    links = [m for m in user_link_markup if m]
    for where, text, ents in texts:
        problems.flagged.extend(_unmatched_mentions(text, ents, where))
        problems.flagged.extend(f"{where}: link markup from user text {m!r}" for m in links if m in text)
    return problems
