"""Escalation policies: ordered levels of targets with acknowledgement deadlines.

A policy is resolved against the directory (roles -> concrete Slack ids) and frozen
into each incident when it is created, so later edits of the directory file never
change who an open incident escalates to.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from escalation.hours import WorkingHours
from escalation.identity import platform_of

TargetKind = Literal["user", "channel", "usergroup", "file"]  # a file: evidence to fetch


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    id: str
    role: str | None = None  # e.g. "supervisor"; kept for the timeline and messages
    # The chat platform `id` belongs to; its transport delivers there. Not given: told by the id
    # (an Entra object id or a 19:… conversation is Teams', anything else Slack's).
    platform: str | None = None

    def __post_init__(self) -> None:
        if self.platform is None:
            object.__setattr__(self, "platform", "slack" if self.kind == "usergroup" else platform_of(self.id))


@dataclass(frozen=True)
class Level:
    targets: tuple[Target, ...]
    ack_within_s: int | None = None  # None: the last word, nothing further is escalated
    working: bool = False  # ack_within counts working time only (the policy's hours)


@dataclass(frozen=True)
class Policy:
    levels: tuple[Level, ...] = field(default_factory=tuple)
    admins: tuple[str, ...] = ()  # told when every level has missed its deadline
    # Working hours ({"spec": "mon-fri 08:00-16:00", "timezone": ..}, escalation/hours.py) and the
    # levels that apply outside them instead of `levels` (none: `levels` apply at any time).
    hours: dict | None = None
    outside_hours: tuple[Level, ...] = ()
    outside: bool = False  # frozen at open: the incident came outside working hours

    def to_json(self) -> dict:
        data = {"levels": _levels_json(self.levels), "admins": list(self.admins)}
        if self.hours is not None:  # older frozen policies stay exactly as they were
            data.update(hours=self.hours, outside_hours=_levels_json(self.outside_hours), outside=self.outside)
        return data

    @classmethod
    def from_json(cls, data: dict) -> Policy:
        return cls(
            _levels_of(data["levels"]),
            tuple(data.get("admins", ())),
            data.get("hours"),
            _levels_of(data.get("outside_hours") or ()),
            bool(data.get("outside")),
        )

    def working_hours(self) -> WorkingHours | None:
        return WorkingHours.from_json(self.hours) if self.hours else None

    def at(self, now: datetime) -> Policy:
        """The policy as it applies to an incident opened `now`: outside working hours the
        outside-hours levels (if any) replace the levels. Frozen into the incident."""
        hours = self.working_hours()
        if hours is None or hours.is_working(now):
            return self
        return replace(self, levels=self.outside_hours or self.levels, outside_hours=(), outside=True)

    def deadline(self, level: int, now: datetime) -> datetime | None:
        """When level `level`, notified `now`, has missed its acknowledgement deadline."""
        lv = self.levels[level]
        if not lv.ack_within_s:
            return None
        hours = self.working_hours()
        if lv.working and hours is not None:
            return hours.add_working(now, lv.ack_within_s)
        return now + timedelta(seconds=lv.ack_within_s)

    def users(self, upto_level: int | None = None) -> set[str]:
        """User ids named directly in the levels (up to and including upto_level)."""
        levels = self.levels if upto_level is None else self.levels[: upto_level + 1]
        return {t.id for lv in levels for t in lv.targets if t.kind == "user"}


def _levels_json(levels: tuple[Level, ...]) -> list[dict]:
    out = []
    for lv in levels:
        item = {"targets": [asdict(t) for t in lv.targets], "ack_within_s": lv.ack_within_s}
        if lv.working:
            item["working"] = True
        out.append(item)
    return out


def _levels_of(data) -> tuple[Level, ...]:
    return tuple(
        Level(tuple(Target(**t) for t in lv["targets"]), lv.get("ack_within_s"), bool(lv.get("working"))) for lv in data
    )
