"""The guideline as structured data, loaded from guideline.json."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

GUIDELINE_PATH = Path(__file__).with_name("guideline.json")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    order: int
    # Divider slide heading the section sits under, if any.
    part: str | None = None


@dataclass(frozen=True)
class Passage:
    id: str
    section_id: str
    order: int
    text: str  # verbatim guideline text
    topic: str | None = None  # "threat" | "controversy" | None
    # An unofficial Swedish translation of `text` (shown under the Finnish original, marked so).
    sv: str | None = field(default=None, compare=False)
    # Editor's notes, per language ("fi", "sv"): e.g. what a figure the passage points at shows.
    # Never guideline text; shown marked as the editor's.
    notes: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    # A section's framing sentence that gives no advice itself ("Somessa syntyy helposti ...
    # somekohuja."): when it wins, the advice of its section leads.
    framing: bool = False
    # The passage that answers its topic's situation when the question names no other.
    situation_first: bool = False
    # Curated search terms per language; never shown as guideline text.
    # aids: words people use for what the passage is about (a match alone can answer);
    # related: context words that support a match but do not carry one alone
    # ("budjetti" for paid ads: a question about the city's budget is not about ads).
    aids: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    related: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Guideline:
    title: str
    owner: str
    year: int
    sections: list[Section]
    passages: list[Passage]

    def section(self, section_id: str) -> Section:
        """Raises KeyError for an unknown id."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def passage(self, passage_id: str) -> Passage:
        """Raises KeyError for an unknown id."""
        for p in self.passages:
            if p.id == passage_id:
                return p
        raise KeyError(passage_id)

    def passages_in(self, section_id: str) -> list[Passage]:
        return [p for p in self.passages if p.section_id == section_id]


def load_guideline(path: Path = GUIDELINE_PATH) -> Guideline:
    raw = json.loads(path.read_text(encoding="utf-8"))
    sections = [Section(id=s["id"], title=s["title"], order=s["order"], part=s.get("part")) for s in raw["sections"]]
    passages = [
        Passage(
            id=p["id"],
            section_id=p["section_id"],
            order=p["order"],
            text=p["text"],
            topic=p.get("topic"),
            sv=p.get("sv"),
            notes=dict(p.get("notes", {})),
            framing=bool(p.get("framing")),
            situation_first=bool(p.get("situation_first")),
            aids={lang: tuple(terms) for lang, terms in p.get("aids", {}).items()},
            related={lang: tuple(terms) for lang, terms in p.get("related", {}).items()},
        )
        for p in raw["passages"]
    ]
    sections.sort(key=lambda s: s.order)
    rank = {s.id: s.order for s in sections}
    passages.sort(key=lambda p: (rank[p.section_id], p.order))
    return Guideline(title=raw["title"], owner=raw["owner"], year=raw["year"], sections=sections, passages=passages)


@lru_cache(maxsize=1)
def get_guideline() -> Guideline:
    return load_guideline()
