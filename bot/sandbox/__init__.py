"""`somevahti sandbox`: the real bot against the local Slack stand-in, in the terminal.

Zero configuration: the fictional Kokkola workspace of `world.py` and `directory.yaml`, a
throw-away SQLite database and a FakeClock that `/wait 31m` moves. Interactive in a terminal,
or `--script FILE` (`-` for stdin) to run lines and print the transcript (exit code 1 if a line
failed). `demo.txt` walks through every flow.

Modules: `runner.py` (the app under uvicorn, the stand-in, settling), `session.py` (commands,
actions, modals), `render.py` (Block Kit as text), `fields.py` (modal answers), `lines.py`
(terminal and script input).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

DEMO_SCRIPT = Path(__file__).with_name("demo.txt")

# Loggers that would otherwise fill the transcript; warnings and errors still show (on stderr).
_LOUD = (
    "uvicorn",
    "uvicorn.error",
    "uvicorn.access",
    "slack_bolt",
    "slack_sdk",
    "aiohttp",
    "httpx",
    "httpcore",
    "somevahti",
    "sqlalchemy",
    "alembic",
    "asyncio",
)


class _Compact(logging.Formatter):
    """One line per record; a traceback only with LOG_LEVEL=DEBUG."""

    def __init__(self, debug: bool) -> None:
        super().__init__("[loki] %(levelname)s %(name)s: %(message)s")
        self.debug = debug

    def formatException(self, ei) -> str:  # noqa: N802  (logging's name)
        if self.debug:
            return super().formatException(ei)
        return f"  ({ei[0].__name__}: {ei[1]}; LOG_LEVEL=DEBUG näyttää koko jäljen)"


SCRIPT_START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # Tue 1.12.2026 10.00 in Helsinki


@contextlib.contextmanager
def _quiet_logs():
    debug = os.environ.get("LOG_LEVEL", "").upper() == "DEBUG"
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Compact(debug))
    handler.setLevel(logging.DEBUG if debug else logging.WARNING)
    root = logging.getLogger()
    saved = {name: logging.getLogger(name).level for name in _LOUD}
    saved_propagate = {name: logging.getLogger(name).propagate for name in _LOUD}
    root.addHandler(handler)
    for name in _LOUD:
        lg = logging.getLogger(name)
        # Bolt's "unhandled request" warning: the sandbox shows its own fallback for those.
        quiet = logging.ERROR if name == "slack_bolt" else logging.WARNING
        lg.setLevel(logging.DEBUG if debug and name == "somevahti" else quiet)
        lg.propagate = True
    try:
        yield
    finally:
        root.removeHandler(handler)
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)
            logging.getLogger(name).propagate = saved_propagate[name]


def _script_lines(script: str) -> list[str]:
    from bot.errors import ConfigError

    if script == "-":
        return sys.stdin.read().splitlines()
    path = Path(script)
    if not path.is_file():
        raise ConfigError(
            f"sandbox: script file '{script}' not found (give a file, '-' for standard input, or try {DEMO_SCRIPT})"
        )
    return path.read_text(encoding="utf-8").splitlines()


def run_sandbox(script: str | None = None, platform: str = "slack") -> int:
    """Run the sandbox interactively (script None) or on a script's lines; returns the exit code."""
    from bot.sandbox.lines import Output, ScriptSource, TerminalSource
    from bot.sandbox.runner import SandboxWorld
    from bot.sandbox.session import Session

    if script is None and not sys.stdin.isatty():
        script = "-"  # `echo /some | somevahti sandbox` prints the transcript like --script -
    lines = _script_lines(script) if script is not None else None
    interactive = lines is None
    color = interactive and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out = Output()
    if platform == "teams":  # the same story in the Teams stand-in's fictional tenant
        from bot.sandbox.teams import run_teams_sandbox

        with _quiet_logs():
            if lines is None:  # interactive
                source = TerminalSource()
                try:
                    return run_teams_sandbox(source, out)
                finally:
                    source.close()
            return run_teams_sandbox(ScriptSource(lines, out), out)
    with _quiet_logs():
        if interactive:
            print("Käynnistetään Somevahti ja paikallinen Slack-sijainen…", flush=True)
        try:
            # A script's transcript is the same every time: its clock starts at a fixed moment (a
            # Tuesday morning, in working hours); a person at the terminal gets today.
            world = SandboxWorld(start=None if interactive else SCRIPT_START)
        except Exception as exc:  # noqa: BLE001  (a broken flow must not end in a bare traceback)
            if os.environ.get("LOG_LEVEL", "").upper() == "DEBUG":
                traceback.print_exc()
            print(
                f"somevahti sandbox: the bot did not start: {type(exc).__name__}: {exc}\n"
                "(LOG_LEVEL=DEBUG somevahti sandbox shows the traceback)",
                file=sys.stderr,
            )
            return 1
        try:
            if lines is None:  # interactive
                source = TerminalSource()
                session = Session(world, source, out, color=color)
                source.set_completer(session.complete)
            else:
                session = Session(world, ScriptSource(lines, out), out, color=color)
            _banner(session, interactive)
            try:
                return session.run()
            finally:
                if interactive:
                    source.close()
        finally:
            world.close()


def _banner(session, interactive: bool) -> None:
    out = session.out
    out.line("Somevahti-hiekkalaatikko: oikea botti kuvitteellisessa Kokkolan Slackissa, ilman verkkoa.")
    if interactive:
        out.line(
            f"Olet {session.names.person(session.user)}; komennot kanavalla #somepaivittajat. "
            "Kokeile /some, /ohje <kysymys>, /uhka tai /kohu."
        )
        out.line(
            "/help näyttää hiekkalaatikon komennot, /people ihmiset, /quit tai Ctrl-D lopettaa. "
            f"Esimerkkikulku: somevahti sandbox --script {_shown_path(DEMO_SCRIPT)}"
        )
    out.line("")


def _shown_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
