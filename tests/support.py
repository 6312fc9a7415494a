"""Small helpers shared by the storage-level tests."""

from sqlalchemy import select

from escalation.models import Notification


def outbox_rows(db, **where) -> list[Notification]:
    """The outbox rows, oldest first, filtered by column values (e.g. kind="threat.notify")."""
    with db.transaction() as s:
        q = select(Notification).order_by(Notification.id)
        for column, value in where.items():
            q = q.where(getattr(Notification, column) == value)
        return list(s.execute(q).scalars())
