"""Working hours: when a policy's levels apply, and deadlines that count working time only.

A spec such as "mon-fri 08:00-16:00" (days, then the time of day) is read in the directory's time
zone; Finnish public holidays (the `holidays` package, e.g. 6.12. Itsenäisyyspäivä) are outside
working hours whatever the days say. Slack-free and pure: every moment given and returned is aware.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from escalation.vocabulary import DEFAULT_TIMEZONE

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPEC = re.compile(r"^\s*(?P<days>[a-z,\- ]+?)\s+(?P<start>\d{1,2}(?::\d{2})?)\s*-\s*(?P<end>\d{1,2}(?::\d{2})?)\s*$")


def _clock(text: str) -> int:
    """'8' or '08:00' -> minutes after midnight (24:00 allowed as the end of the day)."""
    h, _, m = text.partition(":")
    hours, minutes = int(h), int(m or 0)
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        raise ValueError(f"'{text}' is not a time of day like 08:00")
    return hours * 60 + minutes


def _days(text: str) -> frozenset[int]:
    out: set[int] = set()
    for part in text.replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise ValueError(f"'{part}' is not a day or a range of days like mon-fri")
        a, b = DAYS.index(first), DAYS.index(last or first)
        if b < a:
            raise ValueError(f"'{part}': the range must run forward (e.g. mon-fri)")
        out.update(range(a, b + 1))
    return frozenset(out)


@lru_cache(maxsize=16)
def _holidays(country: str, year: int):
    return holidays.country_holidays(country, years=year)


@dataclass(frozen=True)
class WorkingHours:
    spec: str  # as the directory said it, e.g. "mon-fri 08:00-16:00"
    days: frozenset[int]  # Monday = 0
    start: int  # minutes after midnight
    end: int
    timezone: str = DEFAULT_TIMEZONE
    country: str = "FI"  # whose public holidays are days off

    @classmethod
    def parse(cls, spec: str, timezone: str = DEFAULT_TIMEZONE, country: str = "FI") -> WorkingHours:
        m = _SPEC.match(str(spec).lower())
        if not m:
            raise ValueError(f"'{spec}' is not working hours like \"mon-fri 08:00-16:00\"")
        start, end = _clock(m["start"]), _clock(m["end"])
        if end <= start:
            raise ValueError(f"'{spec}': the working day must end after it starts")
        return cls(str(spec).strip(), _days(m["days"]), start, end, timezone, country)

    def to_json(self) -> dict:
        return {"spec": self.spec, "timezone": self.timezone, "country": self.country}

    @classmethod
    def from_json(cls, data: dict) -> WorkingHours:
        return cls.parse(data["spec"], data.get("timezone") or DEFAULT_TIMEZONE, data.get("country") or "FI")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_holiday(self, day: date) -> bool:
        return day in _holidays(self.country, day.year)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.days and not self.is_holiday(day)

    def _window(self, day: date) -> tuple[datetime, datetime]:
        """The working period of a (working) day as aware local moments."""
        midnight = datetime.combine(day, time(0), self.tz)
        return midnight + timedelta(minutes=self.start), midnight + timedelta(minutes=self.end)

    def is_working(self, at: datetime) -> bool:
        local = at.astimezone(self.tz)
        if not self.is_working_day(local.date()):
            return False
        start, end = self._window(local.date())
        return start <= local < end

    def add_working(self, at: datetime, seconds: int) -> datetime:
        """The moment `seconds` of working time after `at` (time outside working hours is skipped).

        A deadline set on Friday at 15:00 with two working hours falls on Monday at 09:00
        (mon-fri 08:00-16:00), or Tuesday when that Monday is a holiday.
        """
        remaining = timedelta(seconds=seconds)
        local = at.astimezone(self.tz)
        day = local.date()
        for _ in range(3700):  # ten years of days: a spec always has working days
            if self.is_working_day(day):
                start, end = self._window(day)
                begin = max(start, local)
                if begin < end:
                    if begin + remaining <= end:
                        return (begin + remaining).astimezone(at.tzinfo)
                    remaining -= end - begin
            day += timedelta(days=1)
            local = datetime.combine(day, time(0), self.tz)
        raise ValueError("no working time found")  # pragma: no cover

    def next_start(self, at: datetime) -> datetime:
        """When working hours next begin (`at` itself when they are on)."""
        return self.add_working(at, 0) if not self.is_working(at) else at
