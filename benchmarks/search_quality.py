"""Guideline search quality and speed.

    python benchmarks/search_quality.py [questions.jsonl ...]

Defaults to every tests/guideline-questions*.jsonl: the given questions, our own
extra ones, the held-out sets and the dev sets (all of them used for tuning).
Question lines may carry `kind` ("colloquial", "situation-threat",
"situation-controversy", "offtopic") and `lang`; off-topic lines have "expect": [].
Prints per file: top-1/top-3 accuracy of answerable questions, how many of them
got no_match (and how many an unsure answer), the off-topic questions refused,
the situations recognised with their passage first, the language, the search
p99 latency, and the misses; then the index build time (median of fresh builds)
and the latency over all questions (p50/p99, first time each question is seen).
Exits 0: it reports, the tests assert (a crash is the only failure).
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.quality import evaluate, load_questions  # noqa: E402
from knowledge.search import Index  # noqa: E402

# the given file first, then ours by name
DEFAULT_FILES = sorted(
    (ROOT / "tests").glob("guideline-questions*.jsonl"), key=lambda p: (p.name != "guideline-questions.jsonl", p.name)
)
BUILDS = 7


def pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f} %" if whole else "–"


def quantiles(values: list[float]) -> list[float]:
    return statistics.quantiles(values, n=100) if len(values) > 1 else values * 99


def p99(values: list[float]) -> float:
    return quantiles(values)[98] if values else 0.0


def main(argv: list[str]) -> int:
    if any(a.startswith("-") for a in argv):
        print(__doc__.strip())
        return 0 if set(argv) <= {"-h", "--help"} else 2
    files = [Path(a) for a in argv] or DEFAULT_FILES
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        print(f"search_quality.py: no such question file: {', '.join(missing)}", file=sys.stderr)
        return 2

    build_ms = []
    for _ in range(BUILDS):
        start = time.perf_counter()
        index = Index.build()
        build_ms.append((time.perf_counter() - start) * 1000)

    # latency on a fresh index: every word is new to its caches, the slow path
    fresh = Index.build()
    gc.collect()  # the builds above leave garbage; don't time its collection
    latency_ms = []
    for path in files:
        qs = load_questions(path)
        timed = []
        for q in qs:
            start = time.perf_counter()
            fresh.search(q.q)
            timed.append((time.perf_counter() - start) * 1000)
        latency_ms += timed
        r = evaluate(index, qs)
        print(f"== {path.name}")
        print(
            f"  top-1 {pct(r.top1, r.answerable)}   top-3 {pct(r.top3, r.answerable)}   "
            f"no_match on answerable {pct(r.no_match, r.answerable)} (unsure {r.unsure})"
        )
        print(
            f"  off-topic refused {pct(r.offtopic_ok, r.offtopic)}   "
            f"situations right first {pct(r.situations_ok, r.situations)}   "
            f"language {pct(r.lang_ok, r.lang_checked)}   search p99 {p99(timed):.2f} ms"
        )
        for miss in r.misses:
            print(f"  - {miss}")
    cuts = quantiles(latency_ms)
    print("== speed")
    print(
        f"  index build: median {statistics.median(build_ms):.1f} ms over {BUILDS} fresh builds "
        f"(min {min(build_ms):.1f}, max {max(build_ms):.1f})"
    )
    print(
        f"  per question: p50 {cuts[49]:.2f} ms, p99 {cuts[98]:.2f} ms, max {max(latency_ms):.2f} ms "
        f"({len(latency_ms)} questions)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
