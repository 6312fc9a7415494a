"""Scoring the search against question files (shared by tests and the benchmark).

A question file is JSON lines: {"q": ..., "expect": [phrases], "offtopic": bool, "lang": ...,
"kind": ...}. `kind` is optional: "colloquial", "situation-threat", "situation-controversy" or
"offtopic" (the same as "offtopic": true; such lines have "expect": []).
A hit is right when any expected phrase appears in the passage text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .search import Index


@dataclass(frozen=True)
class Question:
    q: str
    expect: tuple[str, ...]
    offtopic: bool = False
    lang: str | None = None
    kind: str | None = None

    @property
    def situation(self) -> str | None:
        """The situation the question describes ("threat", "controversy"), if its kind says so."""
        if self.kind and self.kind.startswith("situation-"):
            return self.kind.removeprefix("situation-")
        return None


def load_questions(path: str | Path) -> list[Question]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            kind = raw.get("kind")
            offtopic = bool(raw.get("offtopic")) or kind == "offtopic"
            out.append(Question(raw["q"], tuple(raw.get("expect", ())), offtopic, raw.get("lang"), kind))
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def is_right(text: str, expect: tuple[str, ...]) -> bool:
    text = _norm(text)
    return any(_norm(phrase) in text for phrase in expect)


@dataclass
class Report:
    answerable: int = 0
    top1: int = 0
    top3: int = 0
    offtopic: int = 0
    offtopic_ok: int = 0
    lang_checked: int = 0
    lang_ok: int = 0
    no_match: int = 0  # answerable questions answered no_match
    unsure: int = 0  # answerable questions answered, but not confidently
    situations: int = 0  # questions describing a threat or a controversy
    situations_ok: int = 0  # ...recognised as that situation, with its passage first
    misses: list[str] = field(default_factory=list)

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.answerable if self.answerable else 1.0

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.answerable if self.answerable else 1.0

    @property
    def situations_rate(self) -> float:
        return self.situations_ok / self.situations if self.situations else 1.0

    @property
    def offtopic_rate(self) -> float:
        return self.offtopic_ok / self.offtopic if self.offtopic else 1.0


def evaluate(index: Index, questions: list[Question]) -> Report:
    r = Report()
    for question in questions:
        ans = index.search(question.q, limit=5)
        got = [h.passage.id for h in ans.hits[:3]]
        if question.lang:
            r.lang_checked += 1
            r.lang_ok += ans.lang == question.lang
        if question.offtopic:
            r.offtopic += 1
            if ans.no_match:
                r.offtopic_ok += 1
            else:
                r.misses.append(f"off-topic answered: {question.q!r} -> {got}")
            continue
        r.answerable += 1
        r.no_match += ans.no_match
        r.unsure += not ans.no_match and not ans.confident
        if question.situation:
            r.situations += 1
            first = ans.hits[0].passage.topic if ans.hits else None
            if ans.situation == question.situation and first == question.situation:
                r.situations_ok += 1
            else:
                r.misses.append(f"situation {question.situation} not first: {question.q!r} -> {ans.situation}")
        right = [is_right(h.passage.text, question.expect) for h in ans.hits[:3]]
        if right[:1] == [True]:
            r.top1 += 1
        elif any(right):
            r.misses.append(f"not first: {question.q!r} -> {got}")
        else:
            why = "no_match" if ans.no_match else str(got)
            r.misses.append(f"missed: {question.q!r} -> {why}")
        r.top3 += any(right)
    return r
