"""The /ohje learning loop (issue 13, item 4): questions kept for review, aliases taught.

Every question answered without confidence (unsure or no match) and every 👎 is kept: the
question and the passages shown, never who asked (OhjeReview; purged with the retention
setting, bot/retention.py). An admin teaches an alias (question -> passage) in App Home or with
`somevahti ask teach`; it is stored in the database (OhjeAlias) and the running bot searches it
at once: `LiveIndex` rebuilds the index with `Index.with_aliases` when the alias table changed,
checking a cheap version (count, max id) at most every CHECK_EVERY seconds, always after the
acknowledgement, never before it. The process that taught rebuilds at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from escalation.models import OhjeAlias, OhjeReview
from knowledge import get_guideline, get_index
from knowledge.aliases import alias_key
from knowledge.search import Index

log = logging.getLogger("somevahti.ohje_review")

CHECK_EVERY = 3.0  # seconds between checks of the alias table's version
MAX_QUERY = 500
CANDIDATES = 3
UNSURE, NO_MATCH, UNHELPFUL = "unsure", "no_match", "unhelpful"


class UnknownPassage(ValueError):
    """A passage id that is not in the guideline."""


@dataclass(frozen=True)
class ReviewItem:
    key: str
    query: str  # the latest wording
    count: int  # how often asked (kept)
    last_at: datetime
    reasons: tuple[str, ...]  # most frequent first
    candidates: tuple[str, ...]  # passage ids, best first


def keep(s: Session, now: datetime, query: str, reason: str, shown: list[str]) -> None:
    """Keep a question for review: its text and the passages shown; no user id."""
    query = " ".join(query.split())[:MAX_QUERY]
    if query:
        s.add(
            OhjeReview(at=now, query=query, key=alias_key(query), reason=reason, shown=list(shown)[:5], reviewed=False)
        )


def keep_answer(s: Session, now: datetime, answer) -> bool:
    """Keep an answer's question when it was not confident. True when kept."""
    if answer.confident:
        return False
    keep(s, now, answer.query, NO_MATCH if answer.no_match else UNSURE, [h.passage.id for h in answer.hits[:3]])
    return True


def pending(s: Session, index=None, limit: int = 20) -> list[ReviewItem]:
    """Unreviewed questions grouped by identical question (normalised), newest first, with the
    best candidate passages: the search's closest ones, then those shown and voted down."""
    index = index or get_index()
    rows = (
        s.execute(
            select(OhjeReview)
            .where(OhjeReview.reviewed.is_(False))
            .order_by(OhjeReview.at.desc(), OhjeReview.id.desc())
        )
        .scalars()
        .all()
    )
    groups: dict[str, list[OhjeReview]] = {}
    for row in rows:
        groups.setdefault(row.key, []).append(row)
    items = []
    for key, group in list(groups.items())[:limit]:
        latest = group[0]
        shown = Counter(pid for r in group for pid in (r.shown or []))
        candidates = [p.id for p in index.closest(latest.query, CANDIDATES)]
        candidates += [pid for pid, _n in shown.most_common() if pid not in candidates]
        known = {p.id for p in get_guideline().passages}
        reasons = Counter(r.reason for r in group)
        items.append(
            ReviewItem(
                key,
                latest.query,
                len(group),
                latest.at,
                tuple(r for r, _n in reasons.most_common()),
                tuple(c for c in candidates if c in known)[:CANDIDATES],
            )
        )
    return items


def check_passage(passage_id: str) -> None:
    if passage_id not in {p.id for p in get_guideline().passages}:
        raise UnknownPassage(passage_id)


def teach(s: Session, now: datetime, query: str, passage_id: str) -> bool:
    """Store the alias (idempotent: the same question and passage again changes nothing) and mark
    the question reviewed. True when the alias is new."""
    check_passage(passage_id)
    query = " ".join(query.split())[:MAX_QUERY]
    key = alias_key(query)
    if not key:
        raise ValueError("empty question")
    s.execute(update(OhjeReview).where(OhjeReview.key == key).values(reviewed=True))
    exists = s.execute(select(OhjeAlias.id).where(OhjeAlias.key == key, OhjeAlias.passage_id == passage_id)).first()
    if exists:
        return False
    s.add(OhjeAlias(at=now, query=query, key=key, passage_id=passage_id))
    s.flush()
    return True


def aliases(s: Session) -> list[tuple[str, str]]:
    """Every taught alias, oldest first (a later one wins an exact question)."""
    return [(q, pid) for q, pid in s.execute(select(OhjeAlias.query, OhjeAlias.passage_id).order_by(OhjeAlias.id))]


def version(s: Session) -> tuple[int, int]:
    """Cheap: changes whenever an alias is added or removed."""
    count, top = s.execute(select(func.count(OhjeAlias.id), func.max(OhjeAlias.id))).one()
    return int(count or 0), int(top or 0)


class LiveIndex:
    """The search index with the database's aliases, kept current without blocking anyone."""

    def __init__(self, every: float = CHECK_EVERY):
        self.every = every
        self._index: Index | None = None
        self._version: tuple[int, int] | None = None
        self._next_check = 0.0
        self._lock = asyncio.Lock()

    def current(self):
        return self._index or get_index()

    def due(self) -> bool:
        return time.monotonic() >= self._next_check

    async def refresh(self, svc, *, force: bool = False) -> None:
        """Rebuild when the alias table changed (checked at most every `every` seconds, or now
        when forced: after teaching in this process). Call after the acknowledgement."""
        if not force and (not self.due() or self._lock.locked()):
            return
        async with self._lock:
            self._next_check = time.monotonic() + self.every
            current = await svc.read(version)
            if current == self._version and self._index is not None:
                return
            pairs = await svc.read(aliases)
            base = await asyncio.to_thread(get_index)
            self._index = await asyncio.to_thread(base.with_aliases, pairs) if pairs else base
            self._version = current


CACHE_KEY = "ohje.live_index"


def live_index(svc) -> LiveIndex:
    live = svc.cache.get(CACHE_KEY)
    if live is None:
        live = svc.cache[CACHE_KEY] = LiveIndex()
    return live


async def after_answer(svc, answer) -> None:
    """After an /ohje answer went out: keep it for review if unsure, and pick up new aliases."""
    if not answer.confident:
        await svc.write(lambda s: keep_answer(s, svc.clock.now(), answer))
    await live_index(svc).refresh(svc)


async def after_unhelpful(svc, query: str, shown: list[str]) -> None:
    """A 👎: keep the question and what was shown."""
    await svc.write(lambda s: keep(s, svc.clock.now(), query, UNHELPFUL, shown))
