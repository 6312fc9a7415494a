"""The blind evaluation sets (benchmarks/blind/) are well formed.

Checks fields only, never search results: the sets measure the search, they must
not become a target the search is tuned to pass.
"""

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from knowledge import get_guideline
from knowledge import train_models as tm
from knowledge.aliases import alias_key, load_aliases, rows
from knowledge.quality import load_questions

BLIND_DIR = Path(__file__).resolve().parents[1] / "benchmarks" / "blind"
SECOND = BLIND_DIR / "ohje-blind-2026-12-02b.jsonl"
THIRD = BLIND_DIR / "ohje-blind-2026-12-02c.jsonl"
FOURTH = BLIND_DIR / "ohje-blind-2026-12-02d.jsonl"
FIFTH = BLIND_DIR / "ohje-blind-2026-12-02e.jsonl"
SIXTH = BLIND_DIR / "ohje-blind-2026-12-03f.jsonl"
SEVENTH = BLIND_DIR / "ohje-blind-2026-12-03g.jsonl"
EIGHTH = BLIND_DIR / "ohje-blind-2026-12-03h.jsonl"
NINTH = BLIND_DIR / "ohje-blind-2026-12-03i.jsonl"
TENTH = BLIND_DIR / "ohje-blind-2026-12-03j.jsonl"
ELEVENTH = BLIND_DIR / "ohje-blind-2026-12-03k.jsonl"
TWELFTH = BLIND_DIR / "ohje-blind-2026-12-03l.jsonl"
THIRTEENTH = BLIND_DIR / "ohje-blind-2026-12-03m.jsonl"
FOURTEENTH = BLIND_DIR / "ohje-blind-2026-12-03n.jsonl"
FIFTEENTH = BLIND_DIR / "ohje-blind-2026-12-03o.jsonl"
SIXTEENTH = BLIND_DIR / "ohje-blind-2026-12-03p.jsonl"
SEVENTEENTH = BLIND_DIR / "ohje-blind-2026-12-03q.jsonl"
EIGHTEENTH = BLIND_DIR / "ohje-blind-2026-12-03r.jsonl"
NINETEENTH = BLIND_DIR / "ohje-blind-2026-12-03s.jsonl"
TWENTIETH = BLIND_DIR / "ohje-blind-2026-12-03t.jsonl"
TWENTYFIRST = BLIND_DIR / "ohje-blind-2026-12-03u.jsonl"
TWENTYSECOND = BLIND_DIR / "ohje-blind-2026-12-03v.jsonl"
TWENTYTHIRD = BLIND_DIR / "ohje-blind-2026-12-03w.jsonl"
TWENTYFOURTH = BLIND_DIR / "ohje-blind-2026-12-03x.jsonl"
TWENTYFIFTH = BLIND_DIR / "ohje-blind-2026-12-03y.jsonl"
TWENTYSIXTH = BLIND_DIR / "ohje-blind-2026-12-03z.jsonl"
TWENTYSEVENTH = BLIND_DIR / "ohje-blind-2026-12-03aa.jsonl"
TWENTYEIGHTH = BLIND_DIR / "ohje-blind-2026-12-03ab.jsonl"
TWENTYNINTH = BLIND_DIR / "ohje-blind-2026-12-04.jsonl"
THIRTIETH = BLIND_DIR / "ohje-blind-2026-12-04b.jsonl"
THIRTYFIRST = BLIND_DIR / "ohje-blind-2026-12-04c.jsonl"
THIRTYSECOND = BLIND_DIR / "ohje-blind-2026-12-04d.jsonl"
THIRTYTHIRD = BLIND_DIR / "ohje-blind-2026-12-04e.jsonl"
THIRTYFOURTH = BLIND_DIR / "ohje-blind-2026-12-04f.jsonl"
THIRTYFIFTH = BLIND_DIR / "ohje-blind-2026-12-04g.jsonl"
THIRTYSIXTH = BLIND_DIR / "ohje-blind-2026-12-04h.jsonl"
THIRTYSEVENTH = BLIND_DIR / "ohje-blind-2026-12-04i.jsonl"
THIRTYEIGHTH = BLIND_DIR / "ohje-blind-2026-12-04j.jsonl"
THIRTYNINTH = BLIND_DIR / "ohje-blind-2026-12-04k.jsonl"
FORTIETH = BLIND_DIR / "ohje-blind-2026-12-04l.jsonl"
FORTYFIRST = BLIND_DIR / "ohje-blind-2026-12-04m.jsonl"
FORTYSECOND = BLIND_DIR / "ohje-blind-2026-12-04n.jsonl"
FORTYTHIRD = BLIND_DIR / "ohje-blind-2026-12-04o.jsonl"
FORTYFOURTH = BLIND_DIR / "ohje-blind-2026-12-04p.jsonl"
FORTYFIFTH = BLIND_DIR / "ohje-blind-2026-12-04q.jsonl"
FORTYSIXTH = BLIND_DIR / "ohje-blind-2026-12-04r.jsonl"
FORTYSEVENTH = BLIND_DIR / "ohje-blind-2026-12-04s.jsonl"
FORTYEIGHTH = BLIND_DIR / "ohje-blind-2026-12-04t.jsonl"
FORTYNINTH = BLIND_DIR / "ohje-blind-2026-12-04u.jsonl"
FIFTIETH = BLIND_DIR / "ohje-blind-2026-12-05.jsonl"
FIFTYFIRST = BLIND_DIR / "ohje-blind-2026-12-05b.jsonl"
FIFTYSECOND = BLIND_DIR / "ohje-blind-2026-12-05c.jsonl"
FIFTYTHIRD = BLIND_DIR / "ohje-blind-2026-12-05d.jsonl"
FIFTYFOURTH = BLIND_DIR / "ohje-blind-2026-12-05e.jsonl"
FIFTYFIFTH = BLIND_DIR / "ohje-blind-2026-12-05f.jsonl"
FIFTYSIXTH = BLIND_DIR / "ohje-blind-2026-12-05g.jsonl"
FIFTYSEVENTH = BLIND_DIR / "ohje-blind-2026-12-05h.jsonl"
# every set in the folder, in the order written (a new set is checked without being listed here)
BLIND_FILES = tm.blind_sets()
# Sets that have measured the round written after them are spent, and their questions are
# taught (benchmarks/teach_spent.py -> knowledge/aliases.yaml); the others are still blind.
# set bd has measured round 58 (set bc round 57, set bb round 56, set ba round 55, set az round 54,
# set ay round 53, set ax round 52, set aw round 51, set av round 50, set au round 49, set at round 48,
# set as round 47, set ar round 46, set aq round 44; round 45 came before set ar was merged); set be
# measures round 59
STILL_BLIND: list[Path] = [FIFTYSEVENTH]
KINDS = {"colloquial", "situation-threat", "situation-controversy", "offtopic"}
LANGS = {"fi", "sv", "en"}


def _norm(text: str) -> str:
    # as knowledge.quality.is_right compares
    return re.sub(r"\s+", " ", text).strip()


ROWS = {path.name: rows(path) for path in BLIND_FILES}
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


# What benchmarks/blind/README.md states for each set after the first, as minimums:
# (questions, colloquial fi, sv, en, threat situations, controversy situations, off-topic)
MIX = {
    SECOND: (100, 40, 12, 8, 15, 13, 10),
    THIRD: (100, 40, 10, 5, 16, 14, 10),
    FOURTH: (100, 40, 10, 5, 16, 14, 10),
    FIFTH: (100, 40, 10, 5, 16, 14, 10),
    SIXTH: (110, 45, 12, 8, 16, 15, 10),
    SEVENTH: (110, 45, 12, 8, 16, 15, 10),
    EIGHTH: (149, 78, 14, 9, 20, 18, 10),
    NINTH: (175, 90, 17, 12, 24, 20, 12),
    TENTH: (200, 103, 21, 17, 24, 21, 14),
    ELEVENTH: (261, 147, 25, 21, 30, 23, 15),
    TWELFTH: (239, 135, 23, 17, 25, 23, 16),
    THIRTEENTH: (270, 148, 27, 19, 31, 27, 18),
    FOURTEENTH: (300, 159, 34, 29, 32, 27, 19),
    FIFTEENTH: (314, 167, 35, 29, 34, 29, 20),
    SIXTEENTH: (414, 245, 40, 34, 39, 35, 21),
    SEVENTEENTH: (355, 190, 38, 32, 38, 34, 23),
    EIGHTEENTH: (392, 212, 40, 37, 42, 37, 24),
    NINETEENTH: (419, 225, 45, 41, 44, 39, 25),
    TWENTIETH: (451, 241, 43, 43, 43, 39, 42),
    TWENTYFIRST: (513, 298, 48, 41, 43, 39, 44),
    TWENTYSECOND: (660, 384, 68, 61, 54, 46, 47),
    TWENTYTHIRD: (536, 301, 49, 42, 52, 46, 46),
    TWENTYFOURTH: (474, 259, 45, 36, 46, 42, 46),
    TWENTYFIFTH: (475, 260, 45, 36, 46, 42, 46),
    TWENTYSIXTH: (475, 260, 45, 36, 46, 42, 46),
    TWENTYSEVENTH: (475, 260, 45, 36, 46, 42, 46),
    TWENTYEIGHTH: (475, 260, 45, 36, 46, 42, 46),
    TWENTYNINTH: (475, 260, 45, 36, 46, 42, 46),
    THIRTIETH: (475, 260, 45, 36, 46, 42, 46),
    THIRTYFIRST: (489, 267, 47, 37, 47, 44, 47),
    THIRTYSECOND: (496, 273, 47, 38, 47, 44, 47),
    THIRTYTHIRD: (505, 277, 50, 40, 47, 44, 47),
    THIRTYFOURTH: (499, 275, 48, 38, 47, 44, 47),
    THIRTYFIFTH: (508, 280, 50, 40, 47, 44, 47),
    THIRTYSIXTH: (524, 285, 58, 43, 47, 44, 47),
    THIRTYSEVENTH: (523, 286, 56, 43, 44, 47, 47),
    THIRTYEIGHTH: (529, 291, 57, 43, 44, 47, 47),
    THIRTYNINTH: (525, 288, 56, 43, 44, 47, 47),
    FORTIETH: (545, 301, 58, 45, 45, 48, 48),
    FORTYFIRST: (566, 304, 66, 52, 46, 49, 49),
    FORTYSECOND: (566, 309, 64, 49, 46, 49, 49),
    FORTYTHIRD: (580, 321, 64, 51, 46, 49, 49),
    FORTYFOURTH: (578, 319, 64, 51, 46, 49, 49),
    FORTYFIFTH: (591, 323, 68, 56, 46, 49, 49),
    FORTYSIXTH: (590, 327, 65, 54, 46, 49, 49),
    FORTYSEVENTH: (591, 325, 66, 56, 46, 49, 49),
    FORTYEIGHTH: (591, 325, 66, 56, 46, 49, 49),
    FORTYNINTH: (591, 325, 66, 56, 46, 49, 49),
    FIFTIETH: (591, 325, 66, 56, 46, 49, 49),
    FIFTYFIRST: (591, 325, 66, 56, 46, 49, 49),
    FIFTYSECOND: (591, 325, 66, 56, 46, 49, 49),
    FIFTYTHIRD: (591, 325, 66, 56, 46, 49, 49),
    FIFTYFOURTH: (591, 325, 66, 56, 46, 49, 49),
    FIFTYFIFTH: (591, 325, 66, 56, 46, 49, 49),
    FIFTYSIXTH: (591, 325, 66, 56, 46, 49, 49),
    FIFTYSEVENTH: (591, 325, 66, 56, 46, 49, 49),
}


@pytest.mark.parametrize("path", list(MIX), ids=lambda p: p.name)
def test_each_later_set_has_its_stated_mix(path):
    size, fi, sv, en, threats, controversies, offtopic = MIX[path]
    rows = ROWS[path.name]
    assert len(rows) >= size
    colloquial = Counter(r["lang"] for r in rows if r["kind"] == "colloquial")
    assert colloquial["fi"] >= fi and colloquial["sv"] >= sv and colloquial["en"] >= en
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["situation-threat"] >= threats and kinds["situation-controversy"] >= controversies
    assert kinds["offtopic"] >= offtopic
    for kind in ("situation-threat", "situation-controversy"):
        assert {r["lang"] for r in rows if r["kind"] == kind} == LANGS, kind


@files
def test_questions_are_unique(path):
    qs = [r["q"].strip().lower() for r in ROWS[path.name]]
    assert len(qs) == len(set(qs))


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("later", "earlier"),
    [(later, earlier) for i, later in enumerate(BLIND_FILES) for earlier in BLIND_FILES[:i]],
    ids=lambda p: p.name,
)
def test_a_later_set_reuses_no_question_of_an_earlier_one(later, earlier):
    # compares lines and questions only (a set's writer must not read the others); reports line
    # numbers of the later set
    seen = {alias_key(r["q"]) for r in ROWS[earlier.name]}  # case, punctuation and spacing aside
    lines = set(_lines(earlier))
    reused = [i + 1 for i, r in enumerate(ROWS[later.name]) if alias_key(r["q"]) in seen]
    reused += [i + 1 for i, line in enumerate(_lines(later)) if line in lines]
    reused = sorted(set(reused) - KNOWN_REUSE.get((later.name, earlier.name), set()))
    assert not reused, f"lines of {later.name} also in {earlier.name}: {reused}"


# Found when this check began to ignore punctuation, after both sets had been measured; kept so that
# their recorded figures stay what was measured (benchmarks/blind/README.md says what each one cost).
KNOWN_REUSE = {
    (FIFTH.name, THIRD.name): {50},
    (ELEVENTH.name, TENTH.name): {127},
}


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


@pytest.mark.parametrize("path", STILL_BLIND, ids=lambda p: p.name)
def test_a_set_still_blind_is_not_taught(path):
    taught = {alias_key(q) for q, _pid in load_aliases()}
    assert not [row["q"] for row in ROWS[path.name] if alias_key(row["q"]) in taught]


def test_teaching_a_spent_set_points_each_question_at_its_best_answer(tmp_path):
    spec = importlib.util.spec_from_file_location("teach_spent", BLIND_DIR.parent / "teach_spent.py")
    teach = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(teach)
    spent = tmp_path / "spent.jsonl"
    rows = [
        # three passages hold an expected phrase: the one the search ranks highest is taught
        {
            "q": "kannattaako päiväkodille oma sivu vai yhteinen kaupungin sivu",
            "kind": "colloquial",
            "expect": [
                "Ensisijaisesti suositaan yhteisiä profiileja",
                "vahva yhteinen kanava",
                "keskittyä yhteen yhteiseen profiiliin",
            ],
        },
        {"q": "mikä on kaupungin wifi-salasana", "kind": "offtopic", "expect": []},
    ]
    spent.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    assert teach.taught_pairs([str(spent)]) == [(rows[0]["q"], "suunnitelmallisesti-somessa-2")]
    rows[0]["expect"] = ["ei mitään tällaista ohjeessa"]
    spent.write_text(json.dumps(rows[0], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SystemExit, match="no passage holds"):
        teach.taught_pairs([str(spent)])
