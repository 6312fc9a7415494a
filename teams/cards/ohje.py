"""Adaptive Cards for /ohje in Teams (pure functions of a search answer). Guideline text is quoted
verbatim, in TextRuns (no markdown); the user's question only ever as neutral plain text."""

from __future__ import annotations

from knowledge import get_guideline
from knowledge.search import shorten
from teams.cards.common import card, execute, neutral, plain, text_block
from texts import t

SHOW_SECTION = "ohje.section"
FEEDBACK = "ohje.feedback"
MAX_QUERY_IN_DATA = 1500  # the question travels in the feedback buttons' data
MAX_PASSAGES = 45  # a whole section stays far below Teams' ~100 KB message limit


def _source(lang: str, section_title: str) -> dict:
    g = get_guideline()
    return text_block(
        t(lang, "ohje.source", title=g.title, owner=g.owner, year=g.year, section=section_title),
        isSubtle=True,
        size="Small",
        spacing="Small",
    )


def _quote(text: str) -> dict:
    return {"type": "Container", "style": "emphasis", "items": [plain(text)]}


def answer_card(answer, lang: str, *, feedback_given: bool = False) -> dict:
    """The answer to a question: best passage verbatim with its section, see-also, buttons."""
    if answer.no_match or not answer.hits:
        return topics_card(lang, query=answer.query)
    best, others = answer.hits[0], answer.hits[1:3]
    body = [
        text_block(t(lang, "ohje.answer_intro")),
        plain(best.section.title, weight="Bolder"),
        _quote(best.passage.text),
        _source(lang, best.section.title),
    ]
    if others:
        body.append(text_block(t(lang, "ohje.see_also"), spacing="Medium"))
        body += [plain(f"{h.section.title}: {shorten(h.passage.text, 280)}", isSubtle=True) for h in others]
    body += situation_items(answer, best, lang)
    actions = [execute(t(lang, "ohje.show_section"), SHOW_SECTION, section=best.section.id)]
    if feedback_given:
        body.append(text_block(t(lang, "ohje.thanks"), isSubtle=True))
    else:
        body.append(text_block(t(lang, "ohje.helpful"), isSubtle=True))
        q = answer.query[:MAX_QUERY_IN_DATA]
        actions += [
            execute(t(lang, "ohje.yes"), FEEDBACK, q=q, p=best.passage.id, helpful=True),
            execute(t(lang, "ohje.no"), FEEDBACK, q=q, p=best.passage.id, helpful=False),
        ]
    return card(body, actions)


def situation_items(answer, best, lang: str) -> list[dict]:
    """A threat: the 112 line and the button that opens the threat report dialog; a controversy:
    the button that opens the alert dialog (as in Slack's answer)."""
    from teams.cards import kohu, uhka

    kind = getattr(answer, "situation", None) or best.passage.topic
    if kind not in ("threat", "controversy"):
        return []
    key, dialog_id = ("threat", uhka.REPORT) if kind == "threat" else ("controversy", kohu.REPORT)
    items = [text_block("🚨 " + t(lang, "help.danger"), weight="Bolder")] if kind == "threat" else []
    items += [
        text_block(t(lang, f"ohje.{key}_hint")),
        {"type": "ActionSet", "actions": [uhka.dialog_button(t(lang, f"ohje.{key}_button"), dialog_id)]},
    ]
    return items


def topics_card(lang: str, *, query: str | None = None) -> dict:
    """No question or no match: the guideline's topics to pick from, and whom to ask."""
    g = get_guideline()
    if query:
        body = [text_block(t(lang, "ohje.teams_no_match")), plain(neutral(" ".join(query.split())[:200]), italic=True)]
    else:
        body = [text_block(t(lang, "ohje.teams_empty"))]
    choices = [{"title": s.title[:75], "value": s.id} for s in sorted(g.sections, key=lambda s: s.order)][:100]
    body += [
        text_block(t(lang, "ohje.topics")),
        {
            "type": "Input.ChoiceSet",
            "id": "section",
            "label": t(lang, "ohje.pick_topic"),
            "placeholder": t(lang, "ohje.pick_topic"),
            "choices": choices,
            "isRequired": True,
            "errorMessage": t(lang, "ohje.pick_topic"),
        },
        text_block(t(lang, "ohje.ask_mavi"), isSubtle=True, size="Small"),
    ]
    return card(body, [execute(t(lang, "ohje.show_section"), SHOW_SECTION)])


def section_card(section_id: str, lang: str) -> dict:
    """A whole section, every passage verbatim, in order. KeyError for an unknown id."""
    g = get_guideline()
    section = g.section(section_id)
    body = [plain(section.title, weight="Bolder", size="Medium")]
    body += [_quote(p.text) for p in g.passages_in(section.id)[:MAX_PASSAGES]]
    body.append(_source(lang, section.title))
    return card(body)
