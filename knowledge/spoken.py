"""Spoken and chat Finnish to standard forms, by general rules (no per-question aids).

People type /ohje questions the way they chat: "voiks mä julkasta tän facessa",
"pitäiskö tehä uus tili", "mita saa sanoa tyoaikana". The lexicon knows the
standard forms. A query word the lexicon does not know gets, in order:

1. chat shorthand and spoken pronouns/verbs (`SHORTHAND`: "oon" -> "olen",
   "face" -> "facebook", "dm" -> "yksityisviesti"), also with a case ending
   ("facessa", "insta:ssa");
2. rule variants (`variants()`), each tried against the lexicon, clitics
   stripped first: "-ks/-s/-ko/-kö/-han/-hän/-pa/-pä" ("voiks" -> "voi"); the
   conditional's lost "-i" and the passive's "-iin" ("pitäis" -> "pitäisi",
   "tehtäis" -> "tehtäisiin"); the "i" dropped from a diphthong ("julkasta" ->
   "julkaista", "kirjotella" -> "kirjoitella", "tavotella" -> "tavoitella");
   the "d" dropped between vowels ("tehä" -> "tehdä", "meiän" -> "meidän");
   a long vowel for "vowel + a/ä" ("tietoo" -> "tietoa", "haluun" -> "haluan");
   the passive's lost "-n" ("mennää" -> "mennään"); short case endings
   ("somes" -> "somessa", "sivul" -> "sivulla", "somest" -> "somesta");
3. the same word with ä/ö restored, when the lexicon has exactly one such form
   ("tyoaikana" -> "työaikana", "mita" -> "mitä");
4. a typo fix for longer words: the lexicon form within edit distance 1 (2 for
   words of 9+ letters) with the same first letter.

Kokkola's own dialect (Central Ostrobothnian) is read by rule among the variants of step 2:
the echoed vowel ("kirijasto", "pelekää"), the illative's h ("kirjastohon"), "d" as "j" or
"h" ("huomioija", "tehhä") and a doubled consonant ("pittää").

Derivation, not speech, but the same need: an adverb the lexicon does not know
is read as its adjective ("asiallisesti" -> "asiallinen", "rennosti" -> "rento").

The Analyzer applies these to query words only (analysis.Analyzer.normalize);
the guideline's own words are never rewritten.
"""

from __future__ import annotations

import re

# Chat shorthand and spoken forms that no rule derives. Values are standard
# words the lexicon knows (stopwords included: "oon" is "olen", which is framing).
SHORTHAND = {
    # pronouns and "olla"
    "mä": "minä",
    "mää": "minä",
    "mie": "minä",
    "sä": "sinä",
    "sää": "sinä",
    "sie": "sinä",
    "mun": "minun",
    "sun": "sinun",
    "mul": "minulla",
    "mulla": "minulla",
    "sul": "sinulla",
    "sulla": "sinulla",
    "mulle": "minulle",
    "sulle": "sinulle",
    "mua": "minua",
    "sua": "sinua",
    "musta": "minusta",
    "meil": "meillä",
    "teil": "teillä",
    "niil": "niillä",
    "oo": "ole",
    "oon": "olen",
    "oot": "olet",
    "ollaa": "ollaan",
    "ois": "olisi",
    "oisko": "olisiko",
    "onks": "onko",
    "eiks": "eikö",
    "eks": "eikö",
    # conjunctions and little words
    "et": "että",
    "ku": "kun",
    "mut": "mutta",
    "sit": "sitten",
    "sillee": "silloin",
    "nii": "niin",
    "tää": "tämä",
    "tän": "tämän",
    "täs": "tässä",
    "tost": "tosta",
    "toi": "tuo",
    "noi": "nuo",
    "mis": "missä",
    "mist": "mistä",
    "mihi": "mihin",
    "miks": "miksi",
    "kaikkii": "kaikkia",
    "jotai": "jotain",
    "jonku": "jonkun",
    "tiiän": "tiedän",
    "tiijän": "tiedän",
    "tiiät": "tiedät",
    "tiiä": "tiedä",
    "tiiäks": "tiedätkö",
    "kato": "katso",
    "kattoo": "katsoo",
    # platforms and chat nouns
    "face": "facebook",
    "fb": "facebook",
    "naamakirja": "facebook",
    "insta": "instagram",
    "ig": "instagram",
    "tiktok": "tiktok",
    "tiktokki": "tiktok",
    "tiktokkiin": "tiktok",
    "x": "twitter",
    "twitteri": "twitter",
    "linkkari": "linkedin",
    "yt": "youtube",
    "tuubi": "youtube",
    "wa": "whatsapp",
    "watsappi": "whatsapp",
    "dm": "yksityisviesti",
    "yv": "yksityisviesti",
    "pm": "yksityisviesti",
    "dm:t": "yksityisviesti",
    "postaus": "postaus",
    "päivitys": "päivitys",
    "some": "some",
    "somet": "some",
    # the city's own shorthand: "mavi" is the marketing and communications team
    "mavi": "viestintätiimi",
    # a platform's features
    "mese": "messenger",
    "story": "story",
    "stoori": "story",
    "storyt": "story",
    "reels": "reels",
    "reeli": "reels",
    "reelsit": "reels",
    "feedi": "feed",
}

# chat nouns that take case endings ("facessa", "instaan", "dm:nä"); pronouns and little words do not
INFLECTED_SHORTHAND = frozenset(
    "face fb naamakirja insta ig tiktok tiktokki twitteri linkkari yt tuubi wa watsappi dm yv pm some "
    "mese story stoori reels reeli feedi mavi".split()
)

# "fb:ssä", "x:ään", "dm:nä": a colon before a case ending in chat and abbreviations
COLON_CASE = re.compile(r"\b([^\W\d_]{1,10}):(?:[a-zåäö]{1,6})\b", re.IGNORECASE)
# X, the platform once called Twitter, is one letter: recognised inflected ("x:ssä") or in a compound ("x-tili"),
# not in an x-ray
X_PLATFORM = re.compile(r"(?<![\w@#])x(?=:[a-zåäö]|-[^\W\d_])(?!-rays?\b)", re.IGNORECASE)
# a Finnish case ending after shorthand ("facessa", "instassa", "tiktokissa")
CASE_TAIL = re.compile(r"(?:i?(?:ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|hin|iin|ksi|na|nä|n|a|ä|ta|tä|aan|ään|seen))$")
CLITICS = ("kaan", "kään", "kin", "han", "hän", "kos", "kös", "pas", "päs", "ks", "ko", "kö", "pa", "pä", "s")
_VOWELS = "aeiouyäö"
_BACK = set("aou")


def normalize_text(text: str) -> str:
    """Query text before tokenising: "fb:ssä" -> "fb", "x:ään" -> "twitter", "x-tili" -> "twitter-tili"."""
    return COLON_CASE.sub(r"\1", X_PLATFORM.sub("twitter", text))


def _harmony(word: str) -> str:
    """The a/ä the word takes by vowel harmony."""
    return "a" if _BACK & set(word) else "ä"


def shorthand(word: str) -> str | None:
    """The standard word for chat shorthand, also inflected ("facessa" -> "facebook")."""
    if word in SHORTHAND:
        return SHORTHAND[word]
    m = CASE_TAIL.search(word)
    if m and m.start() >= 2:
        stem = word[: m.start()]
        # the illative lengthens the final vowel: "facee|n" is "face"
        long_vowel = len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] in _VOWELS
        for s in (stem, stem + "i", *((stem[:-1],) if long_vowel else ())):
            if s in INFLECTED_SHORTHAND:
                return SHORTHAND[s]
    return None


def _strip_clitics(word: str) -> list[str]:
    out = []
    for c in CLITICS:
        if word.endswith(c) and len(word) - len(c) >= 2:
            out.append(word[: -len(c)])
    return out


def _rules(word: str) -> list[str]:
    """Rule variants of one word (without clitics), most likely first."""
    a = _harmony(word)
    out: list[str] = []
    # passive conditional and conditional: "tehtäis" -> "tehtäisiin", "pitäis" -> "pitäisi"
    if word.endswith(("ttais", "ttäis", "tais", "täis")):
        out.append(word + "iin")
    if word.endswith("is"):
        out += [word + "i", word + "iin"]
    # a final "s" that was "si" ("uus" -> "uusi", "uhkas" -> "uhkasi")
    if word.endswith("s"):
        out.append(word + "i")
    # the past tense's diphthong shortened: "alko" -> "alkoi", "suuttu" -> "suuttui", "sano" -> "sanoi"
    if len(word) >= 4 and word[-1] in "ouöy" and word[-2] not in _VOWELS:
        out.append(word + "i")
    # short case endings: "somes" -> "somessa", "sivul" -> "sivulla", "somest" -> "somesta"
    if word.endswith("st"):
        out.append(word + a)
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word + "s" + a)
    if word.endswith("l"):
        out += [word + "l" + a, word + "le"]
    # the passive's lost "-n": "mennää" -> "mennään", "tehää" -> "tehdään"
    if len(word) > 3 and word[-1] in "aä" and word[-2] == word[-1]:
        out.append(word + "n")
    # a long vowel for "vowel + a/ä": "tietoo" -> "tietoa", "haluun" -> "haluan", "kommenttei" -> "kommentteja"
    for i in range(1, len(word)):
        if word[i] == word[i - 1] and word[i] in "ouyieö" and i >= 2:
            out.append(word[:i] + a + word[i + 1 :])
    if word.endswith("ei"):
        out.append(word[:-1] + "j" + a)
    if word.endswith("ii"):
        out.append(word[:-1] + a)
    # "d" dropped: "tehä" -> "tehdä", "meiän" -> "meidän", "tehään" -> "tehdään"
    for i in range(2, len(word)):
        if word[i - 1] in "hi" and word[i] in "aä" and word[i - 2] in _VOWELS:
            out.append(word[:i] + "d" + word[i:])
    # "i" dropped from a diphthong: "julkasta" -> "julkaista", "kirjotella" -> "kirjoitella"
    for i in range(2, len(word) - 1):
        if word[i - 1] in "aouäö" and word[i] in "stlnrdh" and word[i - 2] not in _VOWELS:
            out.append(word[:i] + "i" + word[i:])
    out += _ostrobothnian(word)
    return out


def _ostrobothnian(word: str) -> list[str]:
    """Kokkola's own dialect (Central Ostrobothnian) to standard forms."""
    out: list[str] = []
    for i in range(3, len(word) - 1):
        # the vowel echoed after l, r, h or n: "kirijasto" -> "kirjasto", "pelekää" -> "pelkää", "vanaha" -> "vanha"
        if word[i] == word[i - 2] and word[i] in _VOWELS and word[i - 1] in "lrhn" and word[i + 1] not in _VOWELS:
            out.append(word[:i] + word[i + 1 :])
    # the illative's "h": "pitämähän" -> "pitämään", "kirjastohon" -> "kirjastoon"
    if len(word) > 5 and word.endswith("n") and word[-4] == word[-2] and word[-3] == "h" and word[-2] in _VOWELS:
        out.append(word[:-3] + word[-2] + "n")
    # "d" as "j" after "i" and as "h" after "h": "huomioija" -> "huomioida", "tehhä" -> "tehdä"
    for i in range(2, len(word) - 1):
        if word[i] == "j" and word[i - 1] == "i" and word[i + 1] in _VOWELS:
            out.append(word[:i] + "d" + word[i + 1 :])
        if word[i] == "h" and word[i - 1] == "h" and word[i + 1] in _VOWELS:
            out.append(word[:i] + "d" + word[i + 1 :])
    # a consonant doubled after a short first syllable: "pittää" -> "pitää", "kuvvaa" -> "kuvaa"
    for i in range(2, len(word) - 1):
        if word[i] == word[i - 1] and word[i] not in _VOWELS and word[i - 2] in _VOWELS:
            out.append(word[:i] + word[i + 1 :])
    return out


# consonant gradation, weak -> strong, for the adjective under an adverb ("rennosti" -> "rento")
_STRONG = (("nn", "nt"), ("ll", "lt"), ("rr", "rt"), ("mm", "mp"), ("ng", "nk"), ("d", "t"), ("v", "p"))


def adverb_bases(word: str) -> list[str]:
    """The adjective under a "-sti" adverb: "asiallisesti" -> "asiallinen", "nopeasti" -> "nopea",
    "avoimesti" -> "avoin", "rennosti" -> "rento"."""
    if not word.endswith("sti") or len(word) < 6:
        return []
    stem = word[:-3]
    out = []
    if stem.endswith("ise"):
        out.append(stem[:-3] + "inen")  # asiallise|sti
    if stem.endswith("ime"):
        out.append(stem[:-3] + "in")  # avoime|sti
    out.append(stem)  # nopea|sti
    for weak, strong in _STRONG:
        i = stem.rfind(weak)
        if i > 0 and i >= len(stem) - 4:
            out.append(stem[:i] + strong + stem[i + len(weak) :])
    return out


_FREQUENTATIVE = re.compile(r"(?:ile|ili|ill|ele|eli|ell)")
_WEAKEN = (("kk", "k"), ("pp", "p"), ("tt", "t"))


def frequentative_bases(word: str) -> list[str]:
    """The verb under a frequentative ("doing it now and then"): "tykkäilee" -> "tykätä", "postailla" ->
    "postata", "kirjoittelee" -> "kirjoittaa", "jakelee" -> "jakaa", "kommentoilla" -> "kommentoida"."""
    a = _harmony(word)
    out: list[str] = []
    for m in _FREQUENTATIVE.finditer(word, 3):
        pre = word[: m.start()]
        if pre[-1] in "aä":  # tykkä|ile-, posta|il-: a type-4 verb, in its weak grade
            weak = pre
            for strong, w in _WEAKEN:
                if pre[:-1].endswith(strong):
                    weak = pre[: -len(strong) - 1] + w + pre[-1]
                    break
            out += [weak + "t" + a, pre + "t" + a]
        elif pre[-1] in "oö":  # kommento|il-
            out.append(pre + "id" + a)
        elif pre[-1] not in _VOWELS:  # kirjoitt|ele-, jak|ele-
            out.append(pre + a + a)
    return out


def variants(word: str) -> list[str]:
    """Standard-form candidates for a spoken word, most likely first (clitics stripped first)."""
    out: list[str] = []
    bases = [word, *_strip_clitics(word)]
    # a clitic of two letters or more is surer than a rule; a lone "-s" less sure than one
    out += [b for b in bases[1:] if len(word) - len(b) >= 2]
    out += _rules(word)
    out += [b for b in bases[1:] if len(word) - len(b) < 2]
    for base in bases[1:]:
        out += _rules(base)
    out += adverb_bases(word)
    out += frequentative_bases(word)
    # two rules at once: "julkasis" -> "julkaisi(s)" -> "julkaisisi"
    for base in bases:
        for v in _rules(base)[:6]:
            out += [w for w in _rules(v) if len(w) <= len(word) + 4]
            out += frequentative_bases(v)  # "kirjottelee" -> "kirjoittelee" -> "kirjoittaa"
    return list(dict.fromkeys(w for w in out if w != word and len(w) >= 2))
