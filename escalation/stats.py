"""Figures for mavi's weekly picture and `somevahti stats`. Slack-free, read-only.

Threat reports appear only as counts and a median time to acknowledge: no text, no names, no
refs, so the figures reveal nobody.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.models import Feedback, Incident
from escalation.vocabulary import Kind


@dataclass(frozen=True)
class Figures:
    start: datetime
    end: datetime
    kohu_opened: int = 0
    kohu_claimed: int = 0
    kohu_resolved: int = 0
    kohu_median_claim_min: float | None = None
    uhka_count: int = 0
    uhka_median_ack_min: float | None = None
    tili_opened: int = 0
    tili_approved: int = 0
    tili_rejected: int = 0
    tili_pending: int = 0
    kampanja_opened: int = 0
    kampanja_results: int = 0
    ohje_asked: int = 0
    ohje_up: int = 0
    ohje_down: int = 0
    ohje_unanswered: tuple[str, ...] = ()  # the passages (topics) most often found unhelpful

    def row(self) -> dict:
        data = asdict(self)
        data["start"], data["end"] = self.start.isoformat(), self.end.isoformat()
        data["ohje_unanswered"] = " ".join(self.ohje_unanswered)
        return data


def _within(at: datetime | None, start: datetime, end: datetime) -> bool:
    return at is not None and start <= at < end


def _median_minutes(pairs: list[tuple[datetime, datetime]]) -> float | None:
    waits = [(b - a).total_seconds() / 60 for a, b in pairs]
    return round(median(waits), 1) if waits else None


def figures(s: Session, start: datetime, end: datetime) -> Figures:
    """What happened in [start, end)."""
    rows = list(
        s.execute(
            select(
                Incident.kind,
                Incident.created_at,
                Incident.acknowledged_at,
                Incident.resolved_at,
                Incident.status,
                Incident.details,
            ).where(Incident.created_at < end)
        ).all()
    )
    kinds: dict[str, list] = {}
    for r in rows:
        kinds.setdefault(r.kind, []).append(r)
    kohu = kinds.get(Kind.CONTROVERSY, [])
    uhka = [r for r in kinds.get(Kind.THREAT, []) if _within(r.created_at, start, end)]
    tili = kinds.get(Kind.ACCOUNT, [])
    kamp = kinds.get(Kind.CAMPAIGN, [])
    tili_closed = [r for r in tili if _within(r.resolved_at, start, end)]
    feedback = list(
        s.execute(select(Feedback.helpful, Feedback.passage_id).where(Feedback.at >= start, Feedback.at < end)).all()
    )
    down = Counter(f.passage_id for f in feedback if not f.helpful and f.passage_id)
    return Figures(
        start=start,
        end=end,
        kohu_opened=sum(_within(r.created_at, start, end) for r in kohu),
        kohu_claimed=sum(_within(r.acknowledged_at, start, end) for r in kohu),
        kohu_resolved=sum(_within(r.resolved_at, start, end) for r in kohu),
        kohu_median_claim_min=_median_minutes(
            [(r.created_at, r.acknowledged_at) for r in kohu if _within(r.acknowledged_at, start, end)]
        ),
        uhka_count=len(uhka),
        uhka_median_ack_min=_median_minutes([(r.created_at, r.acknowledged_at) for r in uhka if r.acknowledged_at]),
        tili_opened=sum(_within(r.created_at, start, end) for r in tili),
        tili_approved=sum((r.details or {}).get("outcome") == "approved" for r in tili_closed),
        tili_rejected=sum((r.details or {}).get("outcome") == "rejected" for r in tili_closed),
        tili_pending=sum(r.status != "resolved" for r in tili),
        kampanja_opened=sum(_within(r.created_at, start, end) for r in kamp),
        kampanja_results=sum(_within(r.resolved_at, start, end) for r in kamp),
        ohje_asked=len(feedback),
        ohje_up=sum(bool(f.helpful) for f in feedback),
        ohje_down=sum(not f.helpful for f in feedback),
        ohje_unanswered=tuple(p for p, _ in down.most_common(3)),
    )


def weekly_series(s: Session, end: datetime, weeks: int = 12) -> list[Figures]:
    """The figures of each of the `weeks` weeks before `end`, oldest first."""
    return [figures(s, end - timedelta(weeks=weeks - i), end - timedelta(weeks=weeks - i - 1)) for i in range(weeks)]
