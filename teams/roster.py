"""Who is in a team (the mavi team: who may act on alerts), from the Bot Connector's paged member
list, cached briefly so a burst of button presses costs one lookup. If Teams cannot be asked, the
last known answer is used; with none, nobody is taken to be a member (fail closed, never open)."""

from __future__ import annotations

import logging
import time
from typing import Any

from teams.connector import Connector

log = logging.getLogger("somevahti.teams")
TTL_S = 60.0
PAGE_SIZE = 200


class Roster:
    def __init__(self, connector: Connector, service_url: str, cache: Any):
        self.connector, self.service_url, self.cache = connector, service_url.rstrip("/") + "/", cache

    async def members(self, team_id: str | None) -> frozenset[str]:
        """Entra object ids (lower case) of the team's members."""
        if not team_id:
            return frozenset()
        key = ("teams.roster", team_id)
        hit = self.cache.get(key)
        now = time.monotonic()
        if hit and hit[1] > now:
            return hit[0]
        url = f"{self.service_url}v3/conversations/{team_id}/pagedmembers"
        people: set[str] = set()
        token = None
        try:
            for _ in range(100):
                page = await self.connector.call(
                    "GET", url, params={"pageSize": PAGE_SIZE, **({"continuationToken": token} if token else {})}
                )
                people |= {m["aadObjectId"].lower() for m in page.get("members") or [] if m.get("aadObjectId")}
                token = page.get("continuationToken")
                if not token:
                    break
        except Exception as exc:  # noqa: BLE001  (Teams down or a wrong id: the last answer, or nobody)
            log.warning("team roster lookup failed: %s", type(exc).__name__)
            return hit[0] if hit else frozenset()
        answer = frozenset(people)
        self.cache[key] = (answer, now + TTL_S)
        return answer
