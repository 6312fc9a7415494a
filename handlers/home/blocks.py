"""Block Kit for App Home (pure): reuses each flow's own list builders."""

from datetime import datetime

from handlers.help.blocks import help_message
from handlers.kohu import blocks as kohu_blocks
from handlers.uhka import blocks as uhka_blocks

MAX_HOME_BLOCKS = 100


def home_view(lang: str, threat_lists: dict, controversies: list, now: datetime, *, own_alerts_only: bool = False,
              all_threats: list | None = None) -> dict:
    """`all_threats` (admins only): every open threat report, as `/uhka avoimet` shows them."""
    blocks = help_message(lang)["blocks"]
    parts = [uhka_blocks.list_message(lang, threat_lists)]
    if all_threats is not None:
        parts.append(uhka_blocks.open_all_message(lang, all_threats))
    parts.append(kohu_blocks.list_message(lang, controversies, now, own_only=own_alerts_only))
    for part in parts:
        blocks = [*blocks, {"type": "divider"}, *part["blocks"]]
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}
