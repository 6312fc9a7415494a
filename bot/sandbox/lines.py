"""Where the sandbox's lines come from: the terminal (with readline) or a script (echoed)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from bot.sandbox.render import strip_ansi

PASTE_GAP_S = 0.03  # lines closer together than this came in one paste
HISTORY_FILE = Path(os.environ.get("SOMEVAHTI_SANDBOX_HISTORY", "~/.somevahti_sandbox_history")).expanduser()


class Output:
    """Everything the sandbox prints goes through here, so /expect can look at it."""

    def __init__(self) -> None:
        self.buffer: list[str] = []

    def line(self, text: str = "", *, record: bool = True) -> None:
        if record:
            self.buffer.append(strip_ansi(text))
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def lines(self, texts: Iterable[str]) -> None:
        for t in texts:
            self.line(t)

    def reset(self) -> None:
        self.buffer.clear()

    def text(self) -> str:
        return "\n".join(self.buffer)


class Source:
    """A line source. read() returns None at the end (EOF / Ctrl-D)."""

    interactive = False

    def __init__(self) -> None:
        self._pushed: list[tuple[str, int]] = []
        self.line_no = 0

    def push_back(self, line: str) -> None:
        """Give a line back so the next read() returns it again (without echoing it twice)."""
        self._pushed.append((line, self.line_no))

    def read(self, prompt: str) -> str | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def echo(self, prompt: str, line: str, *, record: bool = True) -> None:  # pragma: no cover - overridden
        """Show a line read as if typed after the prompt (where it is not on the screen already)."""
        raise NotImplementedError

    def pasted_with(self) -> list[str]:
        """Lines that arrived together with the one just read (one paste): none from a script,
        where every line is its own answer."""
        return []


class ScriptSource(Source):
    """Lines of a script; each is echoed after the prompt, as if typed."""

    def __init__(self, lines: Iterable[str], out: Output) -> None:
        super().__init__()
        self._lines = [line.rstrip("\r\n") for line in lines]
        self._i = 0
        self.out = out

    def read(self, prompt: str) -> str | None:
        if self._pushed:
            line, self.line_no = self._pushed.pop()
            return line
        if self._i >= len(self._lines):
            return None
        line = self._lines[self._i]
        self._i += 1
        self.line_no = self._i
        return line

    def echo(self, prompt: str, line: str, *, record: bool = True) -> None:
        self.out.line(f"{prompt}{line}" if line.strip() else prompt.rstrip(), record=record)


class TerminalSource(Source):
    """input() with readline history and completion when available."""

    interactive = True

    def __init__(self) -> None:
        super().__init__()
        self._readline = None
        try:
            import readline
        except ImportError:  # e.g. Windows without pyreadline
            return
        self._readline = readline
        with contextlib.suppress(OSError):
            readline.read_history_file(HISTORY_FILE)
        readline.set_history_length(1000)

    def set_completer(self, completer: Callable[[str, int], str | None]) -> None:
        readline = self._readline
        if readline is None:
            return
        readline.set_completer(completer)
        readline.set_completer_delims(" \t")
        if "libedit" in (readline.__doc__ or ""):
            readline.parse_and_bind("bind ^I rl_complete")
        else:
            readline.parse_and_bind("tab: complete")

    def read(self, prompt: str) -> str | None:
        if self._pushed:
            line, _ = self._pushed.pop()
            return line
        try:
            line = input(prompt)
        except EOFError:
            sys.stdout.write("\n")
            return None
        self.line_no += 1
        return line

    def pasted_with(self, wait: float = PASTE_GAP_S) -> list[str]:
        """The rest of a paste: lines already waiting on the terminal right after the one just read
        (typing is never that fast), so a two-line paste into a text field stays in that field."""
        more = []
        while self._waiting(wait):
            try:
                more.append(input(""))
            except EOFError:
                break
            self.line_no += 1
        return more

    @staticmethod
    def _waiting(wait: float) -> bool:
        try:
            import select

            return bool(select.select([sys.stdin], [], [], wait)[0])
        except (OSError, ValueError, ImportError):  # not a selectable stdin (Windows, tests)
            return False

    def echo(self, prompt: str, line: str, *, record: bool = True) -> None:
        """The terminal already shows what was typed."""

    def close(self) -> None:
        if self._readline is not None:
            with contextlib.suppress(OSError):
                self._readline.write_history_file(HISTORY_FILE)
