"""The sandbox session: you act as a person of the fictional workspace and see what the bot does.

Every action (a slash command, a shortcut, a button press, a modal submission, time moving on)
goes through `act()`: the stand-in's state is snapshotted, the action is sent through the
driver exactly as Slack would send it, the app's follow-up work and the outbox are settled,
and everything new is printed: new and updated messages, ephemerals, and the ack's own answer.
"""

from __future__ import annotations

import copy
import json
import logging
import mimetypes
import re
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.sandbox import fields, world
from bot.sandbox.lines import Output, ScriptSource, Source
from bot.sandbox.render import (
    BOLD,
    DIM,
    RESET,
    Names,
    Numbering,
    mrkdwn,
    plain,
    render_blocks,
    render_message,
    strip_ansi,
)
from bot.sandbox.runner import SandboxWorld
from standin.blockkit import assign_ids
from standin.driver import EMPTY, AppResponse, ClientValidationError, client_checks, element_state, find_element

log = logging.getLogger("somevahti.sandbox")

# The bot's slash commands (manifest.yml) and message shortcuts (callback ids).
SLASH_COMMANDS = ("/ohje", "/uhka", "/kohu", "/kampanja", "/tili", "/some")
SHORTCUTS = {"uhka": "uhka_from_message", "kohu": "kohu_from_message"}
DEFAULT_USER = "maija"
DEFAULT_CHANNEL = "C0SOME"
ACK_LIMIT_S = 3.0

META_COMMANDS = (
    "/as",
    "/people",
    "/help",
    "/quit",
    "/exit",
    "/press",
    "/wait",
    "/inbox",
    "/expect",
    "/expect-not",
    "/shortcut",
    "/channel",
    "/time",
    "/say",
    "/cancel",
    "/submit",
    "/home",
)
# Lines still run while the follow-up lines of a flow that is not built yet are skipped (run_line).
RUN_WHILE_SKIPPING = {"/as", "/people", "/help", "/channel", "/time", "/quit", "/exit"}

HELP = """\
Hiekkalaatikon komennot:
  /ohje <kysymys>, /uhka …, /kohu …, /some   Somevahdin komennot kuten Slackissa, nykyisenä henkilönä
  /shortcut uhka <viestin teksti>            kirjoita viesti kanavalle ja valitse sen pikatoiminto
  /shortcut kohu <viestin teksti>            (Ilmoita uhkaavasta viestistä / Hälytä somekohusta)
  /press N, pelkkä N tai /press <teksti>     paina painiketta (valikko: /press N <valinta>)
  /as <tunnus tai nimi>                      toimi toisena henkilönä (alussa maija)
  /people                                    ihmiset, roolit, kanavat
  /home                                      avaa nykyisen henkilön Koti-välilehden (App Home)
  /inbox [tunnus | #kanava]                  henkilön tai kanavan viimeisimmät viestit
  /wait 31m                                  siirrä kelloa (s, m, h, d) ja toimita erääntyneet
  /channel <#kanava | dm>                    missä komennot annetaan (alussa #somepaivittajat)
  /say <teksti>                              kirjoita tavallinen viesti kanavalle
  /time                                      hiekkalaatikon kello
  /expect <teksti>, /expect-not <teksti>     skripteille: näkyikö teksti edellisen toiminnon tulosteessa
  /help, /quit                               tämä ohje, lopetus (myös Ctrl-D)
Lomakkeessa vastataan kenttä kerrallaan: tyhjä rivi ohittaa valinnaisen kentän tai pitää
  esitäytetyn, - tyhjentää, \\n on rivinvaihto, /submit lähettää heti, /cancel sulkee.
Skripteissä (--script): #-rivit ovat kommentteja, \\ rivin alussa tekee vastauksesta kirjaimellisen
  (esim. \\#kokkola), ja jos Somevahti ei vielä tunne komentoa, sen jatkorivit ohitetaan."""


class LineFailed(Exception):
    """The line could not be run; the message says why (no traceback)."""


@dataclass
class Event:
    order: float
    header: str
    body: dict  # message-like: text / blocks / attachments
    where: dict  # what a button press on it targets
    note: str = ""


@dataclass
class Snapshot:
    messages: dict[tuple[str, str], str]
    ephemerals: list[str]
    calls: int
    posts: int
    view: tuple[str, str] | None


@dataclass
class Session:
    world: SandboxWorld
    source: Source
    out: Output = field(default_factory=Output)
    color: bool = False

    def __post_init__(self) -> None:
        self.standin = self.world.standin
        self.driver = self.world.driver
        self.bot_user = self.standin.bot.user_id
        self.people = {pid: (handle, name, locale, role) for pid, handle, name, locale, role in world.PEOPLE}
        users = {pid: (p[0], p[1]) for pid, p in self.people.items()}
        users[self.bot_user] = ("somevahti", "Somevahti")
        ws = world.workspace()
        self.names = Names(
            users=users,
            channels={c.id: c.name for c in ws.channels},
            groups={g.id: g.handle for g in ws.usergroups},
            color=self.color,
        )
        user = self._find_user(DEFAULT_USER)
        assert user is not None, f"world.PEOPLE has the default person, {DEFAULT_USER}"
        self.user: str = user  # who acts now (/as changes it); always one of world.PEOPLE
        self.channel = DEFAULT_CHANNEL
        self.controls: dict[int, Any] = {}
        self.failures: list[tuple[int, str, str]] = []
        self.skipping: str | None = None  # the Slack command whose follow-up lines are skipped
        self.quit = False
        self.slash_commands: tuple[str, ...] = SLASH_COMMANDS  # tests may add their own
        self._last_errors: set[str] = set()

    # ------------------------------------------------------------------ main loop

    @property
    def prompt(self) -> str:
        return f"{self.names.handle(self.user)}> "

    @property
    def known(self) -> set[str]:
        return set(META_COMMANDS) | set(self.slash_commands)

    def run(self) -> int:
        while not self.quit:
            line = self.source.read(self.prompt)
            if line is None:
                break
            self.run_line(line)
        if self.failures and not self.source.interactive:
            where = ", ".join(str(n) for n, _, _ in self.failures)
            self.out.line(f"✗ {len(self.failures)} rivi(ä) epäonnistui (rivi {where}).")
        if self.source.interactive:
            return 0  # mistakes at the keyboard were answered on the spot
        return 1 if self.failures else 0

    def run_line(self, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            if not self.source.interactive:
                self.out.line("", record=False)  # keeps the script's layout in the transcript
            return
        if stripped.startswith("#"):
            self._echo_raw(line)
            return
        word = stripped.split(None, 1)[0].lower()
        checking = word in ("/expect", "/expect-not")
        skipped = (
            self.skipping
            and not self.source.interactive
            and not (word in RUN_WHILE_SKIPPING or word in self.slash_commands or word == "/shortcut")
        )
        if not checking and not skipped:
            self.out.reset()  # /expect looks at what the latest action printed
        self._echo(self.prompt, line, record=not (checking or skipped))
        if skipped:
            self.out.line(f"  (ohitettu: {self.skipping} ei ole käytössä tässä versiossa)", record=False)
            return
        try:
            self.command(stripped)
        except LineFailed as exc:
            self.fail(str(exc), record=not checking)
        except KeyboardInterrupt:
            self.out.line("(keskeytetty)")
        except Exception as exc:  # noqa: BLE001  (the sandbox never dies of one bad line)
            if logging.getLogger("somevahti").isEnabledFor(logging.DEBUG):
                traceback.print_exc()
            self.fail(f"Virhe: {type(exc).__name__}: {exc}")

    def fail(self, message: str, *, record: bool = True) -> None:
        self.out.line(f"✗ {message}", record=record)
        self.failures.append((self.source.line_no, "", message))

    # ------------------------------------------------------------------ commands

    def command(self, line: str) -> None:
        if line.isdigit():
            return self.press(int(line), None)
        word, _, rest = line.partition(" ")
        rest = rest.strip()
        cmd = word.lower()
        if cmd in self.slash_commands:
            self.skipping = None
            return self.slash(cmd, rest)
        handler: dict[str, Callable[[str], None]] = {
            "/as": self.cmd_as,
            "/people": self.cmd_people,
            "/help": self.cmd_help,
            "/quit": self.cmd_quit,
            "/exit": self.cmd_quit,
            "/press": self.cmd_press,
            "/wait": self.cmd_wait,
            "/inbox": self.cmd_inbox,
            "/expect": self.cmd_expect,
            "/expect-not": self.cmd_expect_not,
            "/shortcut": self.cmd_shortcut,
            "/channel": self.cmd_channel,
            "/time": self.cmd_time,
            "/say": self.cmd_say,
            "/cancel": self.cmd_no_modal,
            "/submit": self.cmd_no_modal,
            "/home": self.cmd_home,
        }
        if cmd in handler:
            return handler[cmd](rest)
        if cmd.startswith("/"):
            raise LineFailed(
                f"Tuntematon komento {word}. /help näyttää hiekkalaatikon komennot; "
                f"Somevahdin komennot ovat {', '.join(self.slash_commands)}."
            )
        raise LineFailed(
            f"En ymmärrä riviä ”{line}”. Komennot alkavat /-merkillä (/help), painikkeen painat numerolla."
        )

    def cmd_help(self, rest: str) -> None:
        self.out.lines(HELP.splitlines())

    def cmd_quit(self, rest: str) -> None:
        self.quit = True

    def cmd_no_modal(self, rest: str) -> None:
        raise LineFailed("Lomaketta ei ole auki.")

    def cmd_as(self, rest: str) -> None:
        if not rest:
            raise LineFailed("Kenenä? Esim. /as eero (/people näyttää kaikki).")
        uid = self._find_user(rest)
        if uid is None:
            raise LineFailed(f"Henkilöä ”{rest}” ei ole. /people näyttää kaikki.")
        self.user = uid
        handle, name, _locale, role = self.people[uid]
        self.out.line(f"Olet nyt {name} ({handle}) – {role}.")
        waiting = [m for m in self.standin.dm_messages(uid) if m.get("user") == self.bot_user]
        if waiting:
            self.out.line(f"  Sinulla on {len(waiting)} viesti(ä) Somevahdilta: /inbox näyttää ne.")

    def cmd_home(self, rest: str) -> None:
        """The current person opens Somevahti's Home tab (app_home_opened); the tab is shown with its
        buttons numbered like a message's."""
        self.act(lambda: self.driver.app_home_opened(self.user), kind="event")
        view = self.standin.home_view(self.user)
        if view is None:
            raise LineFailed("Somevahti ei julkaissut Koti-välilehteä.")
        numbering = Numbering()
        name = self.people[self.user][1]
        self._print_events(
            [
                Event(
                    0.0,
                    f"── Koti-välilehti · {name}",
                    {"blocks": view.get("blocks") or []},
                    {"kind": "home", "view_id": view["id"]},
                )
            ],
            numbering,
        )
        self.controls = numbering.controls

    def cmd_people(self, rest: str) -> None:
        self.out.line("Ihmiset (/as <tunnus> vaihtaa henkilöä):")
        for pid, (handle, name, locale, role) in self.people.items():
            mark = "→" if pid == self.user else " "
            lang = "sv" if locale.startswith("sv") else "fi"
            self.out.line(f"  {mark} {handle:<6} {name:<20} {lang}  {role}")
        ws = world.workspace()
        self.out.line("Kanavat:")
        for c in ws.channels:
            members = "kaikki" if c.members is None else ", ".join("@" + self.names.handle(u) for u in c.members)
            self.out.line(f"    #{c.name} ({c.id}): {members}")
        for g in ws.usergroups:
            users = ", ".join("@" + self.names.handle(u) for u in g.users)
            self.out.line(f"Käyttäjäryhmä @{g.handle} ({g.id}): {users}")
        self.out.line(f"Komennot annetaan kanavalla {self._where(self.channel)} (/channel vaihtaa).")

    def cmd_channel(self, rest: str) -> None:
        target = rest.strip().lower()
        if target in ("dm", "yksityisviesti", "@somevahti"):
            self.channel = self.standin.im_channel(self.user)
        else:
            cid = self._find_channel(target)
            if cid is None:
                raise LineFailed(
                    f"Kanavaa ”{rest}” ei ole. Kanavat: "
                    + ", ".join("#" + n for n in self.names.channels.values())
                    + " tai dm."
                )
            self.channel = cid
        self.out.line(f"Komennot annetaan nyt: {self._where(self.channel)}.")

    def cmd_time(self, rest: str) -> None:
        self.out.line(f"Hiekkalaatikon kello: {self._now_text()}")

    def cmd_expect(self, rest: str) -> None:
        if not rest:
            raise LineFailed("/expect tarvitsee tekstin.")
        if rest not in self.out.text():
            raise LineFailed(f"/expect: tekstiä ”{rest}” ei näkynyt edellisen toiminnon tulosteessa.")
        self.out.line("  ✓ löytyi", record=False)

    def cmd_expect_not(self, rest: str) -> None:
        if not rest:
            raise LineFailed("/expect-not tarvitsee tekstin.")
        if rest in self.out.text():
            raise LineFailed(f"/expect-not: teksti ”{rest}” näkyi edellisen toiminnon tulosteessa.")
        self.out.line("  ✓ ei näkynyt", record=False)

    def cmd_wait(self, rest: str) -> None:
        seconds = parse_wait(rest)
        self.out.line(f"⏱ Aika kuluu {_duration_text(seconds)}…")
        self.act(lambda: self.world.advance(seconds), kind="wait")
        self._dim(f"  kello on nyt {self._now_text()}")

    def cmd_say(self, rest: str) -> None:
        if not rest:
            raise LineFailed("Mitä kirjoitetaan? Esim. /say Hei kaikki")
        self.act(lambda: self.driver.message(self.user, self.channel, rest), kind="event")

    def cmd_shortcut(self, rest: str) -> None:
        name, _, text = rest.partition(" ")
        callback = SHORTCUTS.get(name.lower())
        if callback is None:
            raise LineFailed("Pikatoiminnot: /shortcut uhka <viestin teksti> tai /shortcut kohu <viestin teksti>.")
        if not text.strip():
            raise LineFailed(f"Kirjoita viestin teksti: /shortcut {name} <teksti>.")
        self.skipping = None

        def go() -> AppResponse:
            msg = self.standin.post_user_message(
                self.channel,
                self.user,
                text.strip(),
                blocks=[
                    {
                        "type": "rich_text",
                        "elements": [
                            {"type": "rich_text_section", "elements": [{"type": "text", "text": text.strip()}]}
                        ],
                    }
                ],
            )
            return self.driver.message_shortcut(self.user, callback, msg)

        self.act(go, kind="shortcut", label=f"pikatoiminto {callback}")

    def cmd_inbox(self, rest: str) -> None:
        target = rest.strip()
        numbering = Numbering()
        events: list[Event] = []
        if target.startswith("#"):
            cid = self._find_channel(target)
            if cid is None:
                raise LineFailed(f"Kanavaa ”{target}” ei ole.")
            for m in self.standin.messages(cid)[-6:]:
                events.append(self._message_event(m, "new"))
            title = self._where(cid)
        else:
            uid = self._find_user(target) if target else self.user
            if uid is None:
                raise LineFailed(f"Henkilöä ”{target}” ei ole.")
            for m in self.standin.dm_messages(uid)[-5:]:
                events.append(self._message_event(m, "new"))
            ephs = [e for e in self.standin.ephemerals(uid) if not e.get("deleted")][-3:]
            for e in ephs:
                events.append(self._ephemeral_event(e, "new"))
            title = self.names.person(uid)
        events.sort(key=lambda e: e.order)
        self.out.line(f"Viimeisimmät viestit: {title}")
        if not events:
            self._dim("  (ei viestejä)")
            return
        self._print_events(events, numbering)
        self.controls = numbering.controls

    # ------------------------------------------------------------------ Slack actions

    def slash(self, command: str, text: str) -> None:
        label = f"{command} {text}".strip()
        self.act(
            lambda: self.driver.slash(self.user, command, text, channel_id=self.channel), kind="command", label=label
        )

    def cmd_press(self, rest: str) -> None:
        number, _, choice = rest.partition(" ")
        if number.isdigit():
            return self.press(int(number), choice.strip() or None)
        if not rest:
            raise LineFailed("Minkä painikkeen? Esim. /press 1 tai /press Kuittaa")
        return self.press(self._by_label(rest), None)

    def _by_label(self, label: str) -> int:
        """A button by its text (a unique beginning is enough); the newest when several match."""
        want = _label_key(label)
        exact = [n for n, c in self.controls.items() if _label_key(c.label) == want]
        found = exact or [n for n, c in self.controls.items() if _label_key(c.label).startswith(want)]
        if not found:
            shown = ", ".join(f"[{n}] {c.label}" for n, c in self.controls.items()) or "ei yhtään"
            raise LineFailed(f"Painiketta ”{label}” ei ole (nyt näkyvillä: {shown}).")
        if len({self.controls[n].label for n in found}) > 1:
            shown = ", ".join(f"[{n}] {self.controls[n].label}" for n in found)
            raise LineFailed(f"”{label}” sopii moneen painikkeeseen: {shown}.")
        if len(found) > 1:
            self._dim(
                f"  (painetaan uusinta: [{found[-1]}]; sama painike myös numerolla "
                + ", ".join(str(n) for n in found[:-1])
                + ")"
            )
        return found[-1]

    def press(self, n: int, choice: str | None, *, view_walk: bool = True) -> None:
        control = self.controls.get(n)
        if control is None:
            have = f"1–{len(self.controls)}" if self.controls else "ei yhtään"
            raise LineFailed(f"Painiketta {n} ei ole (numerot nyt: {have}).")
        el, bid, where = control.element, control.block_id, control.where or {}
        kw: dict[str, Any] = {}
        if where.get("kind") == "message":
            msg = self.standin.message(where["channel"], where["ts"])
            if msg is None:
                raise LineFailed("Viesti on poistettu.")
            if find_element(msg.get("blocks") or [], el.get("action_id"), bid) is None:
                raise LineFailed("Painiketta ei enää ole viestissä (viesti on päivittynyt): /inbox näyttää nykyisen.")
            kw["message"] = msg
        elif where.get("kind") == "ephemeral":
            eph = where["ephemeral"]
            latest = [e for e in self.standin.ephemerals(eph["user"]) if e.get("message_ts") == eph.get("message_ts")]
            if latest and latest[-1].get("deleted"):
                raise LineFailed("Viesti on poistettu.")
            kw["message"] = latest[-1] if latest else eph
        elif where.get("kind") == "home":
            kw["view"] = where["view_id"]
        elif where.get("kind") == "view":
            if not self.standin.is_view_open(where["view_id"]):
                raise LineFailed("Lomake on jo suljettu.")
            kw["view"] = where["view_id"]
        else:
            raise LineFailed(f"Painiketta {n} ei voi painaa.")
        t = el.get("type")
        if t == "button" or t == "workflow_button":
            value = None
        else:
            value = self._choose(el, choice)
            if t in ("overflow", "static_select", "external_select", "radio_buttons"):
                kw["selected_option"] = value
                value = None
        label = f"painettiin [{n}] {control.label}"

        def go() -> AppResponse:
            return self.driver.block_action(self.user, el["action_id"], value, block_id=bid, **kw)

        self.act(go, kind="action", label=label, walk=view_walk)

    def _choose(self, el: dict, choice: str | None) -> Any:
        """The value for a select/overflow/picker pressed in a message: inline or at a prompt."""
        t = el.get("type", "")
        block = {
            "type": "input",
            "block_id": "_",
            "label": {"type": "plain_text", "text": plain(el.get("placeholder"), self.names) or "Valitse"},
            "element": el,
        }
        if t == "overflow":
            block["element"] = {**el, "type": "static_select"}
        while True:
            if choice is None:
                self.out.lines(fields.describe(block, self._lookups()))
                choice = self._read_answer("  › ")
                if choice is None:
                    raise LineFailed("Valinta jäi tekemättä.")
            try:
                value = fields.parse_answer(block, choice, self._lookups())
            except fields.AnswerError as exc:
                if not self.source.interactive:
                    raise LineFailed(str(exc)) from None
                self.out.line(f"  ✗ {exc}")
                choice = None
                continue
            if value is None or value is EMPTY:
                raise LineFailed("Valinta jäi tekemättä.")
            return value

    def act(self, fn: Callable[[], Any], *, kind: str, label: str = "", walk: bool = True) -> Any:
        """Run one action, settle the app and the outbox, and print everything new."""
        before = self.snapshot()
        result = fn()
        waiting = self.world.settle()
        events = self.ack_events(result, kind, label) if isinstance(result, AppResponse) else []
        events += self.diff(before)
        numbering = Numbering()
        if events:
            self._print_events(events, numbering)
            self.controls = numbering.controls
        elif kind not in ("close", "submit", "event") and not self._modal_opened(before.view):
            self._dim("  (ei näkyvää vastausta)")
        if waiting:
            self._dim(f"  ⏳ {waiting} viesti(ä) odottaa uutta lähetysyritystä; /wait 5m toimittaa ne.")
        if walk:
            self.walk_modals(before.view)
        return result

    def _modal_opened(self, before: tuple[str, str] | None) -> bool:
        top = self.standin.open_view(self.user)
        return top is not None and (top["id"], top["hash"]) != before

    # ------------------------------------------------------------------ observing the stand-in

    def snapshot(self) -> Snapshot:
        top = self.standin.open_view(self.user)
        return Snapshot(
            messages={(m["channel"], m["ts"]): _fingerprint(m) for m in self.standin.messages()},
            ephemerals=[_fingerprint(e) for e in self.standin.ephemerals()],
            calls=len(self.standin.calls()),
            posts=len(self.standin.response_url_posts()),
            view=(top["id"], top["hash"]) if top else None,
        )

    def diff(self, before: Snapshot) -> list[Event]:
        events: list[Event] = []
        now_msgs = self.standin.messages()
        seen = set()
        for m in now_msgs:
            key = (m["channel"], m["ts"])
            seen.add(key)
            if key not in before.messages:
                events.append(self._message_event(m, "new"))
            elif before.messages[key] != _fingerprint(m):
                events.append(self._message_event(m, "updated"))
        for m in self.standin.deleted_messages():
            key = (m["channel"], m["ts"])
            if key in before.messages and key not in seen:
                events.append(
                    Event(
                        _ts(m["ts"]) + 1e6,
                        f"── poistettu viesti · {self._where(m['channel'])}",
                        {"text": ""},
                        {},
                        note="deleted",
                    )
                )
        posts = self.standin.response_url_posts()[before.posts :]
        # A replace_original whose message the stand-in does not hold (an ephemeral that came
        # in an ack) arrives as a new ephemeral: show it as the update it is.
        replacing = {p.get("text") or "" for p in posts if p.get("ok") and p.get("replace_original")}
        for i, e in enumerate(self.standin.ephemerals()):
            if i >= len(before.ephemerals):
                if not e.get("deleted"):
                    kind = "replaced" if (e.get("text") or "") in replacing else "new"
                    events.append(self._ephemeral_event(e, kind))
            elif before.ephemerals[i] != _fingerprint(e):
                events.append(self._ephemeral_event(e, "deleted" if e.get("deleted") else "updated"))
        events.sort(key=lambda ev: ev.order)
        for p in posts:
            if not p.get("ok"):
                events.append(
                    Event(float("inf"), f"⚠ response_url-vastaus hylättiin: {p.get('error')}", {}, {}, note="problem")
                )
        for c in self.standin.calls()[before.calls :]:
            if not c.ok and c.method != "response_url":
                why = c.response.get("error") or c.status
                extra = "; ".join(c.errors[:3])
                events.append(
                    Event(
                        float("inf"),
                        f"⚠ Slack hylkäsi kutsun {c.method}: {why}" + (f" ({extra})" if extra else ""),
                        {},
                        {},
                        note="problem",
                    )
                )
        return events

    def _message_event(self, m: dict, kind: str) -> Event:
        where = self._where(m["channel"])
        author = ""
        if m.get("user") and m.get("user") != self.bot_user:
            author = f" – {self.names.person(m['user'])} kirjoitti"
        thread = ""
        if m.get("thread_ts") and m["thread_ts"] != m["ts"]:
            parent = self.standin.message(m["channel"], m["thread_ts"])
            thread = f" ↳ ketjuvastaus viestiin ”{self._preview(parent)}”" if parent else " ↳ ketjuvastaus"
        if kind == "updated":
            header = f"── päivitetty viesti · {where}{thread}"
            order = _ts((m.get("edited") or {}).get("ts") or m["ts"])
        else:
            header = f"── {where}{author}{thread}"
            order = _ts(m["ts"])
        return Event(order, header, m, {"kind": "message", "channel": m["channel"], "ts": m["ts"]})

    def _ephemeral_event(self, e: dict, kind: str) -> Event:
        who = self.names.person(e["user"])
        to = f"vain sinulle (ephemeral) → {who}" if e["user"] == self.user else f"vain henkilölle {who} (ephemeral)"
        place = "" if (e.get("channel") or "").startswith("D") else f" · {self._where(e.get('channel') or '')}"
        prefix = {
            "updated": "päivitetty viesti · ",
            "replaced": "päivitetty viesti · ",
            "deleted": "poistettu viesti · ",
        }.get(kind, "")
        body = e if kind != "deleted" else {"text": ""}
        return Event(
            _ts(e.get("ts") or 0),
            f"── {prefix}{to}{place}",
            body,
            {"kind": "ephemeral", "ephemeral": e},
            note="deleted" if kind == "deleted" else "",
        )

    def ack_events(self, resp: AppResponse, kind: str, label: str) -> list[Event]:
        events: list[Event] = []
        if resp.elapsed > ACK_LIMIT_S:
            events.append(
                Event(
                    -2,
                    f"⚠ Sovellus kuittasi vasta {resp.elapsed:.1f} s kuluttua: Slack antaa 3 s "
                    "(oikeassa Slackissa käyttäjä näkisi virheen).",
                    {},
                    {},
                    note="problem",
                )
            )
        if resp.status_code == 404 and kind in ("command", "shortcut"):
            self.skipping = label.split(" ")[0] if kind == "command" else label
            events.append(
                Event(
                    -1,
                    f"── Slack → vain sinulle: {label.split(' ')[0]} epäonnistui (dispatch_failed)",
                    {
                        "text": f"Somevahti ei käsitellyt pyyntöä ({label.split(' ')[0]}): tätä toimintoa ei ole vielä "
                        "rakennettu tähän versioon."
                    },
                    {},
                )
            )
            if not self.source.interactive:
                events.append(
                    Event(-1, "  (seuraavat rivit ohitetaan seuraavaan Slack-komentoon asti)", {}, {}, note="problem")
                )
            return events
        if not resp.ok and kind != "event":  # Slack shows users nothing for events
            events.append(
                Event(
                    -1, f"⚠ Sovellus vastasi HTTP {resp.status_code} (Slack näyttäisi virheen).", {}, {}, note="problem"
                )
            )
            return events
        if kind != "command" or hasattr(resp, "shown"):
            return events  # a stand-in that shows acks itself records them as ephemerals (see diff)
        body = resp.body
        if isinstance(body, str):
            body = {"text": body} if body.strip() else None
        if not isinstance(body, dict) or not (body.get("text") or body.get("blocks")):
            return events
        ts = f"{time.time():.6f}"
        blocks = body.get("blocks")
        message = {
            "channel": self.channel,
            "user": self.user,
            "text": body.get("text") or "",
            "blocks": assign_ids(copy.deepcopy(blocks)) if blocks else None,
            "attachments": body.get("attachments"),
            "message_ts": ts,
            "ts": ts,
            "via": "ack",
        }
        if body.get("response_type") == "in_channel":
            header = f"── {self._where(self.channel)} (näkyy kaikille)"
        else:
            header = f"── vain sinulle (ephemeral) → {self.names.person(self.user)}"
        events.append(Event(-1, header, message, {"kind": "ephemeral", "ephemeral": message}))
        return events

    def _print_events(self, events: list[Event], numbering: Numbering) -> None:
        for ev in events:
            head = ev.header
            self.out.line(f"{BOLD}{head}{RESET}" if self.color and ev.note != "problem" else head)
            if ev.note in ("problem", "deleted") or not ev.body:
                continue
            start = len(numbering) + 1
            self.out.lines(render_message(ev.body, self.names, numbering))
            for i in range(start, len(numbering) + 1):
                numbering.controls[i].where = ev.where

    # ------------------------------------------------------------------ modals

    def walk_modals(self, before: tuple[str, str] | None) -> None:
        handled: set[tuple[str, str]] = {before} if before else set()
        for _ in range(10):
            top = self.standin.open_view(self.user)
            if top is None or (top["id"], top["hash"]) in handled:
                return
            handled.add((top["id"], top["hash"]))
            try:
                self.walk()
            except KeyboardInterrupt:
                top = self.standin.open_view(self.user)
                if top is not None:
                    self.out.line("")
                    self._close(top)
                return
            top = self.standin.open_view(self.user)
            if top is not None:
                handled.add((top["id"], top["hash"]))

    def walk(self) -> None:
        """Ask the open modal's inputs one by one, then submit; errors re-ask only those fields."""
        answers: dict[str, Any] = {}
        asked: set[str] = set()
        printed: set[tuple[str, str]] = set()
        current: tuple[str, str] | None = None
        for _ in range(100):
            view = self.standin.open_view(self.user)
            if view is None:
                return
            key = (view["id"], view["hash"])
            if key != current:
                updated = current is not None and view["id"] == current[0]
                if updated:
                    asked &= _input_ids(view)
                else:
                    answers, asked = {}, set()
                current = key
                self._print_view_title(view, updated=updated)
            outcome = self._walk_fields(view, answers, asked, printed)
            if outcome == "cancel":
                self._close(view)
                return
            if outcome == "changed":
                continue
            result = self._submit(view, answers)
            if result == "retry":
                if outcome == "auto":  # a script moved on without answering: do not loop
                    self.fail("Lomakkeen pakollisia kenttiä jäi täyttämättä; lomake suljetaan.")
                    self._close(view)
                    return
                asked -= self._last_errors
                continue
            if result == "done":
                return
            # "next": an updated or pushed view (or the parent of a closed one) is now on top

    def _walk_fields(self, view: dict, answers: dict, asked: set, printed: set) -> str:
        """-> 'submit' | 'auto' (a script moved on) | 'cancel' | 'changed' (the view changed)."""
        for block in view.get("blocks") or []:
            bid = block.get("block_id") or ""
            if block.get("type") != "input":
                if (view["hash"], bid) not in printed:
                    printed.add((view["hash"], bid))
                    self._render_into_controls([block], {"kind": "view", "view_id": view["id"]})
                continue
            if bid in asked:
                continue
            outcome = self._ask(block)
            if outcome in ("cancel", "submit", "auto"):
                return outcome
            if outcome[0] == "press":
                self.press(outcome[1], None, view_walk=False)
                return "changed"
            answers[bid] = outcome[1]
            asked.add(bid)
            if block.get("dispatch_action") and outcome[1] is not None:
                self._dispatch(view, block, answers)
                latest = self.standin.open_view(self.user)
                if latest is None or (latest["id"], latest["hash"]) != (view["id"], view["hash"]):
                    return "changed"
        return "submit"

    def _render_into_controls(self, blocks: list[dict], where: dict) -> None:
        """Print blocks, numbering their elements after the numbers already on screen."""
        numbering = Numbering()
        numbering.controls.update(self.controls)
        start = len(numbering) + 1
        self.out.lines(render_blocks(blocks, self.names, numbering))
        for i in range(start, len(numbering) + 1):
            numbering.controls[i].where = where
        self.controls = numbering.controls

    def _print_view_title(self, view: dict, *, updated: bool = False) -> None:
        title = plain(view.get("title"), self.names)
        submit = plain(view.get("submit"), self.names) if view.get("submit") else ""
        head = f"═══ Lomake {'päivittyi' if updated else 'avautui'}: {title} ═══"
        self.out.line(f"{BOLD}{head}{RESET}" if self.color else head)
        self._dim("  (kenttä kerrallaan; " + (f"/submit = {submit}, " if submit else "") + "/cancel sulkee)")

    def _ask(self, block: dict) -> Any:
        """One field: ('answer', value) | ('press', n) | 'submit' | 'auto' | 'cancel'."""
        el = block.get("element") or {}
        lookups = self._lookups()
        self.out.lines("  " + x for x in fields.describe(block, lookups))
        while True:
            line = self._read_answer("  › ")
            if line is None:  # end of the script / Ctrl-D: send what there is
                return "auto"
            stripped = line.strip()
            word = stripped.split(None, 1)[0].lower() if stripped else ""
            if word == "/cancel":
                return "cancel"
            if word == "/submit":
                return "submit"
            if word == "/press" and stripped[len(word) :].strip().isdigit():
                return ("press", int(stripped[len(word) :].strip()))
            if word in self.known:
                if self.source.interactive:
                    self.out.line("  Lomake on auki: vastaa kenttään, /submit lähettää, /cancel sulkee.")
                    continue
                # A script moved on: send the modal with what it has, then run that line.
                self.source.push_back(line)
                self._dim("  (loput kentät jätetään ennalleen; lomake lähetetään)")
                return "auto"
            if el.get("type") in fields.TEXT_TYPES:
                # A paste of several lines is one answer: it stays in this field (a multi-line
                # field keeps the line breaks; a one-line field gets them as spaces, as Slack would).
                more = self.source.pasted_with()
                if more:
                    line = ("\n" if el.get("multiline") else " ").join([line, *more])
            if stripped.startswith("\\"):
                line = line.lstrip()[1:]
            try:
                value = fields.parse_answer(block, line, lookups)
                shape = element_state(el, value, files=self.standin.file)
            except (fields.AnswerError, ValueError, KeyError) as exc:
                self._field_problem(str(exc))
                continue
            problem = client_checks(block, el, shape)
            if problem:
                self._field_problem(_client_problem(problem))
                continue
            return ("answer", value)

    def _field_problem(self, message: str) -> None:
        self.out.line(f"  ✗ {message}")
        if not self.source.interactive:
            self.failures.append((self.source.line_no, "", message))

    def _read_answer(self, prompt: str) -> str | None:
        while True:
            line = self.source.read(prompt)
            if line is None:
                return None
            if not self.source.interactive and line.strip().startswith("#"):
                self._echo_raw(line)
                continue
            stripped = line.strip()
            word = stripped.split(None, 1)[0].lower() if stripped else ""
            if not (word in self.known and word not in ("/cancel", "/submit", "/press")):
                self._echo(prompt, line)
            return line

    def _lookups(self) -> fields.Lookups:
        def upload(path: str) -> str:
            p = Path(path).expanduser()
            if not p.is_file():
                raise fields.AnswerError(f"tiedostoa {path} ei löydy")
            mime = mimetypes.guess_type(p.name)[0] or "application/octet-stream"
            f = self.standin.add_file(self.user, p.name, mime, p.read_bytes())
            self._dim(f"  (tiedosto {p.name} ladattu Slackiin: {f['id']}, {f['size']} tavua)")
            return f["id"]

        return fields.Lookups(
            user=self._find_user,
            channel=self._find_channel,
            user_name=self.names.person,
            channel_name=self.names.channel,
            upload=upload,
            now=self.world.clock.now,
        )

    def _dispatch(self, view: dict, block: dict, answers: dict) -> None:
        el = block["element"]
        value = answers[block["block_id"]]
        kw: dict[str, Any] = {}
        if el.get("type") in ("static_select", "external_select", "radio_buttons"):
            kw["selected_option"] = value
            value = None
        state = {b: v for b, v in answers.items() if b in _input_ids(view) and v is not None}
        self.act(
            lambda: self.driver.block_action(
                self.user, el["action_id"], value, view=view["id"], block_id=block["block_id"], state=state, **kw
            ),
            kind="action",
            walk=False,
        )

    def _submit(self, view: dict, answers: dict) -> str:
        ids = _input_ids(view)
        values = {b: v for b, v in answers.items() if b in ids and v is not None}
        self._last_errors = set()
        try:
            resp = self.act(
                lambda: self.driver.view_submission(self.user, view["id"], values), kind="submit", walk=False
            )
        except ClientValidationError as exc:
            labels = _labels(view)
            for bid, why in exc.errors.items():
                self._field_problem(f"{labels.get(bid, bid)}: {_client_problem(why)}")
            self._last_errors = set(exc.errors)
            return "retry"
        if not resp.ok:
            self.fail(f"Lomakkeen lähetys epäonnistui (HTTP {resp.status_code}); lomake suljetaan.")
            self._close(view)
            return "done"
        if resp.response_action == "errors":
            labels = _labels(view)
            errors = resp.errors or {}
            for bid, why in errors.items():  # the app's own validation: shown, re-asked, not a failure
                self.out.line(f"  ✗ {labels.get(bid, bid)}: {why}")
            self._last_errors = set(errors)
            if not set(errors) & ids:
                self.fail("Sovellus palautti virheitä kenttiin, joita lomakkeessa ei ole; lomake suljetaan.")
                self._close(view)
                return "done"
            return "retry"
        top = self.standin.open_view(self.user)
        if top is None:
            self._dim("  (lomake lähetettiin ja suljettiin)")
            return "done"
        if (top["id"], top["hash"]) == (view["id"], view["hash"]):
            self.fail("Lomake jäi auki ilman virheitä; suljetaan.")
            self._close(view)
            return "done"
        return "next"

    def _close(self, view: dict) -> None:
        self.act(lambda: self.driver.view_closed(self.user, view["id"]), kind="close", walk=False)
        self._dim("  (lomake suljettu)")

    # ------------------------------------------------------------------ helpers

    def _find_user(self, text: str) -> str | None:
        q = text.strip().lstrip("@").casefold()
        if not q:
            return None
        for pid, (handle, name, _l, _r) in self.people.items():
            if q in (pid.casefold(), handle.casefold(), name.casefold()):
                return pid
        firsts = [pid for pid, p in self.people.items() if p[1].split()[0].casefold() == q]
        if len(firsts) == 1:
            return firsts[0]
        starts = [
            pid for pid, p in self.people.items() if p[0].casefold().startswith(q) or p[1].casefold().startswith(q)
        ]
        return starts[0] if len(starts) == 1 else None

    def _find_channel(self, text: str) -> str | None:
        q = text.strip().lstrip("#").casefold()
        for cid, name in self.names.channels.items():
            if q in (cid.casefold(), name.casefold()):
                return cid
        return None

    def _dm_user(self, cid: str) -> str | None:
        if not cid.startswith("D"):
            return None
        guess = "U" + cid[1:]
        if guess in self.people:
            return guess
        try:
            members = self.standin.channel_members(cid)
        except KeyError:
            return None
        return next((u for u in members if u != self.bot_user), None)

    def _where(self, cid: str) -> str:
        uid = self._dm_user(cid)
        if uid is not None:
            return f"DM → {self.names.person(uid)}"
        return "#" + self.names.channel(cid)

    def _preview(self, m: dict) -> str:
        text = m.get("text") or ""
        first = strip_ansi(mrkdwn(text, Names(self.names.users, self.names.channels, self.names.groups)))
        first = first.split("\n", 1)[0]
        return first[:60] + ("…" if len(first) > 60 else "")

    def _now_text(self) -> str:
        now = self.world.clock.now().astimezone(fields.HELSINKI)
        return now.strftime("%d.%m.%Y klo %H.%M") + " (Suomen aikaa)"

    def _echo(self, prompt: str, line: str, *, record: bool = True) -> None:
        self.source.echo(prompt, line, record=record)

    def _echo_raw(self, line: str) -> None:
        if isinstance(self.source, ScriptSource):
            self.out.line(line, record=False)

    def _dim(self, text: str) -> None:
        self.out.line(f"{DIM}{text}{RESET}" if self.color else text)

    def complete(self, text: str, state: int) -> str | None:
        """readline completer: commands, then handles after /as and /inbox."""
        try:
            import readline

            buf = readline.get_line_buffer()
        except ImportError:  # pragma: no cover
            buf = text
        if " " in buf.lstrip():
            first = buf.split()[0]
            if first in ("/as", "/inbox"):
                opts = [p[0] for p in self.people.values()] + ["#" + n for n in self.names.channels.values()]
            elif first == "/shortcut":
                opts = list(SHORTCUTS)
            elif first == "/channel":
                opts = ["#" + n for n in self.names.channels.values()] + ["dm"]
            else:
                opts = []
        else:
            opts = sorted(self.known)
        matches = [o for o in opts if o.startswith(text)]
        return matches[state] if state < len(matches) else None


# ---------------------------------------------------------------------- small pure helpers


def _fingerprint(m: dict) -> str:
    return json.dumps(
        [m.get("text"), m.get("blocks"), m.get("attachments"), m.get("deleted")], sort_keys=True, ensure_ascii=False
    )


def _ts(ts: Any) -> float:
    try:
        return float(ts)
    except (TypeError, ValueError):
        return 0.0


def _label_key(label: str) -> str:
    """'👍 Kyllä' and 'kyllä' match: case and leading/trailing emoji or symbols do not count."""
    return re.sub(r"^\W+|\W+$", "", label.strip()).casefold()


def _input_ids(view: dict) -> set[str]:
    return {b.get("block_id") for b in view.get("blocks") or [] if b.get("type") == "input"}


def _labels(view: dict) -> dict[str, str]:
    return {
        b.get("block_id"): plain(b.get("label"), Names()) for b in view.get("blocks") or [] if b.get("type") == "input"
    }


def _client_problem(problem: str) -> str:
    if problem == "required":
        return "pakollinen kenttä – kirjoita vastaus"
    m = re.match(r"longer than max_length (\d+)", problem)
    if m:
        return f"liian pitkä: enintään {m.group(1)} merkkiä"
    m = re.match(r"shorter than min_length (\d+)", problem)
    if m:
        return f"liian lyhyt: vähintään {m.group(1)} merkkiä"
    return {
        "not a number": "ei ole numero",
        "not a URL": "ei ole linkki (alkaa http:// tai https://)",
        "not an email address": "ei ole sähköpostiosoite",
        "decimals not allowed": "desimaalit eivät käy",
    }.get(problem, f"Slack ei hyväksy: {problem}")


_WAIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(d|h|min|m|s)?", re.IGNORECASE)
_UNIT = {"d": 86400, "h": 3600, "min": 60, "m": 60, "s": 1, None: 60}


def parse_wait(text: str) -> float:
    """'31m', '90s', '2h', '1h30m', '1d' (a bare number means minutes) -> seconds."""
    s = text.strip().lower().replace(" ", "")
    if not s:
        raise LineFailed("Kuinka kauan? Esim. /wait 31m (s, m, h, d).")
    pos, total = 0, 0.0
    while pos < len(s):
        m = _WAIT.match(s, pos)
        if not m or m.end() == pos:
            raise LineFailed(f"En ymmärrä aikaa ”{text.strip()}”. Esim. /wait 31m, /wait 90s, /wait 2h.")
        total += float(m.group(1).replace(",", ".")) * _UNIT[m.group(2)]
        pos = m.end()
    if total <= 0:
        raise LineFailed("Ajan pitää olla enemmän kuin nolla.")
    return total


def _duration_text(seconds: float) -> str:
    s = int(seconds)
    d, rem = divmod(s, 86400)
    h, rem = divmod(rem, 3600)
    m, sec = divmod(rem, 60)
    parts = [f"{d} vrk" if d else "", f"{h} h" if h else "", f"{m} min" if m else "", f"{sec} s" if sec else ""]
    return " ".join(p for p in parts if p) or "0 s"
