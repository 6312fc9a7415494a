"""Renders the weekly picture (outbox rows "weekly.summary" and "weekly.chart") at send time."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.weekly import WEEKS, chart_png
from escalation.models import Incident, Notification
from escalation.stats import Figures, figures, weekly_series
from handlers.blockkit import context, header, section
from texts import t
from texts.format import fmt_day


def _duration(lang: str, minutes: float | None) -> str:
    if minutes is None:
        return t(lang, "mavi.none")
    total = round(minutes)
    if total < 60:
        return t(lang, "weekly.minutes", n=total)
    return t(lang, "weekly.hours", h=total // 60, m=total % 60)


def summary_message(lang: str, week: str, f: Figures, tz: str) -> dict:
    """The summary: counts only for threats (nothing that could reveal anybody)."""
    start, end = fmt_day(f.start, tz), fmt_day(f.end - timedelta(seconds=1), tz)
    lines = [
        t(
            lang,
            "weekly.kohu",
            opened=f.kohu_opened,
            claimed=f.kohu_claimed,
            resolved=f.kohu_resolved,
            median=_duration(lang, f.kohu_median_claim_min),
        ),
        t(lang, "weekly.uhka", count=f.uhka_count, median=_duration(lang, f.uhka_median_ack_min)),
        t(
            lang,
            "weekly.tili",
            opened=f.tili_opened,
            approved=f.tili_approved,
            rejected=f.tili_rejected,
            pending=f.tili_pending,
        ),
        t(lang, "weekly.kampanja", opened=f.kampanja_opened, results=f.kampanja_results),
        t(lang, "weekly.ohje", asked=f.ohje_asked, up=f.ohje_up, down=f.ohje_down),
    ]
    if f.ohje_unanswered:
        lines.append(t(lang, "weekly.ohje.unanswered", topics=", ".join(f.ohje_unanswered)))
    return {
        "text": t(lang, "weekly.text", week=week, start=start, end=end),
        "blocks": [
            header(t(lang, "weekly.header", week=week)),
            context(t(lang, "weekly.period", week=week, start=start, end=end)),
            section("\n".join(lines)),
            context(t(lang, "weekly.chart")),
        ],
    }


def render(session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
    data = row.data or {}
    start, end = datetime.fromisoformat(data["start"]), datetime.fromisoformat(data["end"])
    week, tz = data["week"], data.get("timezone")
    if row.kind == "weekly.chart":
        title = t(lang, "weekly.chart.title")
        png = chart_png(weekly_series(session, end, WEEKS), f"{title} ({week})")
        return {
            "text": t(lang, "weekly.chart"),
            "file": {"filename": f"somevahti-{week}.png", "title": f"{title} {week}", "content": png},
        }
    return summary_message(lang, week, figures(session, start, end), tz)
