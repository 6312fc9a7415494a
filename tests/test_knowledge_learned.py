"""The learned models (knowledge/learned.py): scikit-learn's numbers in plain Python, kept fresh,
and what they add to /ohje: situations no rule names, and the passage people mean."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from knowledge import get_index
from knowledge import train_models as tm
from knowledge.analysis import tokenize
from knowledge.learned import TextModel, char_wb_ngrams, lemma_text, word_ngrams
from knowledge.quality import evaluate, load_questions
from knowledge.search import Index

TEXT = st.text(alphabet=st.sampled_from("aäöbkls å-'.,!?\t\n🔪1"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_the_ngrams_are_scikit_learns(text):
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=tm.CHAR_NGRAMS).build_analyzer()
    word = TfidfVectorizer(analyzer="word", ngram_range=tm.WORD_NGRAMS).build_analyzer()
    assert sorted(char_wb_ngrams(text, *tm.CHAR_NGRAMS)) == sorted(char(text))
    assert sorted(word_ngrams(text, *tm.WORD_NGRAMS)) == sorted(word(text))


EXAMPLES = [
    ("joku uhkas puukottaa mut", "threat"),
    ("sanoi tietävänsä missä asun", "threat"),
    ("han skrev att han vet var jag bor", "threat"),
    ("someone said they will hurt me", "threat"),
    ("julkaisusta nousi hirveä myrsky", "controversy"),
    ("lehti soitti meidän postauksesta", "controversy"),
    ("vår post blev viral och alla är arga", "controversy"),
    ("hundreds of angry comments under our post", "controversy"),
    ("saako kuvan jakaa", ""),
    ("milloin kannattaa julkaista", ""),
    ("får jag dela ett inlägg", ""),
    ("how often should we post", ""),
]


def test_the_lemma_text_is_the_question_as_the_search_reads_it():
    analyzer = get_index().analyzer
    assert lemma_text(analyzer, "mua uhkaillaan facessa") == "minä uhkailla facebook"
    assert lemma_text(analyzer, "minua uhkaillaan facebookissa") == "minä uhkailla facebook"


@pytest.mark.parametrize(("binary", "prune"), [(False, 0.0), (True, 0.0), (False, 0.05)])
def test_a_written_model_gives_scikit_learns_probabilities(tmp_path, monkeypatch, binary, prune):
    monkeypatch.setattr(tm, "PRUNE", prune)
    examples = [(q, label or "none") for q, label in EXAMPLES if not binary or label != "controversy"]
    model, pipeline = tm.train(examples, C=4.0)
    model["data_sha256"] = "test"
    path = tmp_path / "model.json.gz"
    tm.write(path, model)
    ours = TextModel.load(path)
    unseen = ["joku sanoi tulevansa puukon kanssa", "myrsky kommenteissa", "kan jag dela", "", "🔪🔪"]
    inputs = tm._inputs(unseen)  # as typed, and lemma_text
    for (text, lemmas), theirs, best in zip(
        inputs, pipeline.predict_proba(inputs), pipeline.predict(inputs), strict=True
    ):
        got = ours.probabilities(text, lemmas)
        for cls, p in zip(pipeline[-1].classes_, theirs, strict=True):
            # pruning drops small weights: the probabilities move a little, never the order here
            assert got[str(cls)] == pytest.approx(p, abs=1e-5 if not prune else 0.05)
        assert max(got, key=got.__getitem__) == str(best)


def test_the_shipped_models_learned_from_the_current_teaching():
    # fails after teaching (an alias export, teach_spent.py) until: python -m knowledge.train_models
    assert tm.stale() == []
    assert tm.main(["--check"]) == 0


def test_only_spent_sets_are_learned_from(tmp_path, monkeypatch):
    # spent: every answerable question taught; a set still blind has none taught
    spent = tm.spent_sets()
    assert spent and spent == sorted(tm.BLIND_DIR.glob("ohje-blind-*.jsonl"))[: len(spent)]
    (tmp_path / spent[-1].name).write_text(spent[-1].read_text(encoding="utf-8"), encoding="utf-8")
    unseen = '{"q": "kuka päättää kaupungin uudesta tiktok-tilistä", "kind": "colloquial", "expect": ["x"]}\n'
    (tmp_path / "ohje-blind-2099-01-01.jsonl").write_text(unseen, encoding="utf-8")
    monkeypatch.setattr(tm, "BLIND_DIR", tmp_path)
    assert tm.spent_sets() == [tmp_path / spent[-1].name]


# Situations described in words no rule of knowledge/situations.py names (found by the model alone)
@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("kommenteissa sanottiin että sun kaltaiset pitäisi hoitaa pois päiväjärjestyksestä", "threat"),
        ("koko kaupunki haukkuu meidän mainosta", "controversy"),
    ],
)
def test_the_model_finds_situations_the_rules_miss(query, kind):
    index = get_index()
    answer = index.search(query)
    assert index._situations.recognize(tokenize(query), answer.lang, query) is None
    assert answer.situation == kind and not answer.no_match
    assert answer.hits[0].passage.topic == kind


def test_the_passage_model_helps_on_questions_it_never_learned_from(monkeypatch):
    # the tests' own sets, but the dev sets (their situation labels are learned from)
    from knowledge import search

    files = [f for f in sorted(Path(__file__).parent.glob("guideline-questions*.jsonl")) if "-dev" not in f.name]
    questions = [q for f in files for q in load_questions(f)]
    index = Index.build()
    blended = evaluate(index, questions)
    monkeypatch.setattr(search, "SEARCH_SHARE", 1.0)  # the search's own order
    alone = evaluate(index, questions)
    # never worse first or in the top three, better in one of them
    assert blended.top1 >= alone.top1 and blended.top3 >= alone.top3
    assert (blended.top1, blended.top3) != (alone.top1, alone.top3)
    assert blended.offtopic_ok == alone.offtopic_ok  # ordering only: what is refused stays refused
