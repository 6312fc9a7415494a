"""Search over the guideline passages: BM25F on lemmas, compound parts and curated aids.

A query is split into units (one per content word). Each unit brings its lemma,
its compound parts (weaker) or, for an unknown word, the closest index term by
edit distance (typo tolerance). Passages are ranked by BM25F over three fields:
the verbatim text, the curated aids and the section title.

Confidence is the idf-weighted share of query units the best passage matches:
an unknown word counts as very specific, so "miten varaan lomaa" matching only
"loma" stays below the bar and gives no_match.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from .analysis import (
    HYPERNYMS,
    SOFT_WORDS,
    SYNONYMS,
    Analysis,
    Analyzer,
    Lexicon,
    detect_language,
    is_stopword,
    phrase_terms,
    tokenize,
)
from .models import Guideline, Passage, Section, load_guideline

# BM25F: field weight and length normalisation (b) per field.
# Aids are a bag of synonyms: each counts once and their number is not penalised.
FIELDS = {"text": (1.0, 0.5), "aids": (0.8, 0.0), "title": (0.4, 0.3)}
K1 = 1.2
PART_TF = 0.5  # a compound part counts half an occurrence
PART_QW = 0.5  # ...and half a query word
FUZZY_QW = 0.8  # typo-corrected words weigh a bit less
SYNONYM_QW = 0.8
HYPERNYM_QW, HYPERNYM_CREDIT = 0.4, 0.7  # "facebook" -> "some"
REL_QW, REL_CREDIT = 0.5, 0.7  # derivational relatives: "haukkua" ~ "haukkuminen"
REL_PREFIX, REL_MAX_EXTRA = 6, 5
# no_match unless the best passage covers this share of the query (idf-weighted)...
MIN_COVERAGE = 0.5
# ...or this share when every word of the query is in the guideline's vocabulary
# (the words are on topic, only spread over passages: "kollega kiusaa minua")
MIN_COVERAGE_IN_VOCAB, IN_VOCAB = 0.4, 0.9
RUNNERS_UP = 3  # passages checked for coverage, best score first
MIN_RELATIVE = 0.2  # hits under this share of the best score are dropped
MAX_TEXT = 700
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

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "no_match": self.no_match,
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


class Index:
    def __init__(self, guideline: Guideline, analyzer: Analyzer):
        self.guideline = guideline
        self.analyzer = analyzer
        self._sections = {s.id: s for s in guideline.sections}
        self.docs = guideline.passages
        # per field: list (per doc) of term -> tf, and lengths
        self._tf: dict[str, list[dict[str, float]]] = {f: [] for f in FIELDS}
        self._len: dict[str, list[float]] = {f: [] for f in FIELDS}
        for p in self.docs:
            section = self._sections[p.section_id]
            sources = {
                "text": [("fi", p.text)],
                "aids": [(lang, " ".join(terms)) for lang, terms in p.aids.items()],
                "title": [("fi", section.title)],
            }
            for field_name, chunks in sources.items():
                tf: dict[str, float] = defaultdict(float)
                length = 0
                for lang, chunk in chunks:
                    analyses = [a for a in (analyzer.analyze(t, lang) for t in tokenize(chunk)) if a]
                    length += len(analyses)
                    for a in analyses:
                        tf[a.lemma] += 1
                        for part, _share in a.parts:
                            tf[part] += PART_TF
                    for term in phrase_terms([a.lemma for a in analyses]):
                        tf[term] += 1
                if field_name == "aids":
                    tf = {t: min(v, 1.0) for t, v in tf.items()}
                self._tf[field_name].append(dict(tf))
                self._len[field_name].append(max(length, 1))
        self._avg = {f: sum(lens) / len(lens) for f, lens in self._len.items()}
        df: dict[str, int] = defaultdict(int)
        self._postings: dict[str, list[int]] = defaultdict(list)
        for i in range(len(self.docs)):
            terms = set().union(*(self._tf[f][i] for f in FIELDS))
            for t in terms:
                df[t] += 1
                self._postings[t].append(i)
        n = len(self.docs)
        self._idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
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

    @classmethod
    def build(cls) -> Index:
        """Fresh index from guideline.json and lexicon.txt (no shared caches)."""
        return cls(load_guideline(), Analyzer(Lexicon.load()))

    # --- query side -----------------------------------------------------------

    def _fuzzy(self, word: str, lang: str) -> str | None:
        if len(word) < 5 or not word[0].isalpha() or self.analyzer.is_common_word(word, lang):
            return None  # too short to correct, or a real word: not a typo
        max_dist = 1 if len(word) <= 7 else 2
        best = process.extractOne(
            word, self._vocab.get(word[0], []), scorer=DamerauLevenshtein.distance, score_cutoff=max_dist
        )
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

    def _unit(self, token: str, lang: str) -> _Unit | None:
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
            for syn in SYNONYMS.get(an.lemma, ()):
                alts.setdefault(syn, (SYNONYM_QW, SYNONYM_QW))
            if an.lemma in HYPERNYMS:
                alts.setdefault(HYPERNYMS[an.lemma], (HYPERNYM_QW, HYPERNYM_CREDIT))
            # a relative weighs more when it is the only trace of an unknown word
            rel_qw = REL_QW if an.lemma in self._idf else FUZZY_QW
            for rel in self._relatives(an.lemma):
                alts.setdefault(rel, (rel_qw, REL_CREDIT))
            for part, share in an.parts:
                parts.setdefault(part, share)
        known_parts = [p for p in parts if p in self._idf]
        if not any(t in self._idf for t in alts):
            # typed without ä/ö ("tyosuojelupaallikolle"), or a typo
            fixed = self._folded.get(fold(token)) or self._folded.get(fold(a.lemma))
            if fixed is None:
                fixed = next(filter(None, (self._fuzzy(w, lang) for w in dict.fromkeys((a.lemma, token)))), None)
            if fixed:
                alts[fixed] = (FUZZY_QW, FUZZY_QW)
        known_alts = [t for t in alts if t in self._idf]
        if a.lemma in SOFT_WORDS:
            weight = 0.0
        elif a.lemma in self._idf:
            weight = self._idf[a.lemma]
        elif known_alts:
            weight = max(self._idf[t] for t in known_alts)  # typo or relative of a known word
        elif known_parts and sum(parts[p] for p in known_parts) >= 0.8:
            weight = max(self._idf[p] for p in known_parts)  # new compound of known words
        else:
            # unknown to the guideline: specific unless a common word ("oikein", "tänään")
            zipf = self.analyzer.lexicon.zipf[lang].get(token, 0.0)
            weight = self._idf_unseen * min(1.0, max(0.15, (6.0 - zipf) / 2))
        return _Unit(alts, parts, weight)

    def search(self, query: str, limit: int = 5) -> Answer:
        tokens = tokenize(query)
        lang = detect_language(tokens, self.analyzer.is_form)
        units: list[_Unit] = []
        seen: set[str] = set()
        for tok in tokens:
            if tok in seen:
                continue
            seen.add(tok)
            unit = self._unit(tok, lang)
            if unit is not None:
                units.append(unit)
        # "sosiaalinen media" is also "some": the pair's second word may match it
        lemmas = [next(iter(u.alts)) for u in units]
        for i in range(1, len(units)):
            for term in phrase_terms(lemmas[i - 1 : i + 1]):
                units[i].alts.setdefault(term, (SYNONYM_QW, SYNONYM_QW))

        scores: dict[int, float] = defaultdict(float)
        for unit in units:
            # a word scores by its best alternative, or by its parts together
            best: dict[int, float] = defaultdict(float)
            for term, (qw, _credit) in unit.alts.items():
                for d in self._postings.get(term, ()):
                    best[d] = max(best[d], qw * self._bm25(term, d))
            parts: dict[int, float] = defaultdict(float)
            for term in unit.parts:
                for d in self._postings.get(term, ()):
                    parts[d] += PART_QW * self._bm25(term, d)
            for d in best.keys() | parts.keys():
                scores[d] += max(best.get(d, 0.0), parts.get(d, 0.0))
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked:
            return Answer(query, lang, True, [], 0.0)

        # the best passage must cover enough of the query; when it does not (it
        # won on framing words like "millainen hyvä"), a runner-up that does leads
        min_cov = MIN_COVERAGE_IN_VOCAB if self._vocab_coverage(units) >= IN_VOCAB else MIN_COVERAGE
        coverages = [self._coverage(units, d) for d, _s in ranked[:RUNNERS_UP]]
        lead = next((i for i, c in enumerate(coverages) if c >= min_cov), None)
        if lead is None:
            return Answer(query, lang, True, [], coverages[0])
        confidence = coverages[lead]
        ranked.insert(0, ranked.pop(lead))
        top = ranked[0][1]
        hits = [
            Hit(self.docs[d], self._sections[self.docs[d].section_id], s)
            for d, s in ranked[:limit]
            if s >= MIN_RELATIVE * top
        ]
        return Answer(query, lang, False, hits, confidence)

    def _bm25(self, term: str, d: int) -> float:
        tf = 0.0
        for f, (w, b) in FIELDS.items():
            raw = self._tf[f][d].get(term)
            if raw:
                tf += w * raw / (1 - b + b * self._len[f][d] / self._avg[f])
        return self._idf[term] * tf * (K1 + 1) / (K1 + tf)

    def _has(self, d: int, term: str) -> bool:
        return any(term in self._tf[f][d] for f in FIELDS)

    def _vocab_coverage(self, units: list[_Unit]) -> float:
        """Share of the query (idf-weighted) whose words the guideline uses at all."""
        total = known = 0.0
        for unit in units:
            total += unit.weight
            whole = any(t in self._idf for t in unit.alts)
            if whole or sum(share for p, share in unit.parts.items() if p in self._idf) >= 0.8:
                known += unit.weight
        return known / total if total else 0.0

    def _coverage(self, units: list[_Unit], d: int) -> float:
        total = matched = 0.0
        for unit in units:
            credit = min(1.0, sum(share for t, share in unit.parts.items() if self._has(d, t)))
            for term, (_qw, c) in unit.alts.items():
                if self._has(d, term):
                    credit = max(credit, c)
            total += unit.weight
            matched += unit.weight * credit
        return matched / total if total else 0.0


@lru_cache(maxsize=1)
def get_index() -> Index:
    return Index.build()
