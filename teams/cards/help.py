"""What the bot can do in Teams (`apua` / `help` / `hjälp`, and the greeting on installation)."""

from __future__ import annotations

from teams.cards.common import card, text_block
from texts import t


def help_card(lang: str) -> dict:
    return card(
        [
            text_block(t(lang, "help.title"), weight="Bolder", size="Medium"),
            text_block(t(lang, "help.teams_intro")),
            text_block("• " + t(lang, "help.teams_ohje")),
            text_block("• " + t(lang, "help.teams_help")),
            text_block(t(lang, "help.danger"), color="Attention"),
        ]
    )
