"""The sandbox in Microsoft Teams: the same bot (Teams-only configuration) against the Teams
stand-in's fictional tenant, driven by activities signed as Teams signs them, like the tests.

    somevahti sandbox --platform teams [--script FILE]

You act as a person of the tenant (`/as maija`, `/people`); anything else you type is a message in
that person's 1:1 chat with the bot (`uhka`, `kohu`, a question). Cards are shown as text with
their buttons; `/press <title or number>` presses one (a dialog's fields are then asked one line
each: an empty line keeps or skips, `/submit` sends at once). `/image NAME` sends a screenshot in the
chat, `/inbox [person|kanava]` shows someone's messages, `/wait 31m` moves the clock (deadlines
escalate), `/expect TEXT` checks what the last line printed.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from bot.config import Settings
from bot.directory import load_directory
from bot.sandbox.runner import ServerThread
from bot.sandbox.session import parse_wait
from bot.server import build_runtime
from escalation.clock import FakeClock

DIRECTORY_FILE = Path(__file__).with_name("directory_teams.yaml")
DEMO_SCRIPT = Path(__file__).with_name("demo_teams.txt")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # a placeholder screenshot
_MD = re.compile(r"\*\*|\u2060")
YES = {"kyllä", "k", "yes", "y", "ja", "true", "1"}


class TeamsWorld:
    """Teams stand-in + the real app (Teams only) + driver + FakeClock + a throw-away database."""

    def __init__(self, *, start: datetime | None = None):
        from standin.teams import TeamsDriver, run_teams_standin

        self._stack = contextlib.ExitStack()
        self.tmp = Path(tempfile.mkdtemp(prefix="somevahti-teams-sandbox-"))
        self._stack.callback(shutil.rmtree, self.tmp, True)
        self.teams = self._stack.enter_context(run_teams_standin())
        self.clock = FakeClock(start or datetime(2026, 3, 3, 8, 0, tzinfo=UTC))
        t = self.teams
        settings = Settings(
            teams_client_id=t.bot.client_id,
            teams_client_secret=SecretStr(t.bot.client_secret),
            teams_tenant_id=t.tenant.id,
            teams_service_url=t.service_url,
            teams_login_endpoint=t.login_endpoint,
            teams_openid_metadata_url=t.openid_metadata_url,
            database_url=f"sqlite:///{self.tmp}/sandbox.db",
            somevahti_directory=DIRECTORY_FILE,
            _env_file=None,
        )
        self.runtime = build_runtime(settings, load_directory(DIRECTORY_FILE), clock=self.clock)
        self.server = ServerThread(self.runtime, run_worker=False)
        self.server.start()
        self._stack.callback(self.server.stop)
        self.driver = TeamsDriver(f"http://127.0.0.1:{self.server.port}/api/messages", t)
        self._stack.callback(self.driver.close)

    def settle(self) -> None:
        self.server.call(self.runtime.worker.drain())

    def close(self) -> None:
        self._stack.close()
        self.runtime.svc.db.dispose()


def card_lines(card: dict) -> tuple[list[str], list[dict]]:
    """A card as text lines, and its buttons (card actions and ActionSets), in order."""
    lines: list[str] = []
    actions: list[dict] = []

    def walk(items):
        for el in items or []:
            kind = el.get("type")
            if kind == "TextBlock":
                lines.append(_MD.sub("", el.get("text", "")))
            elif kind == "RichTextBlock":
                text = "".join(i.get("text", "") for i in el.get("inlines") or [])
                lines.extend("  │ " + ln for ln in _MD.sub("", text).splitlines())
            elif kind == "Container":
                walk(el.get("items"))
            elif kind == "ActionSet":
                actions.extend(el.get("actions") or [])
            elif kind and kind.startswith("Input."):
                lines.append(f"  [{el.get('label', el.get('id'))}]")

    walk(card.get("body"))
    actions.extend(card.get("actions") or [])
    return lines, actions


class TeamsSession:
    def __init__(self, world: TeamsWorld, source, out):
        self.world, self.source, self.out = world, source, out
        self.me = "maija"
        self.buttons: list[tuple[dict, dict | None]] = []  # (action, the message it is on)
        self.seen: dict[str, int] = {}
        self.failures: list[tuple[int, str]] = []
        self.quit = False
        self.names = {p.key: p.name for p in world.teams.tenant.people}

    # -- the loop -------------------------------------------------------------------------

    @property
    def prompt(self) -> str:
        return f"{self.me}> "

    def run(self) -> int:
        self.snapshot_seen()
        while not self.quit:
            line = self.source.read(self.prompt)
            if line is None:
                break
            self.run_line(line)
        if self.failures and not self.source.interactive:
            self.out.line(
                f"✗ {len(self.failures)} rivi(ä) epäonnistui (rivi {', '.join(str(n) for n, _ in self.failures)})."
            )
            return 1
        return 0

    def run_line(self, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            return
        if stripped.startswith("#"):
            self.out.line(line, record=False)
            return
        checking = stripped.lower().startswith("/expect")
        if not checking:
            self.out.reset()
        self.source.echo(self.prompt, line, record=not checking)
        try:
            self.command(stripped)
        except Exception as exc:  # noqa: BLE001  (the sandbox never dies of one bad line)
            self.fail(f"Virhe: {type(exc).__name__}: {exc}")

    def fail(self, message: str) -> None:
        self.out.line(f"✗ {message}", record=False)
        self.failures.append((self.source.line_no, message))

    def command(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        rest = rest.strip()
        handler = {
            "/as": self.cmd_as,
            "/people": self.cmd_people,
            "/press": self.cmd_press,
            "/image": self.cmd_image,
            "/inbox": self.cmd_inbox,
            "/wait": self.cmd_wait,
            "/expect": self.cmd_expect,
            "/quit": self.cmd_quit,
            "/exit": self.cmd_quit,
            "/help": self.cmd_help,
        }.get(word.lower())
        if handler is not None:
            return handler(rest)
        if line.isdigit():
            return self.cmd_press(line)
        self.world.driver.message(self.me, line)
        self.after()

    # -- commands -----------------------------------------------------------------------

    def cmd_help(self, rest: str) -> None:
        self.out.lines(__doc__.strip().splitlines()[2:])

    def cmd_quit(self, rest: str) -> None:
        self.quit = True

    def cmd_as(self, rest: str) -> None:
        if rest not in self.names:
            raise ValueError(f"ei henkilöä '{rest}' (/people)")
        self.me = rest

    def cmd_people(self, rest: str) -> None:
        for key, name in self.names.items():
            self.out.line(f"  {key:8} {name}")

    def cmd_wait(self, rest: str) -> None:
        self.world.clock.advance(seconds=parse_wait(rest))
        self.out.line(f"  (kello: {self.world.clock.now():%d.%m.%Y %H.%M} UTC)")
        self.after()

    def cmd_expect(self, rest: str) -> None:
        if rest.lower() not in self.out.text().lower():
            self.fail(f"odotettiin tekstiä: {rest}")

    def cmd_image(self, rest: str) -> None:
        name = rest or "kuvakaappaus.png"
        self.world.driver.message_with_files(self.me, images=[(name, PNG, "image/png")])
        self.after()

    def cmd_inbox(self, rest: str) -> None:
        who = rest or self.me
        messages = self.channel() if who in ("kanava", "mavi") else self.world.teams.personal_messages(who)
        for m in messages[-3:]:
            self.show(m, self.where(m))

    def cmd_press(self, rest: str) -> None:
        found = None
        if rest.isdigit() and 0 < int(rest) <= len(self.buttons):
            found = self.buttons[int(rest) - 1]
        else:
            title = rest.lower()
            found = next((b for b in reversed(self.buttons) if b[0].get("title", "").lower() == title), None) or next(
                (b for b in reversed(self.buttons) if title in b[0].get("title", "").lower()), None
            )
        if found is None:
            raise ValueError(f"ei painiketta '{rest}'")
        action, message = found
        data = dict(action.get("data") or {})
        d = self.world.driver
        if action.get("type") == "Action.Execute":
            r = d.card_action(self.me, action["verb"], data, message=message)
            value = (r.json or {}).get("value") if r.status_code == 200 else None
            if isinstance(value, dict):
                self.print_card(value, "  ↳ (vain sinulle)", message)
        elif (data.get("msteams") or {}).get("type") == "task/fetch":
            self.dialog(d.task_fetch(self.me, data))
        self.after()

    # -- dialogs ------------------------------------------------------------------------------

    def dialog(self, r) -> None:
        for _ in range(3):
            task = (r.json or {}).get("task") or {}
            if task.get("type") == "message":
                self.out.line(f"  ✓ {task.get('value')}")
                return
            value = task.get("value") or {}
            card = ((value.get("card") or {}).get("content")) or {}
            self.out.line(f"  ┌ {value.get('title', '')}")
            lines, _ = card_lines({"body": [e for e in card.get("body") or [] if e.get("type") == "TextBlock"]})
            self.out.lines("  │ " + ln for ln in lines)
            submit = next(a for a in card.get("actions") or [] if a.get("type") == "Action.Submit")
            values = self.ask(card)
            r = self.world.driver.task_submit(self.me, {**submit["data"], **values})
        self.fail("lomake ei mennyt läpi")

    def ask(self, card: dict) -> dict:
        values: dict[str, Any] = {}
        fields = [e for e in card.get("body") or [] if e.get("type", "").startswith("Input.")]
        for el in fields:
            if el.get("value") not in (None, ""):
                values[el["id"]] = el["value"]
        for el in fields:
            prompt = f"  {el.get('label', el['id'])}: "
            line = self.source.read(prompt)
            while line is not None and line.strip().startswith("#"):  # a script's explanation
                self.out.line(line, record=False)
                line = self.source.read(prompt)
            if line is None:
                break
            if line.strip() == "/submit":
                self.source.echo(prompt, line)
                break
            self.source.echo(prompt, line)
            answer = line.strip()
            if not answer:
                continue
            if el["type"] == "Input.ChoiceSet":
                choices = el.get("choices") or []
                pick = next((c for c in choices if answer.lower() in (c["title"].lower(), c["value"].lower())), None)
                if pick is None and answer.isdigit() and 0 < int(answer) <= len(choices):
                    pick = choices[int(answer) - 1]
                values[el["id"]] = pick["value"] if pick else answer
            elif el["type"] == "Input.Toggle":
                values[el["id"]] = el.get("valueOn", "true") if answer.lower() in YES else el.get("valueOff", "false")
            else:
                values[el["id"]] = answer
        return values

    # -- what the bot sent ---------------------------------------------------------------------

    def channel(self) -> list[dict]:
        team = self.world.teams.tenant.teams[0]
        return [
            m for ch in team.channels if not ch.private for m in self.world.teams.channel_messages(team.key, ch.name)
        ]

    def all_messages(self) -> list[dict]:
        out = [m for key in self.names for m in self.world.teams.personal_messages(key)]
        return out + self.channel()

    def where(self, m: dict) -> str:
        for key, name in self.names.items():
            with contextlib.suppress(Exception):
                if m["conversation_id"] == self.world.teams.personal_conversation_id(key):
                    return f"→ {name} (1:1)"
        return "→ mavi-kanava" + (" (ketjussa)" if m.get("thread_id") and m.get("thread_id") != m["id"] else "")

    def snapshot_seen(self) -> None:
        self.seen = {m["id"]: len(m.get("versions") or []) for m in self.all_messages()}

    def after(self) -> None:
        """Deliver what is owed, then show every message that is new or was updated in place."""
        self.world.settle()
        for m in self.all_messages():
            versions = len(m.get("versions") or [])
            if m["id"] not in self.seen:
                self.show(m, self.where(m))
            elif versions != self.seen[m["id"]]:
                self.show(m, self.where(m) + " (päivitetty)")
            self.seen[m["id"]] = versions

    def show(self, m: dict, title: str) -> None:
        for att in m["activity"].get("attachments") or []:
            if isinstance(att.get("content"), dict):
                self.print_card(att["content"], title, m)

    def print_card(self, card: dict, title: str, message: dict | None) -> None:
        lines, actions = card_lines(card)
        self.out.line(title)
        self.out.lines("  " + ln for ln in lines if ln.strip())
        for a in actions:
            self.buttons.append((a, message))
            self.out.line(f"  [{len(self.buttons)}] {a.get('title', '')}")


def run_teams_sandbox(source, out) -> int:
    if source.interactive:
        out.line("Käynnistetään Somevahti ja paikallinen Teams-sijainen…", record=False)
    world = TeamsWorld()
    try:
        session = TeamsSession(world, source, out)
        if source.interactive:
            out.line(
                "Somevahti Teamsissa. /people näyttää henkilöt, /help komennot. Esimerkkikulku: "
                f"somevahti sandbox --platform teams --script {DEMO_SCRIPT}",
                record=False,
            )
        return session.run()
    finally:
        world.close()
