"""The guideline quoted verbatim in /kampanja's and /tili's forms and messages (pure functions)."""

from __future__ import annotations

from handlers.blockkit import context, section
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
