"""The blind evaluation sets (benchmarks/blind/) are well formed.

Checks fields only, never search results: the sets measure the search, they must
not become a target the search is tuned to pass.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from knowledge import get_guideline
from knowledge.quality import load_questions

BLIND_DIR = Path(__file__).resolve().parents[1] / "benchmarks" / "blind"
FIRST = BLIND_DIR / "ohje-blind-2026-12-02.jsonl"
SECOND = BLIND_DIR / "ohje-blind-2026-12-02b.jsonl"
THIRD = BLIND_DIR / "ohje-blind-2026-12-02c.jsonl"
FOURTH = BLIND_DIR / "ohje-blind-2026-12-02d.jsonl"
FIFTH = BLIND_DIR / "ohje-blind-2026-12-02e.jsonl"
SIXTH = BLIND_DIR / "ohje-blind-2026-12-03f.jsonl"
SEVENTH = BLIND_DIR / "ohje-blind-2026-12-03g.jsonl"
BLIND_FILES = [FIRST, SECOND, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH]
KINDS = {"colloquial", "situation-threat", "situation-controversy", "offtopic"}
LANGS = {"fi", "sv", "en"}


def _norm(text: str) -> str:
    # as knowledge.quality.is_right compares
    return re.sub(r"\s+", " ", text).strip()


def _rows(path: Path) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


ROWS = {path.name: _rows(path) for path in BLIND_FILES}
ALL = [(name, i, row) for name, rows in ROWS.items() for i, row in enumerate(rows)]


def _id(item) -> str:
    name, i, _row = item
    return f"{name}:{i + 1}"


files = pytest.mark.parametrize("path", BLIND_FILES, ids=lambda p: p.name)


@files
def test_size_and_mix(path):
    rows = ROWS[path.name]
    assert len(rows) >= 90
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["offtopic"] >= 10
    assert kinds["situation-threat"] + kinds["situation-controversy"] >= 30
    langs = Counter(r["lang"] for r in rows if r["kind"] == "colloquial")
    assert langs["sv"] >= 10 and langs["en"] >= 5


def test_second_set_mix():
    # what benchmarks/blind/README.md states for the second set
    rows = ROWS[SECOND.name]
    assert len(rows) >= 100
    colloquial = Counter(r["lang"] for r in rows if r["kind"] == "colloquial")
    assert colloquial["fi"] >= 40 and colloquial["sv"] >= 12 and colloquial["en"] >= 8
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["situation-threat"] >= 15 and kinds["situation-controversy"] >= 13
    for kind in ("situation-threat", "situation-controversy"):
        assert {r["lang"] for r in rows if r["kind"] == kind} == LANGS, kind


def test_third_set_mix():
    # what benchmarks/blind/README.md states for the third set
    rows = ROWS[THIRD.name]
    assert len(rows) >= 100
    colloquial = Counter(r["lang"] for r in rows if r["kind"] == "colloquial")
    assert colloquial["fi"] >= 40 and colloquial["sv"] >= 10 and colloquial["en"] >= 5
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["situation-threat"] >= 16 and kinds["situation-controversy"] >= 14
    assert kinds["offtopic"] >= 10
    for kind in ("situation-threat", "situation-controversy"):
        assert {r["lang"] for r in rows if r["kind"] == kind} == LANGS, kind


def test_fourth_set_mix():
    # what benchmarks/blind/README.md states for the fourth set
    rows = ROWS[FOURTH.name]
    assert len(rows) >= 100
    colloquial = Counter(r["lang"] for r in rows if r["kind"] == "colloquial")
    assert colloquial["fi"] >= 40 and colloquial["sv"] >= 10 and colloquial["en"] >= 5
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["situation-threat"] >= 16 and kinds["situation-controversy"] >= 14
    assert kinds["offtopic"] >= 10
    for kind in ("situation-threat", "situation-controversy"):
        assert {r["lang"] for r in rows if r["kind"] == kind} == LANGS, kind


def test_fifth_set_mix():
    # what benchmarks/blind/README.md states for the fifth set
    rows = ROWS[FIFTH.name]
    assert len(rows) >= 100
    colloquial = Counter(r["lang"] for r in rows if r["kind"] == "colloquial")
    assert colloquial["fi"] >= 40 and colloquial["sv"] >= 10 and colloquial["en"] >= 5
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["situation-threat"] >= 16 and kinds["situation-controversy"] >= 14
    assert kinds["offtopic"] >= 10
    for kind in ("situation-threat", "situation-controversy"):
        assert {r["lang"] for r in rows if r["kind"] == kind} == LANGS, kind


def test_sixth_set_mix():
    # what benchmarks/blind/README.md states for the sixth set
    rows = ROWS[SIXTH.name]
    assert len(rows) >= 110
    colloquial = Counter(r["lang"] for r in rows if r["kind"] == "colloquial")
    assert colloquial["fi"] >= 45 and colloquial["sv"] >= 12 and colloquial["en"] >= 8
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["situation-threat"] >= 16 and kinds["situation-controversy"] >= 15
    assert kinds["offtopic"] >= 10
    for kind in ("situation-threat", "situation-controversy"):
        assert {r["lang"] for r in rows if r["kind"] == kind} == LANGS, kind


def test_seventh_set_mix():
    # what benchmarks/blind/README.md states for the seventh set
    rows = ROWS[SEVENTH.name]
    assert len(rows) >= 110
    colloquial = Counter(r["lang"] for r in rows if r["kind"] == "colloquial")
    assert colloquial["fi"] >= 45 and colloquial["sv"] >= 12 and colloquial["en"] >= 8
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["situation-threat"] >= 16 and kinds["situation-controversy"] >= 15
    assert kinds["offtopic"] >= 10
    for kind in ("situation-threat", "situation-controversy"):
        assert {r["lang"] for r in rows if r["kind"] == kind} == LANGS, kind


@files
def test_questions_are_unique(path):
    qs = [r["q"].strip().lower() for r in ROWS[path.name]]
    assert len(qs) == len(set(qs))


def test_second_set_reuses_no_question_of_the_first():
    first = {r["q"].strip().lower() for r in ROWS[FIRST.name]}
    reused = [i + 1 for i, r in enumerate(ROWS[SECOND.name]) if r["q"].strip().lower() in first]
    assert not reused, f"lines of {SECOND.name} also in {FIRST.name}: {reused}"


@pytest.mark.parametrize("earlier", [FIRST, SECOND], ids=lambda p: p.name)
def test_third_set_reuses_no_question_of_the_earlier_sets(earlier):
    seen = {r["q"].strip().lower() for r in ROWS[earlier.name]}
    lines = {line.strip() for line in earlier.read_text(encoding="utf-8").splitlines() if line.strip()}
    third_lines = [line.strip() for line in THIRD.read_text(encoding="utf-8").splitlines() if line.strip()]
    reused = [i + 1 for i, r in enumerate(ROWS[THIRD.name]) if r["q"].strip().lower() in seen]
    reused += [i + 1 for i, line in enumerate(third_lines) if line in lines]
    assert not reused, f"lines of {THIRD.name} also in {earlier.name}: {sorted(set(reused))}"


@pytest.mark.parametrize("earlier", [FIRST, SECOND, THIRD], ids=lambda p: p.name)
def test_fourth_set_reuses_no_question_of_the_earlier_sets(earlier):
    # compares lines and questions only; reports line numbers of the fourth set
    seen = {r["q"].strip().lower() for r in ROWS[earlier.name]}
    lines = {line.strip() for line in earlier.read_text(encoding="utf-8").splitlines() if line.strip()}
    fourth_lines = [line.strip() for line in FOURTH.read_text(encoding="utf-8").splitlines() if line.strip()]
    reused = [i + 1 for i, r in enumerate(ROWS[FOURTH.name]) if r["q"].strip().lower() in seen]
    reused += [i + 1 for i, line in enumerate(fourth_lines) if line in lines]
    assert not reused, f"lines of {FOURTH.name} also in {earlier.name}: {sorted(set(reused))}"


@pytest.mark.parametrize("earlier", [FIRST, SECOND, THIRD, FOURTH], ids=lambda p: p.name)
def test_fifth_set_reuses_no_question_of_the_earlier_sets(earlier):
    # compares lines and questions only; reports line numbers of the fifth set
    seen = {r["q"].strip().lower() for r in ROWS[earlier.name]}
    lines = {line.strip() for line in earlier.read_text(encoding="utf-8").splitlines() if line.strip()}
    fifth_lines = [line.strip() for line in FIFTH.read_text(encoding="utf-8").splitlines() if line.strip()]
    reused = [i + 1 for i, r in enumerate(ROWS[FIFTH.name]) if r["q"].strip().lower() in seen]
    reused += [i + 1 for i, line in enumerate(fifth_lines) if line in lines]
    assert not reused, f"lines of {FIFTH.name} also in {earlier.name}: {sorted(set(reused))}"


@pytest.mark.parametrize("earlier", [FIRST, SECOND, THIRD, FOURTH, FIFTH], ids=lambda p: p.name)
def test_sixth_set_reuses_no_question_of_the_earlier_sets(earlier):
    # compares lines and questions only; reports line numbers of the sixth set
    seen = {r["q"].strip().lower() for r in ROWS[earlier.name]}
    lines = {line.strip() for line in earlier.read_text(encoding="utf-8").splitlines() if line.strip()}
    sixth_lines = [line.strip() for line in SIXTH.read_text(encoding="utf-8").splitlines() if line.strip()]
    reused = [i + 1 for i, r in enumerate(ROWS[SIXTH.name]) if r["q"].strip().lower() in seen]
    reused += [i + 1 for i, line in enumerate(sixth_lines) if line in lines]
    assert not reused, f"lines of {SIXTH.name} also in {earlier.name}: {sorted(set(reused))}"


@pytest.mark.parametrize("earlier", [FIRST, SECOND, THIRD, FOURTH, FIFTH, SIXTH], ids=lambda p: p.name)
def test_seventh_set_reuses_no_question_of_the_earlier_sets(earlier):
    # compares lines and questions only; reports line numbers of the seventh set
    seen = {r["q"].strip().lower() for r in ROWS[earlier.name]}
    lines = {line.strip() for line in earlier.read_text(encoding="utf-8").splitlines() if line.strip()}
    seventh_lines = [line.strip() for line in SEVENTH.read_text(encoding="utf-8").splitlines() if line.strip()]
    reused = [i + 1 for i, r in enumerate(ROWS[SEVENTH.name]) if r["q"].strip().lower() in seen]
    reused += [i + 1 for i, line in enumerate(seventh_lines) if line in lines]
    assert not reused, f"lines of {SEVENTH.name} also in {earlier.name}: {sorted(set(reused))}"


@pytest.mark.parametrize("item", ALL, ids=_id)
def test_row_fields(item):
    _name, _i, row = item
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


@pytest.mark.parametrize("item", [item for item in ALL if item[2]["expect"]], ids=_id)
def test_expect_substrings_are_verbatim_and_distinctive(item):
    _name, _i, row = item
    passages = get_guideline().passages
    for phrase in row["expect"]:
        found = [p.id for p in passages if _norm(phrase) in _norm(p.text)]
        assert found, f"{phrase!r} is in no guideline passage"
        assert len(found) == 1, f"{phrase!r} is in several passages: {found}"


@files
def test_situation_expectations(path):
    g = get_guideline()
    by_topic = {topic: {p.id for p in g.passages if p.topic == topic} for topic in ("threat", "controversy")}
    for row in ROWS[path.name]:
        topic = {"situation-threat": "threat", "situation-controversy": "controversy"}.get(row["kind"])
        if topic is None:
            continue
        ids = {p.id for p in g.passages for phrase in row["expect"] if _norm(phrase) in _norm(p.text)}
        assert ids and ids <= by_topic[topic], (row["q"], ids)


@files
def test_loads_with_the_benchmark_loader(path):
    questions = load_questions(path)
    rows = ROWS[path.name]
    assert len(questions) == len(rows)
    assert sum(q.offtopic for q in questions) == sum(r["kind"] == "offtopic" for r in rows)
