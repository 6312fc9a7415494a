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
        "elements": [
            {
                "type": "mrkdwn",
                "text": t(lang, "ohje.source", title=g.title, owner=g.owner, year=g.year, section=section_title),
            }
        ],
    }


def feedback_value(query: str, passage_id: str | None) -> str:
    return json.dumps({"q": query[:MAX_QUERY_IN_VALUE], "p": passage_id}, ensure_ascii=False)


def _passage_text(passage, lang: str) -> str:
    """The verbatim Finnish quote; for a Swedish reader the unofficial translation under it."""
    text = _quote(passage.text)
    if lang == "sv" and passage.sv:
        text += f"\n_{t(lang, 'ohje.translation')}_\n{_quote(passage.sv)}"
    return text


def _note(passage, lang: str) -> dict | None:
    """The editor's note on a passage (e.g. what a figure shows), marked as not guideline text."""
    note = passage.notes.get(lang) or passage.notes.get("fi")
    if not note:
        return None
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": t(lang, "ohje.editor_note", note=note)}]}


def _situation_blocks(answer, best, lang: str) -> list[dict]:
    """A threat: the 112 line and the /uhka button; a controversy: the /kohu button."""
    kind = answer.situation or best.passage.topic
    if kind not in ("threat", "controversy"):
        return []
    key, action = ("threat", ids.OPEN_THREAT) if kind == "threat" else ("controversy", ids.OPEN_CONTROVERSY)
    blocks = []
    if kind == "threat":
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "🚨 " + t(lang, "help.danger")}})
    blocks.append(
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": t(lang, f"ohje.{key}_hint")},
            "accessory": {
                "type": "button",
                "action_id": action,
                "style": "danger",
                "value": kind,
                "text": {"type": "plain_text", "text": t(lang, f"ohje.{key}_button")},
            },
        }
    )
    return blocks


def answer_message(answer, lang: str, *, feedback_given: bool = False) -> dict:
    """The ephemeral answer to `/ohje <question>`: best passage, source, see-also, buttons.
    Unsure (on topic, but no passage covers the question well): the closest passages and the topics."""
    if answer.no_match or not answer.hits:
        return topics_message(lang, query=answer.query)
    if not answer.confident:
        return unsure_message(answer, lang, feedback_given=feedback_given)
    best, others = answer.hits[0], answer.hits[1:3]
    situation = _situation_blocks(answer, best, lang)
    # a threat: the 112 line first of all; the report button right under the guideline's answer
    blocks: list[dict] = [b for b in situation if "accessory" not in b]
    blocks += [
        {"type": "section", "text": {"type": "mrkdwn", "text": t(lang, "ohje.answer_intro")}},
        {"type": "section", "text": {"type": "mrkdwn", "text": _passage_text(best.passage, lang)}},
    ]
    if note := _note(best.passage, lang):
        blocks.append(note)
    blocks.append(_source(lang, best.section.title))
    blocks += [b for b in situation if "accessory" in b]
    if others:
        lines = [t(lang, "ohje.see_also")]
        lines += [f"• _{h.section.title}_: {_quote(h.passage.text)[2:][:280]}" for h in others]
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}})
    blocks += _feedback_blocks(answer, best, lang, feedback_given)
    return {"text": best.passage.text, "blocks": blocks}


def _feedback_blocks(answer, best, lang: str, feedback_given: bool) -> list[dict]:
    actions: list[dict] = [
        {
            "type": "button",
            "action_id": ids.SHOW_SECTION,
            "value": best.section.id,
            "text": {"type": "plain_text", "text": t(lang, "ohje.show_section")},
        },
    ]
    if feedback_given:
        return [
            {"type": "actions", "elements": actions},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": t(lang, "ohje.thanks")}]},
        ]
    value = feedback_value(answer.query, best.passage.id)
    actions += [
        {
            "type": "button",
            "action_id": ids.FEEDBACK_YES,
            "value": value,
            "text": {"type": "plain_text", "text": t(lang, "ohje.yes"), "emoji": True},
        },
        {
            "type": "button",
            "action_id": ids.FEEDBACK_NO,
            "value": value,
            "text": {"type": "plain_text", "text": t(lang, "ohje.no"), "emoji": True},
        },
    ]
    return [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": t(lang, "ohje.helpful")}]},
        {"type": "actions", "elements": actions},
    ]


def unsure_message(answer, lang: str, *, feedback_given: bool = False) -> dict:
    """On topic but unsure: "En ole varma – lähimmät kohdat:", the three closest passages
    (each with its section), the topics to pick from and whom to ask."""
    blocks: list[dict] = [{"type": "section", "text": {"type": "mrkdwn", "text": t(lang, "ohje.unsure")}}]
    for hit in answer.hits[:3]:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _passage_text(hit.passage, lang)}})
        if note := _note(hit.passage, lang):
            blocks.append(note)
        blocks.append(_source(lang, hit.section.title))
    blocks += _topic_blocks(lang)
    best = answer.hits[0]
    blocks += _feedback_blocks(answer, best, lang, feedback_given)
    return {"text": t(lang, "ohje.unsure"), "blocks": blocks}


def topics_message(lang: str, *, query: str | None = None) -> dict:
    """No question or no match: the guideline's topics to pick from, and whom to ask."""
    blocks: list[dict] = []
    if query:
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": t(lang, "ohje.no_match", query=_inline(query))}}
        )
    else:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": t(lang, "ohje.empty")}})
    blocks += _topic_blocks(lang)
    return {"text": t(lang, "ohje.ask_mavi"), "blocks": blocks}


def _topic_blocks(lang: str) -> list[dict]:
    """The topic picker and whom to ask."""
    g = get_guideline()
    options = [
        {"text": {"type": "plain_text", "text": s.title[:75]}, "value": s.id}
        for s in sorted(g.sections, key=lambda s: s.order)
    ][:100]
    return [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": t(lang, "ohje.topics")},
            "accessory": {
                "type": "static_select",
                "action_id": ids.PICK_TOPIC,
                "options": options,
                "placeholder": {"type": "plain_text", "text": t(lang, "ohje.pick_topic")},
            },
        },
        {"type": "context", "elements": [{"type": "mrkdwn", "text": t(lang, "ohje.ask_mavi")}]},
    ]


def section_message(section_id: str, lang: str) -> dict:
    """A whole section, every passage verbatim, in order."""
    g = get_guideline()
    section = g.section(section_id)
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": section.title[:150]}},
    ]
    for p in g.passages_in(section.id)[:22]:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _passage_text(p, lang)}})
        if note := _note(p, lang):
            blocks.append(note)
    blocks.append(_source(lang, section.title))
    return {"text": section.title, "blocks": blocks}


def _inline(text: str) -> str:
    from handlers.common import escape

    return escape(" ".join(text.split()))[:200]
