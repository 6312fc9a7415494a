"""One person, two chat platforms: ids and the rules that compare them (chat-SDK-free).

Stored ids stay each platform's native id: a Slack user id (`U…`/`W…`) or a Teams user's Entra
object id (a GUID, kept in lower case). They cannot collide, so an id tells its platform
(`platform_of`). A person known on both platforms (the directory's `people:` map) acts through an
`Actor`: the native id of the platform they act on (what the timeline records) that also carries
every id of the same person (what permission checks compare with `ids_of`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
TEAMS_CONVERSATION = re.compile(r"^(?:19|a):\S+$")  # a Teams channel/team or a 1:1 chat id


def platform_of(target_id: str | None) -> str:
    """'teams' for an Entra object id or a Teams conversation id, else 'slack'."""
    if target_id and (GUID.match(target_id) or TEAMS_CONVERSATION.match(target_id)):
        return "teams"
    return "slack"


def native(user_id: str) -> str:
    """The stored form of a user id: Entra object ids in lower case, Slack ids as they are."""
    return user_id.lower() if GUID.match(user_id) else user_id


class Actor(str):
    """A native user id (a str: recorded as is) that knows the other ids of the same person."""

    ids: frozenset[str]

    def __new__(cls, user_id: str, same: Iterable[str] = ()) -> Actor:
        self = super().__new__(cls, native(user_id))
        self.ids = frozenset({str(self), *(native(i) for i in same if i)})
        return self

    def __reduce__(self):  # pickles (and copies) as itself, ids included
        return (Actor, (str(self), tuple(self.ids)))


def ids_of(user: str | Iterable[str] | None) -> frozenset[str]:
    """Every id of the person: an Actor's ids, a plain id alone, or a collection of ids."""
    if user is None:
        return frozenset()
    if isinstance(user, Actor):
        return user.ids
    if isinstance(user, str):
        return frozenset({native(user)})
    return frozenset(native(u) for u in user if u)


def is_among(user: str | Iterable[str] | None, ids: Iterable[str | None]) -> bool:
    """Whether the person is one of `ids` (on any platform)."""
    mine = ids_of(user)
    return any(i is not None and native(i) in mine for i in ids)
