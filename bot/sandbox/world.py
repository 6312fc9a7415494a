"""The sandbox's fictional workspace: the people and channels behind bot/sandbox/directory.yaml.

The end-to-end tests use the same world, so what the sandbox shows is what is tested.
"""

from __future__ import annotations

from pathlib import Path

from standin.workspace import Channel, User, Usergroup, Workspace

DIRECTORY_FILE = Path(__file__).with_name("directory.yaml")
BOT_TOKEN = "xoxb-sandbox-token"
SIGNING_SECRET = "sandbox-signing-secret"

PEOPLE = [
    # (id, handle, real name, locale, who they are in the story)
    ("U0MAIJA", "maija", "Maija Meikäläinen", "fi-FI", "somepäivittäjä, kirjasto"),
    ("U0ERIK", "erik", "Erik Svensson", "sv-SE", "somepäivittäjä, svenskspråkig"),
    ("U0PEKKA", "pekka", "Pekka Päivittäjä", "fi-FI", "somepäivittäjä, ei esihenkilöä hakemistossa"),
    ("U0ESIMIES", "eero", "Eero Esihenkilö", "fi-FI", "Maijan ja Erikin esihenkilö"),
    ("U0TYOSUOJ", "tuula", "Tuula Työsuojelu", "fi-FI", "työsuojelupäällikkö"),
    ("U0VIESTPAA", "ville", "Ville Viestintä", "fi-FI", "markkinointi- ja viestintäpäällikkö"),
    ("U0MAVI1", "mira", "Mira Mavi", "fi-FI", "mavi-tiimi"),
    ("U0ADMIN", "anna", "Anna Admin", "fi-FI", "Somevahdin ylläpitäjä"),
    ("U0ULKO", "olli", "Olli Ulkopuolinen", "fi-FI", "ei roolia"),
]


# Job titles in Slack profiles (the evidence export names people with them).
TITLES = {"U0ESIMIES": "Kirjastotoimenjohtaja", "U0TYOSUOJ": "Työsuojelupäällikkö", "U0MAIJA": "Kirjastosihteeri"}


def workspace() -> Workspace:
    return Workspace(
        bot_token=BOT_TOKEN,
        users=[User(id=i, name=h, real_name=n, locale=loc, title=TITLES.get(i, "")) for i, h, n, loc, _ in PEOPLE],
        channels=[
            Channel(id="C0MAVI", name="mavi-tiimi", members=["U0MAVI1", "U0VIESTPAA", "U0ADMIN"]),
            Channel(id="C0SOME", name="somepaivittajat"),
        ],
        usergroups=[Usergroup(id="S0MAVI", handle="mavi", name="Mavi-tiimi", users=["U0MAVI1", "U0VIESTPAA"])],
    )
