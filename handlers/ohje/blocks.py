"""Block Kit for /ohje (pure functions of a search answer). Guideline text is quoted verbatim."""

from __future__ import annotations

import json

from handlers.ohje import ids
from knowledge import get_guideline
from texts import t

# Button values are limited to 2000 characters by Slack.
MAX_QUERY_IN_VALUE = 1500


def _quote(text: str) -> str:
    # Guideline text is ours, not a user's, but it may contain mrkdwn-looking characters.
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "\n".join("> " + line for line in safe.splitlines())


def _source(lang: str, section_title: str) -> dict:
    g = get_guideline()
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": t(lang, "ohje.source", title=g.title, owner=g.owner,
                                                   year=g.year, section=section_title)}],
    }


def feedback_value(query: str, passage_id: str | None) -> str:
    return json.dumps({"q": query[:MAX_QUERY_IN_VALUE], "p": passage_id}, ensure_ascii=False)


def answer_message(answer, lang: str, *, feedback_given: bool = False) -> dict:
    """The ephemeral answer to `/ohje <question>`: best passage, source, see-also, buttons."""
    if answer.no_match or not answer.hits:
        return topics_message(lang, query=answer.query)
    best, others = answer.hits[0], answer.hits[1:3]
    blocks: list[dict] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": t(lang, "ohje.answer_intro")}},
        {"type": "section", "text": {"type": "mrkdwn", "text": _quote(best.passage.text)}},
        _source(lang, best.section.title),
    ]
    if others:
        lines = [t(lang, "ohje.see_also")]
        lines += [f"• _{h.section.title}_: {_quote(h.passage.text)[2:][:280]}" for h in others]
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}})
    topic = best.passage.topic
    if topic in ("threat", "controversy"):
        key, action = ("threat", ids.OPEN_THREAT) if topic == "threat" else ("controversy", ids.OPEN_CONTROVERSY)
        blocks.append({
            "type": "section",
            "text": {"type": "mrkdwn", "text": t(lang, f"ohje.{key}_hint")},
            "accessory": {"type": "button", "action_id": action, "style": "danger",
                          "text": {"type": "plain_text", "text": t(lang, f"ohje.{key}_button")}},
        })
    actions: list[dict] = [
        {"type": "button", "action_id": ids.SHOW_SECTION, "value": best.section.id,
         "text": {"type": "plain_text", "text": t(lang, "ohje.show_section")}},
    ]
    if feedback_given:
        blocks.append({"type": "actions", "elements": actions})
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": t(lang, "ohje.thanks")}]})
    else:
        value = feedback_value(answer.query, best.passage.id)
        actions += [
            {"type": "button", "action_id": ids.FEEDBACK_YES, "value": value,
             "text": {"type": "plain_text", "text": t(lang, "ohje.yes"), "emoji": True}},
            {"type": "button", "action_id": ids.FEEDBACK_NO, "value": value,
             "text": {"type": "plain_text", "text": t(lang, "ohje.no"), "emoji": True}},
        ]
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": t(lang, "ohje.helpful")}]})
        blocks.append({"type": "actions", "elements": actions})
    return {"text": best.passage.text, "blocks": blocks}


def topics_message(lang: str, *, query: str | None = None) -> dict:
    """No question or no match: the guideline's topics to pick from, and whom to ask."""
    g = get_guideline()
    blocks: list[dict] = []
    if query:
        blocks.append({"type": "section", "text": {"type": "mrkdwn",
                                                   "text": t(lang, "ohje.no_match", query=_inline(query))}})
    else:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": t(lang, "ohje.empty")}})
    options = [
        {"text": {"type": "plain_text", "text": s.title[:75]}, "value": s.id}
        for s in sorted(g.sections, key=lambda s: s.order)
    ][:100]
    blocks.append({
        "type": "section",
        "text": {"type": "mrkdwn", "text": t(lang, "ohje.topics")},
        "accessory": {"type": "static_select", "action_id": ids.PICK_TOPIC, "options": options,
                      "placeholder": {"type": "plain_text", "text": t(lang, "ohje.pick_topic")}},
    })
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": t(lang, "ohje.ask_mavi")}]})
    return {"text": t(lang, "ohje.ask_mavi"), "blocks": blocks}


def section_message(section_id: str, lang: str) -> dict:
    """A whole section, every passage verbatim, in order."""
    g = get_guideline()
    section = g.section(section_id)
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": section.title[:150]}},
    ]
    for p in g.passages_in(section.id)[:45]:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _quote(p.text)}})
    blocks.append(_source(lang, section.title))
    return {"text": section.title, "blocks": blocks}


def _inline(text: str) -> str:
    from handlers.common import escape

    return escape(" ".join(text.split()))[:200]
