"""`somevahti ask`: answer questions about the social-media guideline from the command line."""

from __future__ import annotations

import json
import textwrap
from typing import TextIO

from . import get_guideline, get_index
from .search import Answer, shorten

TEAM = "Kysy markkinointi- ja viestintätiimiltä (mavi-tiimi)."
DANGER = "Välittömässä vaarassa soita aina ensin hätänumeroon 112."
REPORT = {
    "threat": "Ilmoita uhkaavasta viestistä komennolla /uhka",
    "controversy": "Hälytä somekohusta komennolla /kohu",
}
UNSURE = "En ole varma – lähimmät kohdat:"
NOTE = "Toimittajan huomautus (ei ohjeen tekstiä): "


def run_ask(question: str | None, as_json: bool, stdin: TextIO, stdout: TextIO) -> int:
    """Answer `question`, or with as_json and no question each stdin line. Returns the exit code."""
    if question is not None and question.strip():
        answer = get_index().search(question.strip(), limit=3)
        if as_json:
            stdout.write(json.dumps(answer.to_json(), ensure_ascii=False) + "\n")
        else:
            stdout.write(format_answer(answer))
        return 0
    if not as_json:
        stdout.write(
            'Anna kysymys, esim. somevahti ask "mitä teen uhkaavalle viestille", '
            "tai käytä --json ja syötä kysymykset riveittäin.\n"
        )
        return 2
    index = get_index()
    for line in stdin:
        if line.strip():
            stdout.write(json.dumps(index.search(line.strip(), limit=3).to_json(), ensure_ascii=False) + "\n")
            stdout.flush()  # one answer per line as they come, for pipes
    return 0


def _quote(text: str, indent: str = "  ") -> str:
    return textwrap.fill(f"”{text}”", width=78, initial_indent=indent, subsequent_indent=indent)


def format_answer(answer: Answer) -> str:
    g = get_guideline()
    topics = "\n".join(f"  – {s.title}" for s in g.sections)
    if answer.no_match:
        return (
            f"En löytänyt ohjeesta vastausta kysymykseen ”{answer.query}”.\n\n"
            f"{g.title} ({g.year}) käsittelee näitä aiheita:\n{topics}\n\n{TEAM}\n"
        )
    if not answer.confident:
        lines = [UNSURE]
        for hit in answer.hits[:3]:
            lines += ["", _quote(shorten(hit.passage.text)), f"  Osio: {hit.section.title}"]
        lines += ["", f"Lähde: {g.title}, {g.owner} {g.year}", "", f"Ohjeen aiheet:\n{topics}", "", TEAM]
        return "\n".join(lines) + "\n"
    best, *others = answer.hits
    kind = answer.situation or best.passage.topic
    lines = [DANGER, ""] if kind == "threat" else []
    lines += [
        "Ohje sanoo:",
        _quote(shorten(best.passage.text)),
    ]
    if best.passage.notes.get("fi"):
        lines.append(
            textwrap.fill(NOTE + best.passage.notes["fi"], width=78, initial_indent="  ", subsequent_indent="  ")
        )
    lines += [
        f"Osio: {best.section.title}",
        f"Lähde: {g.title}, {g.owner} {g.year}",
    ]
    if kind in REPORT:
        lines += ["", REPORT[kind]]
    if others:
        lines += ["", "Katso myös:"]
        for hit in others[:2]:
            lines.append(
                textwrap.fill(
                    f"– {hit.section.title}: ”{shorten(hit.passage.text, 200)}”",
                    width=78,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
    return "\n".join(lines) + "\n"
