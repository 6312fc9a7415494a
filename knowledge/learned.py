"""Learned text models: which passage a question asks for, and whether it describes a situation.

Two small linear models (logistic regression over TF-IDF character and word n-grams) are trained
from how people asked: the taught questions (knowledge/aliases.yaml) and the spent blind sets.
They catch what rules written from one set's questions miss in the next set's: a threat in words
no rule lists, a question phrased unlike any alias. `python -m knowledge.train_models` trains them
with scikit-learn (a dev dependency) and writes their weights to knowledge/weights/ (gzipped JSON,
float32 arrays stored sparse); this module only reads them and scores a question with NumPy,
by scikit-learn's exact feature rules (no scikit-learn at run time):

- characters: `TfidfVectorizer(analyzer="char_wb")`: each word padded with a space, its n-grams;
- words: `TfidfVectorizer(analyzer="word")`: tokens of two or more word characters, their n-grams;
- base forms: the same word n-grams of `lemma_text`, the question as the search reads it (spoken
  forms normalised, each word's base form), so that "uhkas", "uhkailee" and "uhkaili" are one word;
- each vectorizer's vector is sublinear TF (1 + log count) times IDF, then L2-normalised;
- class probabilities are the softmax of the linear scores (multinomial logistic regression).

Weights under train_models.PRUNE are not written; the trainer reports how often the written model
and scikit-learn's still pick the same class (100 % on the training examples when last trained).
"""

from __future__ import annotations

import base64
import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np

from .analysis import Analyzer, detect_language, tokenize
from .spoken import normalize_text

MODELS_DIR = Path(__file__).with_name("weights")
PASSAGES = MODELS_DIR / "passages.json.gz"  # classes: passage ids, and OFF_TOPIC
OFF_TOPIC = ""  # the passage model's class for questions the guideline does not answer
SITUATIONS = MODELS_DIR / "situations.json.gz"  # classes: "", "threat", "controversy"

_WHITE = re.compile(r"\s\s+")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """scikit-learn's `char_wb` analyzer (lowercased): n-grams inside space-padded words."""
    out = []
    for word in _WHITE.sub(" ", text.lower()).split():
        w = f" {word} "
        for n in range(low, high + 1):
            out += [w[i : i + n] for i in range(max(len(w) - n + 1, 1))]
            if len(w) <= n:
                break  # a word shorter than n counts once, as a whole
    return out


def word_ngrams(text: str, low: int, high: int) -> list[str]:
    """scikit-learn's `word` analyzer (lowercased, default token pattern)."""
    tokens = _TOKEN.findall(text.lower())
    out = []
    for n in range(low, high + 1):
        out += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return out


ANALYZERS = {"char_wb": char_wb_ngrams, "word": word_ngrams}


def lemma_text(analyzer: Analyzer, text: str) -> str:
    """The words of a question as the search reads them: spoken forms normalised, base forms."""
    tokens = tokenize(normalize_text(text))
    return base_forms(analyzer, tokens, detect_language(tokens, analyzer.is_word_of))


def base_forms(analyzer: Analyzer, tokens: list[str], lang: str) -> str:
    """lemma_text of a question the search has tokenised (Index._rank) already."""
    return " ".join(analyzer.lemma(analyzer.normalize(t, lang), lang) for t in tokens)


def _array(dtype: str, text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=np.dtype(dtype).newbyteorder("<"))


class Vocabulary:
    """One id for each n-gram any part of the models knows. The two models read a question's
    n-grams alike (the same analyzer on the same text): looked up here once, not once per part, as
    the look-ups were most of the models' time (read only once built)."""

    def __init__(self, raws: Iterable[dict]):
        self.ids: dict[str, int] = {}
        for raw in raws:
            for part in raw["parts"]:
                for gram in _part_grams(part):
                    self.ids.setdefault(gram, len(self.ids))


@lru_cache(maxsize=8)  # the parts that read a text alike share its look-up
def _known_grams(vocab: Vocabulary, analyzer: str, ngrams: tuple[int, int], text: str) -> tuple[np.ndarray, np.ndarray]:
    """The vocabulary ids and the counts of a text's n-grams that some part knows."""
    counts = Counter(ANALYZERS[analyzer](text, *ngrams))
    ids = np.fromiter(map(vocab.ids.get, counts, repeat(-1)), dtype=np.intp, count=len(counts))
    known = ids >= 0
    return ids[known], np.fromiter(counts.values(), dtype=float, count=len(counts))[known]


def _part_grams(raw: dict) -> list[str]:
    return raw["grams"].split("\n") if raw["grams"] else []


@dataclass(frozen=True)
class _Part:
    """One vectorizer: its analyzer and n-gram range; per feature (row) its IDF and the classes'
    weights (stored sparse, row r's are cls/weights[offsets[r]:offsets[r + 1]]; held dense)."""

    analyzer: str
    ngrams: tuple[int, int]
    of_lemmas: bool  # reads lemma_text, not the question as typed
    vocabulary: Vocabulary
    row_of: np.ndarray  # vocabulary id -> row, -1 for an n-gram this part does not know
    idf: np.ndarray
    weights: np.ndarray  # rows x classes

    @classmethod
    def from_json(cls, raw: dict, classes: int, vocabulary: Vocabulary) -> _Part:
        grams = _part_grams(raw)
        row_of_weight = np.repeat(np.arange(len(grams)), np.diff(_array("u4", raw["offsets"])))
        weights = np.zeros((len(grams), classes))
        weights[row_of_weight, _array("u2", raw["cls"])] = _array("f4", raw["weights"])
        row_of = np.full(len(vocabulary.ids), -1, dtype=np.intp)
        row_of[[vocabulary.ids[g] for g in grams]] = np.arange(len(grams))
        idf = _array("f4", raw["idf"]).astype(float)
        ngrams = tuple(raw["ngrams"])
        return cls(raw["analyzer"], ngrams, raw.get("of_lemmas", False), vocabulary, row_of, idf, weights)

    def scores(self, text: str) -> np.ndarray:
        ids, counts = _known_grams(self.vocabulary, self.analyzer, self.ngrams, text)
        rows = self.row_of[ids]
        mine = rows >= 0
        if not mine.any():
            return np.zeros(self.weights.shape[1])
        rows = rows[mine]
        values = (1.0 + np.log(counts[mine])) * self.idf[rows]
        return (values / np.linalg.norm(values)) @ self.weights[rows]


@dataclass(frozen=True)
class TextModel:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    parts: tuple[_Part, ...]
    data_sha256: str  # of the training data, so a stale model is noticed (train_models --check)

    @classmethod
    def load(cls, path: Path) -> TextModel:
        raw = _read(path)
        return cls.from_json(raw, Vocabulary([raw]))

    @classmethod
    def from_json(cls, raw: dict, vocabulary: Vocabulary) -> TextModel:
        parts = tuple(_Part.from_json(p, len(raw["classes"]), vocabulary) for p in raw["parts"])
        return cls(tuple(raw["classes"]), tuple(raw["intercept"]), parts, raw["data_sha256"])

    def probabilities(self, text: str, lemmas: str = "") -> dict[str, float]:
        """Class -> probability of a question, given also its lemma_text."""
        scores = np.array(self.intercept) + sum(part.scores(lemmas if part.of_lemmas else text) for part in self.parts)
        exp = np.exp(scores - scores.max())
        return dict(zip(self.classes, (exp / exp.sum()).tolist(), strict=True))


def _read(path: Path) -> dict:
    return json.loads(gzip.decompress(path.read_bytes()))


@dataclass(frozen=True)
class Learned:
    """The two models the search uses."""

    passages: TextModel
    situations: TextModel

    @staticmethod
    def load(passages: Path, situations: Path) -> Learned:
        """Both models, on one vocabulary: a question's n-grams are looked up once for both."""
        raws = [_read(passages), _read(situations)]
        vocabulary = Vocabulary(raws)
        return Learned(*(TextModel.from_json(raw, vocabulary) for raw in raws))

    @staticmethod
    @cache  # one copy per process: every Index.build() shares it
    def shipped() -> Learned:
        return Learned.load(PASSAGES, SITUATIONS)
