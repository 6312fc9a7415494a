"""The directory file (YAML): who is who, and the escalation policies.

Validated with pydantic; errors name the path of the bad key, e.g.
`policies.threat.0.ack_within: ...`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.errors import ConfigError
from escalation.hours import WorkingHours
from escalation.identity import Actor, ids_of, native, platform_of
from escalation.policy import Level, Policy, Target
from escalation.vocabulary import DEFAULT_TIMEZONE

USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,}$")
USERGROUP_ID = re.compile(r"^S[A-Z0-9]{2,}$")
# Microsoft Teams: a person's Entra (AAD) object id, a team or channel conversation id.
AAD_OBJECT_ID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
TEAMS_CHANNEL_ID = re.compile(r"^19:[^\s]+@thread\.[a-z0-9]+$")
PERSON_REFS = ("admins", "supervisors", "safety_chief", "comms_manager")  # may name people: keys
ROLE_NAMES = ("supervisor", "safety_chief", "comms_manager", "mavi_channel", "mavi_group", "admins", "unit_head")
_DURATION = re.compile(r"^(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$")


def parse_duration(value: str | int) -> int:
    """'90s', '30m', '2h', '1h30m' -> seconds. A bare integer means seconds."""
    if isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    else:
        m = _DURATION.match(str(value).strip())
        if not m or not any(m.groups()):
            raise ValueError(f"'{value}' is not a duration; use e.g. 90s, 30m or 2h")
        h, mi, s = (int(g or 0) for g in m.groups())
        seconds = h * 3600 + mi * 60 + s
    if seconds <= 0:
        raise ValueError("a duration must be longer than zero")
    return seconds


def _user_id(v: str) -> str:
    if not USER_ID.match(v):
        raise ValueError(f"'{v}' is not a Slack user id (like U0123ABCD)")
    return v


UserId = Annotated[str, AfterValidator(_user_id)]


def _aad(v: str | None) -> str | None:
    if v is not None and not AAD_OBJECT_ID.match(v):
        raise ValueError(f"'{v}' is not a Teams (Entra) object id (like 0b6a3c1e-7f2d-4e5a-8c9b-1d2e3f4a5b6c)")
    return v


def _teams_channel(v: str | None) -> str | None:
    if v is not None and not TEAMS_CHANNEL_ID.match(v):
        raise ValueError(f"'{v}' is not a Teams channel or team id (like 19:abc...@thread.tacv2)")
    return v


class Person(BaseModel):
    """One person's ids on each chat platform (people: in the directory file)."""

    model_config = ConfigDict(extra="forbid")
    slack: UserId | None = None
    teams: Annotated[str | None, AfterValidator(_aad)] = None  # Entra object id (activity.from.aadObjectId)
    name: str | None = Field(default=None, max_length=100)  # shown in Teams (choices, names on cards)

    @model_validator(mode="after")
    def _some_id(self) -> Person:
        if self.slack is None and self.teams is None:
            raise ValueError("give the person's slack: and/or teams: id")
        return self


class TeamsIds(BaseModel):
    model_config = ConfigDict(extra="forbid")
    teams: str | None = None


class Roles(BaseModel):
    model_config = ConfigDict(extra="forbid")
    mavi_channel: str | None = None  # the Slack channel (the file may give {slack: C.., teams: 19:..})
    mavi_channel_teams: Annotated[str | None, AfterValidator(_teams_channel)] = None
    mavi_team: Annotated[str | None, AfterValidator(_teams_channel)] = None  # the mavi team (its roster)
    mavi_tag: TeamsIds | None = None  # a Teams tag mentioned in alerts, {teams: <tag id>}
    mavi_group: str | None = None
    comms_manager: UserId | None = None
    safety_chief: UserId | None = None

    @field_validator("mavi_channel")
    @classmethod
    def _channel(cls, v):
        if v is not None and not CHANNEL_ID.match(v):
            raise ValueError(f"'{v}' is not a Slack channel id (like C0123ABCD)")
        return v

    @field_validator("mavi_group")
    @classmethod
    def _group(cls, v):
        if v is not None and not USERGROUP_ID.match(v):
            raise ValueError(f"'{v}' is not a Slack user group id (like S0123ABCD)")
        return v


class LevelSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    notify: list[str] = Field(min_length=1)
    ack_within: int | None = None
    working: bool = False  # "2h working": the deadline counts the policy's working hours only

    @model_validator(mode="before")
    @classmethod
    def _working(cls, data):
        if isinstance(data, dict) and isinstance(data.get("ack_within"), str):
            text = data["ack_within"].strip()
            if text.lower().endswith("working"):
                data = {**data, "ack_within": text[: -len("working")].strip(), "working": True}
        return data

    @field_validator("notify")
    @classmethod
    def _targets(cls, v: list[str]) -> list[str]:
        for t in v:
            if t not in ROLE_NAMES and not (USER_ID.match(t) or CHANNEL_ID.match(t) or USERGROUP_ID.match(t)):
                raise ValueError(
                    f"'{t}' is neither a role ({', '.join(ROLE_NAMES)}) nor a Slack user, channel or group id"
                )
        return v

    @field_validator("ack_within", mode="before")
    @classmethod
    def _duration(cls, v):
        return None if v is None else parse_duration(v)


class PolicySpec(BaseModel):
    """A policy with working hours: `levels` apply within `hours`, `outside_hours` (if any) outside."""

    model_config = ConfigDict(extra="forbid")
    hours: str | None = None  # e.g. "mon-fri 08:00-16:00", in the directory's time zone; Finnish holidays off
    levels: list[LevelSpec] = Field(min_length=1)
    outside_hours: list[LevelSpec] = Field(default_factory=list)

    @field_validator("hours")
    @classmethod
    def _hours(cls, v):
        if v is not None:
            WorkingHours.parse(v)
        return v

    @model_validator(mode="after")
    def _needs_hours(self) -> PolicySpec:
        if self.hours is None and (self.outside_hours or any(lv.working for lv in self.levels)):
            raise ValueError("outside_hours and 'working' deadlines need hours: (e.g. \"mon-fri 08:00-16:00\")")
        return self


_FORMS = ("levels_list", "with_hours")  # how a policy is written; tags left out of error paths
AnyPolicy = Annotated[
    Annotated[list[LevelSpec], Tag(_FORMS[0])] | Annotated[PolicySpec, Tag(_FORMS[1])],
    Discriminator(lambda v: _FORMS[0] if isinstance(v, list) else _FORMS[1]),
]


def level_specs(spec: AnyPolicy) -> list[LevelSpec]:
    """Every level of a policy (within and outside working hours)."""
    return list(spec) if isinstance(spec, list) else [*spec.levels, *spec.outside_hours]


class Policies(BaseModel):
    model_config = ConfigDict(extra="forbid")
    threat: AnyPolicy = Field(
        default_factory=lambda: [
            LevelSpec(notify=["supervisor"], ack_within=1800),
            LevelSpec(notify=["safety_chief"], ack_within=3600),
        ]
    )
    controversy: AnyPolicy = Field(
        default_factory=lambda: [
            LevelSpec(notify=["mavi_channel"], ack_within=900),
            LevelSpec(notify=["comms_manager"]),
        ]
    )
    # /tili: the unit's head and the communications manager decide together; reminded when they
    # have not answered within two working days.
    account: AnyPolicy = Field(
        default_factory=lambda: PolicySpec(
            hours="mon-fri 08:00-16:00",
            levels=[LevelSpec(notify=["unit_head", "comms_manager"], ack_within=16 * 3600, working=True)],
        )
    )


class Weekly(BaseModel):
    """When the weekly picture is posted in mavi's channel (the directory's time zone)."""

    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    day: str = "mon"
    at: str = "09:00"

    @field_validator("day")
    @classmethod
    def _day(cls, v: str) -> str:
        if v.lower() not in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
            raise ValueError(f"'{v}' is not a day like mon")
        return v.lower()

    @field_validator("at")
    @classmethod
    def _at(cls, v: str) -> str:
        if not re.match(r"^([01]?\d|2[0-3]):[0-5]\d$", v.strip()):
            raise ValueError(f"'{v}' is not a time of day like 09:00")
        return v.strip()


class Directory(BaseModel):
    model_config = ConfigDict(extra="forbid")
    timezone: str = DEFAULT_TIMEZONE
    # Person key -> ids per platform. admins, supervisors and the person roles may name these keys
    # or bare Slack ids; the fields below hold the Slack view, person_refs what the file said.
    people: dict[str, Person] = Field(default_factory=dict)
    admins: list[UserId] = Field(default_factory=list)
    roles: Roles = Field(default_factory=Roles)
    supervisors: dict[UserId, UserId] = Field(default_factory=dict)
    policies: Policies = Field(default_factory=Policies)
    # Unit (yksikkö) -> its head (yksikön johtaja), who decides on the unit's new accounts and
    # paid campaigns (/tili, /kampanja); Slack ids.
    unit_heads: dict[str, UserId] = Field(default_factory=dict)
    weekly: Weekly = Field(default_factory=lambda: Weekly())
    # Days a closed threat incident is kept before it is purged; overrides SOMEVAHTI_RETENTION_DAYS.
    retention_days: int | None = Field(default=None, ge=1, le=3650)
    _refs: dict = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _people_to_slack(cls, data, handler):
        """Person keys become Slack ids in the Slack fields (a person without one is left out there);
        the file's own references are kept for the other platforms (`person_refs`)."""
        if not isinstance(data, dict):
            return handler(data)
        data = dict(data)
        people = data.get("people") if isinstance(data.get("people"), dict) else {}
        roles = dict(data["roles"]) if isinstance(data.get("roles"), dict) else None
        refs = {
            "admins": data.get("admins"),
            "supervisors": data.get("supervisors"),
            **{name: (roles or {}).get(name) for name in ("safety_chief", "comms_manager")},
        }

        def slack(ref):
            if isinstance(ref, str) and ref in people:
                return people[ref].get("slack") if isinstance(people[ref], dict) else None
            return ref

        if isinstance(data.get("admins"), list):
            data["admins"] = [u for u in map(slack, data["admins"]) if u]
        if isinstance(data.get("supervisors"), dict):
            data["supervisors"] = {slack(k): slack(v) for k, v in data["supervisors"].items() if slack(k) and slack(v)}
        if roles is not None:
            for name in ("safety_chief", "comms_manager"):
                if name in roles:
                    roles[name] = slack(roles[name])
            if isinstance(roles.get("mavi_channel"), dict):  # {slack: C.., teams: 19:..}
                channel = roles.pop("mavi_channel")
                roles["mavi_channel"], roles["mavi_channel_teams"] = channel.get("slack"), channel.get("teams")
            data["roles"] = roles
        directory = handler(data)
        directory._refs = refs
        return directory

    # -- people: one person's ids on each platform ----------------------------------------

    @property
    def person_refs(self) -> dict:
        """admins, supervisors, safety_chief, comms_manager as the file named them (keys or Slack ids)."""
        return self._refs

    def person_key(self, *, slack: str | None = None, teams: str | None = None) -> str | None:
        """The people: key of the person with this Slack id or Teams object id."""
        for key, p in self.people.items():
            if (slack is not None and p.slack == slack) or (
                teams is not None and p.teams and p.teams.lower() == teams.lower()
            ):
                return key
        return None

    def slack_id(self, ref: str) -> str | None:
        """A person key or a bare Slack id -> the Slack id."""
        if ref in self.people:
            return self.people[ref].slack
        return ref if USER_ID.match(ref) else None

    def teams_id(self, ref: str) -> str | None:
        """A person key or a bare Slack id (of someone in people:) -> the Teams object id."""
        key = ref if ref in self.people else self.person_key(slack=ref)
        return self.people[key].teams if key else None

    # -- one person on either platform (escalation/identity.py) ------------------------------

    def ids_of(self, user_id: str) -> frozenset[str]:
        """Every native id of the person with this Slack id or Entra object id (itself included)."""
        key = self.person_key(slack=user_id, teams=user_id)
        p = self.people.get(key) if key else None
        return ids_of([user_id, *((p.slack, p.teams) if p else ())])

    def actor(self, user_id: str) -> Actor:
        """The person acting with this native id, knowing their ids on the other platform."""
        return Actor(user_id, self.ids_of(user_id))

    def native_id(self, ref: str | None, platform: str) -> str | None:
        """A person key, a Slack id or an Entra object id -> the person's id on `platform`, or on the
        other platform when they have none there (they are then reached there)."""
        if not ref:
            return None
        key = ref if ref in self.people else self.person_key(slack=ref, teams=ref)
        if key is None:
            return native(ref) if (USER_ID.match(ref) or AAD_OBJECT_ID.match(ref)) else None
        p = self.people[key]
        first, second = (p.teams, p.slack) if platform == "teams" else (p.slack, p.teams)
        found = first or second
        return native(found) if found else None

    def _admin_refs(self) -> list[str]:
        refs = self._refs.get("admins")
        return refs if isinstance(refs, list) else list(self.admins)

    def admin_ids(self) -> frozenset[str]:
        """Every native id of every admin, on both platforms (for permission checks)."""
        return frozenset(
            i
            for ref in [*self._admin_refs(), *self.admins]
            for p in ("slack", "teams")
            if (i := self.native_id(ref, p)) is not None
        )

    def is_admin_id(self, user) -> bool:
        """An admin, by any of their ids (`user`: an id, an Actor or a set of ids)."""
        return bool(ids_of(user) & self.admin_ids())

    def supervisor_ref(self, reporter: str) -> str | None:
        """The directory's supervisor of the reporter (any of their ids), as the file names them."""
        mine = self.ids_of(reporter)
        refs = self._refs.get("supervisors")
        for page_updater, sup in refs.items() if isinstance(refs, dict) else ():
            key = page_updater if page_updater in self.people else None
            theirs = {self.native_id(key, p) for p in ("slack", "teams")} if key else {native(page_updater)}
            if mine & theirs:
                return sup
        return next((sup for pu, sup in self.supervisors.items() if pu in mine), None)

    def supervisor_of(self, reporter: str, platform: str | None = None) -> str | None:
        """The directory's supervisor of the reporter, as their id on the reporter's platform."""
        return self.native_id(self.supervisor_ref(reporter), platform or platform_of(reporter))

    def display_name(self, user_id: str) -> str | None:
        """The person's name (or people: key) for a Slack id or Entra object id; None if unknown."""
        key = self.person_key(slack=user_id, teams=user_id)
        return (self.people[key].name or key) if key else None

    def teams_people(self) -> list[tuple[str, str]]:
        """(name, Entra object id) of everyone in people: with a Teams id, by name."""
        return sorted(((p.name or key), p.teams.lower()) for key, p in self.people.items() if p.teams)

    def role_id(self, name: str, platform: str) -> str | None:
        """A person role (safety_chief, comms_manager) as the person's id on `platform`."""
        return self.native_id(self._role_ref(name), platform)

    def _role_ref(self, name: str) -> str | None:
        ref = self._refs.get(name)
        return ref if isinstance(ref, str) else getattr(self.roles, name)

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{v}' is not an IANA time zone such as Europe/Helsinki") from None
        return v

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_admin(self, user_id: str) -> bool:
        return user_id in self.admins

    def resolve_policy(
        self,
        kind: str,
        reporter: str,
        supervisor: str | None = None,
        platform: str | None = None,
        *,
        unit_head: str | None = None,
    ) -> tuple[Policy, list[str]]:
        """Resolve role names to concrete targets for one incident.

        People are reached on the reporter's platform (`platform`, by default told by the
        reporter's id), or on the other one when they have no id there; so are the admins.

        Returns the policy and the names of roles that could not be resolved (missing
        configuration), so the reporter and admins can be told while the incident still
        escalates to whoever is configured. Levels left empty are dropped.
        """
        spec: AnyPolicy = getattr(self.policies, kind)
        missing: list[str] = []
        where = platform or platform_of(reporter)

        def levels_of(specs: list[LevelSpec]) -> tuple[Level, ...]:
            levels = []
            for lv in specs:
                targets: list[Target] = []
                for name in lv.notify:
                    target = self._resolve(name, reporter, supervisor, where, unit_head)
                    if target is None:
                        if name not in missing:
                            missing.append(name)
                        continue
                    for t in target if isinstance(target, list) else [target]:
                        if t not in targets:
                            targets.append(t)
                if targets:
                    levels.append(Level(tuple(targets), lv.ack_within, lv.working))
            return tuple(levels)

        admins = self._admins_on(where)
        if isinstance(spec, list):
            return Policy(levels_of(spec), admins), missing
        hours = WorkingHours.parse(spec.hours, self.timezone).to_json() if spec.hours else None
        return Policy(levels_of(spec.levels), admins, hours, levels_of(spec.outside_hours)), missing

    def _admins_on(self, platform: str) -> tuple[str, ...]:
        out: list[str] = []
        for ref in self._admin_refs():
            uid = self.native_id(ref, platform)
            if uid and uid not in out:
                out.append(uid)
        return tuple(out)

    def _resolve(
        self, name: str, reporter: str, supervisor: str | None, platform: str = "slack", unit_head: str | None = None
    ):
        if name == "unit_head":
            return Target("user", unit_head, "unit_head") if unit_head else None
        if name == "supervisor":
            sup = self.native_id(self.supervisor_ref(reporter), platform) or supervisor
            return Target("user", sup, "supervisor") if sup else None
        if name == "admins":
            return [Target("user", a, "admin") for a in self._admins_on(platform)] or None
        if name in ("safety_chief", "comms_manager"):
            uid = self.native_id(self._role_ref(name), platform)
            return Target("user", uid, name) if uid else None
        if name == "mavi_channel":
            slack, teams = self.roles.mavi_channel, self.roles.mavi_channel_teams
            channel = (teams or slack) if platform == "teams" else (slack or teams)
            return Target("channel", channel, name) if channel else None
        if name == "mavi_group":
            return Target("usergroup", self.roles.mavi_group, name) if self.roles.mavi_group else None
        if USER_ID.match(name):
            return Target("user", name)
        if CHANNEL_ID.match(name):
            return Target("channel", name)
        return Target("usergroup", name)


def _loc(loc: tuple) -> str:
    return ".".join(str(p) for p in loc if p not in _FORMS) or "(top level)"


class _DuplicateKey(Exception):
    def __init__(self, key, line: int, first: int):
        self.key, self.line, self.first = key, line, first


class _StrictLoader(yaml.SafeLoader):
    """safe_load that refuses a key given twice in one mapping (YAML would keep the last silently)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node.start_mark.line + 1)
                except TypeError:  # an unhashable key: the constructor reports it
                    continue
                if first != key_node.start_mark.line + 1:
                    raise _DuplicateKey(key, key_node.start_mark.line + 1, first)
        return super().construct_mapping(node, deep=deep)


def load_directory(path: Path) -> Directory:
    """Read and validate the directory file; ConfigError names the file and the bad key."""
    where = "SOMEVAHTI_DIRECTORY"
    try:
        raw = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506 (a SafeLoader)
    except _DuplicateKey as dup:
        raise ConfigError(
            f"{where}: '{path}' line {dup.line}: key '{dup.key}' is given twice (first on line {dup.first}); keep one"
        ) from None
    except FileNotFoundError:
        raise ConfigError(
            f"{where}: directory file '{path}' does not exist. Create it (see directory.example.yaml) "
            f"or point {where} at it."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{where}: cannot read '{path}': {exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: '{path}' is not valid YAML: {exc}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: '{path}' must be a YAML mapping (timezone:, admins:, roles: ...)")
    try:
        return Directory.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{_loc(e['loc'])}: {e['msg'].removeprefix('Value error, ')}" for e in exc.errors()]
        raise ConfigError(f"{where}: '{path}' has errors:\n  " + "\n  ".join(lines)) from None


# -- the pre-flight check (`somevahti check`) -----------------------------------------------

# The ids of directory.example.yaml: left in a real directory they point at nobody.
EXAMPLE_IDS = frozenset({"U0ADMIN", "C0MAVI", "S0MAVI", "U0VIESTPAA", "U0TYOSUOJ", "U0MAIJA", "U0ESIMIES"})


def directory_ids(directory: Directory) -> list[tuple[str, str, str]]:
    """Every Slack id the directory names: (where, kind, id), kind user | channel | usergroup."""
    out: list[tuple[str, str, str]] = [(f"admins.{i}", "user", u) for i, u in enumerate(directory.admins)]
    for name in ("comms_manager", "safety_chief"):
        if getattr(directory.roles, name):
            out.append((f"roles.{name}", "user", getattr(directory.roles, name)))
    if directory.roles.mavi_channel:
        out.append(("roles.mavi_channel", "channel", directory.roles.mavi_channel))
    if directory.roles.mavi_group:
        out.append(("roles.mavi_group", "usergroup", directory.roles.mavi_group))
    for reporter, sup in directory.supervisors.items():
        out.append((f"supervisors (page updater {reporter})", "user", reporter))
        out.append((f"supervisors.{reporter}", "user", sup))
    for reporter_unit, head in directory.unit_heads.items():
        out.append((f"unit_heads.{reporter_unit}", "user", head))
    for kind in ("threat", "controversy", "account"):
        for i, spec in enumerate(level_specs(getattr(directory.policies, kind))):
            for t in spec.notify:
                if t in ROLE_NAMES:
                    continue
                k = "user" if USER_ID.match(t) else "channel" if CHANNEL_ID.match(t) else "usergroup"
                out.append((f"policies.{kind}.{i}.notify", k, t))
    return out


def directory_problems(directory: Directory) -> list[str]:
    """What the directory lacks or still has from the example, without asking Slack."""
    where = "SOMEVAHTI_DIRECTORY"
    problems = []
    if not directory.admins:
        problems.append(f"{where}: admins is empty; name at least one admin (told about delivery failures)")
    used = {
        name
        for kind in ("threat", "controversy", "account")
        for spec in level_specs(getattr(directory.policies, kind))
        for name in spec.notify
    }
    for role in ("mavi_channel", "mavi_group", "comms_manager", "safety_chief"):
        if role in used and not getattr(directory.roles, role):
            problems.append(f"{where}: roles.{role} is not set, but a policy notifies it")
    seen = set()
    for loc, _kind, uid in directory_ids(directory):
        if uid in EXAMPLE_IDS and uid not in seen:
            seen.add(uid)
            problems.append(
                f"{where}: {loc} is {uid}, a placeholder from directory.example.yaml; put the real Slack id there"
            )
    return problems


def slack_problems(directory: Directory, client, bot_user_id: str | None) -> list[str]:
    """Ask Slack about every id: users exist (users.info), channels exist and the bot is in them
    (conversations.info), user groups exist (usergroups.list). One line per problem."""
    from slack_sdk.errors import SlackApiError

    where = "SOMEVAHTI_DIRECTORY"
    problems: list[str] = []
    groups: set[str] | None = None
    done: set[tuple[str, str]] = set()
    for loc, kind, sid in directory_ids(directory):
        if (kind, sid) in done:
            continue
        done.add((kind, sid))
        try:
            if kind == "user":
                user = client.users_info(user=sid)["user"]
                if user.get("deleted"):
                    problems.append(f"{where}: {loc}: user {sid} is deactivated in Slack")
                elif user.get("is_bot") or sid == bot_user_id:
                    problems.append(f"{where}: {loc}: {sid} is a bot, not a person")
            elif kind == "channel":
                channel = client.conversations_info(channel=sid)["channel"]
                if channel.get("is_archived"):
                    problems.append(f"{where}: {loc}: channel {sid} is archived")
                elif not channel.get("is_member"):
                    problems.append(
                        f"{where}: {loc}: the bot is not a member of channel {sid} "
                        f"(#{channel.get('name', '?')}); /invite @Somevahti there"
                    )
            else:
                if groups is None:
                    groups = {g["id"] for g in client.usergroups_list(include_disabled=False)["usergroups"]}
                if sid not in groups:
                    problems.append(f"{where}: {loc}: user group {sid} does not exist (or is disabled) in Slack")
        except SlackApiError as exc:
            error = exc.response.get("error", "error")
            what = {"user": "users.info", "channel": "conversations.info", "usergroup": "usergroups.list"}[kind]
            problems.append(f"{where}: {loc}: {kind} {sid}: Slack says {error} ({what})")
            if kind == "usergroup":
                groups = set()
    return problems
