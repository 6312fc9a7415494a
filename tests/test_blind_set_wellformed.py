"""The blind evaluation set (benchmarks/blind/) is well formed.

Checks fields only, never search results: the set measures the search, it must
not become a target the search is tuned to pass.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from knowledge import get_guideline
from knowledge.quality import load_questions

BLIND = Path(__file__).resolve().parents[1] / "benchmarks" / "blind" / "ohje-blind-2026-12-02.jsonl"
KINDS = {"colloquial", "situation-threat", "situation-controversy", "offtopic"}
LANGS = {"fi", "sv", "en"}


def _norm(text: str) -> str:
    # as knowledge.quality.is_right compares
    return re.sub(r"\s+", " ", text).strip()


def _rows() -> list[dict]:
    lines = [line for line in BLIND.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


ROWS = _rows()


def test_size_and_mix():
    assert len(ROWS) >= 90
    kinds = Counter(r["kind"] for r in ROWS)
    assert kinds["offtopic"] >= 10
    assert kinds["situation-threat"] + kinds["situation-controversy"] >= 30
    langs = Counter(r["lang"] for r in ROWS if r["kind"] == "colloquial")
    assert langs["sv"] >= 10 and langs["en"] >= 5


def test_questions_are_unique():
    qs = [r["q"].strip().lower() for r in ROWS]
    assert len(qs) == len(set(qs))


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["q"][:40])
def test_row_fields(row):
    assert isinstance(row["q"], str) and row["q"].strip()
    assert row["lang"] in LANGS
    assert row["kind"] in KINDS
    assert isinstance(row["expect"], list) and all(isinstance(e, str) and e.strip() for e in row["expect"])
    if row["kind"] == "offtopic":
        assert row["expect"] == []
        assert row.get("offtopic") is True  # so knowledge.quality scores it as off-topic
    else:
        assert row["expect"], "an answerable question needs at least one expected passage"
        assert not row.get("offtopic")


@pytest.mark.parametrize("row", [r for r in ROWS if r["expect"]], ids=lambda r: r["q"][:40])
def test_expect_substrings_are_verbatim_and_distinctive(row):
    passages = get_guideline().passages
    for phrase in row["expect"]:
        found = [p.id for p in passages if _norm(phrase) in _norm(p.text)]
        assert found, f"{phrase!r} is in no guideline passage"
        assert len(found) == 1, f"{phrase!r} is in several passages: {found}"


def test_situation_expectations():
    g = get_guideline()
    by_topic = {topic: {p.id for p in g.passages if p.topic == topic} for topic in ("threat", "controversy")}
    for row in ROWS:
        topic = {"situation-threat": "threat", "situation-controversy": "controversy"}.get(row["kind"])
        if topic is None:
            continue
        ids = {p.id for p in g.passages for phrase in row["expect"] if _norm(phrase) in _norm(p.text)}
        assert ids and ids <= by_topic[topic], (row["q"], ids)


def test_loads_with_the_benchmark_loader():
    questions = load_questions(BLIND)
    assert len(questions) == len(ROWS)
    assert sum(q.offtopic for q in questions) == sum(r["kind"] == "offtopic" for r in ROWS)
