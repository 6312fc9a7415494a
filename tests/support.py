"""Small helpers shared by the tests."""

import json
from urllib.parse import urlencode

from sqlalchemy import select

from escalation.models import Notification


def outbox_rows(db, **where) -> list[Notification]:
    """The outbox rows, oldest first, filtered by column values (e.g. kind="threat.notify")."""
    with db.transaction() as s:
        q = select(Notification).order_by(Notification.id)
        for column, value in where.items():
            q = q.where(getattr(Notification, column) == value)
        return list(s.execute(q).scalars())


def visible_text(msg: dict) -> str:
    """Everything a person sees in a message or view: its text and every text in its blocks
    (sections, fields, context, headers, buttons)."""
    out = [msg.get("text") or ""]

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    out.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(msg.get("blocks") or [])
    return "\n".join(out)


def replay(app, response, **send):
    """Send the very same interactive payload again (as Slack re-sends it, or a second click does)."""
    return app.driver.send(urlencode({"payload": json.dumps(response.payload)}), **send)
