"""One modal field at a prompt: what to show, and the typed answer as a value for the driver.

Pure functions: people, channels and file uploads are looked up through callables, so these
can be tested without a stand-in. Answers:

- an empty line keeps the prefilled value (or leaves an optional field empty); `-` empties a
  prefilled field;
- options by number (`2`, `1,3`) or by text (`Facebook`, a unique beginning is enough);
- `\\n` in a text answer is a line break;
- dates `2026-11-28` or `28.11.2026`, times `14:30`, date and time `2026-11-28 14:30`;
- people by handle or name (`eero`, `@eero`, `Eero Esihenkilö`), channels by name (`#mavi-tiimi`);
- files as paths of local files (several separated by commas).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from escalation.vocabulary import DEFAULT_TIMEZONE
from standin.driver import EMPTY

HELSINKI = ZoneInfo(DEFAULT_TIMEZONE)  # the sandbox world lives in Kokkola

TEXT_TYPES = {"plain_text_input", "email_text_input", "url_text_input", "number_input", "rich_text_input"}
SELECT_TYPES = {"static_select", "radio_buttons", "external_select"}
MULTI_TYPES = {"multi_static_select", "checkboxes", "multi_external_select"}
USER_TYPES = {"users_select", "multi_users_select"}
CHANNEL_TYPES = {"conversations_select", "channels_select", "multi_conversations_select", "multi_channels_select"}


class AnswerError(ValueError):
    """The answer does not fit the field; the message says why, in Finnish."""


@dataclass
class Lookups:
    user: Callable[[str], str | None]  # text -> user id
    channel: Callable[[str], str | None]  # text -> channel id
    user_name: Callable[[str], str]  # user id -> "Eero Esihenkilö (eero)"
    channel_name: Callable[[str], str]  # channel id -> "mavi-tiimi"
    upload: Callable[[str], str] | None = None  # local path -> file id (raises AnswerError)
    now: Callable[[], datetime] | None = None


def _text(obj: Any) -> str:
    return str(obj.get("text") or "") if isinstance(obj, dict) else str(obj or "")


def options_of(el: dict) -> list[dict]:
    opts = list(el.get("options") or [])
    for g in el.get("option_groups") or []:
        opts.extend(g.get("options") or [])
    return opts


def is_multi(el: dict) -> bool:
    t = el.get("type", "")
    return t in MULTI_TYPES or t.startswith("multi_") or (t == "file_input" and (el.get("max_files") or 10) > 1)


def initial_text(el: dict, lookups: Lookups) -> str | None:
    """The prefilled value, readable; None when the field starts empty."""
    t = el.get("type", "")
    if t in TEXT_TYPES:
        v = el.get("initial_value")
        if isinstance(v, dict):  # rich_text
            v = _rich_plain(v)
        return str(v) if v not in (None, "") else None
    if t in SELECT_TYPES and el.get("initial_option"):
        return _text(el["initial_option"].get("text"))
    if t in MULTI_TYPES and el.get("initial_options"):
        return ", ".join(_text(o.get("text")) for o in el["initial_options"])
    if t == "datepicker":
        return el.get("initial_date")
    if t == "timepicker":
        return el.get("initial_time")
    if t == "datetimepicker" and el.get("initial_date_time") is not None:
        return datetime.fromtimestamp(int(el["initial_date_time"]), HELSINKI).strftime("%Y-%m-%d %H:%M")
    if t == "users_select" and el.get("initial_user"):
        return lookups.user_name(el["initial_user"])
    if t == "multi_users_select" and el.get("initial_users"):
        return ", ".join(lookups.user_name(u) for u in el["initial_users"])
    for key in ("initial_conversation", "initial_channel"):
        if el.get(key):
            return "#" + lookups.channel_name(el[key])
    for key in ("initial_conversations", "initial_channels"):
        if el.get(key):
            return ", ".join("#" + lookups.channel_name(c) for c in el[key])
    return None


def _rich_plain(value: dict) -> str:
    out = []
    for sec in value.get("elements") or []:
        out.append("".join(e.get("text") or e.get("url") or "" for e in sec.get("elements") or []))
    return "\n".join(out)


def describe(block: dict, lookups: Lookups) -> list[str]:
    """Prompt lines for one input block: label, hint, format, options, prefilled value."""
    el = block.get("element") or {}
    t = el.get("type", "")
    label = _text(block.get("label")) or block.get("block_id") or "?"
    optional = "valinnainen – tyhjä rivi ohittaa" if block.get("optional") else "pakollinen"
    lines = [f"▸ {label} ({optional})"]
    if block.get("hint"):
        lines.append(f"  ohje: {_text(block['hint'])}")
    if el.get("placeholder"):
        lines.append(f"  esim.: {_text(el['placeholder'])}")
    fmt = {
        "datepicker": "päivä muodossa 2026-11-28 tai 28.11.2026",
        "timepicker": "kellonaika muodossa 14:30",
        "datetimepicker": "päivä ja aika Suomen aikaa, esim. 2026-11-28 14:30",
        "users_select": "henkilön käyttäjätunnus tai nimi, esim. eero",
        "multi_users_select": "henkilöt pilkuin eroteltuina, esim. eero, tuula",
        "file_input": "polku paikalliseen tiedostoon, useita pilkuin eroteltuina",
        "number_input": "numero",
        "url_text_input": "linkki, alkaa https://",
        "email_text_input": "sähköpostiosoite",
    }.get(t)
    if t in CHANNEL_TYPES:
        fmt = "kanavan nimi, esim. #mavi-tiimi"
    if t in TEXT_TYPES and el.get("multiline"):
        fmt = "monirivinen: \\n aloittaa uuden rivin"
    if el.get("max_length"):
        fmt = (fmt + ", " if fmt else "") + f"enintään {el['max_length']} merkkiä"
    if fmt:
        lines.append(f"  ({fmt})")
    opts = options_of(el)
    if opts:
        lines += _option_lines(opts)
        if is_multi(el):
            lines.append("  (voit valita useita, esim. 1,3)")
    init = initial_text(el, lookups)
    if init is not None:
        shown = init if len(init) <= 200 else init[:200] + "…"
        lines.append(f"  esitäytetty: {shown}  (tyhjä rivi pitää, - tyhjentää)")
    return lines


def _option_lines(opts: list[dict]) -> list[str]:
    parts = [f"{i}) {_text(o.get('text'))}" for i, o in enumerate(opts, 1)]
    lines, cur = [], ""
    for p in parts:
        if cur and len(cur) + 3 + len(p) > 96:
            lines.append("  " + cur)
            cur = p
        else:
            cur = f"{cur}   {p}" if cur else p
    if cur:
        lines.append("  " + cur)
    return lines


def unescape(text: str) -> str:
    return text.replace("\\n", "\n")


def parse_answer(block: dict, answer: str, lookups: Lookups) -> Any:
    """The typed answer as the driver's value: None keeps/skips, EMPTY clears, else the value."""
    el = block.get("element") or {}
    t = el.get("type", "")
    answer = answer.strip() if t not in TEXT_TYPES else answer.rstrip("\n")
    if answer.strip() == "":
        return None
    if answer.strip() == "-":
        return EMPTY
    if t in TEXT_TYPES:
        return unescape(answer)
    if t in SELECT_TYPES or t in MULTI_TYPES:
        opts = options_of(el)
        if t.endswith("external_select") and not opts:
            return answer
        if t in SELECT_TYPES:
            return match_option(opts, answer)
        return [match_option(opts, part) for part in split_choices(answer, opts)]
    if t == "datepicker":
        return parse_date(answer).isoformat()
    if t == "timepicker":
        return parse_time(answer).strftime("%H:%M")
    if t == "datetimepicker":
        return int(parse_datetime(answer, lookups.now).timestamp())
    if t in USER_TYPES:
        ids = [_need(lookups.user(p), p, "henkilöä") for p in _commas(answer)]
        return ids if t.startswith("multi_") else _single(ids)
    if t in CHANNEL_TYPES:
        ids = [_need(lookups.channel(p), p, "kanavaa") for p in _commas(answer)]
        return ids if t.startswith("multi_") else _single(ids)
    if t == "file_input":
        if lookups.upload is None:
            raise AnswerError("tiedostoja ei voi lähettää tässä")
        return [lookups.upload(p) for p in _commas(answer)]
    raise AnswerError(f"kenttätyyppiä {t} ei osata täyttää hiekkalaatikossa")


def _commas(answer: str) -> list[str]:
    return [p.strip() for p in answer.split(",") if p.strip()]


def _single(ids: list[str]) -> str:
    if len(ids) != 1:
        raise AnswerError("valitse vain yksi")
    return ids[0]


def _need(found: str | None, text: str, what: str) -> str:
    if not found:
        raise AnswerError(f"{what} '{text}' ei löydy")
    return found


def split_choices(answer: str, opts: list[dict]) -> list[str]:
    parts = _commas(answer)
    if len(parts) == 1 and re.fullmatch(r"\d+(\s+\d+)+", parts[0]):
        parts = parts[0].split()
    return parts


def match_option(opts: list[dict], answer: str) -> dict:
    """An option by number, value or text (case-insensitive; a unique beginning is enough)."""
    a = answer.strip()
    if a.isdigit() and 1 <= int(a) <= len(opts):
        return opts[int(a) - 1]
    low = a.casefold()
    for o in opts:
        if _text(o.get("text")).casefold() == low or str(o.get("value", "")).casefold() == low:
            return o
    starts = [o for o in opts if _text(o.get("text")).casefold().startswith(low)]
    if len(starts) == 1:
        return starts[0]
    choices = ", ".join(f"{i}) {_text(o.get('text'))}" for i, o in enumerate(opts, 1))
    if len(starts) > 1:
        raise AnswerError(f"'{a}' sopii useaan vaihtoehtoon; valitse numerolla: {choices}")
    raise AnswerError(f"ei vaihtoehtoa '{a}'; valitse numerolla: {choices}")


def parse_date(text: str) -> date:
    s = text.strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"):
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    raise AnswerError(f"'{s}' ei ole päivämäärä; kirjoita esim. 2026-11-28 tai 28.11.2026")


def parse_time(text: str) -> time:
    s = text.strip().replace(".", ":")
    for fmt in ("%H:%M", "%H"):
        try:
            return datetime.strptime(s, fmt).time()
        except ValueError:
            pass
    raise AnswerError(f"'{text.strip()}' ei ole kellonaika; kirjoita esim. 14:30")


def parse_datetime(text: str, now: Callable[[], datetime] | None = None) -> datetime:
    s = " ".join(text.strip().replace("T", " ").split())
    if s.casefold() in ("nyt", "now", "nu") and now is not None:
        return now()
    day, _, clock = s.partition(" ")
    if not clock and ("klo" in s or ":" not in s):
        raise AnswerError(f"'{s}' ei ole päivä ja aika; kirjoita esim. 2026-11-28 14:30")
    clock = clock.removeprefix("klo ").strip()
    try:
        d, tm = parse_date(day), parse_time(clock)
    except AnswerError:
        raise AnswerError(f"'{s}' ei ole päivä ja aika; kirjoita esim. 2026-11-28 14:30") from None
    return datetime.combine(d, tm, tzinfo=HELSINKI)
