"""What the learned models add, each spent blind set held out in turn (leave one set out).

    python benchmarks/learned_loso.py [--share 0.3] [--situation-p 0.5] [--overrules 0.8] [--sure-situation 0.7]
                                         [--sure-passage 0.5] [--rules-yield 0.2] [--on-topic-p 0.5]
                                         [--off-topic-max 0.1] [--off-topic-sure 0.7] [--passage-c 128]
                                         [SET.jsonl ...]

For each spent set (default: all of them, knowledge.train_models.spent_sets): both models are
trained without it (its taught questions left out of the aliases, its situation labels out of the
situation examples), and the set is answered by the search with those aliases, once with the models
and once without. Prints per set and in total: top-1 and top-3 of the answerable questions, bare
no_match, off-topic refused, situations right first and false alarms (questions describing no
situation answered as one). The search's own rules were tuned on these
sets, so "without" is better than it was when each set was blind: the figures say what the models
add to today's search, not what a new set will show (only a new blind set says that).
Needs scikit-learn (the dev extra); takes about a minute a set.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge import search  # noqa: E402
from knowledge import train_models as tm  # noqa: E402
from knowledge.aliases import alias_key, load_aliases, load_written  # noqa: E402
from knowledge.analysis import Analyzer, Lexicon  # noqa: E402
from knowledge.models import load_guideline  # noqa: E402
from knowledge.quality import Question, Report, evaluate, load_questions  # noqa: E402
from knowledge.search import Index  # noqa: E402


def line(name: str, r: Report, alarms: int) -> str:
    return (
        f"{name:<34} top-1 {r.top1:>4}/{r.answerable:<4} top-3 {r.top3:>4}   no_match {r.no_match:>3}   "
        f"off-topic {r.offtopic_ok:>3}/{r.offtopic:<3} situations {r.situations_ok:>3}/{r.situations}   "
        f"false alarms {alarms}"
    )


def false_alarms(index: Index, questions: list[Question]) -> int:
    """Questions describing no situation that are answered as one."""
    return sum(index.search(q.q).situation is not None for q in questions if not q.situation)


def add(total: Report, r: Report) -> None:
    for field in ("answerable", "top1", "top3", "no_match", "offtopic", "offtopic_ok", "situations", "situations_ok"):
        setattr(total, field, getattr(total, field) + getattr(r, field))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--share", type=float, default=search.SEARCH_SHARE, help="the search's share in the order")
    parser.add_argument("--situation-p", type=float, default=search.LEARNED_SITUATION)
    parser.add_argument("--overrules", type=float, default=search.LEARNED_OVERRULES)
    parser.add_argument("--sure-situation", type=float, default=search.LEARNED_SURE_SITUATION)
    parser.add_argument("--sure-passage", type=float, default=search.LEARNED_SURE_PASSAGE)
    parser.add_argument("--rules-yield", type=float, default=search.RULES_YIELD)
    parser.add_argument("--on-topic-p", type=float, default=search.LEARNED_ON_TOPIC)
    parser.add_argument("--off-topic-max", type=float, default=search.LEARNED_OFF_TOPIC_MAX)
    parser.add_argument("--off-topic-sure", type=float, default=search.LEARNED_OFF_TOPIC_SURE)
    parser.add_argument("--passage-c", type=float, default=tm.SETTINGS["passages"]["C"], help="its regularisation")
    args = parser.parse_args(argv)
    search.SEARCH_SHARE, search.LEARNED_SITUATION = args.share, args.situation_p
    search.LEARNED_OVERRULES, search.LEARNED_ON_TOPIC = args.overrules, args.on_topic_p
    search.LEARNED_OFF_TOPIC_MAX, search.LEARNED_OFF_TOPIC_SURE = args.off_topic_max, args.off_topic_sure
    search.RULES_YIELD = args.rules_yield
    search.LEARNED_SURE_SITUATION, search.LEARNED_SURE_PASSAGE = args.sure_situation, args.sure_passage
    tm.SETTINGS["passages"]["C"] = args.passage_c
    spent = tm.spent_sets()
    held_out = [p.resolve() for p in args.sets] or spent
    guideline, analyzer, written = load_guideline(), Analyzer(Lexicon.load()), load_written()
    totals = {"without": Report(), "with": Report()}
    alarms = {"without": 0, "with": 0}
    for held in held_out:
        questions = load_questions(held)
        keys = {alias_key(q.q) for q in questions}
        aliases = [(q, pid) for q, pid in load_aliases() if alias_key(q) not in keys]
        with tempfile.TemporaryDirectory() as folder:
            others = [s for s in spent if s != held]
            learned = tm.learned_from(tm.passage_examples(others, aliases), tm.situation_examples(others), Path(folder))
        searched = [*aliases, *written]  # as Index.build(): the written questions are never a set's
        for name, index in (
            ("without", Index(guideline, analyzer, searched)),
            ("with", Index(guideline, analyzer, searched, learned)),
        ):
            r, n = evaluate(index, questions), false_alarms(index, questions)
            add(totals[name], r)
            alarms[name] += n
            print(line(f"{held.name} {name}", r, n), flush=True)
    for name, r in totals.items():
        print(line(f"total {name}", r, alarms[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
