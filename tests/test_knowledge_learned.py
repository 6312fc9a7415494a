"""The learned models (knowledge/learned.py): scikit-learn's numbers without scikit-learn, kept fresh,
and what they add to /ohje: situations no rule names, and the passage people mean."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from knowledge import get_index, search
from knowledge import train_models as tm
from knowledge.aliases import WRITTEN_PATH, alias_key
from knowledge.analysis import tokenize
from knowledge.learned import OFF_TOPIC, Learned, TextModel, char_wb_ngrams, lemma_text, word_ngrams
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


def test_two_models_loaded_on_one_vocabulary_give_each_ones_own_probabilities(tmp_path):
    # the search looks a question's n-grams up once for both models (Learned.load); each must still
    # read only its own n-grams: a char n-gram "uhka" is no word "uhka" to a word part
    paths = []
    for name, examples, options in (
        ("passages", [(q, label or OFF_TOPIC) for q, label in EXAMPLES], {"C": 4.0}),
        ("situations", [(q, label) for q, label in EXAMPLES if label != "controversy"], {"C": 1.0, "lemmas": True}),
    ):
        model, _pipeline = tm.train(examples, **options)
        model["data_sha256"] = "test"
        tm.write(tmp_path / f"{name}.json.gz", model)
        paths.append(tmp_path / f"{name}.json.gz")
    both = Learned.load(*paths)
    alone = [TextModel.load(p) for p in paths]
    for text, lemmas in tm._inputs(["joku uhkas puukottaa", "uhka", "myrsky tuli", "kan jag dela", "", "🔪"]):
        assert both.passages.probabilities(text, lemmas) == alone[0].probabilities(text, lemmas)
        assert both.situations.probabilities(text, lemmas) == alone[1].probabilities(text, lemmas)


def test_a_class_of_many_examples_does_not_drown_a_rare_one():
    # the passage model's "sqrt" weights: the threat passage has ten times the questions of most
    # passages; an ordinary question sharing a word with both should not go to it for its numbers
    many = [(f"uhkaava viesti numero {i} sivulla", "threat") for i in range(40)]
    rare = [
        ("miten seuraan viesti tilastoja", "measure"),
        ("seuranta ja mittaaminen", "measure"),
        ("mitä tilastoja kannattaa seurata", "measure"),
    ]
    question = tm._inputs(["viestin tilastot"])
    for weights, best in ((None, "threat"), ("sqrt", "measure")):
        pipeline = tm.train([*many, *rare], C=4.0, class_weight=weights)[1]
        assert pipeline.predict(question)[0] == best


def test_the_shipped_models_learned_from_the_current_teaching():
    # fails after teaching (an alias export, teach_spent.py) until: python -m knowledge.train_models
    assert tm.stale() == []
    assert tm.main(["--check"]) == 0


def test_only_spent_sets_are_learned_from(tmp_path, monkeypatch):
    # spent: every answerable question taught; a set still blind has none taught
    spent = tm.spent_sets()
    assert spent and spent == tm.blind_sets()[: len(spent)]
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


def _small_models(tmp_path, passages, situations=EXAMPLES) -> Learned:
    """Models trained here on a few examples, so the search's use of them is tested apart from the
    shipped ones (whose answers change with every retrain)."""
    return tm.learned_from(passages, situations, tmp_path)


TIMING = "milloin kannattaa julkaista"
MEASURES = "mihin mittareita ees tarvitaan"  # no social-media word: the search alone says no_match
FILLER = [("jotain aivan muuta kysyttävää", "roolisi-1"), ("vielä yksi kysymys", "roolisi-2")]
THREAT_PASSAGE = "turvallisesti-somessa-5"


def test_a_passage_the_model_is_sure_of_leads_the_search_order(tmp_path):
    index = get_index()
    bare = Index(index.guideline, index.analyzer)
    search_first = bare.search(TIMING).hits[0].passage.id
    assert search_first != "tunnisteet-1"
    learned = _small_models(tmp_path, [(TIMING, "tunnisteet-1")] * 3 + FILLER)
    answer = Index(index.guideline, index.analyzer, (), learned).search(TIMING)
    assert answer.hits[0].passage.id == "tunnisteet-1" and answer.confident
    assert search_first in [h.passage.id for h in answer.hits]  # the search's best is still shown


def test_the_model_puts_an_unsure_answer_where_the_search_saw_no_social_media_word(tmp_path):
    index = get_index()
    assert Index(index.guideline, index.analyzer).search(MEASURES).no_match
    sure = _small_models(tmp_path / "sure", [(MEASURES, "seuranta-ja-mittaaminen-3")] * 3 + FILLER)
    answer = Index(index.guideline, index.analyzer, (), sure).search(MEASURES)
    assert not answer.no_match and not answer.confident
    assert answer.hits[0].passage.id == "seuranta-ja-mittaaminen-3"
    # unsure which passage, but sure it is not off topic: unsure, not no_match
    spread = [(MEASURES, pid) for pid in ("seuranta-ja-mittaaminen-1", "seuranta-ja-mittaaminen-2", "sisalto-1")]
    torn = _small_models(tmp_path / "torn", spread * 2 + FILLER + [("milloin on palkkapäivä", OFF_TOPIC)])
    assert max(torn.passages.probabilities(MEASURES, "").values()) < search.LEARNED_ON_TOPIC
    assert not Index(index.guideline, index.analyzer, (), torn).search(MEASURES).no_match
    # sure it is off topic, or a lone word: still no_match
    off = _small_models(tmp_path / "off", [(MEASURES, OFF_TOPIC)] * 3 + FILLER)
    assert Index(index.guideline, index.analyzer, (), off).search(MEASURES).no_match
    assert Index(index.guideline, index.analyzer, (), sure).search("ovikoodi").no_match


STATS = "statsit, mitä niillä tehään"  # none of its words is the guideline's


def test_the_model_answers_unsure_a_question_none_of_whose_words_the_guideline_uses(tmp_path):
    index = get_index()
    bare = Index(index.guideline, index.analyzer)
    assert bare.closest(STATS) == [] and bare.search(STATS).no_match
    sure = _small_models(tmp_path / "sure", [(STATS, "seuranta-ja-mittaaminen-2")] * 3 + FILLER)
    answer = Index(index.guideline, index.analyzer, (), sure).search(STATS)
    assert not answer.no_match and not answer.confident
    assert answer.hits[0].passage.id == "seuranta-ja-mittaaminen-2"
    off = _small_models(tmp_path / "off", [(STATS, OFF_TOPIC)] * 3 + FILLER)
    assert Index(index.guideline, index.analyzer, (), off).search(STATS).no_match


OUTRAGE = "kommenteissa kirjoitetaan että päättäjät tappaa puistot"  # the rules read "tappaa" as a threat


def test_a_model_sure_of_the_other_situation_overrules_the_rules(tmp_path):
    index = get_index()
    assert Index(index.guideline, index.analyzer).search(OUTRAGE).situation == "threat"  # rules alone
    outrage = [(OUTRAGE, "controversy")] * 6
    learned = _small_models(tmp_path / "sure", FILLER, EXAMPLES + outrage)
    answer = Index(index.guideline, index.analyzer, (), learned).search(OUTRAGE)
    assert answer.situation == "controversy" and answer.hits[0].passage.topic == "controversy"
    # a model only leaning that way leaves the rules' reading
    unsure = _small_models(tmp_path / "unsure", FILLER)
    assert Index(index.guideline, index.analyzer, (), unsure).search(OUTRAGE).situation == "threat"


SNOW = "koulun katolla on niin paljon lunta että katto uhkaa romahtaa, kenelle soitan"


def test_a_threat_word_the_rules_read_as_a_risk_is_no_threat_to_the_model(tmp_path):
    # the model reads "uhkaa" and the snow; the rules read what is at risk of what: the roof, of collapsing
    index = get_index()
    learned = _small_models(tmp_path, FILLER, EXAMPLES + [(SNOW, "threat")] * 6)
    assert learned.situations.probabilities(SNOW, "")["threat"] >= search.LEARNED_SURE_SITUATION
    assert Index(index.guideline, index.analyzer, (), learned).search(SNOW).situation is None
    # a model taught the same way still names a threat where the rules read no risk (its passage
    # model knows the threat passage: one that knows only two others would prefer one of them)
    menace = "asiakas kirjoitti että ensi kerralla odottaa ulko-ovella"
    passages = FILLER + [(menace, THREAT_PASSAGE)] * 3
    model_only = _small_models(tmp_path / "other", passages, EXAMPLES + [(menace, "threat")] * 6)
    assert Index(index.guideline, index.analyzer).search(menace).situation is None  # the rules alone
    assert Index(index.guideline, index.analyzer, (), model_only).search(menace).situation == "threat"


BROKEN = "koneeseen tuli windows-päivitys kesken kaiken ja nyt se ei käynnisty"  # an errand: windows


def test_a_situation_the_model_alone_finds_in_an_errand_yields_to_off_topic(tmp_path):
    # "päivitys" and "kesken kaiken" read like a post gone wrong; the passage model knows the errand
    index = get_index()
    outrage = EXAMPLES + [(BROKEN, "controversy")] * 6
    learned = _small_models(tmp_path, FILLER + [(BROKEN, OFF_TOPIC)] * 3, outrage)
    assert learned.situations.probabilities(BROKEN, "")["controversy"] >= search.LEARNED_SURE_SITUATION
    assert learned.passages.probabilities(BROKEN, "")[OFF_TOPIC] >= search.LEARNED_OFF_TOPIC_SURE
    assert Index(index.guideline, index.analyzer, (), learned).search(BROKEN).no_match
    # with no errand word, a model sure of the situation keeps it
    unnamed = BROKEN.replace("windows-", "")
    situations = EXAMPLES + [(unnamed, "controversy")] * 6
    learned = _small_models(tmp_path / "unnamed", FILLER + [(unnamed, OFF_TOPIC)] * 3, situations)
    assert Index(index.guideline, index.analyzer, (), learned).search(unnamed).situation == "controversy"
    # ...and in an errand it yields to the passage model's off topic, not to the errand word ("parkki") alone
    parking = "asiakas kirjoitti että ensi kerralla odottaa parkkipaikalla"
    passages = FILLER + [(parking, THREAT_PASSAGE)] * 3
    learned = _small_models(tmp_path / "parking", passages, EXAMPLES + [(parking, "threat")] * 6)
    assert Index(index.guideline, index.analyzer).search(parking).situation is None  # the rules alone
    assert Index(index.guideline, index.analyzer, (), learned).search(parking).situation == "threat"


def test_the_written_examples_are_well_formed():
    ids = {p.id for p in get_index().guideline.passages} | {OFF_TOPIC}
    passages, situations = tm.rows(WRITTEN_PATH), tm.rows(tm.EXAMPLES)
    assert all(set(r) == {"q", "lang", "passage"} and r["passage"] in ids for r in passages)
    assert all(r["kind"] in ("colloquial", "situation-threat", "situation-controversy") for r in situations)
    for rows in (passages, situations):
        assert all(r["q"].strip() and r["lang"] in ("fi", "sv", "en") for r in rows)
        assert len({alias_key(r["q"]) for r in rows}) == len(rows)


def test_no_written_example_is_a_blind_sets_question():
    # written apart from the sets that measure the search, so that a set still blind stays blind
    blind = {alias_key(r["q"]) for path in tm.BLIND_DIR.glob("ohje-blind-*.jsonl") for r in tm.rows(path)}
    for path in (WRITTEN_PATH, tm.EXAMPLES):
        assert not [i + 1 for i, r in enumerate(tm.rows(path)) if alias_key(r["q"]) in blind], path.name


def test_a_written_question_is_answered_with_its_passage_first():
    # the written questions are searched as aliases too (knowledge.aliases.load_written)
    index, written = get_index(), tm.rows(WRITTEN_PATH)
    missed = [r["q"] for r in written if r["passage"] and index.search(r["q"]).hits[0].passage.id != r["passage"]]
    assert not missed


def test_a_question_the_passage_model_is_sure_is_off_topic_is_refused():
    # a passage shares its words ("logo", "loma"), but nothing in it is about social media
    index = get_index()
    for query in ("mistä löydän kirjepohjan kaupungin logolla", "milloin kesälomat pitää hakea"):
        assert index.search(query).no_match, query
    # ...while a social-media word keeps the same words on topic
    for query in ("mistä löydän kaupungin logon instapostaukseen", "kuka hoitaa facebook-sivua kesälomalla"):
        assert not index.search(query).no_match, query


@pytest.mark.parametrize(
    ("query", "passage"),
    [
        # a threat verb, negated: the question is about removing a rude comment
        ("asiakas kiroilee facessa mut ei uhkaile ketään, voinko poistaa kommentin", "turvallisesti-somessa-4"),
        # name-calling among colleagues is the zero-tolerance passage's, not a storm of comments
        (
            "kollegaa haukutaan työporukan whatsappissa, koskeeko epäasiallisen käytöksen sääntö sitäkin",
            "huomioi-erityisesti-5",
        ),
    ],
)
def test_the_rules_situation_yields_when_both_models_disagree(query, passage):
    answer = get_index().search(query)
    assert answer.situation is None and answer.hits[0].passage.id == passage


def test_an_errand_the_passage_model_answers_is_answered():
    # "kulkukortti" is an errand word (a lost access card), but a picture showing one is the safety passage's
    index = get_index()
    answer = index.search("saako laittaa kuvan jossa näkyy kulkukortti")
    assert not answer.no_match and answer.hits[0].passage.id == "turvallisesti-somessa-3"
    assert index.search("missä on henkilökunnan kahvihuoneen avain").no_match


PHISHING = "sivulle tuli viesti että sivu suljetaan jos en klikkaa linkkiä"


def test_a_situation_only_the_model_finds_yields_to_a_passage_it_is_sure_of(tmp_path, monkeypatch):
    index = get_index()
    assert index._situations.recognize(tokenize(PHISHING), "fi", PHISHING) is None
    monkeypatch.setattr(search, "LEARNED_SURE_SITUATION", 1.01)  # the situation model is never sure here
    situations = EXAMPLES + [(PHISHING, "threat")] * 6
    scam = _small_models(tmp_path / "scam", [(PHISHING, "turvallisesti-somessa-2")] * 3 + FILLER, situations)
    answer = Index(index.guideline, index.analyzer, (), scam).search(PHISHING)
    assert answer.situation is None and answer.hits[0].passage.id == "turvallisesti-somessa-2"
    # a passage model unsure of any passage leaves the situation
    torn = _small_models(tmp_path / "torn", FILLER + [("milloin on palkkapäivä", OFF_TOPIC)], situations)
    assert Index(index.guideline, index.analyzer, (), torn).search(PHISHING).situation == "threat"


def test_a_situation_only_the_model_finds_yields_to_a_passage_of_no_situation_the_model_is_sure_of(tmp_path):
    # however sure the situation model is, a passage model that all but names the scam passage wins
    index = get_index()
    situations = EXAMPLES + [(PHISHING, "threat")] * 6
    scam = _small_models(tmp_path / "scam", [(PHISHING, "turvallisesti-somessa-2")] * 3 + FILLER, situations)
    assert scam.situations.probabilities(PHISHING, "")["threat"] >= search.LEARNED_SURE_SITUATION
    answer = Index(index.guideline, index.analyzer, (), scam).search(PHISHING)
    assert answer.situation is None and answer.hits[0].passage.id == "turvallisesti-somessa-2"
    # ...and so does one only just sure of it, the threat passage close behind (it used to need twice)
    leaning_examples = [(PHISHING, "turvallisesti-somessa-2")] * 3 + [(PHISHING, THREAT_PASSAGE)] * 2
    leaning = _small_models(tmp_path / "leaning", leaning_examples + FILLER, situations)
    probs = leaning.passages.probabilities(PHISHING, "")
    assert probs[THREAT_PASSAGE] < search.LEARNED_SURE_PASSAGE <= probs["turvallisesti-somessa-2"]
    assert Index(index.guideline, index.analyzer, (), leaning).search(PHISHING).situation is None
    # a passage model torn evenly between the scam passage and the threat passage leaves the threat
    torn_examples = [(PHISHING, "turvallisesti-somessa-2")] * 2 + [(PHISHING, THREAT_PASSAGE)] * 2
    torn = _small_models(tmp_path / "torn", torn_examples + FILLER, situations)
    assert torn.passages.probabilities(PHISHING, "")["turvallisesti-somessa-2"] < search.LEARNED_SURE_PASSAGE
    assert Index(index.guideline, index.analyzer, (), torn).search(PHISHING).situation == "threat"


COSTUME = "koulun näytelmään tarvitaan trollin asu, mistä lainataan"  # a troll, but in a school play


def test_an_answer_no_passage_covers_gives_way_to_a_model_sure_it_is_off_topic(tmp_path):
    index = get_index()
    bare = Index(index.guideline, index.analyzer).search(COSTUME)
    assert not bare.no_match and not bare.confident  # "trolli" alone keeps it on topic, unsure
    off = _small_models(tmp_path / "off", [(COSTUME, OFF_TOPIC)] * 3 + FILLER)
    assert off.passages.probabilities(COSTUME, "")[OFF_TOPIC] >= search.LEARNED_OFF_TOPIC_UNSURE
    assert Index(index.guideline, index.analyzer, (), off).search(COSTUME).no_match
    # ...and so does one less sure (about 0.7; it used to take 0.8)
    leaning = [(COSTUME, OFF_TOPIC)] * 5 + [(COSTUME, "turvallisesti-somessa-4")] + FILLER
    lean = _small_models(tmp_path / "lean", leaning)
    assert search.LEARNED_OFF_TOPIC_UNSURE <= lean.passages.probabilities(COSTUME, "")[OFF_TOPIC] < 0.8
    assert Index(index.guideline, index.analyzer, (), lean).search(COSTUME).no_match
    # a model that leans towards a passage leaves the unsure answer
    towards = [(COSTUME, OFF_TOPIC)] * 2 + [(COSTUME, "turvallisesti-somessa-4")] * 3 + FILLER
    torn = _small_models(tmp_path / "torn", towards)
    assert torn.passages.probabilities(COSTUME, "")[OFF_TOPIC] < search.LEARNED_OFF_TOPIC_UNSURE
    answer = Index(index.guideline, index.analyzer, (), torn).search(COSTUME)
    assert not answer.no_match and not answer.confident


CLEANING = "hur delar vi upp städningen av omklädningsrummet mellan skiften"  # "dela" is no sharing here


def test_an_answer_on_a_general_word_only_gives_way_to_a_model_half_sure_it_is_off_topic(tmp_path):
    index = get_index()
    bare = Index(index.guideline, index.analyzer).search(CLEANING)
    assert not bare.no_match and not bare.confident  # "dela" alone keeps it on topic, unsure
    half = [(CLEANING, OFF_TOPIC)] * 3 + [(CLEANING, "yleiset-periaatteet-4")] * 2 + FILLER
    models = _small_models(tmp_path / "half", half)
    off = models.passages.probabilities(CLEANING, "")[OFF_TOPIC]
    assert search.LEARNED_OFF_TOPIC_UNSURE_GENERAL <= off < search.LEARNED_OFF_TOPIC_UNSURE
    assert Index(index.guideline, index.analyzer, (), models).search(CLEANING).no_match
    # a social-media word ("trolli") keeps the unsure answer at the same odds
    costume = [(COSTUME, OFF_TOPIC)] * 3 + [(COSTUME, "turvallisesti-somessa-4")] * 2 + FILLER
    models = _small_models(tmp_path / "costume", costume)
    off = models.passages.probabilities(COSTUME, "")[OFF_TOPIC]
    assert search.LEARNED_OFF_TOPIC_UNSURE_GENERAL <= off < search.LEARNED_OFF_TOPIC_UNSURE
    answer = Index(index.guideline, index.analyzer, (), models).search(COSTUME)
    assert not answer.no_match and not answer.confident


VISITORS = "pitäiskö kävijämäärät kertoa esihenkilölle joka kuukausi"  # no social-media word, no passage covers it


def test_a_passage_the_model_puts_well_above_off_topic_keeps_an_unsure_answer(tmp_path):
    index = get_index()
    assert Index(index.guideline, index.analyzer).search(VISITORS).no_match
    others = [(VISITORS, pid) for pid in ("roolisi-3", "roolisi-4", "roolisi-5", "roolisi-6")]
    ahead = [(VISITORS, "seuranta-ja-mittaaminen-3")] * 10 + [(VISITORS, OFF_TOPIC)] * 2 + others + FILLER
    models = _small_models(tmp_path / "ahead", ahead)
    probs = models.passages.probabilities(VISITORS, "")
    best, off = probs["seuranta-ja-mittaaminen-3"], probs[OFF_TOPIC]
    # neither sure of the passage nor sure that it is not off topic: only the ratio answers it
    assert best < search.LEARNED_ON_TOPIC and off > search.LEARNED_OFF_TOPIC_MAX
    assert best >= search.LEARNED_OVER_OFF_TOPIC * off
    answer = Index(index.guideline, index.analyzer, (), models).search(VISITORS)
    assert not answer.no_match and not answer.confident
    assert answer.hits[0].passage.id == "seuranta-ja-mittaaminen-3"
    # a passage barely ahead of off topic is no answer
    level = [(VISITORS, "seuranta-ja-mittaaminen-3")] * 4 + [(VISITORS, OFF_TOPIC)] * 2 + others + FILLER
    models = _small_models(tmp_path / "level", level)
    probs = models.passages.probabilities(VISITORS, "")
    assert probs["seuranta-ja-mittaaminen-3"] < search.LEARNED_OVER_OFF_TOPIC * probs[OFF_TOPIC]
    assert Index(index.guideline, index.analyzer, (), models).search(VISITORS).no_match


# a platform, misspelt and inflected as the lexicon does not know
SURVEYOR = "maanmittausinsinöörinä snapchättiin vai ei"


def test_a_question_naming_a_platform_is_answered_however_sure_the_model_is_that_it_is_off_topic(tmp_path):
    index = get_index()
    models = _small_models(tmp_path, [(SURVEYOR, OFF_TOPIC)] * 5 + FILLER)
    assert models.passages.probabilities(SURVEYOR, "")[OFF_TOPIC] >= search.LEARNED_OFF_TOPIC_UNSURE
    answer = Index(index.guideline, index.analyzer, (), models).search(SURVEYOR)
    assert not answer.no_match and not answer.confident
    # an x-ray is no X, and the English verb "face" no Facebook
    for question in ("how do I get copies of my x-ray pictures", "how to face the winter darkness at work"):
        models = _small_models(tmp_path / question[:6], [(question, OFF_TOPIC)] * 5 + FILLER)
        assert Index(index.guideline, index.analyzer, (), models).search(question).no_match


STORM_CALL = "mokasin ja nyt on kohu päällä, tein virheen"  # the search's words favour the mistake advice


def test_the_mistake_advice_leads_a_controversy_only_when_the_passage_model_agrees(tmp_path):
    index = get_index()
    assert Index(index.guideline, index.analyzer).search(STORM_CALL).hits[0].passage.id == "somekohu-2"
    agrees = _small_models(tmp_path / "agrees", [(STORM_CALL, "somekohu-2")] * 3 + FILLER)
    answer = Index(index.guideline, index.analyzer, (), agrees).search(STORM_CALL)
    assert answer.situation == "controversy" and answer.hits[0].passage.id == "somekohu-2"
    # a model that reads a storm to take to mavi, not a mistake, keeps the default advice first
    storm = _small_models(tmp_path / "storm", [(STORM_CALL, "somekohu-4")] * 3 + FILLER)
    answer = Index(index.guideline, index.analyzer, (), storm).search(STORM_CALL)
    assert answer.situation == "controversy" and answer.hits[0].passage.id == "somekohu-4"


def test_a_situation_only_the_model_finds_yields_when_the_passage_model_is_sure_it_is_off_topic(tmp_path, monkeypatch):
    index = get_index()
    monkeypatch.setattr(search, "LEARNED_SURE_SITUATION", 1.01)  # the situation model is never sure here
    situations = EXAMPLES + [(PHISHING, "threat")] * 6
    errand = _small_models(tmp_path, [(PHISHING, OFF_TOPIC)] * 3 + FILLER, situations)
    answer = Index(index.guideline, index.analyzer, (), errand).search(PHISHING)
    assert answer.situation is None and answer.no_match


def test_the_situation_model_alone_names_no_situation_in_a_few_words(tmp_path):
    # four words are too little for the model by itself ("odotamme kuntalaisten kommentteja kyselyyn")
    index = get_index()
    short, longer = (
        "kuntalaiset kommentoivat uutta kyselyä",
        "kuntalaiset kommentoivat uutta kyselyä tosi vihaisesti koko illan",
    )
    taught = EXAMPLES + [(short, "controversy"), (longer, "controversy")] * 6
    learned = _small_models(tmp_path, [(TIMING, "tunnisteet-1")] * 3 + FILLER, taught)
    bare = Index(index.guideline, index.analyzer, (), learned)
    assert learned.situations.probabilities(short, "")["controversy"] >= search.LEARNED_SITUATION
    assert bare.search(short).situation is None
    assert bare.search(longer).situation == "controversy"


@pytest.mark.parametrize(
    "query",
    [
        "joku kommentoi että meidän postaus oli tylsä",
        "someone commented that our event was badly organised, should I reply",
        "joku kirjoitti että kaupungin sivut on vanhanaikaiset",
        "någon kommenterade att vårt inlägg var tråkigt",
        # read as threats by 1f8e96c's models ("joku kirjoitti et kirjaston wifi ei toimi taaskaan", too,
        # sits at 0.5-0.56 and turns with each retrain: no test holds it)
        "joku valitti kommentissa et meidän tapahtumat on aina arkisin",
        "nån skrev att vi aldrig svarar på frågor i kommentarerna",
        "someone wrote that the pool's new prices are too high",
    ],
)
def test_a_complaint_someone_wrote_is_no_situation(query):
    # "joku kirjoitti että ..." opens most threats the spent sets describe; the shipped situation model
    # took the opening for the threat (written examples of complaints, situation-examples.jsonl)
    assert get_index().search(query).situation is None


@pytest.mark.parametrize(
    "query",
    [
        "asukas kommentoi että uimahallin hinnat nousi liikaa",
        "någon klagade på att evenemanget var dåligt ordnat",
        "someone wrote that the pool's new prices are too high",
    ],
)
def test_a_complaint_someone_wrote_leads_with_answering_feedback_not_threats(query):
    # the passage model put the threatening-messages passage first (0.8-0.9) for such a complaint, or
    # none at all; written complaints labelled with the passage on answering feedback (passage-examples.jsonl)
    ans = get_index().search(query)
    assert not ans.no_match
    assert ans.hits[0].passage.id == "yleiset-periaatteet-4"


@pytest.mark.parametrize(
    "query",
    [
        "joku kirjoitti meidän sivulle että rehtorin päivät on luetut",
        "kommentoija kirjoitti että kaupungintalolla ei kannata olla perjantaina",
        "someone wrote that the mayor should be careful walking alone at night",
        "joku kirjoitti et se tietää missä mun lapset on päivät",
        "nån skrev att jag ska passa mig när jag går till bilen",
        "someone wrote that the youth worker had better not show up at the centre again",
    ],
)
def test_a_menace_someone_wrote_without_a_threat_word_is_still_a_threat(query):
    assert get_index().search(query).situation == "threat"
