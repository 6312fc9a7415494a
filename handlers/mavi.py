"""Pieces shared by mavi's other duties on Slack (/kampanja, /tili): form inputs, reading a
submitted view, quoting the guideline verbatim (pure functions)."""

from __future__ import annotations

from handlers.blockkit import ACTION, clip, context, plain, section
from knowledge import get_guideline
from texts import t


def passages(*ids: str) -> list[str]:
    """The guideline's passages by id, verbatim (a missing id is left out, never reworded)."""
    by_id = {p.id: p.text for p in get_guideline().passages}
    return [by_id[i] for i in ids if i in by_id]


def guideline_blocks(lang: str, *ids: str) -> list[dict]:
    """The guideline's own words, block-quoted, labelled with the source."""
    g = get_guideline()
    quotes = "\n".join(f">{text}" for text in passages(*ids))
    return [
        section(f"{t(lang, 'mavi.guideline.label')}\n{quotes}"),
        context(t(lang, "mavi.guideline.source", title=g.title, owner=g.owner, year=g.year)),
    ]


def text_input(
    block_id: str,
    label: str,
    *,
    multiline: bool = False,
    optional: bool = False,
    max_length: int = 3000,
    placeholder: str | None = None,
    hint: str | None = None,
) -> dict:
    element: dict = {"type": "plain_text_input", "action_id": ACTION, "multiline": multiline, "max_length": max_length}
    if placeholder:
        element["placeholder"] = plain(clip(placeholder, 150))
    block = {"type": "input", "block_id": block_id, "optional": optional, "label": plain(label), "element": element}
    if hint:
        block["hint"] = plain(hint)
    return block


def element_input(block_id: str, label: str, element: dict, *, optional: bool = False, hint: str | None = None) -> dict:
    block = {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": plain(label),
        "element": {"action_id": ACTION, **element},
    }
    if hint:
        block["hint"] = plain(hint)
    return block


def option(text: str, value: str) -> dict:
    return {"text": plain(clip(text, 75)), "value": value}


def user(uid: str | None) -> str:
    return f"<@{uid}>" if uid else "?"
