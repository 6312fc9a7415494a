"""Guideline search speed on a noisy machine: the same questions in several fresh processes.

    python benchmarks/search_speed.py [--runs N] [--against DIR] [questions.jsonl ...]

Each run is a fresh process that builds the index (twice, as search_quality.py does), then times
every question once, the first time it is seen (each word new to the caches). A shared machine
moves one run's p99 by a third or more from run to run, so this prints each run's p50/p99 and then
each question's fastest time over the runs, which is the code's own cost. `--against DIR` times
another checkout of the project in the same way, its runs interleaved with this one's (make one
with `git worktree add DIR <commit>`), to compare a change with the code before it.

Defaults to the files search_quality.py reads. Exits 0: it reports, the tests assert.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.search_quality import DEFAULT_FILES, quantiles  # noqa: E402

# one run, in the checkout given as argv[1]: milliseconds per question, as JSON
RUN = """
import gc, json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from knowledge.quality import load_questions
from knowledge.search import Index
questions = [q.q for f in sys.argv[2:] for q in load_questions(Path(f))]
Index.build()
index = Index.build()
gc.collect()
ms = []
for q in questions:
    start = time.perf_counter()
    index.search(q)
    ms.append((time.perf_counter() - start) * 1000)
print(json.dumps(ms))
"""


def run(checkout: Path, files: list[Path]) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-c", RUN, str(checkout), *map(str, files)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def cuts(ms: list[float]) -> str:
    q = quantiles(ms)
    return f"mean {statistics.mean(ms):.2f}  p50 {q[49]:.2f}  p90 {q[89]:.2f}  p99 {q[98]:.2f}  max {max(ms):.2f} ms"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per checkout (default 5)")
    parser.add_argument("--against", type=Path, help="another checkout to time the same way")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = [f.resolve() for f in args.files] or DEFAULT_FILES
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        parser.error(f"no such question file: {', '.join(missing)}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.against and not (args.against / "knowledge" / "search.py").is_file():
        parser.error(f"--against {args.against}: not a checkout of this project")
    checkouts = [ROOT] + ([args.against.resolve()] if args.against else [])
    times: dict[Path, list[list[float]]] = {c: [] for c in checkouts}
    for _ in range(args.runs):
        for checkout in checkouts:  # interleaved: a slow spell of the machine hits both
            times[checkout].append(run(checkout, files))
    for checkout, runs in times.items():
        print(f"== {checkout} ({len(runs[0])} questions, {args.runs} runs)")
        for i, ms in enumerate(runs, 1):
            print(f"  run {i}: {cuts(ms)}")
        print(f"  fastest of the runs, per question: {cuts([min(q) for q in zip(*runs, strict=True)])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
