"""/ohje in Teams, end to end: the real server with a Teams-only configuration, the Teams stand-in,
activities signed like Teams signs them. Answers quote the guideline verbatim."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

pytest.importorskip("microsoft_teams.apps")

from escalation.models import ChatConversation, Feedback  # noqa: E402
from knowledge import get_guideline, get_index  # noqa: E402
from standin.teams import ADAPTIVE_CARD, BAD_TOKENS, run_teams_standin  # noqa: E402
from tests.teams_e2e import TeamsHarness  # noqa: E402

QUESTION_FI = "saako asiattoman kommentin poistaa"
QUESTION_SV = "får man ta bort en osaklig kommentar"


@pytest.fixture(scope="module")
def teams_server():
    with run_teams_standin() as standin:
        yield standin


@pytest.fixture
def teams_app(tmp_path, clock, teams_server):
    teams_server.reset()
    harness = TeamsHarness(tmp_path, clock, teams_server)
    yield harness
    harness.close()
    assert teams_server.violations() == []


def _card(message: dict) -> dict:
    [attachment] = message["activity"]["attachments"]
    assert attachment["contentType"] == ADAPTIVE_CARD
    return attachment["content"]


def _runs(node) -> list[str]:
    """Every TextRun's text in a card (where guideline text is quoted)."""
    if isinstance(node, dict):
        found = [node["text"]] if node.get("type") == "TextRun" else []
        return found + [t for v in node.values() for t in _runs(v)]
    if isinstance(node, list):
        return [t for v in node for t in _runs(v)]
    return []


def _texts(node) -> str:
    if isinstance(node, dict):
        own = node.get("text", "") if node.get("type") == "TextBlock" else ""
        return own + " " + " ".join(_texts(v) for v in node.values())
    if isinstance(node, list):
        return " ".join(_texts(v) for v in node)
    return ""


def _button(card: dict, title_part: str) -> dict:
    return next(a for a in card["actions"] if title_part in a["title"])


def test_teams_only_configuration_serves_healthz(teams_app):
    assert teams_app.runtime.app is None  # no Slack settings at all
    r = httpx.get(teams_app.url + "/healthz", trust_env=False)
    assert r.status_code == 200 and r.json()["ok"] is True
    assert httpx.post(teams_app.url + "/slack/events", trust_env=False).status_code == 404


@pytest.mark.parametrize(
    ("person", "question", "intro"),
    [
        ("maija", "ohje " + QUESTION_FI, "Sosiaalisen median ohje sanoo"),
        ("maija", QUESTION_FI, "Sosiaalisen median ohje sanoo"),
        ("erik", QUESTION_SV, "Anvisningen för sociala medier säger"),
    ],
)
def test_a_question_is_answered_verbatim(teams_app, person, question, intro):
    r = teams_app.driver.message(person, question)
    assert r.status_code == 200, r.text
    [msg] = teams_app.teams.personal_messages(person)
    card = _card(msg)
    best = get_index().search(question.removeprefix("ohje "), limit=5).hits[0]
    assert best.passage.text in _runs(card)  # verbatim, in a TextRun: no markdown applied to it
    assert best.section.title in _runs(card)
    assert intro in _texts(card)
    assert {a["verb"] for a in card["actions"]} == {"ohje.section", "ohje.feedback"}


def test_the_conversation_is_remembered(teams_app):
    teams_app.driver.message("erik", "hej")
    person = teams_app.teams.person("erik")
    with teams_app.db.reading() as s:
        [row] = s.execute(select(ChatConversation)).scalars().all()
    assert (row.user_id, row.locale, row.conversation_id) == (
        person.aad_object_id,
        "sv-SE",
        teams_app.teams.personal_conversation_id("erik"),
    )


def test_show_section_returns_the_whole_section(teams_app):
    teams_app.driver.message("maija", QUESTION_FI)
    card = _card(teams_app.teams.personal_messages("maija")[0])
    show = _button(card, "Näytä koko osio")
    r = teams_app.driver.card_action("maija", show["verb"], show["data"])
    assert r.status_code == 200 and r.elapsed < 5
    section_card = r.json["value"]
    section = get_guideline().section(show["data"]["section"])
    runs = _runs(section_card)
    assert runs[0] == section.title
    assert [p.text for p in get_guideline().passages_in(section.id)] == runs[1:]


def test_feedback_is_stored_and_thanked(teams_app):
    teams_app.driver.message("maija", QUESTION_FI)
    card = _card(teams_app.teams.personal_messages("maija")[0])
    no = next(a for a in card["actions"] if a["data"].get("helpful") is False)
    r = teams_app.driver.card_action("maija", no["verb"], no["data"])
    assert r.status_code == 200
    assert "Kiitos palautteesta" in _texts(r.json["value"])
    with teams_app.db.reading() as s:
        [fb] = s.execute(select(Feedback)).scalars().all()
    assert (fb.user_id, fb.query, fb.helpful) == (teams_app.teams.person("maija").aad_object_id, QUESTION_FI, False)
    assert fb.passage_id == no["data"]["p"]


def test_empty_ohje_shows_the_topics_and_a_topic_opens(teams_app):
    teams_app.driver.message("maija", "ohje")
    card = _card(teams_app.teams.personal_messages("maija")[0])
    [choice] = [e for e in card["body"] if e["type"] == "Input.ChoiceSet"]
    first = choice["choices"][0]["value"]
    [show] = card["actions"]
    r = teams_app.driver.card_action("maija", show["verb"], {**show["data"], "section": first})
    assert _runs(r.json["value"])[0] == get_guideline().section(first).title


def test_help(teams_app):
    teams_app.driver.message("erik", "hjälp")
    card = _card(teams_app.teams.personal_messages("erik")[0])
    assert "Skriv till mig" in _texts(card)


def test_user_text_makes_no_mention_or_link(teams_app):
    teams_app.driver.message("maija", "ohje zzqx <at>Mavi</at> [klikkaa](https://evil.example/x) qqzz")
    [msg] = teams_app.teams.personal_messages("maija")
    assert "zzqx" in " ".join(_runs(_card(msg)))
    # the fixture asserts no markup violation was recorded by the stand-in


@pytest.mark.parametrize("bad", BAD_TOKENS)
def test_a_badly_signed_activity_is_refused_and_does_nothing(teams_app, bad):
    assert teams_app.driver.message("maija", QUESTION_FI, bad_token=bad).status_code == 401
    assert teams_app.driver.message("maija", QUESTION_FI, no_token=True).status_code == 401
    assert teams_app.teams.personal_messages("maija") == []
    with teams_app.db.reading() as s:
        assert s.execute(select(ChatConversation)).scalars().all() == []


def test_teams_unsure_questions_and_thumbs_down_are_kept_for_review_without_user_id(teams_app):
    from escalation.models import OhjeReview

    teams_app.driver.message("maija", "voiko facebookissa pitää arvontoja")  # unsure
    teams_app.driver.message("maija", QUESTION_FI)
    card = _card(teams_app.teams.personal_messages("maija")[-1])
    no = next(a for a in card["actions"] if a["data"].get("helpful") is False)
    assert teams_app.driver.card_action("maija", no["verb"], no["data"]).status_code == 200
    with teams_app.db.reading() as s:
        rows = [(r.query, r.reason, r.shown) for r in s.execute(select(OhjeReview).order_by(OhjeReview.id)).scalars()]
    assert [(q, reason) for q, reason, _ in rows] == [
        ("voiko facebookissa pitää arvontoja", "unsure"),
        (QUESTION_FI, "unhelpful"),
    ]
    assert rows[1][2][0] == no["data"]["p"]
    assert teams_app.teams.person("maija").aad_object_id not in str(rows)
