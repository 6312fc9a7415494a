"""Escalation policies: ordered levels of targets with acknowledgement deadlines.

A policy is resolved against the directory (roles -> concrete Slack ids) and frozen
into each incident when it is created, so later edits of the directory file never
change who an open incident escalates to.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from escalation.identity import platform_of

TargetKind = Literal["user", "channel", "usergroup"]


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
