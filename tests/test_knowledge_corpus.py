"""guideline.json against the verbatim source knowledge/guideline-2021.txt, both ways."""

import re
from pathlib import Path

import pytest

from knowledge import get_guideline
from knowledge.models import load_guideline

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "knowledge" / "guideline-2021.txt"

# Slide layout noise, dropped before comparing: bullet glyphs ("•" and a
# Wingdings arrow from the slide deck). Nothing else is ignored.
LAYOUT_NOISE = ["•", "\uf0d8"]
# Sections whose title is ours because the slide has none.
EDITORIAL_TITLES = {"tunnisteet": "Kaupungin tunnisteet"}


def normalised_source() -> str:
    text = SOURCE.read_text(encoding="utf-8")
    for glyph in LAYOUT_NOISE:
        text = text.replace(glyph, " ")
    # a word hyphenated across a slide line break ("mavi-\ntiimiltä") is one word
    text = re.sub(r"(?<=\w-)\n(?=[a-zäöå])", "", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def source() -> str:
    return normalised_source()


@pytest.fixture(scope="module")
def guideline():
    return load_guideline()


def test_metadata(guideline):
    assert guideline.title == "Sosiaalisen median ohje Kokkolan kaupungin työntekijöille ja luottamushenkilöille"
    assert guideline.owner == "Kokkolan kaupunki"
    assert guideline.year == 2021


def test_every_passage_is_verbatim(source, guideline):
    for p in guideline.passages:
        assert p.text == p.text.strip() and "  " not in p.text, p.id
        assert p.text in source, f"{p.id} is not verbatim: {p.text!r}"


def test_titles_come_from_source(source, guideline):
    assert f"{guideline.title} {guideline.year}" in source
    for s in guideline.sections:
        if s.id in EDITORIAL_TITLES:
            assert s.title == EDITORIAL_TITLES[s.id]
        else:
            assert s.title in source, s.id
        if s.part:
            assert s.part in source, s.id


def test_nothing_in_source_is_dropped(source, guideline):
    """Every character of the source belongs to a passage, a heading or the title."""
    covered = bytearray(len(source))
    pieces = [p.text for p in guideline.passages]
    pieces += [s.title for s in guideline.sections if s.id not in EDITORIAL_TITLES]
    pieces += [s.part for s in guideline.sections if s.part]
    pieces += [guideline.title, str(guideline.year)]
    for piece in pieces:
        start = source.find(piece)
        while start >= 0:  # headings repeat as slide navigation: cover every copy
            covered[start : start + len(piece)] = b"\1" * len(piece)
            start = source.find(piece, start + 1)
    leftover = "".join(ch for ch, done in zip(source, covered, strict=True) if not done)
    assert leftover.strip() == "", f"uncovered source text: {leftover.strip()!r}"


def test_ids_are_stable_and_ordered(guideline):
    section_ids = [s.id for s in guideline.sections]
    assert len(set(section_ids)) == len(section_ids)
    assert [s.order for s in guideline.sections] == list(range(1, len(section_ids) + 1))
    ids = [p.id for p in guideline.passages]
    assert len(set(ids)) == len(ids)
    for s in guideline.sections:
        passages = guideline.passages_in(s.id)
        assert passages, f"section {s.id} has no passages"
        assert [p.order for p in passages] == list(range(1, len(passages) + 1))
        assert all(p.id == f"{s.id}-{p.order}" for p in passages)
        assert all(re.fullmatch(r"[a-z0-9-]+", p.id) for p in passages)


def test_topics(guideline):
    topics = {p.id: p.topic for p in guideline.passages if p.topic}
    assert set(topics.values()) <= {"threat", "controversy"}
    threat = [pid for pid, t in topics.items() if t == "threat"]
    assert [guideline.passage(pid).text for pid in threat] == [
        "Uhkaavat viestit ohjataan esimiehelle ja tarvittaessa tiedoksi työsuojelupäällikölle ja/tai poliisille."
    ]
    controversy = {pid for pid, t in topics.items() if t == "controversy"}
    assert controversy == {p.id for p in guideline.passages_in("somekohu")}
    assert guideline.section("somekohu").title == "Hups, somekohu!"


def test_aids_are_separate_search_terms(guideline):
    for p in guideline.passages:
        assert set(p.aids) <= {"fi", "sv", "en"} and set(p.related) <= {"fi", "sv", "en"}, p.id
        assert p.aids.get("fi"), f"{p.id} has no Finnish aids"
        for terms in (*p.aids.values(), *p.related.values()):
            assert all(isinstance(t, str) and t.strip() == t and t for t in terms), p.id
        # a word is either what the passage is about or context, not both
        aids = {t.lower() for terms in p.aids.values() for t in terms}
        assert not aids & {t.lower() for terms in p.related.values() for t in terms}, p.id


def test_lookup_api(guideline):
    assert get_guideline() is get_guideline()
    p = guideline.passage("turvallisesti-somessa-5")
    assert p.section_id == "turvallisesti-somessa"
    assert guideline.section(p.section_id).title == "Turvallisesti somessa"
    assert p in guideline.passages_in("turvallisesti-somessa")
    with pytest.raises(KeyError):
        guideline.passage("no-such-passage")
    with pytest.raises(KeyError):
        guideline.section("no-such-section")


def test_lexicon_is_fresh():
    """lexicon.txt must be regenerated after guideline.json changes."""
    pytest.importorskip("wordfreq", reason="wordfreq (dev dependency) builds the lexicon")
    from knowledge.build_lexicon import LEXICON_PATH, build

    assert LEXICON_PATH.read_text(encoding="utf-8") == build(), "run: python -m knowledge.build_lexicon"
