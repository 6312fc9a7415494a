"""Teach the search a spent blind set: its answerable questions become shipped aliases.

A blind set is spent once it has measured the round written after it (benchmarks/blind/README.md).
Its questions are then what the review/teach loop would collect from real users: questions as people
ask them, each with the passage that answers it. This adds them to knowledge/aliases.yaml, each
pointing at the passage that answers it: of the passages holding one of its expected phrases, the one
the search (without aliases) ranks highest, else the first in guideline order. Off-topic questions are
skipped. Aliases already in the file (shipped or exported from the database) stay.

    python benchmarks/teach_spent.py benchmarks/blind/ohje-blind-2026-12-02.jsonl ...

Never run it on a set that has not measured its round yet: the set would no longer be blind.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from knowledge.aliases import ALIASES_PATH, dump_aliases, load_aliases  # noqa: E402
from knowledge.analysis import Analyzer, Lexicon  # noqa: E402
from knowledge.models import load_guideline  # noqa: E402
from knowledge.quality import is_right, load_questions  # noqa: E402
from knowledge.search import Index  # noqa: E402


def taught_pairs(paths: list[str]) -> list[tuple[str, str]]:
    index = Index(load_guideline(), Analyzer(Lexicon.load()))  # the guideline alone, no aliases
    pairs = []
    for path in paths:
        for q in load_questions(path):
            if q.offtopic:
                continue
            right = [p.id for p in index.docs if is_right(p.text, q.expect)]
            if not right:
                raise SystemExit(f"{path}: no passage holds an expected phrase of {q.q!r}")
            ranked = [p.id for p in index.closest(q.q, limit=len(index.docs))]
            pairs.append((q.q, min(right, key=lambda pid: ranked.index(pid) if pid in ranked else len(ranked))))
    return pairs


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[0], "\nusage: teach_spent.py SET.jsonl ...", file=sys.stderr)
        return 2
    before = load_aliases()
    pairs = before + taught_pairs(argv)
    ALIASES_PATH.write_text(dump_aliases(pairs), encoding="utf-8")
    print(f"{ALIASES_PATH.name}: {len(load_aliases())} aliases (was {len(before)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
