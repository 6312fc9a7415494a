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
from dataclasses import dataclass
from functools import cache, lru_cache
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


@lru_cache(maxsize=8)
def _grams(analyzer: str, ngrams: tuple[int, int], text: str) -> Counter[str]:
    """A text's n-gram counts, counted once for the parts of both models that read it alike
    (read only)."""
    return Counter(ANALYZERS[analyzer](text, *ngrams))


@dataclass(frozen=True)
class _Part:
    """One vectorizer: its analyzer and n-gram range; per feature (row) its IDF and the classes'
    weights (stored sparse, row r's are cls/weights[offsets[r]:offsets[r + 1]]; held dense)."""

    analyzer: str
    ngrams: tuple[int, int]
    of_lemmas: bool  # reads lemma_text, not the question as typed
    rows: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray  # rows x classes

    @classmethod
    def from_json(cls, raw: dict, classes: int) -> _Part:
        grams = raw["grams"].split("\n") if raw["grams"] else []
        row_of_weight = np.repeat(np.arange(len(grams)), np.diff(_array("u4", raw["offsets"])))
        weights = np.zeros((len(grams), classes))
        weights[row_of_weight, _array("u2", raw["cls"])] = _array("f4", raw["weights"])
        rows = {g: r for r, g in enumerate(grams)}
        idf = _array("f4", raw["idf"]).astype(float)
        return cls(raw["analyzer"], tuple(raw["ngrams"]), raw.get("of_lemmas", False), rows, idf, weights)

    def scores(self, text: str) -> np.ndarray:
        counts = _grams(self.analyzer, self.ngrams, text)
        found = [(r, n) for g, n in counts.items() if (r := self.rows.get(g)) is not None]
        if not found:
            return np.zeros(self.weights.shape[1])
        rows = np.array([r for r, _n in found])
        values = (1.0 + np.log([n for _r, n in found])) * self.idf[rows]
        return (values / np.linalg.norm(values)) @ self.weights[rows]


@dataclass(frozen=True)
class TextModel:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    parts: tuple[_Part, ...]
    data_sha256: str  # of the training data, so a stale model is noticed (train_models --check)

    @classmethod
    def load(cls, path: Path) -> TextModel:
        raw = json.loads(gzip.decompress(path.read_bytes()))
        parts = tuple(_Part.from_json(p, len(raw["classes"])) for p in raw["parts"])
        return cls(tuple(raw["classes"]), tuple(raw["intercept"]), parts, raw["data_sha256"])

    def probabilities(self, text: str, lemmas: str = "") -> dict[str, float]:
        """Class -> probability of a question, given also its lemma_text."""
        scores = np.array(self.intercept) + sum(part.scores(lemmas if part.of_lemmas else text) for part in self.parts)
        exp = np.exp(scores - scores.max())
        return dict(zip(self.classes, (exp / exp.sum()).tolist(), strict=True))


@dataclass(frozen=True)
class Learned:
    """The two models the search uses."""

    passages: TextModel
    situations: TextModel

    @staticmethod
    @cache  # one copy per process: every Index.build() shares it
    def shipped() -> Learned:
        return Learned(TextModel.load(PASSAGES), TextModel.load(SITUATIONS))
