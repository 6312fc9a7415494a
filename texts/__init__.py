"""Every user-visible text, Finnish (first) and Swedish, shared by every chat platform.

Texts live per domain in texts/<domain>.py as two dicts, FI and SV, so a message can be
reworded without touching any logic. `t(lang, key, **params)` picks the language, falls back to
Finnish, and formats the parameters.
"""

from __future__ import annotations

from importlib import import_module

LANGS = ("fi", "sv")
_DOMAINS = ("common", "ohje", "uhka", "kohu", "mavi", "kampanja", "tili", "teams")
_TEXTS: dict[str, dict[str, str]] = {"fi": {}, "sv": {}}
for _name in _DOMAINS:
    _mod = import_module(f"texts.{_name}")
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
