"""One threat report's transaction alone: milliseconds and SQL statements per report.

    .venv/bin/python benchmarks/store_report.py [--reports N] [--danger] [--database URL]

The load benchmark's submission p99 is about 50 × this (SQLite has one writer, Python one
interpreter lock): a diagnostic for changes to `escalation.threats.store_report` and
`escalation.engine.open_incident`. The report chooses a supervisor and its people's names are
known, as a report from the Slack modal usually is. Default database: SQLite in a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event  # noqa: E402

from bot.db import Database  # noqa: E402
from bot.directory import load_directory  # noqa: E402
from bot.sandbox import world  # noqa: E402
from escalation import threats  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reports", type=int, default=300)
    p.add_argument("--danger", action="store_true", help="immediate danger: every level told at once")
    p.add_argument("--database", help="a database URL (PostgreSQL: a scratch database; reports are added)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(args.database or f"sqlite:///{tmp}/store.db")
        directory = load_directory(world.DIRECTORY_FILE)
        now = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
        raw = {"text": "Tapan sinut", "platform": "facebook", "danger": args.danger, "supervisor": "U0ESIMIES"}
        report, errors = threats.validate(raw, reporter="U0MAIJA", now=now)
        assert not errors, errors
        statements = [0]
        event.listen(db.engine, "before_cursor_execute", lambda *_: statements.__setitem__(0, statements[0] + 1))
        run = f"{time.time_ns()}"
        times, counts = [], []
        for i in range(args.reports):
            before = statements[0]
            start = time.perf_counter()
            with db.transaction() as s:
                threats.store_report(
                    s, report, "U0MAIJA", directory, now, f"bench:{run}:{i}", lambda uid: {"name": uid, "title": "t"}
                )
            times.append((time.perf_counter() - start) * 1000)
            counts.append(statements[0] - before)
        db.dispose()
    warm = times[min(20, len(times) // 2) :]
    p90 = sorted(warm)[int(len(warm) * 0.9)]
    kind = " (danger)" if args.danger else ""
    median = statistics.median(warm)
    print(f"store_report{kind}: {len(warm)} reports, median {median:.2f} ms, p90 {p90:.2f} ms, {counts[-1]} statements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
