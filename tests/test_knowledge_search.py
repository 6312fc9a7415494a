"""Search quality on the question files, the Answer contract, morphology and speed."""

import subprocess
import sys
from pathlib import Path

import pytest

from knowledge import get_guideline, get_index
from knowledge.analysis import stem_keys
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


# Held-out sets, written blind (see the commit that adds each): floors under what
# the search reached, to catch regressions. heldout.jsonl was then looked at while
# improving the method and the aids (baseline 48.9 % top-1, now 85 %: much of that
# is fitted); heldout2.jsonl was written after that and run once, as the honest
# check: 61.5 % top-1, 66.7 % top-3, 6/8 off-topic (the search before this work:
# 59.0 %, 66.7 %, 5/8). Two general fixes its misses showed (relatives may anchor,
# "kuka on" ignores setting words) raised it to 66.7 %, 71.8 %, 7/8: no longer blind.
# heldout3.jsonl (64 questions) was written blind and run once as the baseline:
# 66.7 % top-1, 77.8 % top-3, 7/10 off-topic. Its misses were then looked at while
# adding the concept thesaurus, soft framing words, the stem-evidence rule, inflected
# compound heads and a few aids: 85.2 %, 94.4 %, 9/10 (fitted in part). heldout4.jsonl
# (33 questions) was written after all that and run once, the honest figure:
# 70.4 % top-1, 85.2 % top-3, 5/5 off-topic.
HELDOUT_BARS = {  # top-1, top-3, off-topic no_match
    "guideline-questions-heldout.jsonl": (0.85, 0.89, 0.9),
    "guideline-questions-heldout2.jsonl": (0.65, 0.70, 0.85),
    "guideline-questions-heldout3.jsonl": (0.85, 0.94, 0.9),
    "guideline-questions-heldout4.jsonl": (0.70, 0.85, 1.0),
}


@pytest.mark.parametrize("name", sorted(p.name for p in TESTS.glob("guideline-questions-heldout*.jsonl")))
def test_heldout_questions(index, name):
    top1, top3, offtopic = HELDOUT_BARS[name]
    report = evaluate(index, load_questions(TESTS / name))
    assert report.answerable >= 25 and report.offtopic >= 5
    assert report.top1_rate >= top1, report.misses
    assert report.top3_rate >= top3, report.misses
    assert report.offtopic_rate >= offtopic, report.misses
    assert report.lang_ok == report.lang_checked, report.misses


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("mitä teen uhkaavalle viestille", "fi"),
        ("tietoturva", "fi"),
        ("hur ska jag hantera en hotfull kommentar", "sv"),
        ("får jag kritisera min arbetsgivare", "sv"),
        ("how do I handle a threatening message", "en"),
        # a word Swedish shares ("alla": under / all) yields to words only Finnish has
        ("jäähallin katto uhkaa romahtaa lumen alla", "fi"),
        ("ja fick en konstig länk i messenger, ska ja klicka", "sv"),
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
        # a word the guideline uses, in a question it does not answer
        "kuka on kaupunginjohtaja",  # asks for a name; the guideline names nobody
        "who is the mayor",
        "kuka on kokkolan kaupunginjohtaja nykyään",  # "nowadays" adds no topic to a name asked for
        "vem är stadsdirektör i karleby numera",
        "paljonko kaupungin budjetti on ensi vuonna",  # "budjetti" is context of paid ads, not its topic
        "miten saan uuden työpuhelimen",
        "what's the wifi password",
        "tulostin ei toimi",  # its stem meets "tulos", but a stem alone cannot carry an answer
        # one word found nearly everywhere names no topic
        "some",
        "kaupunki",
    ],
)
def test_off_topic_is_no_match(index, query):
    ans = index.search(query)
    assert ans.no_match and ans.hits == []
    assert ans.to_json() == {"query": query, "no_match": True, "confident": False, "situation": None, "results": []}


@pytest.mark.parametrize(
    ("query", "passage_id"),
    [
        ("uhkaava viesi", "turvallisesti-somessa-5"),  # typo
        ("tyosuojelupäällikkö", "turvallisesti-somessa-5"),  # typo in a compound
        ("ilmoitanko työsuojelupäällikölle", "turvallisesti-somessa-5"),  # inflected compound
        ("somekohuista", "somekohu-4"),
        ("saako luottamushenkilö haukkua kaupungin työntekijöitä somessa", "luottamushenkilona-somessa-2"),
    ],
)
def test_morphology_and_typos(index, query, passage_id):
    ans = index.search(query)
    assert not ans.no_match
    assert ans.hits[0].passage.id == passage_id


@pytest.mark.parametrize(
    ("query", "passage_id"),
    [
        ("uhkaus", "turvallisesti-somessa-5"),
        ("trolli", "turvallisesti-somessa-4"),
        ("kohu", "somekohu-4"),
        ("brändikirja", "sisalto-1"),
        ("tietoturva", "turvallisesti-somessa-1"),
    ],
)
def test_one_word_names_its_topic(index, query, passage_id):
    ans = index.search(query)
    assert not ans.no_match and ans.hits[0].passage.id == passage_id


def test_setting_words_count_less(index):
    """The distinctive word leads, not the setting ("asukas", "kaupungin", "sivulla"), in the
    search's own weights. (With the learned models, round 16's passage model puts the Facebook
    page's name first for this question and this passage second: benchmarks/blind/README.md.)"""
    bare = Index(index.guideline, index.analyzer, index.aliases)
    assert bare.search("asukas kiroilee kaupungin facebookissa").hits[0].passage.id == "turvallisesti-somessa-4"


def test_stems_join_word_families():
    def same(a: str, b: str, lang: str = "fi") -> bool:
        return bool(stem_keys(a, lang) & stem_keys(b, lang))

    assert same("maalitetaan", "maalittaminen")
    assert same("kiroilee", "kiroilu")
    assert same("raportoida", "raportointi")
    assert same("mäter", "mätning", "sv")
    assert not same("kommentti", "kampanja")
    assert stem_keys("uhka", "fi") == frozenset()  # too short to tell


def test_unknown_word_reaches_its_family(index):
    """A word outside the lexicon finds a known word of its family by stem."""
    ix = index
    unit = ix._unit("mustamaalattiin", "fi")
    assert {"mustamaalata", "mustamaalaus"} & set(unit.alts)


def test_context_words_never_answer_alone(index):
    """A word only in a passage's related terms supports a match, never makes one."""
    g = get_guideline()
    related = {t for p in g.passages for t in p.related.get("fi", ()) if " " not in t}
    assert {"budjetti", "salasana", "ovikoodi"} <= related
    for word in ("budjetti", "salasana", "ovikoodi"):
        assert index.search(word).no_match, word


def test_compound_parts():
    analyzer = get_index().analyzer
    assert {"some", "kohu"} <= {p for p, _ in analyzer.analyze("somekohu", "fi").parts}
    a = analyzer.analyze("työsuojelupäällikölle", "fi")
    assert a.lemma == "työsuojelupäällikkö"
    assert {"työsuojelu", "päällikkö"} <= {p for p, _ in a.parts}
    # typed without ä/ö, the modifier is still found
    assert {"kesä", "kampanja"} <= {p for p, _ in analyzer.analyze("kesakampanja", "fi").parts}
    # a new compound whose head the lemmatiser leaves inflected ("-t", the plural) is still one
    for word, lemma, parts in (("somelomat", "someloma", {"some", "loma"}), ("instakuvat", "instakuva", {"kuva"})):
        a = analyzer.analyze(word, "fi")
        assert a.lemma == lemma and parts <= {p for p, _ in a.parts}, word
    # Finland-Swedish writes "some" and a platform into compounds; a short name begins Swedish words
    assert {"some", "utbildning"} <= {p for p, _ in analyzer.analyze("someutbildning", "sv").parts}
    assert {"insta", "konto"} <= {p for p, _ in analyzer.analyze("instakontot", "sv").parts}
    assert analyzer.analyze("igenom", "sv").parts == ()


@pytest.mark.parametrize(
    "word, lang, lemma",
    [
        # a loanword ending in a consonant takes an "i" before its case ending, its last consonant
        # doubled or not
        ("wordin", "fi", "word"),
        ("zoomissa", "fi", "zoom"),
        ("powerpointtia", "fi", "powerpoint"),
        ("adminille", "fi", "admin"),
        ("tiktokkia", "fi", "tiktok"),
        ("gifillä", "fi", "gif"),
        # simplemma reads some Swedish nouns as their verbs ("inlägg" as "inlägga", "hiss" as "hissa") or
        # as another word ("dator" as "data", "gilla" as "gill"): their forms are the noun's (the errand
        # "hissen", a storm's "stormen"), not unknown words
        ("inlägget", "sv", "inlägg"),
        ("hissen", "sv", "hiss"),
        ("datorn", "sv", "dator"),
        ("gillar", "sv", "gilla"),
        ("stormen", "sv", "storm"),
        ("trollen", "sv", "troll"),
    ],
)
def test_an_inflected_word_is_read_as_its_lemma(word, lang, lemma):
    assert get_index().analyzer.lemma(word, lang) == lemma


def test_a_finnish_words_own_ending_is_no_loanwords():
    # "ihania" is "ihana" (lovely), not the loanword reading "ihan|ia"
    assert get_index().analyzer.lemma("ihania", "fi") != "ihan"


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
    assert set(data) == {"query", "no_match", "confident", "situation", "results"}
    assert data["confident"] is True and data["situation"] == "threat"
    for hit, row in zip(ans.hits, data["results"], strict=True):
        assert set(row) == {"id", "section", "text", "score"}
        assert hit.section == g.section(hit.passage.section_id)
        assert row["section"] == hit.section.title
        assert row["text"] == hit.passage.text  # verbatim, aids never shown
        assert isinstance(row["score"], float)


def test_results_never_show_aids(index):
    for p in get_guideline().passages:
        for terms in (*p.aids.values(), *p.related.values()):
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


@pytest.mark.parametrize(
    "query",
    [
        "milloin palkka nousee",
        "tuleeko liksa tilille ennen joulua",
        "mä haluun vaihtaa mun salasanan",
        "onks kahvinkeitin taas rikki",
        "kopiokone on rikki, kuka korjaa",
        "när betalas lönen ut",
        "how do I reset my email password",
        # staff benefits and parties
        "mistä saan kulttuuriedun",
        "onko tänä vuonna pikkujoulut",
        "kuka hoitaa työterveyshuollon ajanvaraukset",
        "hur ansöker jag om friskvårdsbidrag",
        "where do I sign up for the wellness programme",
        # the staff calendar
        "koska on meidän yksikön koulutuspäivät",
        "när är nästa utbildningsdag",
        # sick leave (a taught question about a commenter's illness must not make it a social-media one)
        "paljonko sairauspäiviä saa pitää vuodessa",
        "kuinka monta sairauspäivää saa pitää",
        "hur många sjukdagar får man ta utan intyg",
        # invoices and a building's faults, with a verb that could be social media's ("jakaa", "päivittää")
        "voiko laskun jakaa kahdelle kustannuspaikalle",
        "miten jaetaan hankintalasku kolmen palvelualueen kesken",
        "kan man dela fakturan mellan två enheter",
    ],
)
def test_workplace_errands_are_no_match(index, query):
    assert index.search(query).no_match


# The passage model decides this one (it gives the resources passage 0.46 against 0.39 off topic
# since set aa was taught; 0.74 against 0.18 before, when this was a known miss): an errand beside a
# general social-media verb is not told apart by rule from "kuka hoitaa sivua sairausloman aikana"
def test_an_errand_to_update_a_fault_report_is_no_match(index):
    assert index.search("hissin vikailmoitus pitäis päivittää, kuka hoitaa").no_match


@pytest.mark.parametrize(
    "query",
    [
        "saako käyttää somea salasanalla joka on sama kuin työkoneessa",
        "unohdin kaupungin instagramin salasanan",
        "voiko lounaasta postata kuvan kaupungin facebookiin",
        "saako pikkujouluista laittaa kuvia instagramiin",
        "får man lägga ut bilder från personalfesten på facebook",
        "onko tulossa somekoulutuspäivä päivittäjille",
        "saako sairaslomalla päivittää kaupungin instagramia",
        # ...or beside two general ones together (a bare no_match at cb649d3: each word alone is general,
        # "sivu", "päivitys", "jakaa", and the errand's word made them errands)
        "saako sivun päivitykset tehdä lomapäivänä",
        "kuka hoitaa tilin päivitykset sairausloman aikana",
        "voiko kaupungin sivulla jakaa tiedon pikkujoulusta",
        "jaetaanko koulutuspäivän kuvat meidän sivulla",
        "voiko powerpointin kuvia käyttää instapostauksessa",
    ],
)
def test_an_errand_beside_social_media_is_answered(index, query):
    assert not index.search(query).no_match


@pytest.mark.parametrize(
    "query",
    [
        # "kohista" is also a storm in social media ("somessa kohisee"), but not from a ventilation unit
        "ilmastointi kohisee kokoushuoneessa niin kovaa ettei puheluista saa selvää, mihin teen vikailmoituksen",
        # "päivittää" and "myrsky" are social media's words too, but not for an info screen or a fallen tree
        "kuka päivittää kaupungintalon infotaulun aukioloajat",
        "myrsky kaatoi puun päiväkodin pihalle, kenelle soitan",
        # a child hurt in an accident is an accident report, not a threat
        "lapsi satutti ittensä päiväkodin pihalla, miten tehään tapaturmailmoitus",
        # a request for an official statement, a head of finance's successor, a ventilation duct
        "ehtiikö kommentoida lausuntopyyntöön vielä maanantaina",
        "kuka on talouspäällikön seuraaja, sille pitää lähettää lasku",
        "the ventilation channel above my desk drips water",
        # weather and pests; a storm is weather unless the situation's rules or model find one of comments
        "myrskyvaroitus huomiseksi, suljetaanko uimaranta",
        "ampiaispesä koulun räystäässä, kuka hävittää",
        "getingbo vid dagisets dörr, vem tar bort det",
        "there's a hornet nest by the school door, who do I call",
        "yöllinen myrsky katkaisi sähköt uimahallista, kuka tilaa korjaajan",
        "myrskyuhka perui saaristoretken",
        # a canal dredged, an illness going round (spreading to the whole group), software
        "kanavan ruoppaus alkaa keväällä, kuka tiedottaa urakasta",
        "norovirus levinny koko ryhmään, kenelle ilmotetaan",
        "the software update froze my laptop, who helps",
        # office tools and the radio network: Outlook's calendar shared, a VIRVE radio's channel
        "miten jaan outlook-kalenterin sijaiselle",
        "which virve channel do we use in the evacuation exercise",
        # the office programs, inflected as Finnish inflects a loanword ("zoom|issa")
        "saako zoomissa jakaa näytön",
        "hur delar jag en mapp i onedrive",
        "how do i share a powerpoint with the team",
        # the internet, beside an errand: a payslip online
        "where can I see my salary online",
        "näkyykö palkka netissä jo torstaina",
    ],
)
def test_an_errand_in_words_social_media_also_uses_is_no_match(index, query):
    answer = index.search(query)
    assert answer.no_match and answer.situation is None


@pytest.mark.parametrize(
    "query",
    [
        # a canal, a cat's liking, mail
        "mikä algoritmi järjestää luvut nopeimmin tietorakenteiden kurssilla",
        "hur lång är kanalen mellan sjöarna vid sommarstugan",
        "paljonko maksaa kanavan avaaminen veneelle kesällä",
        "mun kissa ei tykkää uudesta hiekasta, mitä teen",
        "min hund gillar inte den nya matskålen, tips",
        "miten postataan kirje ahvenanmaalle, tarviiko tullipaperit",
        "how do I post a parcel to Germany from the office",
        # a Teams channel; a taxi, a hotel room or a cake shared
        "miten teen uuden kanavan teamsiin meidän tiimille",
        "hur lägger jag till en kanal i teams för vårt team",
        "how do I add a channel in Teams for our project",
        "voinko jakaa taksin kollegan kanssa koulutukseen",
        "kan vi dela rum på hotellet under personalresan",
        "saanko jakaa kakun työkavereiden kanssa kahvihuoneessa",
        "miten jaetaan joulun työvuorot reilusti",
        "can we share the weekend shifts differently this spring",
        # drinks liked; algorithms in a lesson
        "tykkääks porukka enemmän kahvista vai kaakaosta kokoustarjoiluun",
        "do you like coffee or cocoa at the meetings",
        "kan eleverna lära sig algoritmer på lektionen i morgon",
        # a comment in an office program
        "miten merkitsen kollegan kommenttiin sharepointissa",
    ],
)
def test_a_social_media_word_in_its_everyday_sense_is_no_match(index, query):
    # (OTHER_SENSES) by the rules alone too, whatever the learned models make of it
    answer = index.search(query)
    assert answer.no_match and answer.situation is None
    assert Index(index.guideline, index.analyzer).search(query).no_match


def test_an_errand_is_one_in_swedish_and_english_too():
    """The errand words are the same in each language: a work phone's operating system in Swedish is
    refused by the rules alone (no learned models), as "käyttöjärjestelmä" is in Finnish."""
    index = get_index()
    bare = Index(index.guideline, index.analyzer)
    for query in (
        "min jobbtelefon vill uppdatera operativsystemet, får jag göra det själv",
        "työpuhelin haluaa päivittää käyttöjärjestelmän, saanko tehdä sen itse",
    ):
        assert bare.search(query).no_match, query


@pytest.mark.parametrize(
    ("query", "passage_id"),
    [
        ("kannattaako meidän avata oma youtube-kanava kirjastolle", "somekanavat-6"),
        ("miten algoritmi vaikuttaa siihen kuka näkee meidän postaukset", "sisalto-2"),
        ("ska vi ha en egen kanal på tiktok för ungdomsgården", None),
        ("voiko työajalla postata omalle installe kuvia työpaikalta", "toimi-somessa-3"),
        # an everyday word beside a post or a channel: the social-media sense
        ("why do people like pictures of our library cat so much", None),
        ("saako teams-kokouksen tallenteen jakaa kaupungin youtube-kanavalle", None),
        ("voiko kaupungin facebook-sivulla jakaa kimppakyytien ilmoituksia", None),
    ],
)
def test_the_same_words_about_social_media_are_answered(index, query, passage_id):
    answer = index.search(query)
    assert not answer.no_match
    assert passage_id is None or answer.hits[0].passage.id == passage_id


@pytest.mark.parametrize(
    "query",
    [
        "sometuksen hyödyt kunnalle",
        "kan vi börja på Pinterest",
        "should our library be on reddit",
        "kannattaako kirjaston striimata twitchissä",
        # a Finland-Swedish compound of "some" or a platform
        "var hittar jag someriktlinjerna",
        "behöver vi en somestrategi för kulturenheten",
        "vem sköter instakontot på ungdomsgården",
        # a platform's chat name in a compound
        "onko meillä tuubikanavaa kirjastolle",
        "saako vanhemmille perustaa watsappiryhmän",
        # the internet: conduct online is the guideline's subject
        "pitääkö varoa ettei kerro liikaa työpaikan hälytysjärjestelmistä netissä",
        "får man skriva om kollegornas semestrar på nätet",
        "is it wise to mention my night shifts online",
        # a compound whose head is a social-media word of one sense, and a tweet by any name
        "miten teen hyvän tapahtumapostauksen kirjaston tapahtumasta",
        "mun vanhoissa tviiteissä on kiroilua, pitääkö siivota ennen kaupungille menoa",
    ],
)
def test_a_word_made_of_some_or_any_platform_or_the_internet_is_on_topic(index, query):
    # answered, unsure or not, never no_match: the question is about social media, by the search's own
    # words (without the learned models) too
    assert not index.search(query).no_match
    assert not Index(index.guideline, index.analyzer).search(query).no_match


@pytest.mark.parametrize(
    "query",
    [
        "myrskyvaroitus pitää saada kaupungin instagramiin nopeasti",
        "ukkonen katkaisi netin enkä ehtinyt vastata kommentteihin, haittaako",
    ],
)
def test_weather_beside_social_media_is_answered_as_no_situation(index, query):
    answer = index.search(query)
    assert not answer.no_match and answer.situation is None


@pytest.mark.parametrize(
    "query",
    [
        # "post" stays a social-media word, though letters are posted too
        "may I post about my salary on my own page",
        # an event calendar is no errand ("kalenteri" is not one): which channels to share it in
        "snellman-salin tapahtumakalenteri, jaetaanko kaikkiin kanaviin",
    ],
)
def test_posting_about_pay_or_sharing_an_event_calendar_is_answered(index, query):
    assert not index.search(query).no_match


def test_a_threat_naming_an_errand_is_still_a_threat(index):
    ans = index.search("joku uhkas tappaa mut parkkipaikalla")
    assert ans.situation == "threat" and ans.hits[0].passage.id == "turvallisesti-somessa-5"


def test_the_caches_stay_bounded_however_many_new_words_strangers_type(index, monkeypatch):
    # a bot that runs for months sees an endless stream of words; memory must not follow it
    import knowledge.analysis

    monkeypatch.setattr(knowledge.analysis, "CACHE_LIMIT", 200)
    vocabulary = len(index._postings)
    for i in range(600):
        word = "".join("kstlmnvhpr"[int(d)] + "aeiouy"[int(d) % 6] for d in f"{i:04d}")
        answer = index.search(f"voiko {word}ta kirjoittaa someen {word}lla", limit=3)
        assert answer is not None
    assert len(index.analyzer._cache) <= 200
    assert len(index.analyzer._normal) <= 200
    assert len(index.analyzer._lemmas) <= 200 and len(index.analyzer._parts) <= 200
    assert len(index._situations._lemmas) <= 200
    assert len(index._term_scores) <= vocabulary
    assert len(index._postings) == vocabulary  # an unknown word adds no posting list
    # and the search still answers as before once the caches have been emptied
    assert index.search("saako työajalla käyttää somea", limit=1)


# Round 6: concept words in the passages' aids (register, hearsay, sensitive data in public, own page or
# the shared one, whose name a page is kept under, nasty talk about a colleague), each with a near miss.
@pytest.mark.parametrize(
    ("query", "passage_id"),
    [
        ("voiko kaupungin tilillä vitsailla vai pitääkö olla jäykkä", "roolisi-7"),
        ("får man vara lite skämtsam på stadens sida", "roolisi-7"),
        ("is it ok to be a bit light-hearted in our posts or should we stay formal", "roolisi-7"),
        ("kuulin käytäväpuheena että koulu lakkautetaan, saanko vihjata siitä somessa", "roolisi-5"),
        ("kommentoija kertoi julkisesti diagnoosinsa meidän sivulla, mitä teen", "turvallisesti-somessa-4"),
        ("kannattaako päiväkodille oma sivu vai yhteinen kaupungin sivu", "suunnitelmallisesti-somessa-2"),
        ("kuka tykkäilee ja postailee kaupungin sivuilla", None),
    ],
)
def test_round_six_concepts(index, query, passage_id):
    ans = index.search(query)
    if passage_id is None:  # a frequentative read as its verb is on topic, whatever passage leads
        assert not ans.no_match
    else:
        assert ans.hits and ans.hits[0].passage.id == passage_id


@pytest.mark.parametrize(
    "query",
    ["kuka siivoaa kahvihuoneen", "milloin kahvihuoneen kahvinkeitin korjataan", "får jag ta lite ledigt på fredag"],
)
def test_round_six_near_misses_stay_no_match(index, query):
    assert index.search(query).no_match


# Round 6: "which ones" questions lead with the passage that introduces the list, when it covers the
# question as well as the leader (near misses: "which things to consider", a question with no plural)
@pytest.mark.parametrize(
    ("query", "passage_id"),
    [
        ("mitkä kaikki somekanavat kaupungilla on", "somekanavat-1"),
        ("mitä somekanavia kaupungilla on", "somekanavat-1"),
        ("which channels is the city on", "somekanavat-1"),
        ("kuka tekee julkaisut kaupungin pääkanaviin", "somekanavat-9"),
        ("our director asks if she should have a LinkedIn profile", "asiantuntijuus-4"),
    ],
)
def test_round_six_lists_and_roles(index, query, passage_id):
    assert index.search(query).hits[0].passage.id == passage_id


@pytest.mark.parametrize(
    "query",
    [
        "mitkä kaikki asiat pitää huomioida kun perustaa tilin",
        "mitä asioita pitää miettiä ennen uuden tilin perustamista",
        "what things should I consider before opening an account",
    ],
)
def test_round_six_which_things_is_no_list_of_channels(index, query):
    ans = index.search(query)
    assert ans.hits and ans.hits[0].passage.id != "somekanavat-1"


def test_asks_for_list():
    from knowledge.search import asks_for_list

    assert asks_for_list("mitkä kaikki somekanavat kaupungilla on".split(), "fi")
    assert asks_for_list("vilka kanaler har staden".split(), "sv")
    assert asks_for_list("which channels does the city use".split(), "en")
    assert not asks_for_list("mikä on paras kanava".split(), "fi")
    assert not asks_for_list("which hashtag does the city use".split(), "en")
    assert not asks_for_list("vilken ton ska man ha".split(), "sv")


def test_round_six_a_thumbs_up_is_a_like(index):
    # "peukuttaa", "painaa peukkua": liking, in chat words (near miss: a thumb on its own is no topic)
    assert index.search("saako kaupungin postauksia peukuttaa omalla tilillä").hits[0].passage.id in (
        "toimi-somessa-1",
        "kokkola-lahettilaat-3",
    )
    assert index.search("mulla on kipeä peukalo").no_match


def test_a_compound_keeps_its_head_so_a_service_is_no_errand(index):
    """simplemma cut unknown compounds to their first part ("liikuntaetu" -> "liikunta"), which made
    "liikunta", "kulttuuri" and "henkilöstö" errand words: a sports service's channel was refused."""
    assert index.analyzer.analyze("liikuntaedun", "fi").lemma == "liikuntaetu"
    assert "liikunta" not in index._offtopic and "kulttuuri" not in index._offtopic
    for question in ("mietitään uutta kanavaa liikuntapalveluille", "kulttuuritoimelle oma kanava, kuka päättää"):
        assert not index.search(question).no_match, question
    assert index.search("mistä saan liikuntaedun").no_match  # the staff benefit still is one


@pytest.mark.parametrize(
    "query",
    [
        "koskeeko tämä someohje minua vapaa-ajalla",  # a platform compound
        "jaksetaanko me pyörittää omaa sivua kahdestaan",  # a page
        "miten saadaan enemmän jakoja",  # shares
        "is it ok to be funny on the city page",
    ],
)
def test_pages_shares_and_platform_compounds_are_social_media(index, query):
    assert not index.search(query).no_match


@pytest.mark.parametrize(
    "query",
    ["milloin kaupungintalo on auki", "missä on kaupungin nettisivu ruokalistalle", "mistä saan uuden kulkukortin"],
)
def test_a_page_or_a_city_word_does_not_make_an_errand_social_media(index, query):
    assert index.search(query).no_match


def test_tagging_verbs_are_one_concept(index):
    # spoken "tagata", "taggaanko" and the guideline's "tägätä" (the search's own words, without the models)
    bare = Index(index.guideline, index.analyzer)
    answer = bare.search("taggaanko urheiluseuran kuvaan")
    assert not answer.no_match and answer.hits[0].passage.id == "kokkola-lahettilaat-4"


@pytest.mark.parametrize(
    "query",
    ["sadevesikanava tulvii koulun pihalla, kenelle ilmoitan", "kuvallinen työtunniste, missä otetaan kuva"],
)
def test_a_compound_whose_head_has_another_sense_too_is_no_social_media_word(index, query):
    # "kanava" and "tunniste" are a drain and an ID badge as often as a channel and a hashtag
    assert index.search(query).no_match
