"""User-facing text in Finnish (first) and Swedish.

Texts live per domain in handlers/texts/<domain>.py as two dicts, FI and SV, so a
message can be reworded without touching any logic. `t(lang, key, **params)` picks
the language, falls back to Finnish, and formats the parameters.
"""

from __future__ import annotations

import logging
import time
from importlib import import_module

from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger("somevahti.i18n")

LANGS = ("fi", "sv")
_DOMAINS = ("common", "ohje", "uhka", "kohu")
_TEXTS: dict[str, dict[str, str]] = {"fi": {}, "sv": {}}
for _name in _DOMAINS:
    try:
        _mod = import_module(f"handlers.texts.{_name}")
    except ModuleNotFoundError as exc:  # a domain not built yet
        if exc.name != f"handlers.texts.{_name}":
            raise
        continue
    for _lang in LANGS:
        for _key, _value in getattr(_mod, _lang.upper(), {}).items():
            if _key in _TEXTS[_lang]:
                raise RuntimeError(f"text key '{_key}' defined twice ({_name})")
            _TEXTS[_lang][_key] = _value


def t(lang: str, key: str, **params) -> str:
    text = _TEXTS.get(lang, {}).get(key) or _TEXTS["fi"][key]
    return text.format(**params) if params else text


def has(key: str) -> bool:
    return key in _TEXTS["fi"]


def lang_from_locale(locale: str | None) -> str:
    return "sv" if (locale or "").lower().startswith("sv") else "fi"


_LOCALE_TTL = 3600.0


async def user_lang(client: AsyncWebClient, cache: dict, user_id: str) -> str:
    """The user's Slack locale as 'fi' or 'sv' (cached for an hour; Finnish if unknown)."""
    key = ("locale", user_id)
    hit = cache.get(key)
    if hit and hit[1] > time.monotonic():
        return hit[0]
    lang = "fi"
    try:
        resp = await client.users_info(user=user_id, include_locale=True)
        lang = lang_from_locale((resp.get("user") or {}).get("locale"))
    except Exception as exc:  # noqa: BLE001  (a missing locale must never block an answer)
        log.debug("users.info failed: %s", type(exc).__name__)
    cache[key] = (lang, time.monotonic() + _LOCALE_TTL)
    return lang
