"""Escalation policies: ordered levels of targets with acknowledgement deadlines.

A policy is resolved against the directory (roles -> concrete Slack ids) and frozen
into each incident when it is created, so later edits of the directory file never
change who an open incident escalates to.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

TargetKind = Literal["user", "channel", "usergroup", "file"]  # a file: evidence to fetch


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    id: str
    role: str | None = None  # e.g. "supervisor"; kept for the timeline and messages
    platform: str = "slack"  # the chat platform `id` belongs to; its transport delivers there


@dataclass(frozen=True)
class Level:
    targets: tuple[Target, ...]
    ack_within_s: int | None = None  # None: the last word, nothing further is escalated


@dataclass(frozen=True)
class Policy:
    levels: tuple[Level, ...] = field(default_factory=tuple)
    admins: tuple[str, ...] = ()  # told when every level has missed its deadline

    def to_json(self) -> dict:
        return {
            "levels": [
                {"targets": [asdict(t) for t in lv.targets], "ack_within_s": lv.ack_within_s}
                for lv in self.levels
            ],
            "admins": list(self.admins),
        }

    @classmethod
    def from_json(cls, data: dict) -> Policy:
        levels = tuple(
            Level(tuple(Target(**t) for t in lv["targets"]), lv.get("ack_within_s")) for lv in data["levels"]
        )
        return cls(levels, tuple(data.get("admins", ())))

    def users(self, upto_level: int | None = None) -> set[str]:
        """User ids named directly in the levels (up to and including upto_level)."""
        levels = self.levels if upto_level is None else self.levels[: upto_level + 1]
        return {t.id for lv in levels for t in lv.targets if t.kind == "user"}
