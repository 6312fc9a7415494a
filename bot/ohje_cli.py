"""`somevahti ask review | teach | aliases`: the /ohje learning loop from the command line."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from bot.db import Database
from escalation import ohje_review
from knowledge import get_guideline
from knowledge.aliases import dump_aliases, load_aliases


def run_review(db: Database, out=None, limit: int = 20) -> int:
    """The unreviewed questions, newest first, grouped by question, with the best candidates."""
    out = out or sys.stdout
    g = get_guideline()
    with db.reading() as s:
        items = ohje_review.pending(s, limit=limit)
    if not items:
        print("No /ohje questions to review.", file=out)
        return 0
    for item in items:
        print(
            f"{item.last_at:%Y-%m-%d %H:%M}  asked {item.count}×  ({', '.join(item.reasons)})  ”{item.query}”", file=out
        )
        for pid in item.candidates:
            p = g.passage(pid)
            print(f"    {pid:<32} {' '.join(p.text.split())[:90]}", file=out)
    print('\nTeach one: somevahti ask teach "<question>" <passage id>', file=out)
    return 0


def run_teach(db: Database, now: datetime, question: str, passage_id: str, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        ohje_review.check_passage(passage_id)
    except ohje_review.UnknownPassage:
        print(f"somevahti: error: unknown passage id {passage_id!r} (see somevahti ask review)", file=err)
        return 2
    if not question.strip():
        print("somevahti: error: give the question to teach", file=err)
        return 2
    with db.transaction() as s:
        new = ohje_review.teach(s, now, question, passage_id)
    print(
        f"{'Taught' if new else 'Already taught'}: ”{' '.join(question.split())}” -> {passage_id} "
        "(the running bot uses it within seconds)",
        file=out,
    )
    return 0


def export_text(db: Database) -> str:
    """The shipped aliases and the database's together, in knowledge/aliases.yaml's format."""
    with db.reading() as s:
        taught = ohje_review.aliases(s)
    return dump_aliases([*load_aliases(), *taught])


def run_aliases(
    db: Database, now: datetime, *, export: str | None = None, import_: str | None = None, out=None, err=None
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    if bool(export) == bool(import_):
        print("somevahti: error: ask aliases needs --export FILE.yaml or --import FILE.yaml", file=err)
        return 2
    if export:
        text = export_text(db)
        Path(export).write_text(text, encoding="utf-8")
        print(
            f"Wrote {text.count('- passage:')} aliases to {export}; to ship them, replace "
            "knowledge/aliases.yaml with it in a normal change.",
            file=out,
        )
        return 0
    assert import_ is not None  # one of the two was given
    if not Path(import_).exists():
        print(f"somevahti: error: {import_}: no such file", file=err)
        return 2
    try:
        pairs = load_aliases(Path(import_))
        for _q, pid in pairs:
            ohje_review.check_passage(pid)
    except (OSError, ValueError, AttributeError) as exc:
        print(f"somevahti: error: {import_}: not an aliases file or unknown passage id ({exc})", file=err)
        return 2
    shipped = {(ohje_review.alias_key(q), pid) for q, pid in load_aliases()}
    with db.transaction() as s:
        added = sum(
            ohje_review.teach(s, now, q, pid) for q, pid in pairs if (ohje_review.alias_key(q), pid) not in shipped
        )
    print(f"Imported {added} new aliases from {import_} ({len(pairs)} in the file).", file=out)
    return 0
