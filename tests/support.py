"""Small helpers shared by the tests."""

import json
from urllib.parse import urlencode

from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select

from bot.outbox import OutboxWorker
from bot.sandbox import world
from escalation.models import Notification
from handlers.transport import SlackTransport


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


def slack_worker(db, clock, base_url: str = "http://127.0.0.1:9/api/", render=None) -> OutboxWorker:
    """The delivery worker on Slack at `base_url` (by default nowhere: for tests of its timers and
    claims), as bot/server.py builds it; `render` replaces the real messages with simple ones."""
    client = AsyncWebClient(token=world.BOT_TOKEN, base_url=base_url, timeout=5, retry_handlers=[])
    transport = SlackTransport(client, {}, **({"renderer": render} if render else {}))
    return OutboxWorker(db, clock, {"slack": transport})


def is_weekly_summary(message: dict) -> bool:
    """mavi's weekly picture (bot/weekly.py), posted in mavi's channel whenever a test's clock
    passes Monday 9.00: counts only, never a report's details."""
    key = ((message.get("metadata") or {}).get("event_payload") or {}).get("key") or ""
    # its chart is a file share, whose title carries the outbox row's key (handlers/transport.py)
    titles = [f.get("title") or "" for f in message.get("files") or []]
    return key.startswith("weekly:") or any(" · weekly:" in title for title in titles)
