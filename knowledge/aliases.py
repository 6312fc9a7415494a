"""Taught aliases: questions people really asked, each pointing at the passage that answers it.

`knowledge/aliases.yaml` is the shipped file (loaded by Index.build() at start); aliases taught
at run time live in the database (escalation.models.OhjeAlias) and are added on top by
bot/ohje_learning.py. `somevahti ask aliases --export FILE.yaml` writes the shipped and the
taught ones together in this file's format, so a reviewed export replaces aliases.yaml in a
normal change; `--import FILE.yaml` stores a file's aliases in the database.

The questions written for the learned models (`knowledge/passage-examples.jsonl`) are searched as
aliases too (`load_written`), but stay in their own file: an export never moves them.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import yaml

ALIASES_PATH = Path(__file__).with_name("aliases.yaml")
# {"q", "lang", "passage"} per line: questions written for the passage model ("" = off-topic)
WRITTEN_PATH = Path(__file__).with_name("passage-examples.jsonl")
HEADER = (
    "# /ohje aliases: a question as people asked it -> the passage (id in guideline.json) that answers it.\n"
    "# Written by `somevahti ask aliases --export`; searched like a passage's aid phrases, and a question\n"
    "# asked exactly so (case, spacing and punctuation aside) is answered with its passage first.\n"
)


def alias_key(question: str) -> str:
    """A question normalised for grouping and exact lookup: case, punctuation and spacing aside."""
    text = unicodedata.normalize("NFC", question).casefold()
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    return " ".join(words)[:500]


def load_aliases(path: Path = ALIASES_PATH) -> list[tuple[str, str]]:
    """(question, passage id) pairs of an aliases file; a missing file is no aliases."""
    if not path.exists():
        return []
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = raw.get("aliases") or [] if isinstance(raw, dict) else []
    out = []
    for item in items:
        if not isinstance(item, dict) or not item.get("question") or not item.get("passage"):
            raise ValueError(f"{path}: every alias needs a question and a passage: {item!r}")
        out.append((str(item["question"]), str(item["passage"])))
    return out


def rows(path: Path) -> list[dict]:
    """The JSON objects of a .jsonl file, one a line (blank lines skipped)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_written(path: Path = WRITTEN_PATH) -> list[tuple[str, str]]:
    """(question, passage id) pairs of the questions written for the models; off-topic ones left out."""
    return [(row["q"], row["passage"]) for row in rows(path) if row["passage"]]


def dump_aliases(pairs: list[tuple[str, str]]) -> str:
    """The file's text: one entry per (question, passage), deduplicated by key, sorted (stable diffs)."""
    unique: dict[tuple[str, str], tuple[str, str]] = {}
    for q, pid in pairs:
        unique.setdefault((alias_key(q), pid), (" ".join(q.split()), pid))
    ordered = sorted(unique.items(), key=lambda kv: (kv[0][1], kv[0][0]))  # by passage, then question
    items = [{"passage": pid, "question": q} for _key, (q, pid) in ordered]
    return HEADER + yaml.safe_dump({"aliases": items}, allow_unicode=True, sort_keys=True, width=1000)
