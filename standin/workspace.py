"""Workspace description for the Slack stand-in: plain dataclasses, no logic."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class User:
    id: str
    name: str
    real_name: str = ""
    locale: str = "fi-FI"
    tz: str = "Europe/Helsinki"
    is_bot: bool = False
    is_admin: bool = False
    email: str | None = None
    deleted: bool = False
    title: str = ""  # the profile's job title ("Kirjastotoimenjohtaja"), as Slack shows it

    def __post_init__(self) -> None:
        if not self.real_name:
            self.real_name = self.name


@dataclass
class Channel:
    id: str
    name: str
    # None means "every (non-bot) user of the workspace"; keeps small tests short.
    members: list[str] | None = None
    is_private: bool = False
    # Whether the bot was invited; posting elsewhere gives not_in_channel like Slack.
    bot_is_member: bool = True
    is_archived: bool = False
    topic: str = ""
    purpose: str = ""


@dataclass
class Usergroup:
    id: str
    handle: str
    users: list[str] = field(default_factory=list)
    name: str = ""


@dataclass
class Team:
    id: str = "T0KOKKOLA"
    name: str = "Kokkolan kaupunki"
    domain: str = "kokkola"


@dataclass
class Bot:
    user_id: str = "U0SOMEVAHTI"
    bot_id: str = "B0SOMEVAHTI"
    app_id: str = "A0SOMEVAHTI"
    name: str = "somevahti"


@dataclass
class Workspace:
    bot_token: str = "xoxb-standin-token"  # noqa: S105 - fake, local-only
    team: Team = field(default_factory=Team)
    bot: Bot = field(default_factory=Bot)
    users: list[User] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    usergroups: list[Usergroup] = field(default_factory=list)


def default_workspace(bot_token: str = "xoxb-standin-token") -> Workspace:  # noqa: S107
    """A small Kokkola workspace: Finnish and Swedish speakers, one comms group."""
    return Workspace(
        bot_token=bot_token,
        users=[
            User(
                id="U0MAIJA",
                name="maija",
                real_name="Maija Meikäläinen",
                locale="fi-FI",
                email="maija.meikalainen@kokkola.fi",
            ),
            User(
                id="U0MATTI",
                name="matti",
                real_name="Matti Virtanen",
                locale="fi-FI",
                email="matti.virtanen@kokkola.fi",
            ),
            User(id="U0ERIK", name="erik", real_name="Erik Svensson", locale="sv-SE", email="erik.svensson@kokkola.fi"),
            User(
                id="U0ADMIN",
                name="admin",
                real_name="Anna Admin",
                locale="fi-FI",
                is_admin=True,
                email="anna.admin@kokkola.fi",
            ),
        ],
        channels=[
            Channel(id="C0YLEINEN", name="yleinen"),
            Channel(id="C0VIESTINTA", name="viestinta", members=["U0MAIJA", "U0ADMIN"]),
            Channel(id="C0RANDOM", name="random", bot_is_member=False),
        ],
        usergroups=[
            Usergroup(id="S0VIESTINTA", handle="viestinta", name="Viestintä", users=["U0MAIJA", "U0ADMIN"]),
        ],
    )
