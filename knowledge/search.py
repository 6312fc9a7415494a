"""Search over the guideline passages: BM25F on lemmas, compound parts and curated aids.

A query is split into units (one per content word). Each unit brings its lemma,
synonyms, compound parts (weaker) and, for a word the lexicon does not know,
the known words of its family by stem ("maalitetaan" ~ "maalittaminen") or the
closest index term by edit distance (typo tolerance). Passages are ranked by
BM25F over four fields: the verbatim text, the curated aids (words people use
for what the passage is about), related words (context, weak) and the section
title. Words that only set the scene in this domain ("kaupungin sivulla",
"kommenteissa") count half.

Confidence is the idf-weighted share of the query units the best passage
covers: a whole-word match covers a unit fully, a word of an aid phrase or a
compound part less, a context word half. A word the guideline never uses counts
against it, less when it is a common word. An answer needs an anchor (one unit
really matched) and enough coverage, relative to the query, or a lower share
when the passage matches much of a long question in absolute terms. So "miten
varaan lomaa" (only "loma" known, barely) is no_match, and so is "kuka on
kaupunginjohtaja" (a question for a name) or a lone "some".

Before any of that, a question that describes a threat or a controversy
(situations.py, or else the learned situation model) is answered with its topic's passage first, never no_match;
Answer.situation says which. A question that misses the coverage but uses a
social-media word is answered unsure (Answer.confident False) with the closest
passages instead of no_match. A section's framing sentence that would lead
gives way to its section's advice. Query words pass through spoken.py first
(spoken Finnish, chat shorthand, missing ä/ö, typos); Swedish questions also
search the passages' unofficial Swedish translations.

Learned aliases (question text -> passage id) are searched like the passage's
aid phrases: Index(guideline, analyzer, aliases=[(question, passage_id), ...]),
or index.with_aliases(pairs) for a new index sharing the analyzer (~0.2 s with 5,500 aliases). A question
asked exactly as an alias (case, spacing and punctuation aside: aliases.alias_key) is answered
confidently with the alias's passage first. Index.build() loads the shipped knowledge/aliases.yaml
and the questions written for the models (knowledge/passage-examples.jsonl) as aliases.

Index.build() also loads the learned models (learned.py, trained from the shipped aliases and the
spent blind sets): the situation model reads a question the rules find no situation in; the
passage model's probabilities are blended with the search's scores to order the passages (a list
asked for still leads), and a question the search finds no social-media word in is on topic when
the model is sure of a passage, and off topic when the model is sure of that and no passage
covers the question. An index made with Index(...) knows only what it is given
(learned=Learned.shipped() for the models).
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .aliases import alias_key, load_aliases, load_written
from .analysis import (
    FINNISH_CHAT_PLATFORMS,
    HYPERNYMS,
    PLATFORMS,
    SETTING_WORDS,
    SOFT_WORDS,
    SYNONYMS,
    Analysis,
    Analyzer,
    Lexicon,
    detect_language,
    is_stopword,
    phrase_terms,
    stem_keys,
    tokenize,
)
from .learned import OFF_TOPIC, Learned, base_forms
from .models import Guideline, Passage, Section, load_guideline
from .situations import STORM, Recognizer
from .spoken import adverb_bases, normalize_text
from .thesaurus import CONCEPTS

# BM25F: field weight, length normalisation (b) and the credit a match in the
# field gives towards covering the question. Aids are a bag of synonyms: each
# counts once and their number is not penalised. Related words are context:
# they add a little score and half a word's credit.
# The Swedish translation is searched by Swedish questions like the text by Finnish
# ones; aliases (questions people asked) count like aid phrases, but their number is
# normalised: a passage taught many questions must not win every question on the
# everyday words they share ("onks kaupungin tili").
FIELDS = {
    "text": (1.0, 0.5),
    "sv": (0.9, 0.5),
    "aids": (0.8, 0.0),
    "aliases": (0.6, 0.75),
    "related": (0.3, 0.0),
    "title": (0.4, 0.3),
}
CREDIT = {"text": 1.0, "sv": 1.0, "aids": 1.0, "aliases": 0.75, "related": 0.5, "title": 1.0}
OWN_FIELDS = tuple(f for f in FIELDS if f != "aliases")  # the guideline's own words
K1 = 1.2
PART_TF = 0.5  # a compound part counts half an occurrence
PHRASE_TF = 0.5  # ...and so does a word of a several-word aid ("kuvat ilman lupaa" is not about pictures)
SETTING_W = 0.5  # a setting word ("kaupungin sivulla") weighs half
# A term found in a passage only as a word of a several-word aid ("toimisto" in
# "kuvat toimistosta") covers a question word this much, and only as a compound
# part ("budjetti" in "mainosbudjetti") this much, against 1.0 for a whole word.
PHRASE_CREDIT, PART_CREDIT = 0.75, 0.5
# To answer, some question word must match the best passage this well: as
# itself, a synonym, typo-corrected, or as a word of an aid phrase; not only
# through relatives, stems or context words.
ANCHOR = 0.75
PART_QW = 0.5  # ...and half a query word
FUZZY_QW = 0.8  # typo-corrected words weigh a bit less
SYNONYM_QW = 0.8
HYPERNYM_QW, HYPERNYM_CREDIT = 0.4, 0.7  # "facebook" -> "some"
# derivational relatives sharing a long prefix ("haukkua" ~ "haukkuminen",
# "häirikkö" ~ "häiriköinti"): close enough to anchor an answer, unlike stems
REL_QW, REL_CREDIT = 0.5, 0.75
REL_PREFIX, REL_MAX_EXTRA = 6, 5
STEM_QW, STEM_CREDIT = 0.6, 0.6  # an unknown word's family by stem: "maalitetaan" ~ "maalittaminen"
# A word the guideline never uses weighs this much (an idf) when it is rare, less
# when it is common (by wordfreq): it may be the real topic ("lounas") or only
# the asker's context ("kellonaika" in a question about a wrong post).
UNSEEN_IDF = 4.0
# no_match unless the best passage covers this share of the query (idf-weighted)...
MIN_COVERAGE = 0.5
# ...or this share when every word of the query is in the guideline's vocabulary
# (the words are on topic, only spread over passages: "kollega kiusaa minua")
MIN_COVERAGE_IN_VOCAB, IN_VOCAB = 0.4, 0.9
# ...or this share when the passage matches much of the question in absolute
# terms (idf units, about two specific words): a long question tells its
# situation in words the guideline never uses ("uimahalli", "eilen") around a
# core it does answer ("kirjoitin väärin", "kommenteissa")
MIN_COVERAGE_RICH, RICH_EVIDENCE = 0.3, 4.5
RUNNERS_UP = 3  # passages checked for coverage, best score first
MIN_RELATIVE = 0.2  # hits under this share of the best score are dropped
# A one-word question whose word is in more than this share of the passages
# ("some", "kaupunki") names no topic: the topics are shown instead.
GENERIC_DF = 0.2
# "kuka on kaupunginjohtaja": a question for a person's name, which the guideline never gives
IDENTITY_OPENERS = {("kuka", "on"), ("kuka", "oli"), ("ketkä", "ovat"), ("who", "is"), ("vem", "är")}
MAX_TEXT = 700
# Social-media words: a question using one is on topic. When no passage covers it
# well enough, it gets the closest passages, marked unsure, instead of no_match.
# (and every platform, PLATFORM_LEMMAS)
DOMAIN_WORDS = {
    "fi": """
        somekanava sometili somepäivittäjä somepäivitys somekohu sosiaalinen
        julkaisu julkaista postaus postata päivitys päivittää
        päivittäjä kommentti kommentoida seuraaja tykkäys tykätä jakaa hashtag tunniste tägätä profiili
        algoritmi yksityisviesti viraali trolli kanava story reels feed
        livelähetys striimi meemi sivu jako näkyvyys netti twiitti tviitti twiitata tviitata
    """,
    "sv": """
        inlägg kommentar kommentera följare publicera posta dela gilla hashtagg profil kanal story reels algoritm
        flöde sida nätet uppdatera uppdatering uppdaterare
    """,
    "en": "post comment follower like share hashtag profile channel story reels feed page online internet tweet "
    "retweet repost update",
}
# Workplace errands the guideline never covers (pay, passwords, printers, lunch, parking, staff
# benefits and parties, invoices, a building's faults, accident reports, lost property, the weather
# forecast, pests, illnesses going round, software, Outlook and the other office programs, letters by
# mail and their templates, dredging, a request for an official statement, an employee bike, an
# auction; the same in each language): a question about one is refused unless it also names social
# media ("salasana" to the city's Instagram is a security question). A situation is answered whatever
# else it names, unless both models say it is an errand (Index._situation).
OFFTOPIC_WORDS = {
    "fi": """
        palkka liksa palkankorotus palkanmaksu palkkapäivä lomaraha salasana tulostin tulostaa
        kopiokone kahvinkeitin kahvinkeittimen lounas ruokala ruokalista pysäköidä pysäköinti parkkeerata
        parkkipaikka parkkilupa kulkukortti matkalasku kilometrikorvaus päiväraha sairausloma sairasloma
        sairauspäivä lomapäivä
        liikuntaetu kulttuurietu liikuntaseteli henkilöstöetu työterveys työterveyshuolto pikkujoulu
        henkilöstöjuhla virkistyspäivä koulutuspäivä tienata kurssimaksu osallistumismaksu läppäri it-tuki
        tietokone lasku laskutus verkkolasku kirjanpito hissi ilmastointi vikailmoitus työvuorolista lomavuoro
        tapaturmailmoitus työtapaturma löytötavara
        sääennuste säätiedote ampiainen ampiaispesä punkki tuholainen tuholaistorjunta lausuntopyyntö
        vatsatauti noro norovirus flunssa influenssa täi ohjelmisto käyttöjärjestelmä windows ruoppaus
        outlook kirjekuori postimerkki kirjepohja asiakirjapohja virve työsuhdepyörä huutokauppa
        zoom powerpoint sharepoint onedrive
    """,
    "sv": """
        lön löner lösenord skrivare kopiator lunch parkering parkeringsplats parkera reseräkning personalfest
        julfest friskvård friskvårdsbidrag personalförmån företagshälsovård utbildningsdag kursavgift dator
        sjukledighet sjukdag sjukfrånvaro faktura fakturering bokföring hiss ventilation felanmälan
        olycksfallsanmälan arbetsolycka hittegods
        väderprognos geting getingar getingbo skadedjur magsjuka influensa löss programvara muddring
        outlook kuvert frimärke brevmall semesterpenning löneförhöjning lönedag kaffebryggare matsedel
        passerkort nyckelkort kilometerersättning traktamente semesterdag kulturförmån personalrabatt it-stöd
        e-faktura arbetsschema semesterlista fästing förkylning windows operativsystem virve förmånscykel auktion
        zoom powerpoint sharepoint onedrive
    """,
    "en": "salary payday password printer printing lunch parking payroll wellness fee fees tuition reimbursement "
    "laptop helpdesk invoice bookkeeping elevator ventilation lost-and-found forecast wasp wasps hornet "
    "pest norovirus flu lice software windows dredging outlook envelope stamp letterhead payslip timesheet "
    "keycard mileage tick ticks virve auction powerpoint sharepoint onedrive",
}
# Domain words too general to make an errand a social-media question: "liksa tilille", "päivittää salasana",
# "rehtorin seuraaja", "kommentoida lausuntopyyntöön", "the ventilation channel", "payslip online",
# "kuvallinen työtunniste".
# (Not "post": "may I post about my salary on my own page" asks about social media more often than
# mail.) The internet ("netissä", "på nätet", "online") is on topic: in the spent sets about 200
# questions using it asked about conduct online, 4 were errands.
AMBIGUOUS_DOMAIN = frozenset(
    """
    tili kanava profiili jakaa päivittää päivitys päivittäjä sivu jako seuraaja kommentoida tunniste
    konto kanal profil dela sida uppdatera uppdatering uppdaterare page channel profile share update netti nät
    nätet online internet
    """.split()
)
# Social-media words with an everyday sense too, and words of that sense: beside one, the word is not
# about social media ("kuinka pitkä on Saimaan kanava", "tykkääkö kissa kurkusta", "kommentti
# Python-koodiin", "posta ett brev", a Teams channel, a taxi shared). A question whose every
# social-media word is in its everyday sense is treated as an errand (Index._other_sense).
OTHER_SENSES = {
    "fi": {
        "kanava": "vesi vene veneily laiva lautta järvi meri sulku kanootti kajakki meloa melonta soutaa "
        "televisio tv radio radiopuhelin ottelu kaukosäädin antenni digiboksi teams",
        "jakaa": "taksi kyyti kimppakyyti huone hotellihuone kakku pulla leivos täytekakku työvuoro",
        "tykätä": "koira kissa hevonen lemmikki ruoka syödä maistua porkkana omena kurkku puuro herkku karkki "
        "kasvis vihannes hedelmä kahvi kaakao",
        "kommentti kommentoida": "koodi ohjelmointi ohjelmoida python javascript word excel powerpoint sharepoint cv",
        "algoritmi": "kuutio rubik lajittelu lajitella matematiikka matikka yhtälö tietorakenne koodi ohjelmointi "
        "opetus oppitunti oppilas",
        "postata": "kirje paketti postimerkki kirjekuori postikortti joulukortti postitoimisto",
        "tili": "pankki korko laina säästötili",
    },
    "sv": {
        "kanal": "båt sjö älv hav färja kanot kajak paddla tv television radio jaktlag walkie-talkie match teams",
        "dela": "taxi skjuts samåkning rum hotellrum tårta bulle kaka arbetspass skift",
        "gilla": "hund katt häst husdjur mat äta smaka morot äpple gurka gröt godis grönsak frukt kaffe kakao",
        "kommentar kommentera": "kod programmering python word excel powerpoint sharepoint cv",
        "inlägg": "sko skor fot sula",
        "posta": "brev paket frimärke kuvert vykort julkort",
        "konto": "bank ränta lån sparkonto",
        "algoritm": "kub rubik sortering matematik matte läxa lektion undervisning",
    },
    "en": {
        "channel": "boat lake river sea ferry canoe kayak paddle tv television radio walkie-talkie match teams",
        "share": "cab taxi ride carpool room hotel cake shift",
        "like": "dog cat horse pet food eat carrot apple cucumber porridge candy vegetable fruit coffee tea cocoa",
        "comment": "code programming python javascript excel powerpoint sharepoint cv resume",
        "algorithm": "cube rubik sorting math homework pupils lesson",
        "post": "letter parcel package stamp envelope postcard",
        "account": "bank interest loan savings",
    },
}
# Unsure answers show this many passages
UNSURE_HITS = 3
SV_FIELD = "sv:"  # prefix of the Swedish translation's terms in the index
# another passage of a situation's topic leads when it scores this much over the default one,
# and at least this much (a word or two of it matched, not a stray one: "iso" in a media call)
SITUATION_MARGIN, SITUATION_MIN_SCORE = 1.5, 4.0
# Words (as typed: the lexicon holds only the guideline's words) of a question whether something
# is normal or common ("onks normaalia et somessa syntyy kohuja", "why do posts cause storms so
# easily"): a section's framing sentence, which says what is common ("Somessa syntyy helposti ...
# somekohuja"), answers it, so it keeps the lead
ASKS_HOW_COMMON = {
    "fi": frozenset(
        "normaali normaalia normaalii tavallinen tavallista tavallist tyypillinen tyypillistä helposti helpost".split()
    ),
    "sv": frozenset("normal normalt vanlig vanligt typiskt lätt".split()),
    "en": frozenset("normal usual typical common easily".split()),
}
# The learned models (learned.py). A question the rules find no situation in describes one when
# the situation model gives it this probability; passages are ordered by this share of the
# search's score (relative to the best) and the rest of the passage model's probability. Both
# chosen by leave-one-set-out runs over the spent blind sets (benchmarks/blind/README.md).
LEARNED_SITUATION, SEARCH_SHARE = 0.5, 0.3
# ...and by itself only in a question of this many words: fewer are too little to tell a storm or a
# threat from an ordinary question ("odotamme kuntalaisten kommentteja kyselyyn"); the rules still
# read short cries
MODEL_MIN_WORDS = 5
LEARNED_OVERRULES = 0.8  # the situation model's probability of the other situation that overrules the rules' kind
# A situation the model alone finds, with less than this probability, yields to a passage of another
# topic that the passage model gives this much
LEARNED_SURE_SITUATION, LEARNED_SURE_PASSAGE = 0.7, 0.5
# ...and, however sure, to a passage of no situation that the passage model is that sure of: a
# stranger's "personnummer" in a comment is the privacy passage's question (0.98), "your page will be
# deleted, click here" the scam passage's (0.5 against the threat passage's 0.4: leave-one-set-out runs
# found no threat lost when it no longer had to be twice the threat passage's)
# ...and so does the rules' situation when the situation model gives it less than this: "kiroilee
# mut ei uhkaile ketään" has a threat verb, but asks about removing a rude comment
RULES_YIELD = 0.2
# ...and to the passage model's certainty that the question is off topic, in an errand or in a question
# of this many words ("unohdin linkkuveitsen saunan pukuhuoneeseen eilen, mistä kysyn löytötavaroita",
# "det luktar bränt i personalköket, hur ofta ska vi rengöra fläkten"); shorter ones are the short cries
# the rules are for ("jag är rädd för mitt liv")
RULES_YIELD_OFF_TOPIC_WORDS = 8
# A question of two words or more that the search finds no social-media word in is still on topic
# (answered unsure, not no_match) when the passage model gives one passage this much, or its
# off-topic class at most this much (a lone word, "ovikoodi", is too little to be sure of), or one
# passage this many times what it gives off topic ("pitääks raportoida tykkäysmääriä esihenkilölle":
# 0.50 against 0.10; over six blind sets with the models they were measured with, the off-topic
# questions came to at most 1.44 times)
LEARNED_ON_TOPIC, LEARNED_OFF_TOPIC_MAX, LEARNED_OVER_OFF_TOPIC = 0.5, 0.1, 2.0
LEARNED_CANDIDATES = 3  # the passage model's best ones join the search's hits
# A question with no social-media word is off topic when the passage model gives its off-topic class
# this much, though a passage shares some of its words ("kirjepohja kaupungin logolla"), unless the best
# passage covers this share of it ("ilmoitanko työsuojelupäällikölle"); an errand word with no
# social-media word beside it ("kulkukortti") is off topic unless the model is LEARNED_SURE_PASSAGE sure
# of one passage, and gives it this many times what it gives off topic ("kuva jossa näkyy kulkukortti":
# 0.98 against 0.01; not a passage barely ahead of off topic)
LEARNED_OFF_TOPIC_SURE, COVERED, ERRAND_OVERRULED = 0.7, 0.9, 2.0
# ...and so is one whose only social-media words are general ones or stand-ins ("kuka päivittää aulan
# infonäytön lounaslistan", "myrsky rikkoi koulun katon") when the model is this sure
LEARNED_OFF_TOPIC_CERTAIN = 0.95
# ...and one that no passage covers well, whatever its words, when the model is this sure ("HDMI-
# kaapeli" for a TV "kanava"; in leave-one-set-out runs an answerable question reaching this had up to
# 0.62: "laitoin stooriin et jäähallin takaovi on rikki")
LEARNED_OFF_TOPIC_UNSURE = 0.65
# ...or this sure, when its only social-media words are general ones ("hur delar vi upp städningen",
# "päivitä mun profiili HR-järjestelmässä": a leave-one-set-out run over 29 sets refused 3 more
# off-topic questions and lost no answerable one)
LEARNED_OFF_TOPIC_UNSURE_GENERAL = 0.45
PLATFORM_LEMMAS = PLATFORMS | {"some"}
# A general verb is a stopword ("tehdä", "toimia"), but with a channel as its object it means one
# thing: making an account is founding one ("tehdä oma fb-sivu" ~ "perustaa"), asking whether a page
# works is asking whether it succeeds ("toimiiko meidän some", "is our page working" ~ "onnistua").
# The verb's meaning is searched as a word of its own. Making content for a channel ("kuka tekee
# päivitykset pääsivuille") is no founding: the channel must follow the verb closely, no content between.
CHANNEL_OBJECTS = (
    frozenset(
        """
        tili sivu kanava profiili sometili somesivu somekanava facebooksivu ryhmä
        konto sida kanal profil grupp account page channel profile group
        """.split()
    )
    | PLATFORM_LEMMAS
)
CONTENT_OBJECTS = frozenset(
    """
    sisältö päivitys julkaisu postaus video kuva juttu teksti kommentti mainos
    innehåll inlägg bild video content post update video picture photo
    """.split()
)
# (verb forms as typed or normalised, the meaning, how far after the verb the channel may be; 0: anywhere)
VERB_MEANINGS: tuple[tuple[frozenset[str], str, int], ...] = (
    (frozenset("tehdä teen tehdään tehään tekee tehä make göra skaffa".split()), "perustaa", 4),
    (frozenset("toimiiko toimiko funkaako funkaa funkar fungerar working".split()), "onnistua", 0),
)
VERB_MEANING_SCALE = 0.7
# Two words that mean one, the second often a stopword ("lägga ut" is to publish, "grönt ljus" approval):
# the pair is searched as that word, in place of its first word.
TOKEN_PHRASES = {
    ("lägga", "ut"): "publicera",
    ("lägga", "upp"): "publicera",
    ("grön", "ljus"): "godkänna",
    ("grönt", "ljus"): "godkänna",
    ("green", "light"): "approve",
}
_FOLD = str.maketrans("äöå", "aoa")


def fold(word: str) -> str:
    return word.translate(_FOLD)


@dataclass(frozen=True)
class Hit:
    passage: Passage
    section: Section
    score: float


@dataclass(frozen=True)
class Answer:
    query: str
    lang: str  # "fi" | "sv" | "en": answer the user in this language
    no_match: bool
    # Best first: the highest-scoring passage that covers the question well
    # enough, then the others by score. Empty when no_match.
    hits: list[Hit]
    confidence: float = 0.0  # share of the query the best passage covers, 0..1
    # False: on topic, but no passage covers the question well; hits are the closest ones
    confident: bool = True
    situation: str | None = None  # "threat" | "controversy": the question describes one

    def __post_init__(self) -> None:
        if self.no_match:  # no answer is never a confident one
            object.__setattr__(self, "confident", False)

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "no_match": self.no_match,
            "confident": self.confident,
            "situation": self.situation,
            "results": [
                {
                    "id": h.passage.id,
                    "section": h.section.title,
                    "text": shorten(h.passage.text),
                    "score": round(h.score, 4),
                }
                for h in self.hits
            ],
        }


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """Text as is, or cut at a word boundary with "…" to at most `limit` chars."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


@dataclass
class _Unit:
    """One query word. `alts` are whole-word terms (lemma, synonym, relative,
    typo fix) with (query weight, match credit); `parts` are compound parts with
    their share of the word, credited together."""

    alts: dict[str, tuple[float, float]]
    parts: dict[str, float]
    weight: float  # idf-based importance for the confidence
    scale: float = 1.0  # share of its score that counts (setting words count half)


class Index:
    def __init__(
        self,
        guideline: Guideline,
        analyzer: Analyzer,
        aliases: Iterable[tuple[str, str]] = (),
        learned: Learned | None = None,
    ):
        """aliases: (question text, passage id) pairs searched like aid phrases of that passage
        (e.g. questions users confirmed helpful); unknown passage ids are skipped. learned: the
        learned models (learned.py); without them the search knows only what it is given."""
        self.guideline = guideline
        self.analyzer = analyzer
        self.aliases: tuple[tuple[str, str], ...] = tuple((str(q), str(pid)) for q, pid in aliases)
        by_passage: dict[str, list[str]] = defaultdict(list)
        for question, pid in self.aliases:
            by_passage[pid].append(question)
        self._sections = {s.id: s for s in guideline.sections}
        self.docs = guideline.passages
        # passages that introduce a list ("... kanavia ovat:"): the answer to "which ones"
        self._list_heads = frozenset(i for i, p in enumerate(self.docs) if p.text.rstrip().endswith(":"))
        self._doc_of = {p.id: i for i, p in enumerate(self.docs)}
        # a question asked exactly as taught: its passage (the latest taught wins)
        self._exact = {alias_key(q): self._doc_of[pid] for q, pid in self.aliases if pid in self._doc_of}
        self._synonyms = self._build_synonyms()
        # per field: list (per doc) of term -> tf, and lengths
        self._tf: dict[str, list[dict[str, float]]] = {f: [] for f in FIELDS}
        self._len: dict[str, list[float]] = {f: [] for f in FIELDS}
        # per field and passage: terms present as whole words, and as words of aid phrases
        self._whole: dict[str, list[set[str]]] = {f: [] for f in FIELDS}
        self._phrase: dict[str, list[set[str]]] = {f: [] for f in FIELDS}
        lang_terms: dict[str, set[str]] = defaultdict(set)  # whole words per language, for stems
        for p in self.docs:
            section = self._sections[p.section_id]
            sources = {
                "text": [("fi", p.text)],
                "sv": [("sv", p.sv)] if p.sv else [],
                "aliases": [(self._alias_lang(q), q) for q in by_passage.get(p.id, ())],
                # one chunk per aid: a word of a phrase counts less than a one-word aid
                "aids": [(lang, term) for lang, terms in p.aids.items() for term in terms],
                "related": [(lang, term) for lang, terms in p.related.items() for term in terms],
                "title": [("fi", section.title)],
            }
            for field_name, chunks in sources.items():
                tf: dict[str, float] = defaultdict(float)
                whole: set[str] = set()
                in_phrase: set[str] = set()
                length = 0
                for lang, chunk in chunks:
                    analyses = [a for a in (analyzer.analyze(t, lang) for t in tokenize(chunk)) if a]
                    length += len(analyses)
                    phrase = len(analyses) > 1 and field_name in ("aids", "aliases", "related")
                    one = PHRASE_TF if phrase else 1.0
                    for a in analyses:
                        tf[a.lemma] += one
                        if field_name != "aliases":
                            lang_terms[lang].add(a.lemma)
                        (in_phrase if phrase else whole).add(a.lemma)
                        for part, _share in a.parts:
                            tf[part] += PART_TF * one
                    for term in phrase_terms([a.lemma for a in analyses]):
                        tf[term] += 1
                        whole.add(term)
                if field_name in ("aids", "aliases", "related"):
                    tf = {t: min(v, 1.0) for t, v in tf.items()}
                if field_name == "sv":
                    # the translation answers Swedish questions only: its terms live apart
                    # ("sv:bild"), so that a Finnish word's Swedish synonyms do not reach it
                    tf = {SV_FIELD + t: v for t, v in tf.items()}
                    whole = {SV_FIELD + t for t in whole}
                self._whole[field_name].append(whole)
                self._phrase[field_name].append(in_phrase)
                self._tf[field_name].append(dict(tf))
                self._len[field_name].append(max(length, 1))
        self._avg = {f: sum(lens) / len(lens) for f, lens in self._len.items()}
        # words the guideline uses for its topics (a word only in related is context, not vocabulary)
        self._vocabulary = {t for f in ("text", "sv", "aids", "title") for tfs in self._tf[f] for t in tfs}
        # A question word's weight and its typo, family and stem look-ups come from the guideline's
        # own fields (_idf). An alias adds score to its passage for the words it shares with a
        # question, but its words do not become guideline vocabulary: "kaupungintalo" in one taught
        # question must not weigh "milloin kaupungintalo on auki" into an answer.
        df: dict[str, int] = defaultdict(int)
        df_alias: dict[str, int] = defaultdict(int)
        self._postings: dict[str, list[int]] = defaultdict(list)
        for i in range(len(self.docs)):
            own = set().union(*(self._tf[f][i] for f in FIELDS if f != "aliases"))
            for t in own:
                df[t] += 1
            for t in own | self._tf["aliases"][i].keys():
                self._postings[t].append(i)
                if t not in own:
                    df_alias[t] += 1
        n = len(self.docs)
        self._idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self._alias_idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df_alias.items() if t not in df}
        self._idf_unseen = math.log(1 + (n + 0.5) / 0.5)
        # Finnish forms and index terms typed without ä/ö/å, when that is unambiguous
        folded: dict[str, str | None] = {}
        for form, lemma in analyzer.lexicon.forms["fi"].items():
            if lemma in self._idf and (key := fold(form)) != form:
                folded[key] = lemma if folded.get(key, lemma) == lemma else None
        self._folded = {k: v for k, v in folded.items() if v and k not in analyzer.lexicon.forms["fi"]}
        # typo candidates by first letter (typos rarely hit it); relatives by prefix
        self._vocab: dict[str, list[str]] = defaultdict(list)
        self._by_prefix: dict[str, list[str]] = defaultdict(list)
        for t in sorted(self._idf):
            if len(t) >= 4 and t.isalpha():
                self._vocab[t[0]].append(t)
            if len(t) >= REL_PREFIX:
                self._by_prefix[t[:REL_PREFIX]].append(t)
        # word families by stem, per language, for words the lexicon does not know
        self._by_stem: dict[str, dict[str, set[str]]] = {}
        for lang, terms in lang_terms.items():
            table: dict[str, set[str]] = defaultdict(set)
            for t in terms:
                for key in stem_keys(t, lang):
                    table[key].add(t)
            self._by_stem[lang] = table
        # each term's BM25F score in every passage, computed once: a question's words are look-ups
        self._term_scores = {t: self._bm25_scores(t, docs) for t, docs in self._postings.items()}
        self._no_scores = np.zeros(len(self.docs))
        self._situations = Recognizer(analyzer)
        self.learned = learned
        # words a social-media question uses: a question with one is on topic even when unsure
        self._offtopic: set[str] = set()
        for lang, words in OFFTOPIC_WORDS.items():
            for w in words.split():
                found = analyzer.analyze(w, lang)
                self._offtopic |= {w, found.lemma} if found else {w}
        self._domain: set[str] = set(PLATFORM_LEMMAS)
        for lang, words in DOMAIN_WORDS.items():
            for w in words.split():
                found = analyzer.analyze(w, lang)
                self._domain |= {w, found.lemma} if found else {w}
        # the social-media words of one sense (not "tili", "kanava"): a question naming one, or a compound
        # ending in one, is about social media
        self._social = (self._domain - AMBIGUOUS_DOMAIN) | PLATFORM_LEMMAS
        # a social-media word's lemma -> the lemmas of its everyday sense
        self._other_senses: dict[str, set[str]] = defaultdict(set)
        for lang, senses in OTHER_SENSES.items():
            for social_words, everyday in senses.items():
                context = {found.lemma if (found := analyzer.analyze(w, lang)) else w for w in everyday.split()}
                for w in social_words.split():
                    found = analyzer.analyze(w, lang)
                    self._other_senses[found.lemma if found else w] |= context
        analyzer.prepare()  # the query-side tables, so that no question waits for them

    def _build_synonyms(self) -> dict[str, frozenset[str]]:
        """Lemma -> same-meaning lemmas: SYNONYM_GROUPS and the concept thesaurus."""
        out: dict[str, set[str]] = defaultdict(set)
        for word, syns in SYNONYMS.items():
            out[word] |= syns
        for concept in CONCEPTS:
            lemmas = set()
            for lang, words in concept.items():
                for w in words:
                    a = self.analyzer.analyze(w, lang)
                    lemmas |= {w} | ({a.lemma} if a else set())
            for lemma in lemmas:
                out[lemma] |= lemmas - {lemma}
        return {k: frozenset(v) for k, v in out.items()}

    def _alias_lang(self, text: str) -> str:
        return detect_language(tokenize(text), self.analyzer.is_word_of)

    def with_aliases(self, aliases: Iterable[tuple[str, str]]) -> Index:
        """A new index with these (question, passage id) aliases added to the current ones.
        Shares the analyzer, its caches and the learned models: a rebuild costs about 0.2 s."""
        return Index(self.guideline, self.analyzer, (*self.aliases, *aliases), self.learned)

    @classmethod
    def build(cls) -> Index:
        """Fresh index from guideline.json, lexicon.txt, the shipped aliases.yaml, the questions
        written for the models and the learned models (no shared caches; the models are loaded once
        a process)."""
        aliases = [*load_aliases(), *load_written()]
        return cls(load_guideline(), Analyzer(Lexicon.load()), aliases, Learned.shipped())

    # --- query side -----------------------------------------------------------

    def _fuzzy(self, word: str, lang: str) -> str | None:
        if len(word) < 5 or not word[0].isalpha() or self.analyzer.is_common_word(word, lang):
            return None  # too short to correct, or a real word: not a typo
        max_dist = 1 if len(word) <= 7 else 2
        best = process.extractOne(word, self._vocab.get(word[0], []), scorer=OSA.distance, score_cutoff=max_dist)
        return best[0] if best else None

    def _relatives(self, lemma: str) -> list[str]:
        """Index terms sharing a long stem with `lemma` (same word family)."""
        out = []
        for t in self._by_prefix.get(lemma[:REL_PREFIX], ()):
            if t == lemma or abs(len(t) - len(lemma)) > REL_MAX_EXTRA:
                continue
            common = len(os.path.commonprefix((t, lemma)))
            if common >= 0.75 * min(len(t), len(lemma)):
                out.append(t)
        return out

    def _stem_relatives(self, word: str, lang: str) -> set[str]:
        """Index terms that share a stem with a word the lexicon does not know."""
        table = self._by_stem.get(lang, {})
        out: set[str] = set()
        for key in stem_keys(word, lang):
            out |= table.get(key, set())
        return out

    def _unit(self, token: str, lang: str) -> _Unit | None:
        token = self.analyzer.normalize(token, lang)
        if is_stopword(token, lang):
            return None
        a = self.analyzer.analyze(token, lang)
        if a is None:
            return None
        analyses: list[Analysis] = [a]
        if lang != "fi" and a.lemma not in self._idf:
            # a Finnish word inside a Swedish/English question
            fi = self.analyzer.analyze(token, "fi")
            if fi is not None:
                analyses.append(fi)
        alts: dict[str, tuple[float, float]] = {}
        parts: dict[str, float] = {}
        for an in analyses:
            alts[an.lemma] = (1.0, 1.0)
            for syn in self._synonyms.get(an.lemma, ()):
                alts.setdefault(syn, (SYNONYM_QW, SYNONYM_QW))
            if an.lemma in HYPERNYMS:
                alts.setdefault(HYPERNYMS[an.lemma], (HYPERNYM_QW, HYPERNYM_CREDIT))
            # a relative weighs more when it is the only trace of an unknown word
            rel_qw = REL_QW if an.lemma in self._idf else FUZZY_QW
            for rel in self._relatives(an.lemma):
                alts.setdefault(rel, (rel_qw, REL_CREDIT))
            for part, share in an.parts:
                parts.setdefault(part, share)
        if lang == "fi":
            # an adverb means what its adjective does: "rennosti" ~ "rento", "asiallisesti" ~ "asiallinen"
            for base in adverb_bases(token):
                b = self.analyzer.analyze(base, lang) if self.analyzer.is_form(base, lang) else None
                if b is not None and b.lemma != a.lemma and (b.lemma in self._idf or b.lemma in self._synonyms):
                    alts.setdefault(b.lemma, (SYNONYM_QW, SYNONYM_QW))
                    for syn in self._synonyms.get(b.lemma, ()):
                        alts.setdefault(syn, (SYNONYM_QW * SYNONYM_QW, SYNONYM_QW))
                    break
        if lang == "sv":  # a Swedish question also searches the translations
            for t, v in list(alts.items()):
                alts.setdefault(SV_FIELD + t, v)
            for t, share in list(parts.items()):
                parts.setdefault(SV_FIELD + t, share)
        known_parts = [p for p in parts if p in self._idf]
        if not any(t in self._idf for t in alts):
            # typed without ä/ö ("tyosuojelupaallikolle"), an unknown member of a
            # known word family ("maalitetaan"), or a typo
            fixed = self._folded.get(fold(token)) or self._folded.get(fold(a.lemma))
            if fixed:
                alts[fixed] = (FUZZY_QW, FUZZY_QW)
            else:
                for rel in self._stem_relatives(token, lang):
                    alts.setdefault(rel, (STEM_QW, STEM_CREDIT))
                typo = next(filter(None, (self._fuzzy(w, lang) for w in dict.fromkeys((a.lemma, token)))), None)
                if typo:
                    alts.setdefault(typo, (FUZZY_QW, FUZZY_QW))
        known_alts = [t for t in alts if t in self._idf]
        if a.lemma in SOFT_WORDS:
            weight = 0.0
        elif a.lemma in self._idf or SV_FIELD + a.lemma in self._idf:
            weight = self._idf.get(a.lemma) or self._idf[SV_FIELD + a.lemma]
        elif known_alts:
            weight = max(self._idf[t] for t in known_alts)  # typo or relative of a known word
        elif known_parts and sum(parts[p] for p in known_parts) >= 0.8:
            weight = max(self._idf[p] for p in known_parts)  # new compound of known words
        else:
            # unknown to the guideline: specific unless a common word ("oikein", "tänään")
            zipf = self.analyzer.lexicon.zipf[lang].get(token, 0.0)
            weight = UNSEEN_IDF * min(1.0, max(0.15, (6.0 - zipf) / 2))
        if a.lemma in SETTING_WORDS:
            return _Unit(alts, parts, SETTING_W * weight, SETTING_W)
        return _Unit(alts, parts, weight)

    def closest(self, query: str, limit: int = 3) -> list[Passage]:
        """The best-scoring passages for a question, whatever the confidence (candidates for review)."""
        _tokens, _lang, _units, ranked = self._rank(query)
        exact = self._exact.get(alias_key(query))
        order = ([exact] if exact is not None else []) + [d for d, _s in ranked if d != exact]
        return [self.docs[d] for d in order[:limit]]

    def _rank(self, query: str) -> tuple[list[str], str, list[_Unit], list[tuple[int, float]]]:
        tokens = tokenize(normalize_text(query))
        lang = detect_language(tokens, self.analyzer.is_word_of)
        units: list[_Unit] = []
        seen: set[str] = set()
        words: set[str] = set()
        for tok in tokens:
            if tok in seen:
                continue
            seen.add(tok)
            unit = self._unit(tok, lang)
            # one word once, whatever its forms ("omalla ... oma tili")
            if unit is not None and next(iter(unit.alts)) not in words:
                words.add(next(iter(unit.alts)))
                units.append(unit)
        self._token_phrases(tokens, lang, units)
        # "tehdä oma sivu", "toimiiko meidän some": a general verb's meaning with a channel as its object
        self._verb_meanings(tokens, lang, units, seen)
        # "sosiaalinen media" is also "some": the pair's second word may match it
        lemmas = [next(iter(u.alts)) for u in units]
        for i in range(1, len(units)):
            for term in phrase_terms(lemmas[i - 1 : i + 1]):
                units[i].alts.setdefault(term, (SYNONYM_QW, SYNONYM_QW))

        scores = np.zeros(len(self.docs))
        for unit in units:
            # a word scores by its best alternative, or by its parts together
            best = np.zeros(len(self.docs))
            for term, (qw, _credit) in unit.alts.items():
                np.maximum(best, qw * self._scores(term), out=best)
            parts = np.zeros(len(self.docs))
            for term in unit.parts:
                parts += PART_QW * self._scores(term)
            scores += unit.scale * np.maximum(best, parts)
        # every score is positive where a word is found (BM25 with a positive IDF)
        ranked = sorted(((d, s) for d, s in enumerate(scores.tolist()) if s > 0), key=lambda kv: (-kv[1], kv[0]))
        return tokens, lang, units, ranked

    def _token_phrases(self, tokens: list[str], lang: str, units: list[_Unit]) -> None:
        if lang == "fi" or len(tokens) < 2:
            return
        lemmas = [self.analyzer.lemma(self.analyzer.normalize(t, lang), lang) for t in tokens]
        for first, second, token in zip(lemmas, lemmas[1:], tokens, strict=False):
            meaning = TOKEN_PHRASES.get((first, second)) or TOKEN_PHRASES.get((token, second))
            if meaning is None:
                continue
            unit = self._unit(meaning, lang)
            if unit is None:
                continue
            for i, u in enumerate(units):
                if next(iter(u.alts)) in (first, token):
                    units[i] = unit
                    break
            else:
                units.append(unit)

    def _verb_meanings(self, tokens: list[str], lang: str, units: list[_Unit], seen: set[str]) -> None:
        words = [self._token_lemmas(t, lang) for t in tokens]
        channels = [i for i, w in enumerate(words) if w & CHANNEL_OBJECTS]
        if not channels:
            return
        for verb_forms, meaning, reach in VERB_MEANINGS:
            if meaning in seen:
                continue
            for i, w in enumerate(words):
                if not w & verb_forms:
                    continue
                if reach and not any(
                    i < c <= i + reach and not any(words[j] & CONTENT_OBJECTS for j in range(i + 1, c))
                    for c in channels
                ):
                    continue
                unit = self._unit(meaning, "fi")
                if unit is not None:
                    seen.add(meaning)
                    units.append(_Unit(unit.alts, unit.parts, unit.weight * VERB_MEANING_SCALE, VERB_MEANING_SCALE))
                break

    def _token_lemmas(self, token: str, lang: str) -> frozenset[str]:
        """A token as typed and normalised, its lemma and its compound parts (for `_verb_meanings`)."""
        out: set[str] = set()
        for piece in (token, *token.split("-")) if "-" in token else (token,):  # "instagram-sivun"
            norm = self.analyzer.normalize(piece, lang)
            lemma = self.analyzer.lemma(norm, lang)
            out.update((piece, norm, lemma, *self.analyzer.parts(lemma, lang)))
        return frozenset(out)

    def search(self, query: str, limit: int = 5) -> Answer:
        tokens, lang, units, ranked = self._rank(query)
        scores = dict(ranked)
        lemmas = base_forms(self.analyzer, tokens, lang) if self.learned else ""
        learned = self.learned.passages.probabilities(query, lemmas) if self.learned else {}
        errand = self._errand(units) or self._other_sense(units)
        situation = self._situation(tokens, lang, query, lemmas, learned, errand)
        exact = self._exact.get(alias_key(query)) if self._exact else None
        if exact is not None:
            # asked exactly as taught: the taught passage first, confidently
            ranked = [(exact, scores.get(exact, 0.0)), *((d, s) for d, s in ranked if d != exact)]
            return Answer(query, lang, False, self._hits(ranked, limit, relative=False), 1.0, situation=situation)
        if situation is not None:
            # the question describes a threat or a controversy: its passage first, always
            lead_doc = self._situation_lead(situation, dict(ranked), learned, asks_how_common(tokens, lang))
            ranked = [(lead_doc, scores.get(lead_doc, 0.0)), *((d, s) for d, s in ranked if d != lead_doc)]
            confidence = self._coverage(units, lead_doc)[0] if units else 0.0
            return Answer(
                query, lang, False, self._hits(ranked, limit, relative=False), confidence, situation=situation
            )
        if not ranked and self._unsure_on_topic(units, learned):
            # none of its words is the guideline's ("statsit, mitä niillä tehään"): the passage model's best
            ranked = self._learned_order(learned, ranked)
        if not ranked or self._names_no_topic(tokens, units) or self._off_topic(units, learned, ranked, errand):
            return Answer(query, lang, True, [], 0.0)

        asks_list = bool(self._list_heads) and asks_for_list(tokens, lang)
        if asks_list:
            ranked = self._list_first(units, ranked)
        # the best passage must cover enough of the query; when it does not (it
        # won on framing words like "millainen hyvä"), a runner-up that does leads
        min_cov = MIN_COVERAGE_IN_VOCAB if self._vocab_coverage(units) >= IN_VOCAB else MIN_COVERAGE
        coverages = [self._coverage(units, d) for d, _s in ranked[:RUNNERS_UP]]
        lead = next(
            (
                i
                for i, (c, anchor, evidence) in enumerate(coverages)
                if anchor >= ANCHOR and (c >= min_cov or (c >= MIN_COVERAGE_RICH and evidence >= RICH_EVIDENCE))
            ),
            None,
        )
        if lead is None:
            if self._unsure_on_topic(units, learned):
                # a social-media question that no passage covers well: the closest ones, marked unsure
                ranked = self._advice_first(self._reorder(units, learned, ranked, asks_list), tokens, lang)
                hits = self._hits(ranked, UNSURE_HITS, relative=False)
                return Answer(query, lang, False, hits, self._coverage(units, ranked[0][0])[0], confident=False)
            return Answer(query, lang, True, [], coverages[0][0])
        ranked.insert(0, ranked.pop(lead))
        ranked = self._advice_first(self._reorder(units, learned, ranked, asks_list), tokens, lang)
        confidence = self._coverage(units, ranked[0][0])[0]
        return Answer(query, lang, False, self._hits(ranked, limit), confidence)

    def _situation(
        self, tokens: list[str], lang: str, query: str, lemmas: str, passages: dict[str, float], errand: bool
    ) -> str | None:
        """The situation a question describes: the rules' reading, or the situation model's when
        the rules find none. The rules read words ("tappaa", "tulipalo"), the model the whole
        question, so a model very sure of the other situation wins: "kaupunki tappaa puistot" in
        900 comments and a newspaper calling is an outrage, not a threat. (It never overrules
        the rules to no situation by itself: short cries like "pelkään henkeni puolesta" are the
        rules'.) A situation the model alone finds yields to a passage of another topic that the
        passage model is sure of (a phishing link, "your page will be deleted", is the scam
        passage's question, not a threat) or to the passage model's certainty that the question is
        off topic, unless the situation model is sure too and the question is no errand (a
        "windows-päivitys" that went wrong is the helpdesk's); however sure, it yields to a passage of
        no situation that the passage model is sure of (`_sure_of_no_situation_passage`). The rules'
        situation yields to a passage the same way when the situation model all but rules it out,
        and to off topic only in an errand ("ilmastointi kohisee, mihin teen vikailmoituksen") or a
        long question ("hur ofta ska vi rengöra fläkten, det luktar bränt i personalköket"; not the
        short cries). A threat word the rules read as a risk to things ("lunta on niin paljon et
        katto uhkaa romahtaa") is no threat to the model either: it reads "uhkaa" and the snow, not
        what threatens whom; nor is one the asker denies ("haukku idiootiksi, ei mitään uhkausta").
        One person scorning us ("asukas haukkuu meitä") is no controversy to the rules, nor to the
        model: it reads "haukkuu meitä", most often said of a pile-on; nor is an illness called viral
        ("a viral fever going around the school")."""
        rules = self._situations.recognize(tokens, lang, query)
        if self.learned is None:
            return rules
        probs = self.learned.situations.probabilities(query, lemmas)
        # (a threat probability too low to name or overrule decides nothing: most questions skip the read)
        decides = probs["threat"] >= min(LEARNED_SITUATION, LEARNED_OVERRULES)
        if (
            rules != "threat"
            and decides
            and (self._situations.reads_risk(tokens, lang) or self._situations.denies_threat(tokens, lang))
        ):
            probs = {**probs, "threat": 0.0}
        if (
            rules is None
            and probs["controversy"] >= LEARNED_SITUATION
            and (self._situations.one_scorns(tokens, lang) or self._situations.viral_illness(tokens, lang))
        ):
            probs = {**probs, "controversy": 0.0}
        if rules is not None:
            other = "controversy" if rules == "threat" else "threat"
            if probs[other] >= LEARNED_OVERRULES:
                return other
            long = len(tokens) >= RULES_YIELD_OFF_TOPIC_WORDS
            if probs[rules] < RULES_YIELD and self._sure_of_other_topic(rules, passages, off_topic=errand or long):
                return None
            return rules
        kind = max(("threat", "controversy"), key=probs.__getitem__)
        if probs[kind] < LEARNED_SITUATION or len(tokens) < MODEL_MIN_WORDS:
            return None
        if probs[kind] < LEARNED_SURE_SITUATION and self._sure_of_other_topic(kind, passages, off_topic=True):
            return None
        if self._sure_of_no_situation_passage(passages):
            return None
        if errand and passages.get(OFF_TOPIC, 0.0) >= LEARNED_OFF_TOPIC_SURE:
            return None
        return kind

    def _sure_of_other_topic(self, situation: str, passages: dict[str, float], off_topic: bool) -> bool:
        """The passage model is sure of a passage that is not the situation's topic's, or (when
        `off_topic` may count) sure that the question is off topic ("tietokoneen virustorjunta
        hidastaa kaiken": nothing went viral)."""
        if off_topic and passages.get(OFF_TOPIC, 0.0) >= LEARNED_OFF_TOPIC_SURE:
            return True
        best = max(passages, key=passages.__getitem__, default=OFF_TOPIC)
        doc = self._doc_of.get(best)
        return doc is not None and self.docs[doc].topic != situation and passages[best] >= LEARNED_SURE_PASSAGE

    def _sure_of_no_situation_passage(self, passages: dict[str, float]) -> bool:
        """The passage model is sure of a passage of no situation ("joku lähetti tiedoston dm:ään et
        'katso tämä kuva sinusta'": a scam)."""
        best = max((pid for pid in passages if pid in self._doc_of), key=passages.__getitem__, default=None)
        if best is None or self.docs[self._doc_of[best]].topic is not None:
            return False
        return passages[best] >= LEARNED_SURE_PASSAGE

    def _reorder(
        self, units: list[_Unit], learned: dict[str, float], ranked: list[tuple[int, float]], asks_list: bool
    ) -> list[tuple[int, float]]:
        """The search's order blended with the passage model's; a list asked for still leads."""
        ranked = self._learned_order(learned, ranked)
        return self._list_first(units, ranked) if asks_list else ranked

    def _unsure_on_topic(self, units: list[_Unit], learned: dict[str, float]) -> bool:
        """A question no passage covers well is still on topic (answered unsure) when a social-media
        word or the passage model says so, unless the model is sure it is off topic: a "trolli" costume
        for a school play, a "seuraaja" taking over a retiring principal's job. A platform named (as
        itself, a synonym or a typo fix) is social media whatever the model says ("rakennustarkastajana
        twitteriin vai ei")."""
        if self._names_platform(units):
            return True
        off = learned.get(OFF_TOPIC, 0.0)
        if off >= LEARNED_OFF_TOPIC_UNSURE:
            return False
        if off >= LEARNED_OFF_TOPIC_UNSURE_GENERAL and not self._names_social_media(units):
            return False  # its only social-media words are general ones
        return self._on_topic(units) or (len(units) > 1 and self._learned_on_topic(learned))

    @staticmethod
    def _learned_on_topic(probs: dict[str, float]) -> bool:
        """The passage model is this sure that the question asks for one of the passages, this sure
        that it is not off topic, or gives a passage this many times what it gives off topic."""
        off = probs.get(OFF_TOPIC, 1.0)
        if probs and off <= LEARNED_OFF_TOPIC_MAX:
            return True
        best = max((p for pid, p in probs.items() if pid != OFF_TOPIC), default=0.0)
        return best >= LEARNED_ON_TOPIC or best >= LEARNED_OVER_OFF_TOPIC * off

    def _learned_order(self, probs: dict[str, float], ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The search's passages (and the passage model's best few) ordered by the two together."""
        if not probs:
            return ranked
        scores = dict(ranked)
        for pid, _p in sorted(probs.items(), key=lambda kv: -kv[1])[:LEARNED_CANDIDATES]:
            if pid in self._doc_of:  # not OFF_TOPIC, nor a passage of another guideline edition
                scores.setdefault(self._doc_of[pid], 0.0)
        top = max(scores.values()) or 1.0

        def blended(d: int) -> float:
            return SEARCH_SHARE * scores[d] / top + (1 - SEARCH_SHARE) * probs.get(self.docs[d].id, 0.0)

        return sorted(scores.items(), key=lambda ds: -blended(ds[0]))

    def _list_first(self, units: list[_Unit], ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """ "Mitkä kaikki somekanavat kaupungilla on", "vilka sociala medier finns staden på": a passage
        introducing a list of what is asked for leads, when it covers the question as well as the
        leader does (not "mitkä kaikki asiat pitää huomioida kun perustaa tilin")."""
        lead_cov = self._coverage(units, ranked[0][0])[0] if ranked else 0.0
        for i, (d, _s) in enumerate(ranked[:LIST_REACH]):
            if d not in self._list_heads or i == 0:
                continue
            cov, anchor, _evidence = self._coverage(units, d)
            if anchor >= ANCHOR and cov >= lead_cov:
                return [ranked[i], *ranked[:i], *ranked[i + 1 :]]
        return ranked

    def _hits(self, ranked: list[tuple[int, float]], limit: int, relative: bool = True) -> list[Hit]:
        top = ranked[0][1] if ranked else 0.0
        return [
            Hit(self.docs[d], self._sections[self.docs[d].section_id], s)
            for i, (d, s) in enumerate(ranked[:limit])
            if i == 0 or not relative or s >= MIN_RELATIVE * top
        ]

    def _situation_lead(
        self, situation: str, scores: dict[int, float], passages: dict[str, float], how_common: bool
    ) -> int:
        """The passage answering a situation: its default one, unless the question matches
        another advice passage of the topic clearly better ("mokasin, nyt on kohu": the mistake)
        and the passage model, when there is one, agrees. The mistake passage's taught questions
        tell of storms too, so their words alone ("sprids", "ilska") are no mistake. A question
        whether such things are common (`how_common`) is answered by the topic's framing sentence."""
        framing = next((i for i, p in enumerate(self.docs) if p.topic == situation and p.framing), None)
        if how_common and framing is not None:
            return framing
        docs = [i for i, p in enumerate(self.docs) if p.topic == situation and not p.framing]
        default = next((i for i in docs if self.docs[i].situation_first), docs[0])
        best = max(docs, key=lambda i: (scores.get(i, 0.0), i == default))
        score = scores.get(best, 0.0)
        if score <= SITUATION_MARGIN * scores.get(default, 0.0) or score < SITUATION_MIN_SCORE:
            return default
        if passages and passages.get(self.docs[best].id, 0.0) <= passages.get(self.docs[default].id, 0.0):
            return default
        return best

    def _advice_first(self, ranked: list[tuple[int, float]], tokens: list[str], lang: str) -> list[tuple[int, float]]:
        """A section's framing sentence that leads gives way to its section's advice, unless the
        question asks whether what it says is common."""
        if not ranked or not self.docs[ranked[0][0]].framing or asks_how_common(tokens, lang):
            return ranked
        framing, score = ranked[0]
        section = self.docs[framing].section_id
        advice = [d for d, _s in ranked if self.docs[d].section_id == section and not self.docs[d].framing]
        if not advice:
            following = [
                i for i, p in enumerate(self.docs) if p.section_id == section and not p.framing and i > framing
            ]
            if not following:
                return ranked
            advice = following[:1]
        lead = advice[0]
        rest = [(d, s) for d, s in ranked[1:] if d != lead]
        return [(lead, max(score, dict(ranked).get(lead, 0.0))), (framing, score), *rest]

    def _off_topic(
        self, units: list[_Unit], learned: dict[str, float], ranked: list[tuple[int, float]], errand: bool
    ) -> bool:
        """An errand the passage model does not answer, or a question with no social-media word
        that the passage model is sure is off topic and no passage covers (a platform named is one)."""
        if errand:
            best = max((p for pid, p in learned.items() if pid != OFF_TOPIC), default=0.0)
            return best < LEARNED_SURE_PASSAGE or best < ERRAND_OVERRULED * learned.get(OFF_TOPIC, 0.0)
        if self._names_platform(units):
            return False
        off = learned.get(OFF_TOPIC, 0.0)
        if off >= LEARNED_OFF_TOPIC_CERTAIN and not self._names_social_media(units):
            return True
        return (
            off >= LEARNED_OFF_TOPIC_SURE
            and not self._on_topic(units)
            and self._coverage(units, ranked[0][0])[0] < COVERED
        )

    def _errand(self, units: list[_Unit]) -> bool:
        """A workplace errand (pay, password, printer...) with no social-media word beside it, nor two
        general ones."""
        if not self._offtopic & self._as_asked(units):
            return False
        # two general social-media words together make it one ("kuka päivittää sivua kun oon sairaslomalla",
        # "dela julfestbilder på sidan"; not "päivittää salasana", "liksa tilille")
        general = {next(iter(u.alts)) for u in units} & AMBIGUOUS_DOMAIN
        return len(general) < 2 and not self._names_social_media(units)

    def _other_sense(self, units: list[_Unit]) -> bool:
        """Every social-media word of the question has a word of its everyday sense beside it
        (`OTHER_SENSES`), and no other word names a post or a channel: "hur lång är kanalen mellan
        sjöarna", not "why do people like pictures of our library cat"."""
        social = [u for u in units if self._on_topic([u])]
        others = [u for u in units if u not in social]
        if not social or any((u.alts.keys() | u.parts.keys()) & (CONTENT_OBJECTS | CHANNEL_OBJECTS) for u in others):
            return False
        words = self._as_asked(units)
        return all(
            any(words & self._other_senses.get(t, set()) for t, (qw, _c) in u.alts.items() if qw == 1.0) for u in social
        )

    @staticmethod
    def _as_asked(units: list[_Unit]) -> set[str]:
        """The question's words as asked and their compound parts, not synonyms or guesses: each
        reading of a word as its own lemma (a Swedish question's "fakturan" is read as Finnish too)."""
        return {t for u in units for t, (qw, _c) in u.alts.items() if qw == 1.0} | {p for u in units for p in u.parts}

    @staticmethod
    def _names_platform(units: list[_Unit]) -> bool:
        """A platform named: as itself, a synonym, a typo fix or an inflection the lexicon lacks
        ("snapchättiin"); not the English "face" (a Finnish "face" is read as "facebook" before this)."""
        return any(
            next(iter(u.alts)) not in FINNISH_CHAT_PLATFORMS
            and (any(t in PLATFORMS for t, (_qw, c) in u.alts.items() if c >= REL_CREDIT) or u.parts.keys() & PLATFORMS)
            for u in units
        )

    def _names_social_media(self, units: list[_Unit]) -> bool:
        """A word as asked (not a synonym: "tili" brings "sometili") names social media, and not only
        in general ("jakaa", "päivittää", "sivu")."""
        return any(next(iter(u.alts)) in self._social or self._social & u.parts.keys() for u in units)

    def _on_topic(self, units: list[_Unit]) -> bool:
        """A question about social media, though no passage covers it well: one of its words
        (as itself, a synonym or a typo fix, not a relative) is a social-media word, or a
        compound of a platform ("someohje", "instakuva") or one whose head is a social-media word of one
        sense ("tapahtumapostaus", "livestory"; not "sadevesikanava"). A storm is not by itself: a storm
        of comments is a situation, found before this, and another is weather ("myrsky kaatoi puun")."""
        return any(
            next(iter(u.alts)) not in STORM
            and (
                any(t in self._domain for t, (_qw, credit) in u.alts.items() if credit > REL_CREDIT)
                or PLATFORM_LEMMAS & u.parts.keys()
                or (bool(u.parts) and next(reversed(u.parts)) in self._social)
            )
            for u in units
        )

    def _scores(self, term: str) -> np.ndarray:
        """Every passage's BM25F score for the term (0 where it is absent)."""
        return self._term_scores.get(term, self._no_scores)

    def _bm25_scores(self, term: str, docs: list[int]) -> np.ndarray:
        scores = np.zeros(len(self.docs))
        for d in docs:
            scores[d] = self._bm25(term, d)
        return scores

    def _bm25(self, term: str, d: int) -> float:
        tf = 0.0
        for f, (w, b) in FIELDS.items():
            raw = self._tf[f][d].get(term)
            if raw:
                tf += w * raw / (1 - b + b * self._len[f][d] / self._avg[f])
        idf = self._idf[term] if term in self._idf else self._alias_idf[term]
        return idf * tf * (K1 + 1) / (K1 + tf)

    def _credit(self, d: int, term: str, fields: Iterable[str] = FIELDS) -> float:
        """How much a match of `term` in passage d covers a query word: by field,
        and less for a compound part or a word of an aid phrase."""
        best = 0.0
        for f in fields:
            if term in self._tf[f][d]:
                if term in self._whole[f][d]:
                    how = 1.0
                elif term in self._phrase[f][d]:
                    how = PHRASE_CREDIT
                else:
                    how = PART_CREDIT
                best = max(best, CREDIT[f] * how)
        return best

    def _names_no_topic(self, tokens: list[str], units: list[_Unit]) -> bool:
        """A question that gives no topic to answer: a single word found nearly
        everywhere ("some"), or "who is <role>", which asks for a name."""
        content = [u for u in units if u.weight > 0]
        if tuple(tokens[:2]) in IDENTITY_OPENERS and len([u for u in content if u.scale == 1.0]) == 1:
            return True  # "kuka on (kokkolan) viestintäpäällikkö": setting words aside, one role
        if len(content) != 1:
            return False
        if len(tokens) == 1:
            docs: set[int] = set()
            for term, (_qw, credit) in content[0].alts.items():
                if credit >= 1.0:
                    docs.update(self._postings.get(term, ()))
            return len(docs) > GENERIC_DF * len(self.docs)
        return False

    def _vocab_coverage(self, units: list[_Unit]) -> float:
        """Share of the query (idf-weighted) whose words the guideline uses at all."""
        total = known = 0.0
        for unit in units:
            total += unit.weight
            whole = any(t in self._vocabulary for t in unit.alts)
            if whole or sum(share for p, share in unit.parts.items() if p in self._vocabulary) >= 0.8:
                known += unit.weight
        return known / total if total else 0.0

    def _coverage(self, units: list[_Unit], d: int) -> tuple[float, float, float]:
        """Share of the query (idf-weighted) that passage d covers, the best
        credit of any one query word there (its anchor) and the covered weight
        (its evidence: words matched by stem, by platform or by a taught question only left out)."""
        total = matched = anchor = evidence = 0.0
        for unit in units:
            credit = min(1.0, sum(share * self._credit(d, t) for t, share in unit.parts.items()))
            strong = min(1.0, sum(share * self._credit(d, t, OWN_FIELDS) for t, share in unit.parts.items()))
            for term, (_qw, c) in unit.alts.items():
                credit = max(credit, c * self._credit(d, term))
                if c >= ANCHOR:
                    strong = max(strong, c * self._credit(d, term, OWN_FIELDS))
            total += unit.weight
            matched += unit.weight * credit
            # a word family guessed by stem alone is no evidence for a long question
            evidence += unit.weight * strong
            anchor = max(anchor, credit)
        return (matched / total if total else 0.0), anchor, evidence


# "which ones": a question asking for the members of a list
LIST_REACH = 5  # a list's passage this far down the ranking may lead
_WHICH_FI = frozenset("mitkä mitä missä millä mihin millaisia mitkäs mitäs".split())
_ALL_FI = ("kaikki", "kaikissa", "kaikkia", "kaikkiin", "kaikilla", "kaikille", "kaikkii")
_PLURAL_PARTITIVE_FI = ("ia", "iä", "ja", "jä")


def asks_how_common(tokens: list[str], lang: str) -> bool:
    """The question asks whether something is normal or common (`ASKS_HOW_COMMON`)."""
    return not ASKS_HOW_COMMON.get(lang, frozenset()).isdisjoint(tokens)


def asks_for_list(tokens: list[str], lang: str) -> bool:
    """ "mitkä kaikki ...", "missä kaikissa ...", "mitä somekanavia ...", "vilka kanaler ...",
    "which channels ..." (not "mikä on paras kanava", "which hashtag")."""
    if lang == "fi":
        if not _WHICH_FI & set(tokens):
            return False
        if any(t in _ALL_FI for t in tokens):
            return True
        return any(a == "mitä" and b.endswith(_PLURAL_PARTITIVE_FI) for a, b in zip(tokens, tokens[1:], strict=False))
    if lang == "sv":
        return "vilka" in tokens
    return any(
        # a plural noun after it ("which channels"), not a verb ("which hashtag does")
        a in ("which", "what")
        and any(len(w) > 4 and w.endswith("s") and not w.endswith("ss") for w in tokens[i + 1 : i + 3])
        for i, a in enumerate(tokens)
    )


@lru_cache(maxsize=1)
def get_index() -> Index:
    return Index.build()
