"""Block Kit for App Home (pure): reuses each flow's own list builders."""

from datetime import datetime

from handlers.help.blocks import help_message
from handlers.kohu import blocks as kohu_blocks
from handlers.uhka import blocks as uhka_blocks

MAX_HOME_BLOCKS = 100


def home_view(
    lang: str,
    threat_lists: dict,
    controversies: list,
    now: datetime,
    *,
    own_alerts_only: bool = False,
    all_threats: list | None = None,
) -> dict:
    """`all_threats` (admins only): every open threat report, as `/uhka avoimet` shows them."""
    blocks = help_message(lang)["blocks"]
    parts = [uhka_blocks.list_message(lang, threat_lists)]
    if all_threats is not None:
        parts.append(uhka_blocks.open_all_message(lang, all_threats))
    parts.append(kohu_blocks.list_message(lang, controversies, now, own_only=own_alerts_only))
    for part in parts:
        blocks = [*blocks, {"type": "divider"}, *part["blocks"]]
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}


REVIEW_ITEMS = 6  # /ohje questions shown to admins, 4 blocks each: room left for the rest of the tab


def ohje_review_blocks(lang: str, items: list) -> list[dict]:
    """Admins: /ohje questions answered without confidence or voted down (no one's name), newest
    first, each with its best candidate passages and an "Opeta" button storing the alias."""
    import json

    from handlers.common import escape
    from handlers.ohje import ids
    from knowledge import get_guideline
    from texts import t

    g = get_guideline()
    blocks: list[dict] = [
        {"type": "divider"},
        {"type": "header", "text": {"type": "plain_text", "text": t(lang, "ohje.review_title")}},
    ]
    if not items:
        return [*blocks, {"type": "context", "elements": [{"type": "mrkdwn", "text": t(lang, "ohje.review_empty")}]}]
    for i, item in enumerate(items[:REVIEW_ITEMS]):
        reasons = ", ".join(t(lang, f"ohje.review_reason.{r}") for r in item.reasons)
        blocks.append(
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": t(
                        lang,
                        "ohje.review_item",
                        query=escape(" ".join(item.query.split()))[:300],
                        count=item.count,
                        date=item.last_at.strftime("%d.%m.%Y"),
                        reasons=reasons,
                    ),
                },
            }
        )
        for j, pid in enumerate(item.candidates):
            p = g.passage(pid)
            snippet = escape(" ".join(p.text.split()))[:180]
            blocks.append(
                {
                    "type": "section",
                    "block_id": f"ohje_teach_{i}_{j}",
                    "text": {
                        "type": "mrkdwn",
                        "text": f"> {snippet}\n_{escape(g.section(p.section_id).title)}_ · `{pid}`",
                    },
                    "accessory": {
                        "type": "button",
                        "action_id": ids.TEACH,
                        "value": json.dumps({"q": item.query[:1500], "p": pid}, ensure_ascii=False),
                        "text": {"type": "plain_text", "text": t(lang, "ohje.teach_button")},
                    },
                }
            )
    return blocks
