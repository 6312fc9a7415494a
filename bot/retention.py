"""Retention of threat reports (GDPR data minimisation).

Closed (resolved) threat incidents are deleted with their timeline, evidence files and
outbox rows once they were closed more than the retention period ago:
`directory.retention_days`, else SOMEVAHTI_RETENTION_DAYS (default 365). Open reports
are never purged: they are still someone's work.

With the same retention it also deletes /ohje feedback rows and /ohje questions kept for review
(the questions people typed) and remembered supervisor choices that were not updated within the
period. Taught aliases are kept: they are curated guideline search aids, with no one's id.

On SQLite every connection runs with `secure_delete` (deleted content is overwritten with
zeros) and a purge ends with a TRUNCATE checkpoint, so what was deleted stays neither in the
database file nor in its write-ahead log. Messages already sent in Slack are not touched.

It runs by command (`somevahti purge`) and daily from the delivery worker
(`DailyPurge`, see bot/server.py). Each run leaves one AuditLog line with counts only.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from bot.config import Settings
from bot.db import Database, checkpoint
from bot.directory import Directory
from bot.errors import ConfigError
from escalation import threats
from escalation.clock import Clock
from escalation.models import AuditLog, Feedback, OhjeReview, UserPref

log = logging.getLogger("somevahti.retention")

AUDIT_ACTION = "threat.purge"
DAY = timedelta(days=1)


def retention_days(settings: Settings, directory: Directory) -> int:
    return directory.retention_days or settings.somevahti_retention_days


def purge(
    db: Database,
    now: datetime,
    days: int,
    *,
    dry_run: bool = False,
    trigger: str = "command",
    sent: list[tuple[str, str, str]] | None = None,
) -> dict:
    """Delete what is due and write the audit line, in one transaction. Returns the counts; `sent`
    (when given) receives the messages the bot had posted about the purged reports."""
    with db.transaction() as s:
        counts = threats.purge(s, now, days, dry_run=dry_run, sent=sent)
        cutoff = now - timedelta(days=days)
        for key, model, column in (
            ("feedback", Feedback, Feedback.at),
            ("ohje_review", OhjeReview, OhjeReview.at),
            ("supervisor_choices", UserPref, UserPref.updated_at),
        ):
            counts[key] = s.execute(select(func.count()).select_from(model).where(column < cutoff)).scalar_one()
            if counts[key] and not dry_run:
                s.execute(delete(model).where(column < cutoff).execution_options(synchronize_session=False))
        if not dry_run:
            detail = {
                k: counts[k]
                for k in (
                    "incidents",
                    "events",
                    "files",
                    "notifications",
                    "feedback",
                    "ohje_review",
                    "supervisor_choices",
                    "days",
                    "cutoff",
                )
            }
            s.add(AuditLog(at=now, action=AUDIT_ACTION, detail={**detail, "trigger": trigger}))
    if not dry_run and not checkpoint(db.engine):
        log.warning("retention: the write-ahead log could not be truncated now (busy); it is on the next run")
    return counts


class DailyPurge:
    """A cheap callable for the worker's loop: purges at most once a day (by the clock).

    The last run is read from the audit log, so a restart does not purge again at once and
    several processes on one database share the daily run.
    """

    def __init__(self, db: Database, clock: Clock, days: int, *, check_every: timedelta = timedelta(hours=1)):
        self.db, self.clock, self.days = db, clock, days
        self.check_every = check_every
        self._next_check: datetime | None = None

    def __call__(self) -> dict | None:
        now = self.clock.now()
        if self._next_check is not None and now < self._next_check:
            return None
        self._next_check = now + self.check_every
        with self.db.transaction() as s:
            last = s.execute(
                select(AuditLog.at).where(AuditLog.action == AUDIT_ACTION).order_by(AuditLog.at.desc()).limit(1)
            ).scalar_one_or_none()
        if last is not None and now - last < DAY:
            return None
        counts = purge(self.db, now, self.days, trigger="daily")
        if counts["incidents"]:
            log.info("retention: purged %d closed threat reports older than %d days", counts["incidents"], self.days)
        return counts


def run_purge(
    settings: Settings,
    directory: Directory,
    days: int | None = None,
    dry_run: bool = False,
    *,
    delete_messages: bool = False,
    clock: Clock | None = None,
    out=None,
) -> int:
    """`somevahti purge [--days N] [--dry-run] [--delete-messages]`."""
    out = out or sys.stdout
    if days is not None and days < 1:
        raise ConfigError("purge: --days must be at least 1")
    days = days or retention_days(settings, directory)
    db = Database(settings.database_url)
    sent: list[tuple[str, str, str]] = []
    try:
        counts = purge(db, (clock or Clock()).now(), days, dry_run=dry_run, sent=sent)
    finally:
        db.dispose()
    verb = "Would delete" if dry_run else "Deleted"
    print(
        f"{verb} {counts['incidents']} closed threat report(s) closed before {counts['cutoff']} "
        f"(retention {days} days): {counts['events']} timeline events, {counts['files']} evidence files, "
        f"{counts['notifications']} notifications; {counts['feedback']} /ohje feedback rows, "
        f"{counts['ohje_review']} /ohje questions kept for review, "
        f"{counts['supervisor_choices']} remembered supervisor choices.",
        file=out,
    )
    if delete_messages and not dry_run:
        deleted, kept = delete_slack_messages(settings, sent)
        print(
            f"Deleted {deleted} of the bot's Slack messages about them ({kept} could not be deleted; "
            "Teams messages are not deleted).",
            file=out,
        )
    return 0


def delete_slack_messages(settings: Settings, sent: list[tuple[str, str, str]]) -> tuple[int, int]:
    """chat.delete each of the bot's own Slack messages (after the purge committed): (deleted, not)."""
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    slack = [(channel, ts) for platform, channel, ts in sent if platform == "slack"]
    if not slack or not settings.slack_enabled:
        return 0, len(slack)
    client = WebClient(token=settings.secret("slack_bot_token"), base_url=settings.slack_api_url, timeout=10)
    deleted = 0
    for channel, ts in slack:
        try:
            client.chat_delete(channel=channel, ts=ts)
            deleted += 1
        except SlackApiError as exc:
            if exc.response.get("error") == "message_not_found":  # gone already: nothing left
                deleted += 1
            else:
                log.warning("retention: a message could not be deleted (%s)", exc.response.get("error"))
        except Exception as exc:  # noqa: BLE001  (one line; the rest are still tried)
            log.warning("retention: a message could not be deleted (%s)", type(exc).__name__)
    return deleted, len(slack) - deleted
