"""Which language a Slack user reads: their Slack locale, asked once and cached, with the name
and title the same users.info answer gave (kept in a threat report as they were at the time).

The texts themselves are in texts/ (shared by every chat platform).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from slack_sdk.web.async_client import AsyncWebClient

from texts import lang_from_locale

log = logging.getLogger("somevahti.i18n")

_LOCALE_TTL = 3600.0
_FAILED_TTL = 60.0  # after a failed lookup, Finnish for a minute, then ask again


def cached_lang(cache: dict, user_id: str) -> str | None:
    hit = cache.get(("locale", user_id))
    return hit[0] if hit and hit[1] > time.monotonic() else None


def cached_profile(cache: dict, user_id: str) -> dict | None:
    """{"name", "title"} from a users.info answer of the last hour, or None."""
    hit = cache.get(("profile", user_id))
    return hit[0] if hit and hit[1] > time.monotonic() else None


def remember_profile(cache: dict, user_id: str, user: dict) -> dict:
    """The name and title of a users.info `user`, cached for an hour."""
    profile = user.get("profile") or {}
    found = {
        "name": profile.get("real_name") or user.get("real_name") or user.get("name"),
        "title": profile.get("title") or None,
    }
    cache[("profile", user_id)] = (found, time.monotonic() + _LOCALE_TTL)
    return found


async def user_lang(client: AsyncWebClient, cache: dict, user_id: str) -> str:
    """The user's Slack locale as 'fi' or 'sv' (cached for an hour; Finnish if unknown)."""
    lang = cached_lang(cache, user_id)
    if lang is not None:
        return lang
    lang, ttl = "fi", _FAILED_TTL
    try:
        user = (await client.users_info(user=user_id, include_locale=True)).get("user") or {}
        lang, ttl = lang_from_locale(user.get("locale")), _LOCALE_TTL
        remember_profile(cache, user_id, user)
    except Exception as exc:  # noqa: BLE001  (a missing locale must never block an answer)
        log.debug("users.info failed: %s", type(exc).__name__)
    cache[("locale", user_id)] = (lang, time.monotonic() + ttl)
    return lang


async def lang_now(client: AsyncWebClient, cache: dict, user_id: str, *, wait: float = 0.25) -> str:
    """The user's language for an answer that must go out now (an acknowledgement).

    Known users are answered from the cache at once; for an unknown one, Slack is asked but
    waited for only briefly: past `wait` the answer goes out in Finnish and the lookup goes
    on in the background, so the next answer is in the right language.
    """
    lang = cached_lang(cache, user_id)
    if lang is not None:
        return lang
    lookup = asyncio.ensure_future(user_lang(client, cache, user_id))
    try:
        return await asyncio.wait_for(asyncio.shield(lookup), wait)
    except TimeoutError:
        return "fi"


async def warm_languages(
    client: AsyncWebClient,
    cache: dict,
    directory,
    concurrency: int = 4,
    quiet: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """At start-up, learn the languages of everyone the directory names (page updaters,
    supervisors, roles, admins), so their first answers need no lookup. `quiet` is awaited
    before each lookup (requests already coming in go first)."""
    users = {
        *directory.admins,
        *directory.supervisors,
        *directory.supervisors.values(),
        *(u for u in (directory.roles.safety_chief, directory.roles.comms_manager) if u),
    }
    sem = asyncio.Semaphore(concurrency)

    async def one(user_id: str) -> None:
        async with sem:
            if quiet is not None:
                await quiet()
            await user_lang(client, cache, user_id)

    await asyncio.gather(*(one(u) for u in sorted(users)))
