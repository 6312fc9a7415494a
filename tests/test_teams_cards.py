"""Adaptive Card builders (pure): schema 1.5 cards Teams accepts, texts from texts/ in the user's
language, guideline text verbatim, user text unable to mention or link."""

from __future__ import annotations

import pytest

from knowledge import get_guideline, get_index
from standin.teams.cards import check_activity, check_card, user_links
from teams.cards.common import activity, execute, from_texts, message, neutral
from teams.cards.help import help_card
from teams.cards.ohje import answer_card, section_card, topics_card
from teams.listeners import plain_text, reply_for

HOSTILE = "zzqx <at>Mavi</at> [klikkaa](https://evil.example/x) www.evil.example qqzz"


def _all_cards():
    answer = get_index().search("saako asiattoman kommentin poistaa", limit=5)
    yield answer_card(answer, "fi")
    yield answer_card(answer, "sv", feedback_given=True)
    yield topics_card("fi")
    yield topics_card("sv", query=HOSTILE)
    yield help_card("fi")
    for s in get_guideline().sections:
        yield section_card(s.id, "sv")


def test_every_card_is_one_teams_renders():
    for card in _all_cards():
        assert card["version"] == "1.5"
        assert check_card(card) == []
        assert check_activity(activity(message(card, "x"))).rejected == []


def test_texts_markup_becomes_card_markdown():
    assert from_texts("*/ohje &lt;kysymys&gt;* – esim. `x` _y_") == "**/ohje <kysymys>** – esim. x _y_"


def test_user_text_cannot_mention_or_link():
    shown = neutral(HOSTILE)
    problems = check_activity(activity(message(topics_card("fi", query=HOSTILE), "x")), user_links(HOSTILE))
    assert problems.flagged == []
    assert "<at>" not in shown and "](" not in shown and "://" not in shown
    assert shown.replace("\u2060", "") == HOSTILE  # shown as typed


def test_answer_quotes_verbatim_and_carries_the_feedback():
    answer = get_index().search("saako asiattoman kommentin poistaa", limit=5)
    card = answer_card(answer, "fi")
    assert answer.hits[0].passage.text in str(card)
    verbs = [(a["verb"], a["data"].get("helpful")) for a in card["actions"]]
    assert verbs == [("ohje.section", None), ("ohje.feedback", True), ("ohje.feedback", False)]
    assert card["actions"][1]["data"]["q"] == answer.query


def test_swedish_texts_for_swedish():
    assert "Visa hela avsnittet" in str(topics_card("sv")) and "Näytä koko osio" in str(topics_card("fi"))


def test_execute_routes_on_action():
    assert execute("T", "v", a=1) == {
        "type": "Action.Execute",
        "title": "T",
        "verb": "v",
        "data": {"action": "v", "a": 1},
    }


class _Activity:
    def __init__(self, locale):
        self.locale = locale


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("apua", "Somevahti – somepäivittäjän apuri"),
        ("ohje", "Kysy jotain sosiaalisen median ohjeesta"),
        ("ohje saako asiattoman kommentin poistaa", "Sosiaalisen median ohje sanoo"),
    ],
)
def test_what_a_message_gets(text, expect):
    assert expect in str(reply_for(text, _Activity("fi-FI")))


def test_mentions_and_html_are_stripped_from_messages():
    assert plain_text("<at>Somevahti</at> <p>ohje &amp; kysymys</p>") == "ohje & kysymys"
