"""Learned text models: which passage a question asks for, and whether it describes a situation.

Two small linear models (logistic regression over TF-IDF character and word n-grams) are trained
from how people asked: the taught questions (knowledge/aliases.yaml) and the spent blind sets.
They catch what rules written from one set's questions miss in the next set's: a threat in words
no rule lists, a question phrased unlike any alias. `python -m knowledge.train_models` trains them
with scikit-learn (a dev dependency) and writes their weights to knowledge/weights/ (gzipped JSON,
float32 arrays stored sparse); this module only reads them and scores a question, in plain Python,
with scikit-learn's exact feature rules:

- characters: `TfidfVectorizer(analyzer="char_wb")`: each word padded with a space, its n-grams;
- words: `TfidfVectorizer(analyzer="word")`: tokens of two or more word characters, their n-grams;
- each vectorizer's vector is sublinear TF (1 + log count) times IDF, then L2-normalised;
- class probabilities are the softmax of the linear scores (multinomial logistic regression).

Weights under `PRUNE` were dropped when the file was written; the trainer reports what that costs.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
import re
import sys
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODELS_DIR = Path(__file__).with_name("weights")
PASSAGES = MODELS_DIR / "passages.json.gz"  # classes: passage ids
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


def _array(typecode: str, text: str) -> array:
    out = array(typecode)
    out.frombytes(base64.b64decode(text))
    if sys.byteorder != "little":  # written little-endian (train_models on x86 or ARM)
        out.byteswap()
    return out


@dataclass(frozen=True)
class _Part:
    """One vectorizer: its analyzer and n-gram range; per feature (row) its IDF and, stored
    sparse, the classes it weighs on: row r's are cls/weights[offsets[r]:offsets[r + 1]]."""

    analyzer: str
    ngrams: tuple[int, int]
    rows: dict[str, int]
    idf: array
    offsets: array
    cls: array
    weights: array

    @classmethod
    def from_json(cls, raw: dict) -> _Part:
        grams = raw["grams"].split("\n") if raw["grams"] else []
        return cls(
            raw["analyzer"],
            (raw["ngrams"][0], raw["ngrams"][1]),
            {g: r for r, g in enumerate(grams)},
            _array("f", raw["idf"]),
            _array("I", raw["offsets"]),
            _array("H", raw["cls"]),
            _array("f", raw["weights"]),
        )

    def add_scores(self, text: str, scores: list[float]) -> None:
        counts = Counter(ANALYZERS[self.analyzer](text, *self.ngrams))
        weighted = []
        for gram, count in counts.items():
            row = self.rows.get(gram)
            if row is not None:
                weighted.append(((1.0 + math.log(count)) * self.idf[row], row))
        norm = math.sqrt(sum(v * v for v, _r in weighted)) or 1.0
        for value, row in weighted:
            x = value / norm
            for i in range(self.offsets[row], self.offsets[row + 1]):
                scores[self.cls[i]] += x * self.weights[i]


@dataclass(frozen=True)
class TextModel:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    parts: tuple[_Part, ...]
    data_sha256: str  # of the training data, so a stale model is noticed (train_models --check)

    @classmethod
    def load(cls, path: Path) -> TextModel:
        raw = json.loads(gzip.decompress(path.read_bytes()))
        parts = tuple(_Part.from_json(p) for p in raw["parts"])
        return cls(tuple(raw["classes"]), tuple(raw["intercept"]), parts, raw["data_sha256"])

    def probabilities(self, text: str) -> dict[str, float]:
        scores = list(self.intercept)
        for part in self.parts:
            part.add_scores(text, scores)
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}


@cache  # one copy per process: every Index.build() shares it
def load_model(path: Path) -> TextModel:
    return TextModel.load(path)
