"""The /kohu Block Kit builders (pure functions): valid Block Kit in every state, escaped user text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from escalation import controversies as kohu
from escalation.controversies import Snapshot, Update
from handlers.blockkit import field_errors, metadata, values_of
from handlers.kohu import blocks, modals
from standin.blockkit import validate_blocks, validate_view

T0 = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
HOSTILE = "<!channel> @here <@U0ADMIN> <https://evil.example|Kokkolan kaupunki> *bold* & more"


def snap(**kw) -> Snapshot:
    details = {
        "what": "Kirjaston päivitys kerää vihaisia kommentteja",
        "links": ["https://kokkola.fi/a"],
        "platform": "facebook",
        "account": "Kirjasto",
        "comments": 12500,
        "shares": None,
        "media": False,
        "own_mistake": "yes",
        "done": "Ei vielä mitään",
        **kw.pop("details", {}),
    }
    return Snapshot(
        **{
            "ref": "KOHU-2026-0001",
            "status": "open",
            "severity": "normal",
            "reporter": "U0MAIJA",
            "created_at": T0,
            "details": details,
            "mavi_group": "S0MAVI",
            **kw,
        }
    )


def visible(msg: dict) -> str:
    out = [msg["text"]]
    for b in msg["blocks"]:
        for key in ("text",):
            if isinstance(b.get(key), dict):
                out.append(b[key]["text"])
        out += [f["text"] for f in b.get("fields") or []]
        out += [
            e.get("text") if isinstance(e.get("text"), str) else e["text"]["text"]
            for e in b.get("elements") or []
            if e.get("text")
        ]
    return "\n".join(out)


def action_ids(msg: dict) -> list[str]:
    return [e["action_id"] for b in msg["blocks"] if b["type"] == "actions" for e in b["elements"]]


STATES = [
    snap(),
    snap(status="acknowledged", owner="U0MAVI1", acknowledged_at=T0 + timedelta(minutes=3)),
    snap(
        status="resolved",
        owner="U0MAVI1",
        resolved_by="U0MAVI1",
        resolved_at=T0 + timedelta(hours=1),
        resolution="Korjattu",
    ),
    snap(
        severity="high",
        details={"media": True},
        co_reporters=("U0ERIK",),
        updates=(Update("update", "U0MAVI1", T0, "x"), Update("duplicate_report", "U0ERIK", T0, "y")),
    ),
]


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("state", STATES, ids=["open", "claimed", "resolved", "high"])
def test_alert_is_valid_block_kit_in_every_state(lang, state):
    for in_channel in (True, False):
        msg = blocks.alert_message(lang, state, in_channel=in_channel, escalated=not in_channel)
        assert validate_blocks(msg["blocks"]) == []
        assert msg["text"]


def test_alert_buttons_follow_the_state():
    open_, claimed, resolved, _ = (blocks.alert_message("fi", s) for s in STATES)
    assert action_ids(open_) == ["kohu_claim", "kohu_update", "kohu_resolve"]
    assert action_ids(claimed) == ["kohu_update", "kohu_resolve"]
    assert action_ids(resolved) == []
    assert "Hoidossa: <@U0MAVI1> (otti klo 12.03)" in visible(claimed)
    assert "✅ Ratkaistu: <@U0MAVI1>, klo 13.00" in visible(resolved) and "Korjattu" in visible(resolved)


def test_alert_shows_the_answers_and_mentions_the_group_only_in_the_channel():
    in_channel = visible(blocks.alert_message("fi", snap()))
    assert in_channel.count("<!subteam^S0MAVI>") == 2  # notification text and the message itself
    for expected in (
        "🟡 Normaali",
        "Facebook · Kirjasto",
        "12\u00a0500 kommenttia, ? jakoa",
        "*Oma virhe*\nKyllä",
        "*Media kysyy*\nEi",
        "• https://kokkola.fi/a",
        "Hälytetty 28.11.2026 klo 12.00",
    ):
        assert expected in in_channel, expected
    dm = visible(blocks.alert_message("fi", snap(), in_channel=False, escalated=True))
    assert "subteam" not in dm and "määräajassa" in dm
    high = visible(blocks.alert_message("fi", STATES[3]))
    assert "🔴 Kiireellinen (media kysyy, paljon kommentteja)" in high and "Ilmoittaneet myös" in high
    assert "2 tilannepäivitystä ketjussa" in high


def test_user_text_is_inert_everywhere():
    hostile = snap(
        details={"what": HOSTILE, "account": HOSTILE, "done": HOSTILE, "links": ["https://a.fi/x>|<!channel>"]},
        resolution=HOSTILE,
        status="resolved",
        resolved_by="U0MAVI1",
        resolved_at=T0,
    )
    update = Update("update", "U0MAVI1", T0, HOSTILE, links=("https://a.fi/<!here>",))
    rendered = [
        blocks.alert_message("fi", hostile),
        blocks.reminder_message("fi", hostile, minutes=15, also=["<@U0VIESTPAA>"]),
        blocks.thread_message("fi", hostile, update),
        blocks.reporter_message("fi", hostile, "update", {"actor": "U0MAVI1", "text": HOSTILE}),
        blocks.reporter_message("fi", hostile, "resolved", {"actor": "U0MAVI1", "note": HOSTILE}),
        blocks.list_message("fi", [hostile], T0),
        blocks.admin_message("fi", hostile, {"reason": "unacknowledged"}),
    ]
    for msg in rendered:
        text = visible(msg)
        for bad in ("<!channel>", "<!here>", "<@U0ADMIN>", "<https://evil.example|"):
            assert bad not in text
        assert validate_blocks(msg["blocks"]) == []


def test_long_texts_stay_within_slack_limits():
    huge = snap(
        details={
            "what": "w" * 3000,
            "done": "d" * 3000,
            "account": "a" * 200,
            "links": ["https://k.fi/" + "x" * 980] * 10,
        },
        status="resolved",
        resolved_by="U0MAVI1",
        resolved_at=T0,
        resolution="r" * 3000,
    )
    assert validate_blocks(blocks.alert_message("fi", huge)["blocks"]) == []
    assert validate_blocks(blocks.list_message("fi", [huge] * 30, T0)["blocks"]) == []
    assert validate_blocks(blocks.thread_message("fi", huge, Update("update", "U0X", T0, "u" * 3000))["blocks"]) == []
    assert validate_view(modals.update_modal("fi", "KOHU-2026-0001", "w" * 3000)) == []


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_reporter_messages(lang):
    created = blocks.reporter_message(
        lang, snap(severity="high", details={"media": True}), "created", {"missing_roles": ["mavi_group"]}
    )
    text = visible(created)
    assert "Jos huomaat tehneesi virheen, pahoittele ja korjaa asia. Se usein riittää." in text
    assert "Päivittäjänä edustat Kokkolan kaupungin organisaatiota. Älä provosoidu." in text
    assert "KOHU-2026-0001" in text and "Sosiaalisen median ohje" in text
    assert action_ids(created) == ["kohu_update"]
    for event, data in (
        ("acknowledged", {"actor": "U0MAVI1"}),
        ("update", {"actor": "U0MAVI1", "text": "x"}),
        ("duplicate_report", {"actor": "U0ERIK", "text": "y"}),
        ("resolved", {"actor": "U0MAVI1", "note": "z"}),
        ("forwarded", {}),
    ):
        msg = blocks.reporter_message(lang, snap(), event, data)
        assert validate_blocks(msg["blocks"]) == [] and "KOHU-2026-0001" in visible(msg)
    assert action_ids(blocks.reporter_message(lang, snap(), "resolved", {"actor": "U0MAVI1"})) == []
    assert validate_blocks(blocks.duplicate_message(lang, snap())["blocks"]) == []


def test_swedish_reporter_message_labels_the_finnish_original():
    text = visible(blocks.reporter_message("sv", snap(), "created", {}))
    assert "originalet på finska" in text and "finskt original" in text
    assert "Larmet *KOHU-2026-0001* har skickats" in text


def test_reminder_names_who_else_was_told():
    msg = blocks.reminder_message("fi", snap(), minutes=15, also=["<@U0VIESTPAA>"])
    assert "15 minuutissa" in visible(msg) and "<@U0VIESTPAA>" in visible(msg)
    assert action_ids(msg) == ["kohu_claim"]
    assert action_ids(blocks.reminder_message("fi", STATES[1], minutes=15, also=[])) == []


def test_age_text():
    assert blocks.age_text("fi", T0, T0 + timedelta(minutes=5)) == "5 min"
    assert blocks.age_text("fi", T0, T0 + timedelta(minutes=65)) == "1 h 5 min"
    assert blocks.age_text("fi", T0, T0 + timedelta(days=2, hours=3)) == "2 pv 3 h"
    assert blocks.age_text("sv", T0, T0 + timedelta(days=2, hours=3)) == "2 d 3 h"


def test_list_message():
    empty = blocks.list_message("fi", [], T0)
    assert "Avoimia somekohuja ei ole" in visible(empty)
    msg = blocks.list_message("fi", STATES[:2], T0 + timedelta(minutes=90))
    text = visible(msg)
    assert "Avoimet somekohut (2)" in text and "⚠️ ei ottajaa" in text and "hoitaa <@U0MAVI1>" in text
    assert "1 h 30 min sitten" in text


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_modals_are_valid(lang):
    report = modals.report_modal(lang, what="x" * 5000, links=["https://a.fi"], source="shortcut")
    assert validate_view(report) == []
    blocks = {b.get("block_id"): b for b in report["blocks"]}
    assert len(blocks["what"]["element"]["initial_value"]) == kohu.WHAT_MAX
    assert blocks["links"]["element"]["initial_value"] == "https://a.fi"
    assert blocks["what"]["optional"] is False
    assert all(b["optional"] for k, b in blocks.items() if k not in (None, "what") and b["type"] == "input")
    assert validate_view(modals.update_modal(lang, "KOHU-2026-0001", HOSTILE)) == []
    assert validate_view(modals.resolve_modal(lang, "KOHU-2026-0001", HOSTILE)) == []
    assert "<!channel>" not in str(modals.update_modal(lang, "KOHU-2026-0001", HOSTILE))


def test_submitted_values_are_read_back():
    view = {
        "state": {
            "values": {
                "what": {"value": {"type": "plain_text_input", "value": "Kohu"}},
                "platform": {"value": {"type": "static_select", "selected_option": {"value": "x"}}},
                "media": {"value": {"type": "radio_buttons", "selected_option": None}},
                "comments": {"value": {"type": "number_input", "value": "12"}},
                "update_media": {"value": {"type": "checkboxes", "selected_options": [{"value": "yes"}]}},
            }
        },
        "private_metadata": '{"ref": "KOHU-2026-0001", "lang": "sv"}',
    }
    values = modals.report_values(view)
    assert values["what"] == "Kohu" and values["platform"] == "x" and values["media"] is None
    assert values["comments"] == "12" and values["links"] is None
    assert values_of(view)["update_media"] == ["yes"]
    assert metadata(view) == {"ref": "KOHU-2026-0001", "lang": "sv"}
    assert metadata({"private_metadata": "not json"}) == {}


def test_field_errors_are_worded_in_the_users_language():
    _, errors = kohu.validate({"what": "", "links": "nope"})
    assert field_errors("fi", errors, "kohu") == {
        "what": "Kerro tämä, niin mavi-tiimi tietää, mistä on kyse.",
        "links": "”nope” ei ole http(s)-linkki. Kirjoita yksi linkki per rivi, esim. https://www.facebook.com/…",
    }
    assert "ingen http(s)-länk" in field_errors("sv", errors, "kohu")["links"]
