"""Block Kit for App Home (pure): reuses each flow's own list builders."""

from datetime import datetime

from handlers.help.blocks import help_message
from handlers.kohu import blocks as kohu_blocks
from handlers.uhka import blocks as uhka_blocks

MAX_HOME_BLOCKS = 100


def home_view(lang: str, threat_lists: dict, controversies: list, now: datetime) -> dict:
    blocks = help_message(lang)["blocks"]
    for part in (uhka_blocks.list_message(lang, threat_lists), kohu_blocks.list_message(lang, controversies, now)):
        blocks = [*blocks, {"type": "divider"}, *part["blocks"]]
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}
