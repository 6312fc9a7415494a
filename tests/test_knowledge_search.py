"""Search quality on the question files, the Answer contract, morphology and speed."""

import gc
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge import get_guideline, get_index
from knowledge.quality import evaluate, load_questions
from knowledge.search import MAX_TEXT, Index, shorten

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


@pytest.fixture(scope="module")
def index() -> Index:
    return get_index()


def test_given_questions(index):
    report = evaluate(index, load_questions(TESTS / "guideline-questions.jsonl"))
    assert report.top1_rate >= 0.95, report.misses
    assert report.top3_rate == 1.0, report.misses
    assert report.offtopic_rate == 1.0, report.misses
    assert report.lang_ok == report.lang_checked, report.misses


def test_extra_questions(index):
    """Our own paraphrases, typos, Swedish, English and off-topic questions (~120)."""
    report = evaluate(index, load_questions(TESTS / "guideline-questions-extra.jsonl"))
    assert report.answerable >= 100 and report.offtopic >= 20
    assert report.top1_rate >= 0.85, report.misses
    assert report.top3_rate >= 0.92, report.misses
    assert report.offtopic_rate >= 0.9, report.misses
    assert report.lang_ok == report.lang_checked


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("mitä teen uhkaavalle viestille", "fi"),
        ("tietoturva", "fi"),
        ("hur ska jag hantera en hotfull kommentar", "sv"),
        ("får jag kritisera min arbetsgivare", "sv"),
        ("how do I handle a threatening message", "en"),
    ],
)
def test_language_is_detected(index, query, lang):
    assert index.search(query).lang == lang


@pytest.mark.parametrize(
    "query",
    [
        "mikä on tänään lounaaksi",
        "milloin on seuraava palkanmaksupäivä",
        "miten varaan lomaa",
        "",
        "ja tai mutta",
    ],
)
def test_off_topic_is_no_match(index, query):
    ans = index.search(query)
    assert ans.no_match and ans.hits == []
    assert ans.to_json() == {"query": query, "no_match": True, "results": []}


@pytest.mark.parametrize(
    ("query", "passage_id"),
    [
        ("uhkaava viesi", "turvallisesti-somessa-5"),  # typo
        ("tyosuojelupäällikkö", "turvallisesti-somessa-5"),  # typo in a compound
        ("ilmoitanko työsuojelupäällikölle", "turvallisesti-somessa-5"),  # inflected compound
        ("somekohuista", "somekohu-1"),
        ("saako luottamushenkilö haukkua kaupungin työntekijöitä somessa", "luottamushenkilona-somessa-2"),
    ],
)
def test_morphology_and_typos(index, query, passage_id):
    ans = index.search(query)
    assert not ans.no_match
    assert ans.hits[0].passage.id == passage_id


def test_compound_parts():
    analyzer = get_index().analyzer
    assert {"some", "kohu"} <= {p for p, _ in analyzer.analyze("somekohu", "fi").parts}
    a = analyzer.analyze("työsuojelupäällikölle", "fi")
    assert a.lemma == "työsuojelupäällikkö"
    assert {"työsuojelu", "päällikkö"} <= {p for p, _ in a.parts}


def test_topics_reach_the_answer(index):
    assert index.search("uhkaava viesti").hits[0].passage.topic == "threat"
    assert index.search("meille on tulossa somekohu").hits[0].passage.topic == "controversy"


def test_answer_contract(index):
    g = get_guideline()
    ans = index.search("mitä teen uhkaavalle viestille", limit=2)
    assert ans.query == "mitä teen uhkaavalle viestille" and ans.lang == "fi" and not ans.no_match
    assert 1 <= len(ans.hits) <= 2
    rest = [h.score for h in ans.hits[1:]]
    assert rest == sorted(rest, reverse=True)  # the best passage leads, the rest by score
    data = ans.to_json()
    assert set(data) == {"query", "no_match", "results"}
    for hit, row in zip(ans.hits, data["results"], strict=True):
        assert set(row) == {"id", "section", "text", "score"}
        assert hit.section == g.section(hit.passage.section_id)
        assert row["section"] == hit.section.title
        assert row["text"] == hit.passage.text  # verbatim, aids never shown
        assert isinstance(row["score"], float)


def test_results_never_show_aids(index):
    for p in get_guideline().passages:
        for terms in p.aids.values():
            for term in terms[:3]:
                for row in index.search(term).to_json()["results"]:
                    assert row["text"] == get_guideline().passage(row["id"]).text


def test_long_text_is_cut_at_a_word():
    text = "sana " * 300
    cut = shorten(text)
    assert len(cut) <= MAX_TEXT and cut.endswith("…") and not cut.endswith(" …")
    assert text.startswith(cut[:-1])
    assert shorten("lyhyt teksti.") == "lyhyt teksti."
    assert all(len(p.text) <= MAX_TEXT for p in get_guideline().passages)


def test_index_is_built_once():
    assert get_index() is get_index()


def test_import_is_lazy():
    """Importing knowledge must not load the search stack (simplemma, rapidfuzz)."""
    code = (
        "import sys, knowledge; knowledge.get_guideline(); "
        "print('simplemma' in sys.modules, 'rapidfuzz' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_no_slack_imports():
    for path in (ROOT / "knowledge").glob("*.py"):
        assert "slack" not in path.read_text(encoding="utf-8").lower(), path.name


def test_speed():
    builds = []
    for _ in range(3):
        start = time.perf_counter()
        index = Index.build()
        builds.append(time.perf_counter() - start)
    assert min(builds) <= 0.300, builds  # min: robust against a busy machine
    questions = [
        q.q for f in ("guideline-questions.jsonl", "guideline-questions-extra.jsonl") for q in load_questions(TESTS / f)
    ]
    gc.collect()  # don't time the collection of the builds' garbage
    latencies = []
    for q in questions:  # first time each word is seen: the slow path
        start = time.perf_counter()
        index.search(q)
        latencies.append(time.perf_counter() - start)
    assert statistics.quantiles(latencies, n=100)[98] <= 0.005
