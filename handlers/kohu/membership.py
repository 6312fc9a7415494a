"""Who may claim and resolve a controversy: the mavi team as Slack reports it, and the admins.

Members of the mavi user group (`usergroups.users.list`) and of the mavi channel
(`conversations.members`, every page) from the directory's roles, cached briefly in
svc.cache so a burst of button presses costs one lookup; the directory's admins; and
the people the incident's policy has notified by name (e.g. the comms manager after an
escalation, who got the alert as a DM with the same buttons).

If Slack cannot be asked, the last known answer is used; with none, only the admins and
the people named in the policy are let through (fail closed, never open).
"""

from __future__ import annotations

import logging
import time

from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger("somevahti.kohu")

TTL_S = 60.0
_KEY = ("kohu", "mavi_members")


async def _group_members(client: AsyncWebClient, group: str) -> set[str]:
    resp = await client.usergroups_users_list(usergroup=group)
    return set(resp.get("users") or [])


async def _channel_members(client: AsyncWebClient, channel: str) -> set[str]:
    members: set[str] = set()
    cursor = None
    for _ in range(100):  # 100 pages of 1000: far beyond any team channel
        kwargs = {"channel": channel, "limit": 1000}
        if cursor:
            kwargs["cursor"] = cursor
        resp = await client.conversations_members(**kwargs)
        members.update(resp.get("members") or [])
        cursor = (resp.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return members


async def mavi_members(client: AsyncWebClient, svc) -> set[str]:
    """Members of the mavi user group and channel (cached for TTL_S seconds)."""
    hit = svc.cache.get(_KEY)
    now = time.monotonic()
    if hit and hit[1] > now:
        return hit[0]
    roles = svc.directory.roles
    members: set[str] = set()
    ok = True
    for lookup, ident in ((_group_members, roles.mavi_group), (_channel_members, roles.mavi_channel)):
        if not ident:
            continue
        try:
            members |= await lookup(client, ident)
        except Exception as exc:  # noqa: BLE001  (Slack down or a wrong id: fall back, below)
            ok = False
            log.warning("mavi membership lookup failed: %s", type(exc).__name__)
    if not ok and hit:
        return hit[0] | members  # the last known answer beats refusing the whole team
    if ok:
        svc.cache[_KEY] = (members, now + TTL_S)
    return members


async def is_mavi(client: AsyncWebClient, svc, user_id: str) -> bool:
    """A mavi team member or an admin of the directory."""
    if svc.directory.is_admin(user_id):
        return True
    return user_id in await mavi_members(client, svc)


async def may_manage(client: AsyncWebClient, svc, user_id: str, named: set[str] | frozenset = frozenset()) -> bool:
    """May claim or resolve: admins, people the policy named (`named`), the mavi team."""
    if svc.directory.is_admin(user_id) or svc.directory.ids_of(user_id) & set(named):  # named: by any of their ids
        return True
    return user_id in await mavi_members(client, svc)
