"""Situations: a question that describes a threat or a controversy, not one that asks about rules.

"joku uhkas mua facessa", "han skrev att han vet var jag bor", "our post went
viral and there is a shitstorm": whatever else the words match, the asker is in
a situation the guideline has a passage for (and Somevahti a report flow), so
that passage comes first and the answer offers the report.

Recognition is by general vocabulary, per language, as base forms: a query
word matches through its lemma (the lexicon holds every form of these words,
see build_lexicon.py), after spoken-Finnish normalisation, through its compound
parts ("tappouhkaus", "kommenttimyrsky") or, for a word the lexicon does not
know, through its stem ("uhkaillaanko"). Some meanings need two words together
(`PAIRS`): knowing where someone lives, wishing death, publishing a home
address, a journalist calling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .analysis import PLATFORMS, Analyzer, stem_keys

THREAT, CONTROVERSY = "threat", "controversy"

# Words that alone say the question describes the situation.
WORDS: dict[str, dict[str, str]] = {
    THREAT: {
        "fi": """
            uhata uhkailla uhkaus uhkailu uhkaava uhkaaja tappouhkaus pommiuhka väkivaltauhka uhkaviesti
            tappaa tappo murhata murha väkivalta väkivaltainen pahoinpidellä pahoinpitely hakata
            puukottaa puukko veitsi ase pyssy kivääri haulikko ampua ampuminen ampuja pommi räjäyttää
            räjähde tuhopoltto vainota vainoaminen vainoaja stalkata stalkkeri kostaa kosto kidnapata
            raiskata raiskaus tappolista uhka
            turpa turpasauna mukiloida kuristaa väijyä vaania tuhopolttaja pommittaa
        """,
        "sv": """
            hot hota hotelse hotfull döda mörda mord dödshot våld våldsam misshandla misshandel kniv
            vapen pistol gevär bomb bombhot spränga förfölja stalka hämnas hämnd våldta
            mordbrand mordbrännare
        """,
        "en": """
            threat threaten threatening kill murder violence violent assault stab knife gun weapon rifle
            gunman bomb stalk stalker stalking revenge dox doxx doxxing doxing rape
            arson arsonist lurk
        """,
    },
    CONTROVERSY: {
        "fi": """
            kohu somekohu kohista paskamyrsky somemyrsky kommenttimyrsky vihamyrsky someraivo raivo
            raivota raivostua suuttumus närkästys paheksunta paheksua viraali viraalistua
            boikotti boikotoida lynkkaus kritiikkiryöppy ryöpytys lokakampanja vihakampanja
        """,
        "sv": """
            drev mediedrev shitstorm bojkott bojkotta viral uppståndelse upprörd ilska rasande
            kritikstorm
        """,
        "en": """
            shitstorm backlash outrage outraged viral boycott uproar firestorm furious
        """,
    },
}
# A word of each set together: the meaning needs them all.
PAIRS: dict[str, list[tuple[dict[str, str], ...]]] = {
    THREAT: [
        # "tietää missä asut", "vet var du bor", "knows where I live"
        # ...or another private detail: the car, the children, the family, the way home
        (
            {"fi": "tietää", "sv": "veta", "en": "know"},
            {
                "fi": "asua kotiosoite koti kotiovi auto lapsi perhe vaimo puoliso kotimatka",
                "sv": "bo hem bil barn familj fru make",
                "en": "live home car kid kids child children family wife husband",
            },
        ),
        # "you'll regret this", "kommer att ångra", "saat vielä maksaa tästä": payback promised
        (
            {"fi": "katua", "sv": "ångra", "en": "regret"},
            {"fi": "vielä kyllä", "sv": "kommer ska", "en": "will ll gonna"},
        ),
        ({"fi": "maksaa"}, {"fi": "saada"}, {"fi": "vielä"}),
        # arson: fire set to a building, a car or a home ("polttaa kirjaston", "burn down")
        (
            {"fi": "polttaa sytyttää syttyä palaa tuli", "sv": "bränna tända eld brinna", "en": "burn torch fire"},
            {
                "fi": "talo rakennus kirjasto koulu päiväkoti virasto koti asunto auto toimisto halli",
                "sv": "hus byggnad bibliotek skola daghem hem bil kontor hall ner",
                "en": "house building library school office home car hall centre center down",
            },
        ),
        # stalking: following someone everywhere or home ("seuraa mua joka paikkaan")
        (
            {"fi": "seurata", "sv": "följa", "en": "follow"},
            {
                "fi": "kaikkialle kaikkialla kotiin perässä paikka",
                "sv": "överallt hem efter",
                "en": "everywhere home around",
            },
            {"fi": "minä sinä hän työntekijä kollega", "sv": "mig dig henne honom", "en": "me you her him"},
        ),
        # lying in wait: "odottaa mua parkkipaikalla", "väntar utanför", "waiting outside"
        (
            {"fi": "odottaa", "sv": "vänta", "en": "wait waiting"},
            {
                "fi": "parkki piha ulkona ovi kotiovi portti",
                "sv": "parkering utanför dörr",
                "en": "parking outside door",
            },
            {"fi": "minä sinä hän työntekijä kollega", "sv": "mig dig henne honom", "en": "me you her him"},
        ),
        # death wishes: "toivoi mulle kuolemaa", "önskar att jag dör", "wished me dead"
        (
            {"fi": "toivoa haluta toivottaa", "sv": "önska vilja", "en": "wish want hope"},
            {"fi": "kuolla kuolema kuollut", "sv": "dö död", "en": "die dead death"},
        ),
        # doxxing, of oneself or a colleague: "mun kotiosoite julkaistiin", "posted my home address"
        (
            {"fi": "kotiosoite puhelinnumero henkilötunnus", "sv": "adress hemadress personnummer", "en": "address"},
            {
                "fi": "julkaista levittää jakaa postata vuotaa paljastaa",
                "sv": "publicera sprida dela posta",
                "en": "post publish share leak spread reveal",
            },
            {
                "fi": "minä minun meidän työntekijä kollega työkaveri hän",
                "sv": "min mitt vår kollega anställd",
                "en": "my our his her employee colleague staff",
            },
        ),
    ],
    CONTROVERSY: [
        # the media calling: "toimittaja soitti", "iltalehti kysyy kommenttia", "a reporter is asking"
        # ("media" alone is not here: "sosiaalinen media" is in every other question)
        (
            {
                "fi": "toimittaja lehti iltalehti iltapäivälehti sanomalehti paikallislehti uutiset toimitus "
                "yle radio tv televisio mtv",
                "sv": "journalist reporter tidning press radio tv",
                "en": "journalist reporter newspaper press radio tv",
            },
            {
                "fi": "soittaa kysyä kysellä haastatella haastattelu uutisoida juttu ottaa pyytää kommentti",
                "sv": "ringa fråga kontakta intervjua artikel kommentar",
                "en": "call ask contact interview story article comment statement",
            },
        ),
        # a storm of comments, not of weather: "kommenttimyrsky", "storm i kommentarerna"
        (
            {"fi": "myrsky", "sv": "storm", "en": "storm"},
            {
                "fi": "kommentti kommentoida kommentoija palaute kritiikki viha some",
                "sv": "kommentar kritik hat sociala",
                "en": "comment criticism hate social",
            },
        ),
        # a flood of comments: "kommentteja tulee satoja"
        (
            {"fi": "sata tuhat satoja tuhansia kymmeniä", "sv": "hundratals tusentals", "en": "hundreds thousands"},
            {"fi": "kommentti viesti jako reaktio", "sv": "kommentar meddelande", "en": "comment message share"},
        ),
        # a pile-on or ridicule: "kaikki haukkuu", "meitä lytätään", "folk hånar oss"
        (
            {
                "fi": "haukkua pilkata pilkka naureskella nauraa lytätä mollata ivata arvostella kritisoida "
                "vihata vihainen suuttua raivo",
                "sv": "håna hån skratta kritisera hata arg ilska",
                "en": "mock ridicule laugh hate angry attack criticise",
            },
            # ...by many, or at us ("meitä", "meille": not "meidän", which is only whose page it is)
            {"fi": "meitä meille kaikki ihmiset porukka", "sv": "oss alla folk", "en": "us we everyone people"},
        ),
        # what we posted trending, or a petition against it
        (
            {
                "fi": "trendata adressi vetoomus nimienkeruu",
                "sv": "trenda namninsamling upprop",
                "en": "trending petition",
            },
            {"fi": "me meidän meitä meille", "sv": "oss vår vårt vi", "en": "us our we"},
            {
                "fi": "julkaisu postaus päivitys kirjoitus video kuva some",
                "sv": "inlägg post video bild",
                "en": "post video picture tweet",
            },
        ),
        # screenshots going round
        (
            {"fi": "kuvakaappaus", "sv": "skärmdump", "en": "screenshot"},
            {"fi": "levitä kiertää", "sv": "sprida spridas cirkulera", "en": "spread spreading circulate"},
        ),
    ],
}
# The imperative of dying is a death wish on its own ("kuole", "dö", "go die").
DEATH_WISH_FORMS = frozenset("kuole kuolkaa kuolkoon kuolisit kuolisitte dö die".split())
# "uhka" as a risk, not a threat to a person: "tietoturvauhka" is no situation
RISK_MODIFIERS = frozenset("tietoturva kyber virus haittaohjelma tietosuoja terveys ilmasto".split())
_RISK_WORDS = frozenset({"uhka"})
STORM = frozenset({"myrsky", "storm"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def vocabulary() -> dict[str, set[str]]:
    """Every word the recognition uses, per language (build_lexicon puts their forms in the lexicon)."""
    out: dict[str, set[str]] = {"fi": set(), "sv": set(), "en": set()}
    for kind in WORDS.values():
        for lang, words in kind.items():
            out[lang] |= _words(words)
    for pairs in PAIRS.values():
        for sets in pairs:
            for side in sets:
                for lang, words in side.items():
                    out[lang] |= _words(words)
    out["fi"] |= _RISK_WORDS | RISK_MODIFIERS | {"kuolla"}
    return out


@dataclass
class _Vocab:
    words: dict[str, dict[str, frozenset[str]]]  # kind -> lang -> words
    pairs: dict[str, list[tuple[dict[str, frozenset[str]], ...]]]
    stems: dict[str, dict[str, set[str]]]  # lang -> stem key -> words


class Recognizer:
    """Situation of a tokenised question: "threat", "controversy" or None."""

    def __init__(self, analyzer: Analyzer):
        self.analyzer = analyzer
        words = {k: {lang: _words(w) for lang, w in per.items()} for k, per in WORDS.items()}
        pairs = {
            k: [tuple({lang: _words(w) for lang, w in side.items()} for side in sets) for sets in ps]
            for k, ps in PAIRS.items()
        }
        stems: dict[str, dict[str, set[str]]] = {}
        for lang, vocab in vocabulary().items():
            table: dict[str, set[str]] = {}
            for w in vocab:
                for key in stem_keys(w, lang):
                    table.setdefault(key, set()).add(w)
            stems[lang] = table
        self._v = _Vocab(words, pairs, stems)

    def lemmas(self, token: str, lang: str) -> set[str]:
        """Base forms a query token may stand for: itself, normalised, lemma, compound parts, stem family."""
        out = {token}
        langs = (lang, "fi") if lang != "fi" else ("fi",)
        for la in langs:
            norm = self.analyzer.normalize(token, la)
            for w in {token, norm}:
                lemma = self.analyzer.lemma(w, la)
                out |= {w, lemma}
                parts = set(self.analyzer.parts(lemma, la))
                if parts & RISK_MODIFIERS:
                    out.discard(lemma)  # "tietoturvauhka" is a risk, not a threat; its parts are not read
                else:
                    out |= parts
                if parts & STORM and parts & (PLATFORMS | {"some"}):
                    out.add("somemyrsky")  # a platform's storm ("twittermyrsky") is a storm of comments
            if not self.analyzer.is_form(norm, la):
                for key in stem_keys(norm, la):
                    out |= self._v.stems.get(la, {}).get(key, set())
        return out

    def recognize(self, tokens: Iterable[str], lang: str) -> str | None:
        tokens = list(tokens)
        if any(t in DEATH_WISH_FORMS for t in tokens):
            return THREAT
        found = set()
        for t in tokens:
            found |= self.lemmas(t, lang)
        langs = {lang, "fi"}
        for kind in (THREAT, CONTROVERSY):
            if any(found & self._v.words[kind].get(la, frozenset()) for la in langs):
                return kind
            for sets in self._v.pairs[kind]:
                if all(any(found & side.get(la, frozenset()) for la in langs) for side in sets):
                    return kind
        return None
