"""Taught aliases: questions people really asked, each pointing at the passage that answers it.

`knowledge/aliases.yaml` is the shipped file (loaded by Index.build() at start); aliases taught
at run time live in the database (escalation.models.OhjeAlias) and are added on top by
bot/ohje_learning.py. `somevahti ask aliases --export FILE.yaml` writes the shipped and the
taught ones together in this file's format, so a reviewed export replaces aliases.yaml in a
normal change; `--import FILE.yaml` stores a file's aliases in the database.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

ALIASES_PATH = Path(__file__).with_name("aliases.yaml")
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


def dump_aliases(pairs: list[tuple[str, str]]) -> str:
    """The file's text: one entry per (question, passage), deduplicated by key, sorted (stable diffs)."""
    unique: dict[tuple[str, str], tuple[str, str]] = {}
    for q, pid in pairs:
        unique.setdefault((alias_key(q), pid), (" ".join(q.split()), pid))
    ordered = sorted(unique.items(), key=lambda kv: (kv[0][1], kv[0][0]))  # by passage, then question
    items = [{"passage": pid, "question": q} for _key, (q, pid) in ordered]
    return HEADER + yaml.safe_dump({"aliases": items}, allow_unicode=True, sort_keys=True, width=1000)
