"""The fictional Microsoft 365 tenant the Teams stand-in plays: plain dataclasses, no logic.

Ids follow Teams' shapes so code that parses them meets the real formats: users are `29:…`
(Bot Framework id) plus an AAD object id (a GUID), teams and channels are `19:…@thread.tacv2`,
the bot is `28:<client id>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Person:
    key: str  # short handle for tests ("maija"); not a Teams concept
    name: str
    aad_object_id: str
    user_id: str  # the "29:…" id Teams puts in from.id
    email: str
    locale: str = "fi-FI"
    # False: the app is not installed for this person, so a proactive 1:1 gets 403 like Teams.
    app_installed: bool = True

    @property
    def upn(self) -> str:
        return self.email

    @property
    def given_name(self) -> str:
        return self.name.split()[0]

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass
class Channel:
    id: str
    name: str
    # Bots cannot post in private channels (Teams answers 403).
    private: bool = False


@dataclass
class Team:
    key: str
    name: str
    id: str  # the team id is also the General channel's conversation id
    members: list[str] = field(default_factory=list)  # Person keys
    channels: list[Channel] = field(default_factory=list)  # besides General
    app_installed: bool = True


@dataclass
class Bot:
    client_id: str = "8d6f2c3a-5b1e-4c7d-9a0f-3e2b1c4d5e6f"
    client_secret: str = "standin-client-secret"  # noqa: S105 - fake, local-only
    name: str = "Somevahti"

    @property
    def id(self) -> str:
        return f"28:{self.client_id}"


@dataclass
class Tenant:
    id: str = "0b6a3c1e-7f2d-4e5a-8c9b-1d2e3f4a5b6c"
    name: str = "Kokkolan kaupunki (fictional)"
    bot: Bot = field(default_factory=Bot)
    people: list[Person] = field(default_factory=list)
    teams: list[Team] = field(default_factory=list)


def _person(key: str, name: str, n: int, *, locale: str = "fi-FI", installed: bool = True) -> Person:
    first, last = name.lower().split()[0], name.lower().split()[-1]
    email = f"{first}.{last}@kokkola.example".replace("ä", "a").replace("ö", "o").replace("å", "a")
    return Person(
        key,
        name,
        aad_object_id=f"a0a0a0a0-0000-4000-8000-{n:012d}",
        user_id=f"29:1{key.upper()}-standin-{n:04d}",
        email=email,
        locale=locale,
        app_installed=installed,
    )


def default_tenant() -> Tenant:
    """Kokkola's page updaters, their supervisor, the safety chief, the mavi team and two edge cases."""
    people = [
        _person("maija", "Maija Meikäläinen", 1),  # page updater (fi)
        _person("erik", "Erik Svensson", 2, locale="sv-SE"),  # page updater (sv)
        _person("esimies", "Eeva Esimies", 3),  # supervisor
        _person("turva", "Tuomas Turvallisuus", 4),  # safety chief
        _person("mavi1", "Minna Mavi", 5),  # mavi team
        _person("mavi2", "Mikael Mavinen", 6, locale="sv-SE"),  # mavi team
        _person("ulko", "Olli Ulkopuolinen", 7),  # outsider: in no team
        _person("eiappia", "Anni Asentamaton", 8, installed=False),  # app not installed
    ]
    mavi = Team(
        "mavi",
        "Mavi",
        "19:mavi-general-standin@thread.tacv2",
        members=["mavi1", "mavi2", "turva"],
        channels=[
            Channel("19:mavi-halytykset-standin@thread.tacv2", "Hälytykset"),
            Channel("19:mavi-luottamus-standin@thread.tacv2", "Luottamuksellinen", private=True),
        ],
    )
    return Tenant(people=people, teams=[mavi])
