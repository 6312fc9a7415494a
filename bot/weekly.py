"""The weekly picture for mavi: a summary in mavi's channel every week (Monday 9.00 by default,
the directory's `weekly:`) of the last full week (Monday to Sunday), with a PNG chart of the last
12 weeks, and `somevahti stats`.

`WeeklySummary` is one of the worker's periodic jobs (like bot.retention.DailyPurge): once the
week's moment has come it owes the summary and its chart in one transaction, under keys of the
ISO week ("weekly:2026-W49"), so the summary is posted exactly once a week whatever the number of
processes or restarts.
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import datetime, time, timedelta

from bot.db import Database
from bot.directory import Directory
from escalation import engine
from escalation.clock import Clock
from escalation.policy import Target
from escalation.stats import Figures, figures, weekly_series

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKS = 12
CATCH_UP = timedelta(days=1)


def week_key(moment: datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def due_moment(directory: Directory, now: datetime) -> datetime:
    """This week's posting moment (aware, the directory's time zone)."""
    local = now.astimezone(directory.tz)
    monday = local.date() - timedelta(days=local.weekday())
    day = monday + timedelta(days=DAYS.index(directory.weekly.day))
    h, m = (int(x) for x in directory.weekly.at.split(":"))
    return datetime.combine(day, time(h, m), directory.tz)


class WeeklySummary:
    def __init__(self, db: Database, clock: Clock, directory: Directory):
        self.db, self.clock, self.directory = db, clock, directory
        self._done: str | None = None  # the week already owed by this process (saves a query a round)

    def __call__(self) -> str | None:
        d = self.directory
        if not d.weekly.enabled or not d.roles.mavi_channel:
            return None
        now = self.clock.now()
        moment = due_moment(d, now)
        week = week_key(moment)
        # Within a day of the moment (a short outage still posts it); a new installation does not
        # post a summary of a week long gone.
        if not moment <= now < moment + CATCH_UP or self._done == week:
            return None
        local = moment.astimezone(d.tz)
        end = datetime.combine(local.date() - timedelta(days=local.weekday()), time(0), d.tz)  # this Monday 0.00
        data = {
            "week": week,
            "start": (end - timedelta(days=7)).isoformat(),
            "end": end.isoformat(),
            "timezone": d.timezone,
            "live": False,
        }
        channel = Target("channel", d.roles.mavi_channel, "mavi_channel")
        with self.db.transaction() as s:
            engine.owe(s, None, f"weekly:{week}", "weekly.summary", channel, now, data=data)
            engine.owe(
                s,
                None,
                f"weekly:{week}:chart",
                "weekly.chart",
                channel,
                now,
                op="upload",
                data=data,
                thread_key=f"weekly:{week}",
            )
        self._done = week
        return week


def chart_png(series: list[Figures], title: str) -> bytes:
    """Weekly counts over the weeks given, as a PNG (matplotlib, Agg: no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    labels = [week_key(f.start + timedelta(days=3)).split("-")[1] for f in series]
    fig = Figure(figsize=(8, 3.5), dpi=100)
    ax = fig.add_subplot()
    for name, values in (
        ("somekohut", [f.kohu_opened for f in series]),
        ("uhat", [f.uhka_count for f in series]),
        ("tilipyynnöt", [f.tili_opened for f in series]),
        ("kampanjat", [f.kampanja_opened for f in series]),
        ("/ohje", [f.ohje_asked for f in series]),
    ):
        ax.plot(labels, values, marker="o", label=name)
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8)
    ax.set_ylim(bottom=0)
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def run_stats(db_url: str, since: datetime, until: datetime, as_csv: bool, out=None) -> int:
    """`somevahti stats --since 2026-01-01 [--csv]`: the weekly figures from `since` on."""
    out = out or sys.stdout
    db = Database(db_url)
    try:
        with db.reading() as s:
            weeks = []
            start = since
            while start < until:
                weeks.append(figures(s, start, min(start + timedelta(weeks=1), until)))
                start += timedelta(weeks=1)
    finally:
        db.dispose()
    rows = [f.row() for f in weeks]
    if as_csv:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["start"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        for r in rows:
            print(" ".join(f"{k}={v}" for k, v in r.items() if v not in (None, "")), file=out)
    return 0


__all__ = ["WeeklySummary", "chart_png", "run_stats", "weekly_series", "WEEKS"]
