"""Renders an owed notification (an outbox row) into a Slack message, per domain."""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import import_module
from typing import Any

from sqlalchemy.orm import Session

from escalation.models import Incident, Notification
from handlers.common import escape

_MODULES = {
    "threat": "handlers.uhka.messages",
    "controversy": "handlers.kohu.messages",
    "campaign": "handlers.kampanja.messages",
    "account": "handlers.tili.messages",
    "weekly": "handlers.weekly",
}


def render(session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
    """-> {"text": str, "blocks": list}. Called by the delivery worker at send time,
    so a message always shows the incident's current state."""
    domain = row.kind.split(".", 1)[0]
    message = import_module(_MODULES[domain]).render(session, row, incident, lang)
    if message.get("text"):
        message = {**message, "text": fallback_text(message["text"])}
    return message


_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\x0b\x0c\x85\u2028\u2029]+[ \t]*")


def fallback_text(text: str) -> str:
    """A message's `text` is what push notifications and previews show: one line, so text a user
    typed (a controversy's description, an update) cannot start a line of its own there that reads
    like the message's own layout (a forged "*Tila:* Ratkaistu"). Nothing else changes (the
    escaping's invisible joiners that defuse @channel stay)."""
    return _LINE_BREAKS.sub(" ", text).strip()


# -- people of the other platform (Teams) in a Slack message --------------------------------

# A Teams person as the flows mention them (`<@` + Entra object id + `>`). Only a mention: an id the
# user typed into a report is text, escaped like all user text, so it can never become one.
_TEAMS_MENTION = re.compile(r"<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>", re.IGNORECASE)


def with_people(msg: Any, slack_of: Callable[[str], str | None], name_of: Callable[[str], str | None]) -> Any:
    """A rendered Slack message in which a Teams person's mention becomes their Slack mention when
    they have a Slack id, else their name (else the id as text)."""

    def person(m: re.Match) -> str:
        uid = m.group(1).lower()
        slack = slack_of(uid)
        if slack:
            return f"<@{slack}>"
        return escape(name_of(uid) or uid)

    if isinstance(msg, str):
        return _TEAMS_MENTION.sub(person, msg)
    if isinstance(msg, dict):
        return {
            k: (v if k in ("action_id", "block_id", "value", "url") else with_people(v, slack_of, name_of))
            for k, v in msg.items()
        }
    if isinstance(msg, list):
        return [with_people(v, slack_of, name_of) for v in msg]
    return msg


def render_with_people(directory: Any) -> Callable[[Session, Notification, Incident | None, str], dict]:
    """`render`, with Teams people shown as Slack users or by name (the directory's people:)."""

    def go(session: Session, row: Notification, incident: Incident | None, lang: str) -> dict:
        return with_people(
            render(session, row, incident, lang),
            lambda uid: directory.native_id(uid, "slack") if directory.ids_of(uid) - {uid} else None,
            directory.display_name,
        )

    return go
