"""Pure Adaptive Card builders of the Teams flows: the Slack message converted (same wording, inert
user text: no working <at> mention, no link), the dialogs' fields and labels, errors in the dialog."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from standin.teams.cards import check_card
from teams.cards import kohu as kohu_cards
from teams.cards import uhka as uhka_cards
from teams.cards.blockkit import inert, to_card
from teams.render import tag_mention

EVIL = "Tapan sinut <at>Mavi</at> [klikkaa](https://evil.example/x) www.evil.example &lt;at&gt;x&lt;/at&gt;"
WORKING_AT = re.compile(r"<at>", re.IGNORECASE)
LINK = re.compile(r"https?://|\]\(|www\.", re.IGNORECASE)


def all_texts(node) -> list[str]:
    if isinstance(node, dict):
        own = [node[k] for k in ("text", "title", "label", "placeholder", "value") if isinstance(node.get(k), str)]
        return own + [x for v in node.values() for x in all_texts(v)]
    if isinstance(node, list):
        return [x for v in node for x in all_texts(v)]
    return []


def test_user_text_cannot_mention_or_link():
    out = inert(EVIL)
    assert not WORKING_AT.search(out) and not LINK.search(out)
    assert out.replace("\u2060", "").startswith("Tapan sinut <at>Mavi</at> [klikkaa](https://evil.example/x)")


def test_a_slack_message_becomes_a_card_with_names_and_mapped_buttons():
    aad = "6f1c2d3e-0000-0000-0000-00000000a001"
    msg = {
        "text": "Uusi uhka",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "Uhkaava viesti – UHKA-2026-0001"}},
            {"type": "section", "text": {"type": "mrkdwn", "text": f"*Tila:* <@U0ESIMIES> ja <@{aad}>"}},
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": "> " + EVIL.replace("<", "&lt;").replace(">", "&gt;")},
            },
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "Tilanne: <#C0MAVI>"}]},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "uhka_ack",
                        "value": "UHKA-2026-0001",
                        "text": {"type": "plain_text", "text": "Kuittaa"},
                    },
                    {
                        "type": "button",
                        "action_id": "unknown",
                        "value": "x",
                        "text": {"type": "plain_text", "text": "?"},
                    },
                ],
            },
        ],
    }
    from teams.render import UHKA_ACTIONS

    out = to_card(msg, UHKA_ACTIONS, name_of={"U0ESIMIES": "Eeva", aad: "Maija"}.get)
    card = out["card"]
    assert check_card(card) == []
    texts = " ".join(all_texts(card))
    assert "**Tila:** Eeva ja Maija" in texts and "<@" not in texts and aad not in texts
    assert not WORKING_AT.search(texts) and not LINK.search(texts)
    quote = card["body"][2]
    assert quote["style"] == "emphasis" and quote["items"][0]["inlines"][0]["type"] == "TextRun"
    assert card["actions"] == [
        {
            "type": "Action.Execute",
            "title": "Kuittaa",
            "verb": "uhka.ack",
            "data": {"action": "uhka.ack", "ref": "UHKA-2026-0001"},
        }
    ]


def test_the_report_dialog_has_every_field_labelled_and_shows_errors():
    people = [("Eeva Esimies", "a0a0a0a0-0000-4000-8000-000000000003")]
    card = uhka_cards.report_dialog(
        "fi",
        request="r1",
        people=people,
        supervisor=people[0][1],
        values={"text": EVIL, "link": "x"},
        errors={"link": ("bad_link", {})},
    )
    assert check_card(card) == []
    inputs = {e["id"]: e for e in card["body"] if e["type"].startswith("Input.")}
    assert all(e["label"] for e in inputs.values())
    assert inputs["text"]["value"] == EVIL  # an input's value is not rendered as markdown
    assert inputs["supervisor"]["value"] == people[0][1]
    assert any("Tämä ei ole verkko-osoite" in x for x in all_texts(card))
    assert card["actions"][0]["data"] == {"action": "uhka.report", "request": "r1"}
    sv = uhka_cards.report_dialog("sv", request="r1", people=[])
    assert any("Skicka rapporten" == a["title"] for a in sv["actions"])


def test_the_dialog_date_and_time_make_one_moment_in_the_directorys_zone():
    tz = ZoneInfo("Europe/Helsinki")
    raw = uhka_cards.parse_report(
        {"text": "x", "posted_date": "2026-03-02", "posted_time": "21:15", "danger": "true", "supervisor": 5}, tz
    )
    assert raw["posted_at"] == datetime(2026, 3, 2, 21, 15, tzinfo=tz) and raw["danger"] is True
    assert raw["supervisor"] is None  # not a string: ignored
    assert uhka_cards.parse_report({"posted_date": "2.3.2026"}, tz)["posted_at"] == "invalid"


def test_police_resolve_and_kohu_dialogs_pass_the_card_checks():
    cards = [
        uhka_cards.police_dialog("fi", "UHKA-2026-0001", date(2026, 3, 3), errors={"police_date": ("future", {})}),
        uhka_cards.resolve_dialog("sv", "UHKA-2026-0001"),
        kohu_cards.report_dialog("fi", request="r", values={"what": EVIL}),
        kohu_cards.update_dialog("fi", "KOHU-2026-0001", EVIL),
        kohu_cards.resolve_dialog("sv", "KOHU-2026-0001", EVIL),
        uhka_cards.start_card("fi"),
        kohu_cards.start_card("sv", links=["https://x.example/1"]),
    ]
    for card in cards:
        assert check_card(card) == [], card
        for el in card["body"]:
            if el["type"] == "TextBlock":
                assert not WORKING_AT.search(el["text"])


def test_the_tag_mention_has_its_entity():
    block, entity = tag_mention("tag-1", "mavi")
    assert block["text"] == entity["text"] == "<at>mavi</at>" and entity["mentioned"]["type"] == "tag"


def test_an_id_the_user_typed_stays_as_typed_in_a_card():
    aad = "6f1c2d3e-0000-0000-0000-00000000a001"
    names = {aad: "Eeva"}.get
    assert inert(f"<@{aad}> kuittasi", names) == "Eeva kuittasi"  # the flows' mention: a name
    assert aad in inert(f"viesti: {aad}", names)  # typed into a report: text, not a person
