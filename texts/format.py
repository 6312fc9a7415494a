"""Plain-text formats of what messages show (times, dates, platforms, counts), for every chat
platform: the Slack and Teams edges add their own markup around them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from escalation.vocabulary import DEFAULT_TIMEZONE, PLATFORMS
from texts import t


def local(at: datetime, tz: str | None) -> datetime:
    return at.astimezone(ZoneInfo(tz or DEFAULT_TIMEZONE))


def fmt_time(lang: str, at: datetime | None, tz: str | None = None) -> str:
    """'2.12.2026 klo 9.05' in the directory's time zone; '–' when unknown."""
    if at is None:
        return "–"
    d = local(at, tz)
    return t(lang, "time", d=d.day, m=d.month, y=d.year, H=d.hour, M=f"{d.minute:02d}")


def fmt_clock(at: datetime | None, tz: str | None = None) -> str:
    """'09.05': the time of day alone (the same in Finnish and Swedish)."""
    return local(at, tz).strftime("%H.%M") if at else "?"


def fmt_day(at: datetime, tz: str | None = None) -> str:
    """'2.12.2026'."""
    d = local(at, tz)
    return f"{d.day}.{d.month}.{d.year}"


def platform_name(lang: str, platform: str | None) -> str | None:
    """A platform's name ('X (Twitter)'); None when none was given."""
    if not platform:
        return None
    return t(lang, f"platform.{platform}" if platform in PLATFORMS else "platform.other")


def number(n: int) -> str:
    """12 500: thousands apart by a no-break space, the Finnish and Swedish way."""
    return f"{n:,}".replace(",", "\u00a0")
