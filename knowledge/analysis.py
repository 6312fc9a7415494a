"""Text analysis for the search: tokens, stopwords, language guess, lemmas, compounds.

Lemmas come from simplemma. Its full Finnish dictionary takes seconds to load,
so simplemma runs here on a pruned dictionary (lexicon.txt) holding every form
of every lemma the guideline and its search aids use. build_lexicon.py derives
it from simplemma's own data; a query word that is not in it cannot match any
passage anyway, whatever its lemma.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

LEXICON_PATH = Path(__file__).with_name("lexicon.txt")
LANGS = ("fi", "sv", "en")

# per-word caches: the same words come back question after question, but a long-running bot
# must not grow without bound on what strangers type
CACHE_LIMIT = 50_000


class PerWord(dict):
    """A per-word cache: `cache[word, lang]` is `compute(word, lang)`, computed once; emptied when
    it has reached CACHE_LIMIT, before it takes one more entry."""

    def __init__(self, compute: Callable[[str, str], Any]):
        super().__init__()
        self._compute = compute

    def __missing__(self, key: tuple[str, str]) -> Any:
        if len(self) >= CACHE_LIMIT:
            self.clear()
        value = self[key] = self._compute(*key)
        return value


TOKEN_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def tokenize(text: str) -> list[str]:
    """Lowercase word tokens of 2+ characters; hyphenated words stay whole ("mavi-tiimi")."""
    return [t for t in TOKEN_RE.findall(text.lower()) if len(t) > 1]


# Function words and question framing ("saanko", "mitä teen") carry no topic.
# Listed as lemmas and common forms; analysis checks both the word and its lemma.
STOPWORDS: dict[str, frozenset[str]] = {
    "fi": frozenset(
        """
        ja tai sekä että eli kun jos mutta vai koska kuin niin myös vain jo nyt vielä sitten siis
        jne esim mm ym eikä sekä kuitenkin aina usein ehkä kyllä joo juu no nyt
        löytää löydän löytyy löytyä löytyykö
        olla on ovat oli olen olet olemme olette olisi olisin ollut olleet ole onko onks
        ei en et emme ette eivät älä älkää
        minä sinä hän me te he mä sä mun sun mulle sulle mulla sulla
        minun sinun hänen meidän teidän heidän minua sinua häntä meitä teitä heitä
        minulle sinulle hänelle meille teille heille minulla sinulla meillä teillä
        minusta sinusta itse
        se ne sen niiden sitä niitä siitä siihen siinä sille siltä tämä tätä tässä tähän tästä
        nämä näitä tuo joka jotka jonka joita jota jossa josta johon
        mikä mitkä mitä minkä missä mistä mihin millä mille miltä miten milloin
        kuka ketkä kenen kenelle keneltä keneen ketä keitä kuinka montako paljonko kumpi kumman
        voida voi voin voit voinko voiko voisi voisinko voinkos saada saa saako saanko saisinko
        pitää pitäisi pitääkö täytyä täytyy täytyykö kannattaa kannattaako tarvita tarvitsee
        tarvitseeko tulla tulee haluta haluan haluaisin
        tehdä teen teemme tehdään tekee teenkö tekeminen toimia kuulua kuuluu kuuluuko
        asia juttu jokin joku jotain jotakin mitään mikään kaikki muu muut jne
        hei moi moikka terve kiitos kiitti
        kukaan ketään kenenkään mitenkään koskaan ylipäätään ylipäänsä alle yli päälle ilman vaikka jotta
        ettei ettet sellainen sellaista sellaisen tällainen tällaista semmoinen tommoinen tosi todella ihan
        vähän hieman hirveästi kovasti tosiaan oikeastaan esimerkiksi jotenkin yhtään enää juuri just taas
        sit sitte ku et mut mä sä meiän teiän meil teil tää toi noi nää oon oot ollaan olin olisiko onks
        onkohan mitäs miten jos mites tiedän tiedä tiedätkö mietin mietitään ihmettelen kai muka ok okei
        kuitenki vaikkei vaikken vaikket vaikkeivät nykyään nykyisin
    """.split()
    ),
    "sv": frozenset(
        """
        och att det som en ett är var den de dem till av för på med i om hur vad vem när varför
        vilken vilket vilka kan ska skall får måste bör borde göra gör gjorde min mitt mina din
        ditt dina sig sin sitt sina inte eller men så har hade ha vara blir bli man mig dig oss
        er jag du han hon vi ni hantera hanterar skulle vill något några alla här där också
        bara från ut upp hej tack någon sådan fungera fungerar fungerade
        utan alls sånt nåt ju väl redan ens lite litet lilla typ liksom
        vid efter hos åt mot över nån dom mej dej int nu numera nuförtiden
    """.split()
    ),
    "en": frozenset(
        """
        a an the and or but if of to in on at for with from by about as is are was were be been
        being am do does did have has had i me my we our you your he she it its they them their
        this that these those what which who whom whose when where why how can could should would
        will shall may might must not no so some any all there here get got handle deal allowed
        ok please hi hello thanks someone something just also need want i'm
        without now nowadays currently
    """.split()
    ),
}


# Question framing that may match a passage's aids ("miksi kaupunki on somessa",
# "kenelle ilmoitan") but says little about the topic: scored when matched,
# never counted against the confidence when not.
SOFT_WORDS = frozenset(
    """
    miksi millainen minkälainen kertoa ilmoittaa kysyä hoitaa käsitellä suhtautua menetellä
    käyttää tietää ohje ohjeistus hyvä parempi paras huono oikein väärin
    varför hur använda why report tell use
    hyvin bra bättre bäst good better best well
    tuoda viedä nähdä antaa ottaa vaihtaa katsoa
    veta titta se ge ta berätta fråga know look see give take tell ask
    """.split()
)


# Spoken and Ostrobothnian Swedish little words ("var får ja parkera", "he e int så lätt"): skipped in
# Swedish questions, but no evidence of Swedish, since Finnish has "ja", "me", "he", "e" too
SPOKEN_SV = frozenset("ja e he me fö va å".split())


def is_stopword(word: str, lang: str) -> bool:
    return word in STOPWORDS[lang] or (lang == "sv" and word in SPOKEN_SV)


# --- stems: a fallback for words outside the lexicon --------------------------
#
# The lexicon knows every form of every word the guideline and its aids use.
# A question word outside it may still belong to the family of a known word
# ("maalitetaan" ~ "maalittaminen", "kiroilee" ~ "kiroilu", "raportoida" ~
# "raportointi"). stem_keys() strips inflectional and a few derivational
# endings, in every way they could be read, and normalises what is left: double
# letters single (consonant gradation "tt/t", long vowels) and the stem's final
# vowels dropped. Two words sharing a key are probably one family; the search
# uses that only for words it cannot lemmatise, and with reduced credit.

_FI_CLITICS = ("kaan", "kään", "kin", "han", "hän", "ko", "kö", "pa", "pä", "ks")
_FI_POSSESSIVES = ("mme", "nne", "nsa", "nsä", "ni", "si")
_FI_ENDINGS = tuple(
    sorted(
        set(
            """
            ssa ssä sta stä lla llä lta ltä lle ksi tta ttä na nä seen siin hin han hen hon hun hyn hän hön
            den tten iden itten jen ten ta tä a ä n t
            taan tään daan dään tiin ttiin ttaan ttään tetaan tetään mme tte vat vät isi
            maan mään massa mässä masta mästä malla mällä maton mätön
            minen misen mista mistä miseen nut nyt neet neen ttu tty tu ty va vä da dä la lä ra rä
            """.split()
        ),
        key=len,
        reverse=True,
    )
)
# agent, action and quality nouns: "tykkää|jä", "kiusaa|minen", "valvo|nta"
_FI_DERIVATIONS = ("minen", "inen", "nti", "nta", "ntä", "ilu", "ily", "us", "ys", "ja", "jä", "j", "u", "y")
_SV_ENDINGS = tuple("arna erna orna ande ende ning ingen ade ar er or en et na a e s t".split())
_EN_ENDINGS = ("ing", "ed", "es", "s", "er", "ly", "e", "y")
_VOWELS = "aeiouyäöå"
_DOUBLE = re.compile(r"(.)\1")
MIN_STEM = 5  # letters left after stripping, before normalising
MIN_KEY = 4


def _stem_key(stem: str) -> str:
    return _DOUBLE.sub(r"\1", stem).rstrip(_VOWELS)


@lru_cache(maxsize=64)
def _by_last_letter(endings: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Endings grouped by their last letter: a word is checked only against those it could end with."""
    out: dict[str, list[str]] = {}
    for e in endings:
        out.setdefault(e[-1], []).append(e)
    return {k: tuple(v) for k, v in out.items()}


def _strip_all(words: set[str], endings: tuple[str, ...], min_left: int) -> set[str]:
    table = _by_last_letter(endings)
    out = set()
    for w in words:
        for e in table.get(w[-1:], ()):
            if w.endswith(e) and len(w) - len(e) >= min_left:
                out.add(w[: -len(e)])
    return out


@lru_cache(maxsize=1 << 16)
def stem_keys(word: str, lang: str) -> frozenset[str]:
    """Normalised stems of `word`, every way its ending can be read."""
    if not word.isalpha():
        return frozenset()
    if lang == "fi":
        found = {word}
        found |= _strip_all(found, _FI_CLITICS, 4)
        found |= _strip_all(found, _FI_POSSESSIVES, 4)
        level = set(found)
        for _ in range(2):  # a case ending and a derivational one, or plural i/j between
            level = _strip_all(level, _FI_ENDINGS + _FI_DERIVATIONS, 4)
            level |= {w[:-1] for w in level if w[-1] in "ij" and len(w) > 4}
            found |= level
    else:
        endings = _SV_ENDINGS if lang == "sv" else _EN_ENDINGS
        found = {word} | _strip_all({word}, endings, 3)
    # Swedish and English words are shorter ("mät|er" ~ "mät|ning")
    min_stem, min_key = (MIN_STEM, MIN_KEY) if lang == "fi" else (3, 3)
    return frozenset(key for stem in found if len(stem) >= min_stem and len(key := _stem_key(stem)) >= min_key)


def detect_language(tokens: list[str], known: Callable[[str, str], bool] | None = None) -> str:
    """Guess fi/sv/en from stopwords and letters; ties go to Finnish."""
    scores = {lang: 0.0 for lang in LANGS}
    for tok in tokens:
        for lang in LANGS:
            if tok in STOPWORDS[lang]:
                scores[lang] += 1
            elif known is not None and known(tok, lang):
                scores[lang] += 0.5
        if "å" in tok:
            scores["sv"] += 2
    best = max(("sv", "en"), key=lambda lang: scores[lang])
    return best if scores[best] > scores["fi"] else "fi"


# --- compounds --------------------------------------------------------------

# Same-meaning words across the guideline's and people's vocabulary (lemmas).
# Per-passage wording belongs in the passage's aids; this is only for words
# that mean the same anywhere.
SYNONYM_GROUPS = [
    {"esimies", "esihenkilö", "lähiesimies", "pomo"},
    {"facebook", "fb", "naamakirja", "face"},
    {"tarkistaa", "tsekata", "tarkastaa"},
    {"yksityisviesti", "dm", "yv"},
    {"instagram", "ig", "insta"},
    {"linkedin", "linkkari"},
    {"luottamushenkilö", "valtuutettu", "poliitikko", "päättäjä"},
    {"kuntalainen", "kaupunkilainen", "asukas"},
    {"julkaisu", "postaus", "päivitys"},
    {"julkaista", "postata", "päivittää"},
    {"tili", "profiili", "sometili"},
    {"hashtag", "asiatunniste", "aihetunniste", "tunniste"},
    {"mavi", "viestintätiimi", "markkinointitiimi"},
    {"mainonta", "markkinointi", "mainostaminen"},
    {"kommentti", "viesti"},
]
# The setting of nearly every question in this domain ("kaupungin sivulla",
# "kommenteissa", "asukas"): they place a question, the other words say what it
# is about, so they count for less ("asukas kiroilee kaupungin sivulla" is about swearing).
SETTING_WORDS = frozenset(
    """
    some kaupunki kokkola sivu tili profiili kanava somekanava sometili julkaisu päivitys postaus kommentti
    viesti asukas kuntalainen kaupunkilainen työntekijä asiakas ihminen facebook instagram twitter
    karleby stad sida konto inlägg kommentar invånare city page account post comment resident people
    """.split()
)
# Verbs and nouns made of "some": "somettaa", "sometella", "sometus", "somettaja", "someilu"
SOME_DERIVED = re.compile(r"some(?:tt?[aäe]|tus|tuks|il)[a-zåäö]*")
# A platform is "some" too: a rule for "somessa" covers "facebookissa". Its chat names count as
# platforms, so that a compound of one is about it ("tuubikanava", "watsappiryhmä"); not "yt", which
# is also the change negotiations of "yt-neuvottelut", nor "twitteri" and "tiktokki", whose forms
# would take the platform's own ("twitteriä" is Twitter's).
PLATFORMS = frozenset(
    """
    facebook fb face instagram ig insta twitter tiktok linkedin youtube whatsapp snapchat discord
    messenger threads bluesky mastodon pinterest reddit telegram twitch vimeo tumblr
    tuubi linkkari watsappi mese
    """.split()
)
HYPERNYMS = dict.fromkeys(PLATFORMS, "some")
# Platform names of Finnish chat that are another language's words: the English verb "face" ("how to
# face the dark") names no platform in a Swedish or English question
FINNISH_CHAT_PLATFORMS = frozenset({"face"})
# Finland-Swedish writes "some" and a platform's name into compounds ("someutbildning", "instakonto");
# not the short names, which begin Swedish words ("ig|enom"). Longest first: "instagram|konto" is no
# "insta|gramkonto".
SV_COMPOUND_PLATFORMS = sorted(
    (p for p in PLATFORMS - FINNISH_CHAT_PLATFORMS | {"some"} if len(p) >= 4), key=len, reverse=True
)
SYNONYMS: dict[str, frozenset[str]] = {}
for _group in SYNONYM_GROUPS:
    for _word in _group:
        SYNONYMS[_word] = SYNONYMS.get(_word, frozenset()) | (_group - {_word})

# Two-word expressions that also mean one word (lemma pair -> term).
PHRASES = {
    ("sosiaalinen", "media"): "some",
    ("social", "medium"): "some",
    ("social", "media"): "some",
    ("social", "medier"): "some",
}


def phrase_terms(lemmas: list[str]) -> list[str]:
    return [PHRASES[pair] for pair in zip(lemmas, lemmas[1:], strict=False) if pair in PHRASES]


POSSESSIVES = ("mme", "nne", "nsa", "nsä", "ni", "si")
CLITIC_END = re.compile(r"(?:kin|ko|kö|han|hän|pa|pä|kaan|kään)$")
POSSESSIVE_END = re.compile(r"(?:mme|nne|nsa|nsä|ni|si)$")
# What may follow a known form inside one inflected word: case ending,
# possessive, clitic ("sivu|lla", "facebook|issa", "somessa|kin"); "tulos|tin" is another word.
INFLECTION_TAIL = re.compile(
    r"i?(?:n|t|a|ä|ta|tä|na|nä|ksi|ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|tta|ttä|ne|seen|[aeiouyäö]n)?"
    r"(?:mme|nne|nsa|nsä|ni|si)?(?:kin|ko|kö|han|hän|pa|pä|kaan|kään)?"
)
# A loanword ending in a consonant takes an "i" before its case ending, its last consonant doubled or
# not ("word|in", "zoom|issa", "admin|ille", "powerpoint|tia"), which simplemma does not always strip
LOAN_CASE = re.compile(
    r"([a-zåäö]+?([bcdfghjklmnpqrstvwxz]))\2?i(?:n|in|t|a|ä|na|nä|ksi|ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|hin)(?:kin|ko|kö)?"
)

# Short words allowed as compound parts (most 3-letter splits are noise).
SHORT_PARTS = frozenset({"työ", "tie", "hot"})  # ...and Swedish "hot|brev" (a threat)
MIN_PART = 4
HEAD_ONLY_SHARE = 0.5  # credit factor for the head of a compound whose modifier is unknown
# Dictionary words that are really derivational endings ("kaupunki|lainen").
SUFFIX_LIKE = frozenset({"lainen", "läinen", "inen", "isuus", "naisuus", "llinen", "tava", "tävä"})
# Finnish verb infinitives ("ostaa", "luoda") are not compound parts: "mainos|taa" is no "maa|ostaa".
VERBISH_FI = re.compile(r"(?:aa|ää|e[aä]|oa|öä|ua|yä|d[aä]|ll[aä]|nn[aä]|rr[aä]|st[aä]|at[aä]|ät[aä])$")


def _verbish(word: str, lang: str) -> bool:
    return lang == "fi" and len(word) > 3 and word.endswith(("a", "ä")) and bool(VERBISH_FI.search(word))


def split_compound(word: str, lang: str, base_of: Callable[[str], str | None]) -> list[str]:
    """Lemmas of the known parts of a compound word, nested parts included.

    base_of(form) is the dictionary lemma of a form, or None if unknown.
    "työsuojelupäällikkö" -> ["työ", "suojelupäällikkö", "suojelu", "päällikkö",
    "työsuojelu"]: every binary split counts whose head is a dictionary base
    form and whose modifier is a base form, a genitive or a stem ("kuntalais-").
    """
    if lang == "en":
        return []
    found: list[str] = []

    def modifier(left: str) -> str | None:
        if len(left) < MIN_PART and left not in SHORT_PARTS:
            return None
        base = base_of(left)
        if base == left:
            return left
        if lang == "fi" and base and base.translate(_FOLD) == left:
            return base  # typed without ä/ö: kesa|kampanja -> kesä
        if lang == "fi":
            if base and left.endswith("n") and not _verbish(base, lang):
                return base  # kaupungin|johtaja -> kaupunki
            if left.endswith("s") and base_of(left[:-1] + "nen") == left[:-1] + "nen":
                return left[:-1] + "nen"  # kuntalais|palaute -> kuntalainen
        elif lang == "sv" and left.endswith("s") and base_of(left[:-1]) == left[:-1]:
            return left[:-1]  # arbets|givare: linking s
        elif lang == "sv" and base == left + "a":
            return base  # a verb's stem: kör|kort (köra), hot|brev (hota)
        return None

    def walk(w: str, depth: int) -> None:
        if depth > 3:
            return
        for i in range(3, len(w) - MIN_PART + 1):
            right = w[i:]
            if right in SUFFIX_LIKE or base_of(right) != right or _verbish(right, lang):
                continue
            left = modifier(w[:i])
            if left is None:
                continue
            for part in (left, right):
                if part not in found and part != word:
                    found.append(part)
                    walk(part, depth + 1)

    walk(word, 0)
    return found


def head_part(word: str, base_of: Callable[[str], str | None]) -> str | None:
    """Longest dictionary base form ending an otherwise unknown compound ("neuvottelu|huone")."""
    for i in range(3, len(word) - MIN_PART + 1):
        if word[i:] not in SUFFIX_LIKE and base_of(word[i:]) == word[i:]:
            return word[i:]
    return None


def inflected_head(word: str, lemma_of: Callable[[str], str | None]) -> str | None:
    """Lemma of the longest known inflected form ending an unknown compound
    ("pää|kanaville" -> "kanava"), when the lemmatiser left the word as it was."""
    for i in range(3, len(word) - MIN_PART + 1):
        tail = word[i:]
        lemma = lemma_of(tail)
        if lemma and len(lemma) >= MIN_PART + 1 and tail not in SUFFIX_LIKE and lemma not in SUFFIX_LIKE:
            return lemma
    return None


# --- lexicon and analyzer ----------------------------------------------------


_FOLD = str.maketrans("äöå", "aoa")
TYPO_MIN = 7
REAL_WORD_ZIPF = 5.0  # letters: shorter words are corrected by the index's own typo step


@dataclass(frozen=True)
class Lexicon:
    forms: Mapping[str, dict[str, str]]  # lang -> form -> lemma
    compounds: Mapping[str, dict[str, tuple[str, ...]]]  # lang -> lemma -> parts
    # lang -> word -> zipf (rounded down to .5): common real words outside the vocabulary
    zipf: Mapping[str, dict[str, float]]

    @classmethod
    def load(cls, path: Path = LEXICON_PATH) -> Lexicon:
        forms: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
        compounds: dict[str, dict[str, tuple[str, ...]]] = {lang: {} for lang in LANGS}
        zipf: dict[str, dict[str, float]] = {lang: {} for lang in LANGS}
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or not line.strip():
                    continue
                kind, lang, head, rest = line.rstrip("\n").split("\t")
                if kind == "L":
                    table = forms[lang]
                    table[head] = head
                    table.update(dict.fromkeys(rest.split(), head))
                elif kind == "C":
                    compounds[lang][head] = tuple(rest.split())
                else:
                    zipf[lang].update(dict.fromkeys(rest.split(), float(head)))
        return cls(forms, compounds, zipf)


@dataclass(frozen=True)
class Analysis:
    lemma: str
    parts: tuple[tuple[str, float], ...]  # (part lemma, share of the word's length)


class Analyzer:
    """simplemma on the pruned lexicon, plus compound parts; results cached per word.
    normalize() turns a spoken/chat/typo'd query word into a form the lexicon knows."""

    def __init__(self, lexicon: Lexicon):
        from simplemma import Lemmatizer
        from simplemma.strategies import DefaultStrategy

        self.lexicon = lexicon

        class _Factory:  # simplemma's DictionaryFactory protocol
            def get_dictionary(self, lang: str) -> Mapping[str, str]:
                return lexicon.forms[lang]

        self._lemmatizer = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_Factory()))
        self._cache = PerWord(self._analyze)
        self._normal = PerWord(self._normalize)
        self._lemmas = PerWord(self._lemma)
        self._parts = PerWord(self._split)
        self._folded: dict[str, str] | None = None  # Finnish form without ä/ö -> form
        self._by_initial: dict[tuple[str, int], list[str]] | None = None  # typo candidates
        self._typo_lists: dict[tuple[str, int, int], list[str]] = {}
        self._known: set[str] | None = None  # real Finnish words, for compounds run together

    # --- query words in spoken Finnish, chat shorthand, without ä/ö, with typos ---

    def normalize(self, token: str, lang: str) -> str:
        """The standard form of a query word (spoken.py), or the word itself."""
        return self._normal[token, lang]

    def _normalize(self, token: str, lang: str) -> str:
        from .spoken import shorthand, variants

        forms = self.lexicon.forms["fi"]
        if lang != "fi":
            # platform shorthand is international ("insta", "fb", "dm"), unless a common word of the
            # language ("how to face the dark")
            known = token in self.lexicon.forms[lang] or token in STOPWORDS[lang]
            if known or self.lexicon.zipf[lang].get(token, 0.0) >= REAL_WORD_ZIPF:
                return token
            short = shorthand(token)
            return short if short and short in forms and short not in STOPWORDS["fi"] else token
        stop = STOPWORDS["fi"]
        if "-" in token or not token.isalpha():
            return token
        short = shorthand(token)
        if short:
            return short
        if token in forms or token in stop:
            return token
        if self.lexicon.zipf["fi"].get(token, 0.0) >= REAL_WORD_ZIPF:
            return token  # a very common word the guideline never uses ("tänään"), not a spoken form
        for v in variants(token):
            if v in forms or v in stop:
                return v
        folded = self._folded_forms().get(token)
        if folded:
            return folded
        return self._typo(token) or token

    def prepare(self) -> None:
        """Build the normaliser's tables now (else the first question that needs one waits)."""
        self._folded_forms()
        self._typo("xxxxxxxxx")

    def _folded_forms(self) -> dict[str, str]:
        if self._folded is None:
            forms = self.lexicon.forms["fi"]
            table: dict[str, str | None] = {}
            for form in (*forms, *STOPWORDS["fi"]):
                key = form.translate(_FOLD)
                if key == form:
                    continue
                if key not in table:
                    table[key] = form
                elif (prev := table[key]) is not None and forms.get(prev, prev) != forms.get(form, form):
                    table[key] = None  # two different words without their dots: leave it
            self._folded = {k: v for k, v in table.items() if v and k not in forms and k not in STOPWORDS["fi"]}
        return self._folded

    def _typo(self, word: str) -> str | None:
        """The lexicon form within edit distance 1 (2 from 9 letters on), same first letter."""
        if self._by_initial is None:
            table: dict[tuple[str, int], list[str]] = {}
            for form in self.lexicon.forms["fi"]:
                if len(form) >= TYPO_MIN - 1:
                    table.setdefault((form[0], len(form)), []).append(form)
            self._by_initial = table
        if len(word) < TYPO_MIN or self.is_common_word(word, "fi") or self._two_words(word):
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        max_dist = 1 if len(word) < 9 else 2
        best = process.extractOne(
            word,
            self._typo_candidates(word[0], len(word), max_dist),
            scorer=OSA.distance,
            score_cutoff=max_dist,
        )
        return best[0] if best else None

    def _two_words(self, word: str) -> bool:
        """Two real words run together, a compound and no typo: "puku|kopin" is no "puukoin"."""
        if self._known is None:
            self._known = self.lexicon.zipf["fi"].keys() | self.lexicon.forms["fi"].keys()
        known = self._known
        return any(word[:i] in known and word[i:] in known for i in range(MIN_PART, len(word) - MIN_PART + 1))

    def _typo_candidates(self, initial: str, length: int, max_dist: int) -> list[str]:
        """Lexicon forms with this first letter within max_dist letters of this length (kept: a
        question's words are corrected one by one, and joining the lists each time was the cost)."""
        key = (initial, length, max_dist)
        found = self._typo_lists.get(key)
        if found is None:
            table = self._by_initial or {}
            found = self._typo_lists[key] = [
                f for n in range(length - max_dist, length + max_dist + 1) for f in table.get((initial, n), ())
            ]
        return found

    def is_form(self, word: str, lang: str) -> bool:
        return word in self.lexicon.forms[lang]

    def is_common_word(self, word: str, lang: str) -> bool:
        """A real word (by wordfreq) that the guideline's vocabulary does not contain."""
        return word in self.lexicon.zipf[lang]

    def is_word_of(self, word: str, lang: str) -> bool:
        """Evidence for a language (detect_language): a word of the guideline's vocabulary in it, or a
        common word of that language alone ("katto", "romahtaa" beside Swedish-looking "alla")."""
        if self.is_form(word, lang):
            return True
        return self.is_common_word(word, lang) and not any(
            self.is_form(word, other) or self.is_common_word(word, other) for other in LANGS if other != lang
        )

    def lemma(self, word: str, lang: str) -> str:
        """A word's base form (simplemma on the lexicon, guesses checked)."""
        return self._lemmas[word, lang]

    def _lemma(self, word: str, lang: str) -> str:
        lemma = self._lemmatizer.lemmatize(word, lang).lower()
        forms = self.lexicon.forms[lang]
        if lang == "fi" and word not in forms and not self.is_common_word(word, lang):
            loan = LOAN_CASE.fullmatch(word)  # not a Finnish word's ending ("ihan|ia" is "ihana")
            if loan and forms.get(loan[1]) == loan[1]:
                return loan[1]
        if word in forms or lemma == word or lemma not in forms:
            return lemma
        # simplemma guessed "known word + ending" ("tulos|tin", "seura|ava"): keep
        # the guess only for a clitic/possessive or a short typo-like tail
        for i in range(len(word) - 1, 2, -1):
            if forms.get(word[:i]) == lemma:
                tail = word[i:]
                if INFLECTION_TAIL.fullmatch(tail) or (len(tail) <= 2 and not self.is_common_word(word, lang)):
                    return lemma
                return word
        return lemma

    def parts(self, lemma: str, lang: str) -> list[str]:
        """A lemma's compound parts (a new list each time)."""
        return list(self._parts[lemma, lang])

    def _split(self, lemma: str, lang: str) -> tuple[str, ...]:
        stored = self.lexicon.compounds[lang].get(lemma)
        return stored if stored is not None else tuple(split_compound(lemma, lang, self.lexicon.forms[lang].get))

    def _inflected_compound(self, word: str) -> str | None:
        """A Finnish compound of known words whose head is inflected: "somelomat" -> "someloma"."""
        forms = self.lexicon.forms["fi"]
        for i in range(3, len(word) - MIN_PART + 1):
            tail = word[i:]
            head = forms.get(tail)
            if head and head != tail and len(head) >= MIN_PART and head not in SUFFIX_LIKE:
                whole = word[:i] + head
                if head in self.parts(whole, "fi"):
                    return whole
        return None

    @staticmethod
    def _platform_modifier(word: str) -> str | None:
        """The platform or "some" a Swedish compound begins with ("some|utbildning"), if any."""
        return next((p for p in SV_COMPOUND_PLATFORMS if word.startswith(p) and len(word) - len(p) >= MIN_PART), None)

    def analyze(self, token: str, lang: str) -> Analysis | None:
        """Lemma and compound parts of one token; None for a stopword."""
        return self._cache[token, lang]

    def _analyze(self, token: str, lang: str) -> Analysis | None:
        stop = STOPWORDS[lang]
        pieces = [p for p in token.split("-") if p and p not in stop]
        if not pieces:
            return None
        lemmas = [self.lemma(p, lang) for p in pieces]
        forms = self.lexicon.forms[lang]
        if lang == "fi" and lemmas[-1] not in forms:
            # simplemma can miss clitics and possessives ("jääkö", "uutisvirrassani")
            stem = CLITIC_END.sub("", pieces[-1])
            for word in dict.fromkeys((stem, POSSESSIVE_END.sub("", stem))):
                lemma = self.lemma(word, lang) if len(word) > 2 else word
                if lemma in forms:
                    lemmas[-1] = lemma
                    break
        if len(pieces) == 1:
            lemma = lemmas[0]
            if lemma in stop:
                return None
            if lang == "fi" and lemma not in forms:
                # the lemmatiser missed an unknown compound's inflected head ("some|lomat", "insta|kuvat")
                lemma = self._inflected_compound(pieces[0]) or lemma
            parts = self.parts(lemma, lang)
            platform = self._platform_modifier(pieces[0]) if lang == "sv" and lemma not in forms else None
            if platform:
                rest = self.lemma(pieces[0][len(platform) :], lang)
                lemma, parts = platform + rest, [platform, rest, *self.parts(rest, lang)]
            if not parts and lang != "en" and lemma not in forms:
                if SOME_DERIVED.fullmatch(pieces[0]):
                    # a word made of "some" ("somettaa", "sometus") is about social media, as a part
                    return Analysis(lemma, (("some", len("some") / len(lemma)),))
                # unknown compound: its known head says something, not much
                # ("loma|raha" is no question about "raha")
                head = head_part(lemma, forms.get) or inflected_head(pieces[0], forms.get)
                if head:
                    return Analysis(lemma, ((head, HEAD_ONLY_SHARE * len(head) / len(lemma)),))
        else:
            # "some-kanavat" -> somekanava, with "some" and "kanava" as parts
            lemma = "".join(pieces[:-1]) + lemmas[-1]
            parts = []
            for piece_lemma in lemmas:
                parts.append(piece_lemma)
                parts.extend(self.parts(piece_lemma, lang))
        shares = {}
        for part in parts:
            if part != lemma and part not in stop and len(part) > 1:
                shares[part] = min(1.0, len(part) / len(lemma))
        return Analysis(lemma, tuple(shares.items()))
