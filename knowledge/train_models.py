"""Train the learned models of knowledge/learned.py (needs scikit-learn, a dev dependency).

    python -m knowledge.train_models            # retrain both, write knowledge/weights/*.json.gz
    python -m knowledge.train_models --check    # exit 1 when the shipped models are stale

What they learn from (nothing else, so a set still blind stays out):
- passages: every passage's text and its Swedish translation, every shipped alias
  (knowledge/aliases.yaml: taught questions, the spent blind sets' among them) and the questions
  written for the model (knowledge/passage-examples.jsonl), labelled with the passage that answers
  it; the spent blind sets' off-topic questions and the written ones, labelled "";
- situations: the questions of the spent blind sets (a set is spent once its questions are taught
  as aliases; a set still blind has none taught) and of the tests' dev sets, labelled by kind
  ("situation-threat", "situation-controversy", else none), and knowledge/situation-examples.jsonl
  (situations and ordinary questions written for the model, some of them ones a model once got wrong).
Both read each question as typed and as the search reads it (learned.lemma_text).

Retrain after teaching (an alias export or benchmarks/teach_spent.py): the test suite runs
`--check`, which compares a hash of these inputs with the one stored in each model.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from .aliases import ALIASES_PATH, WRITTEN_PATH, alias_key, load_aliases, rows
from .analysis import LEXICON_PATH, Analyzer, Lexicon
from .learned import OFF_TOPIC, PASSAGES, SITUATIONS, Learned, TextModel, lemma_text
from .models import load_guideline
from .quality import load_questions

ROOT = Path(__file__).resolve().parents[1]
BLIND_DIR = ROOT / "benchmarks" / "blind"
DEV_SETS = sorted((ROOT / "tests").glob("guideline-questions-dev*.jsonl"))
EXAMPLES = Path(__file__).with_name("situation-examples.jsonl")
GUIDELINE = Path(__file__).with_name("guideline.json")

# scikit-learn settings, chosen by leave-one-set-out runs over the spent blind sets
CHAR_NGRAMS, WORD_NGRAMS = (2, 5), (1, 2)
# LogisticRegression's settings per model (C: inverse regularisation strength)
# and whether the model also reads lemma_text
SETTINGS: dict[str, dict] = {
    "passages": {"C": 128.0, "class_weight": "sqrt", "lemmas": False},
    "situations": {"C": 4.0, "class_weight": "balanced", "lemmas": True},
}
PRUNE = 0.01  # weights smaller than this are not written (a smaller file, a faster load)

Examples = list[tuple[str, str]]


def written_order(path: Path) -> tuple[str, int, str]:
    """ohje-blind-<date><letters>: by date, then by letters as spreadsheet columns (z before aa)."""
    m = re.fullmatch(r"ohje-blind-(\d{4}-\d{2}-\d{2})([a-z]*)", path.stem)
    date, letters = m.groups() if m else (path.stem, "")
    return (date, len(letters), letters)


def blind_sets() -> list[Path]:
    """Every blind set, in the order written."""
    return sorted(BLIND_DIR.glob("ohje-blind-*.jsonl"), key=written_order)


def spent_sets() -> list[Path]:
    """Blind sets whose answerable questions are all taught: they have measured their round."""
    taught = {alias_key(q) for q, _pid in load_aliases()}
    out = []
    for path in blind_sets():
        answerable = [q for q in load_questions(path) if not q.offtopic]
        if answerable and all(alias_key(q.q) in taught for q in answerable):
            out.append(path)
    return out


def passage_examples(sets: Sequence[Path], aliases: Sequence[tuple[str, str]] | None = None) -> Examples:
    """The passages' own texts and translations, the aliases (by default the shipped ones), the
    written examples and, as the class OFF_TOPIC, the sets' off-topic questions."""
    out = []
    for p in load_guideline().passages:
        out.append((p.text, p.id))
        if p.sv:
            out.append((p.sv, p.id))
    out += list(load_aliases() if aliases is None else aliases)
    out += [(row["q"], row["passage"]) for row in rows(WRITTEN_PATH)]
    return out + [(q.q, OFF_TOPIC) for path in sets for q in load_questions(path) if q.offtopic]


def situation_examples(sets: Sequence[Path]) -> Examples:
    out = []
    for path in (*sets, *DEV_SETS, EXAMPLES):
        out += [(q.q, q.situation or "") for q in load_questions(path)]
    return out


def data_sha256(sets: Sequence[Path]) -> str:
    """Of everything the models learn from (the lexicon makes lemma_text), so that `--check`
    notices new teaching."""
    digest = hashlib.sha256()
    for path in (GUIDELINE, LEXICON_PATH, ALIASES_PATH, EXAMPLES, WRITTEN_PATH, *DEV_SETS, *sets):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def learned_from(passages: Examples, situations: Examples, folder: Path) -> Learned:
    """Train both models into a folder and load them as the search would (benchmarks/learned_loso.py)."""
    for name, examples in (("passages", passages), ("situations", situations)):
        model, _pipeline = train(examples, **SETTINGS[name])
        model["data_sha256"] = ""
        write(folder / f"{name}.json.gz", model)
    return Learned.load(folder / "passages.json.gz", folder / "situations.json.gz")


def train(examples: Examples, lemmas: bool = False, **settings) -> tuple[dict, object]:
    """Fit; return the model as written (a dict) and the fitted pipeline (for the parity check)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    # column 0: the question as typed; column 1: its lemma_text
    readers = [
        ("char_wb", TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True, min_df=2), 0),
        ("word", TfidfVectorizer(analyzer="word", ngram_range=WORD_NGRAMS, sublinear_tf=True), 0),
    ]
    if lemmas:
        readers.append(("lemmas", TfidfVectorizer(analyzer="word", ngram_range=WORD_NGRAMS, sublinear_tf=True), 1))
    columns = ColumnTransformer(readers)
    if settings.get("class_weight") == "sqrt":
        # each class weighed by the square root of its rarity: a class of many examples (the threat
        # passage, off topic) no longer outweighs the rest, yet keeps more weight than a rare one
        counts = Counter(label for _, label in examples)
        mean = len(examples) / len(counts)
        settings = {**settings, "class_weight": {c: (mean / n) ** 0.5 for c, n in counts.items()}}
    pipeline = make_pipeline(columns, LogisticRegression(max_iter=5000, **settings))
    pipeline.fit(_inputs([q for q, _ in examples]), [label for _, label in examples])
    clf = pipeline[-1]
    classes = [str(c) for c in clf.classes_]
    coef = clf.coef_
    if len(classes) == 2:  # a binary model keeps one row, the second class's score against 0
        coef = [[0.0] * len(coef[0]), coef[0]]
        intercept = [0.0, clf.intercept_[0]]
    else:
        intercept = list(clf.intercept_)
    parts, offset = [], 0
    for name, _reader, _column in readers:
        vec = columns.named_transformers_[name]
        grams: list[str] = []
        idf: list[float] = []
        offsets: list[int] = [0]
        cls: list[int] = []
        weights: list[float] = []
        for gram, j in sorted(vec.vocabulary_.items()):
            row = [(ci, float(coef[ci][offset + j])) for ci in range(len(classes))]
            row = [(ci, w) for ci, w in row if abs(w) >= PRUNE]
            if not row:
                continue
            grams.append(gram)
            idf.append(float(vec.idf_[j]))
            cls.extend(ci for ci, _w in row)
            weights.extend(w for _ci, w in row)
            offsets.append(len(cls))
        parts.append(
            {
                "analyzer": vec.analyzer,
                "ngrams": list(vec.ngram_range),
                "of_lemmas": name == "lemmas",
                "grams": "\n".join(grams),
                "idf": _b64(idf, "<f4"),
                "offsets": _b64(offsets, "<u4"),
                "cls": _b64(cls, "<u2"),
                "weights": _b64(weights, "<f4"),
            }
        )
        offset += len(vec.vocabulary_)
    model = {"classes": classes, "intercept": [float(b) for b in intercept], "parts": parts}
    return model, pipeline


@cache
def _analyzer() -> Analyzer:
    return Analyzer(Lexicon.load())


def _inputs(texts: Sequence[str]) -> np.ndarray:
    """The columns the models read: each question as typed and its lemma_text."""
    return np.array([[t, lemma_text(_analyzer(), t)] for t in texts], dtype=object)


def _b64(values: list, dtype: str) -> str:
    """Little-endian binary, as learned.py reads it."""
    return base64.b64encode(np.asarray(values, dtype=dtype).tobytes()).decode("ascii")


def write(path: Path, model: dict) -> None:
    path.parent.mkdir(exist_ok=True)
    text = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def parity(path: Path, pipeline, examples: Examples) -> float:
    """Share of examples whose best class the written (pruned) model and scikit-learn agree on."""
    model = TextModel.load(path)
    texts = [q for q, _ in examples]
    inputs = _inputs(texts)
    ours = [max(model.probabilities(t, lemmas).items(), key=lambda kv: kv[1])[0] for t, lemmas in inputs]
    theirs = [str(c) for c in pipeline.predict(inputs)]
    return sum(a == b for a, b in zip(ours, theirs, strict=True)) / len(texts)


def stale() -> list[Path]:
    want = data_sha256(spent_sets())
    return [p for p in (PASSAGES, SITUATIONS) if not p.exists() or TextModel.load(p).data_sha256 != want]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge.train_models", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether the shipped models are stale")
    args = parser.parse_args(argv)
    if args.check:
        if old := stale():
            names = ", ".join(p.name for p in old)
            print(f"stale: {names}; retrain with: python -m knowledge.train_models", file=sys.stderr)
            return 1
        print("models are up to date")
        return 0
    sets = spent_sets()
    sha = data_sha256(sets)
    for path, examples, settings in (
        (PASSAGES, passage_examples(sets), SETTINGS["passages"]),
        (SITUATIONS, situation_examples(sets), SETTINGS["situations"]),
    ):
        model, pipeline = train(examples, **settings)
        model["data_sha256"] = sha
        write(path, model)
        agree = parity(path, pipeline, examples)
        size = path.stat().st_size // 1024
        print(f"{path.name}: {len(examples)} examples, {len(model['classes'])} classes, {size} KiB, agrees {agree:.1%}")
    print(f"learned from {len(sets)} spent blind sets: {', '.join(p.name for p in sets)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
