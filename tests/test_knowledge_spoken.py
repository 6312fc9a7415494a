"""Spoken and chat Finnish, missing ä/ö and typos: each rule on several words (knowledge/spoken.py)."""

import pytest

from knowledge import get_index
from knowledge.spoken import normalize_text, variants


@pytest.fixture(scope="module")
def analyzer():
    return get_index().analyzer


def norm(analyzer, words):
    return [analyzer.normalize(w, "fi") for w in words.split()]


@pytest.mark.parametrize(
    ("rule", "spoken", "standard"),
    [
        ("olla, että, pronouns", "oo oon et mä mun sä sun", "ole olen että minä minun sinä sinun"),
        ("chat shorthand", "insta face fb dm", "instagram facebook facebook yksityisviesti"),
        ("shorthand inflected", "instassa facessa tiktokissa", "instagram facebook tiktok"),
        ("the illative lengthens the vowel", "faceen", "facebook"),
        ("conditional -is", "pitäis tekis kannattais", "pitäisi tekisi kannattaisi"),
        (
            "passive conditional -ttais",
            "tehtäis julkastais poistettais ilmotettais",
            "tehtäisiin julkaistaisiin poistettaisiin ilmoitettaisiin",
        ),
        (
            "i dropped from a diphthong",
            "julkasta julkasu kirjotus tavotella ilmotus ilmottaa",
            "julkaista julkaisu kirjoitus tavoitella ilmoitus ilmoittaa",
        ),
        ("d dropped", "tehä tehään nähä", "tehdä tehdään nähdä"),
        ("passive's -n dropped", "tehää julkastaa", "tehdään julkaistaan"),
        ("long vowel for vowel + a/ä", "tietoo kuvii kommenttei", "tietoa kuvia kommentteja"),
        ("short case endings", "sivul somest", "sivulle somesta"),
        ("the past tense's -i dropped", "alko laitto näky kerto", "alkoi laittoi näkyi kertoi"),
        (
            "clitics -ks -ko -han -pa -s",
            "voiks saanks onks julkaistaanko saakohan poistanko julkaisupa uhkas",
            "voi saan onko julkaistaan saako poistan julkaisu uhkasi",
        ),
        (
            "missing ä/ö",
            "mita tyoaikana kayttaa paivitys paivittaja tyontekija",
            "mitä työaikana käyttää päivitys päivittäjä työntekijä",
        ),
        ("Ostrobothnian: an echoed vowel", "kirijastolle pelekää ihimiset", "kirjastolle pelkää ihmiset"),
        ("Ostrobothnian: the illative's h", "kirijastohon", "kirjastoon"),
        ("Ostrobothnian: d as j or h", "huomioija tehhä nähhään", "huomioida tehdä nähdään"),
        ("Ostrobothnian: a doubled consonant", "pittää kuvvaa", "pitää kuvaa"),
        ("a platform's features", "storyssä mesessä reelsiin", "story messenger reels"),
        ("the city's shorthand", "mavi maville", "viestintätiimi viestintätiimi"),
        (
            "typos in longer words",
            "julkasiuja kommentiossa työsuojelupäälikkö markkinointikampanjs",
            "julkaisuja kommentissa työsuojelupäällikkö markkinointikampanja",
        ),
    ],
)
def test_rule(analyzer, rule, spoken, standard):
    assert norm(analyzer, spoken) == standard.split(), rule


def test_known_and_very_common_words_stay(analyzer):
    # standard words, and common words the guideline never uses, are not "corrected"
    assert norm(analyzer, "julkaisu kommentti tänään lounas") == ["julkaisu", "kommentti", "tänään", "lounas"]


def test_swedish_and_english_get_only_platform_shorthand(analyzer):
    assert analyzer.normalize("insta", "sv") == "instagram"
    assert analyzer.normalize("fb", "en") == "facebook"
    assert analyzer.normalize("hotade", "sv") == "hotade"


def test_x_and_colon_case_endings():
    assert normalize_text("onks X:ssä tiliä, fb:ssä tai x-tili") == "onks twitter tiliä, fb tai twitter-tili"
    assert normalize_text("x on kirjain, @x ja #x eivät") == "x on kirjain, @x ja #x eivät"


def test_variants_are_candidates_only():
    assert "julkaista" in variants("julkasta")
    assert "julkasta" not in variants("julkasta")


def test_tsekata_means_checking(analyzer):
    unit = get_index()._unit("tsekataan", "fi")
    assert "tarkistaa" in unit.alts


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("mita saa sanoa tyoaikana somessa", "työaikana"),
        ("voiks mä poistaa rumat kommentit", "Asiattomat viestit"),
        ("saanks mä mainostaa fb:ssä maksullisesti", "Maksullisen markkinoinnin"),
        ("onks x:ssä kaupungin tiliä", "Twitter - Kokkola Karleby"),
        ("mitä pittää huomioija ko perustaa kirijastolle oman sivun", "Päätöksen uuden tilin perustamisesta"),
    ],
)
def test_spoken_questions_find_their_passage(query, expect):
    ans = get_index().search(query)
    assert not ans.no_match
    assert any(expect in h.passage.text for h in ans.hits[:3]), [h.passage.id for h in ans.hits]


def test_adverbs_mean_what_their_adjectives_do():
    index = get_index()
    for adverb, adjective in (
        ("asiallisesti", "asiallinen"),
        ("rennosti", "rento"),
        ("avoimesti", "avoin"),
        ("aktiivisesti", "aktiivinen"),
    ):
        assert adjective in index._unit(adverb, "fi").alts, adverb


# Round 6: the verb under a frequentative ("doing it now and then"), typed or spoken
@pytest.mark.parametrize(
    ("spoken", "standard"),
    [
        ("tykkäilee", "tykätä"),
        ("postailla", "postata"),
        ("postaileeko", "postata"),
        ("kirjoittelee", "kirjoittaa"),
        ("kirjottelee", "kirjoittaa"),
        ("jakelee", "jakaa"),
        ("päivittelee", "päivittää"),
        ("kommentoilla", "kommentoida"),
    ],
)
def test_a_frequentative_is_read_as_its_verb(analyzer, spoken, standard):
    assert analyzer.normalize(spoken, "fi") == standard


def test_words_that_only_contain_the_frequentative_letters_stay_themselves(analyzer):
    # case endings -lla/-lle and known frequentatives are no frequentative of another verb
    assert norm(analyzer, "kielellä sivuilla tilille kyselee julkaisee") == [
        "kielellä",
        "sivuilla",
        "tilille",
        "kyselee",
        "julkaisee",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "kuinka nopeasti pitää vastata mesessä",
        "saako storyssä näkyä asiakkaiden kasvot",
        "voiko reelsiin laittaa musiikkia",
    ],
)
def test_a_platform_feature_makes_a_question_social_media(query):
    """Never a bare "no match" for a question about Messenger, a story or reels, sure or not."""
    assert not get_index().search(query).no_match
