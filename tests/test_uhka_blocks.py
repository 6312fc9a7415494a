"""Unit tests of the pure parts of /uhka: input validation and the Block Kit builders.

Every builder's output is checked with the stand-in's Block Kit validator (what Slack enforces).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from escalation import threats
from escalation.forms import normalise_link
from escalation.vocabulary import PLATFORMS
from handlers.uhka import blocks, modals
from standin.blockkit import validate_blocks, validate_view

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
HOSTILE = "<!channel> @here <@U0ADMIN> <https://evil.example|kokkola.fi> &amp; *b* " + "ä&<>" * 900


def snap(**over) -> threats.Snapshot:
    base = {
        "id": 1,
        "ref": "UHKA-2026-0001",
        "status": "open",
        "severity": "normal",
        "reporter": "U0MAIJA",
        "created_at": NOW,
        "updated_at": NOW,
        "acknowledged_at": None,
        "owner": None,
        "resolved_at": None,
        "resolved_by": None,
        "resolution": None,
        "level": 0,
        "next_escalation_at": NOW + timedelta(minutes=30),
        "levels": [
            {"targets": [{"kind": "user", "id": "U0ESIMIES", "role": "supervisor"}], "ack_within_s": 1800},
            {"targets": [{"kind": "user", "id": "U0TYOSUOJ", "role": "safety_chief"}], "ack_within_s": 3600},
        ],
        "details": {
            "text": HOSTILE,
            "link": "https://www.facebook.com/x?a=1&b=2",
            "platform": "facebook",
            "sender": {"name": "@uhkaaja <!here>", "link": None},
            "posted_at": None,
            "reported_at": threats.stamp(NOW, "Europe/Helsinki"),
            "timezone": "Europe/Helsinki",
            "target": "minuun",
            "danger": False,
            "safety_chief": "U0TYOSUOJ",
            "missing_roles": [],
        },
        "notified": ["U0ESIMIES"],
        "events": [{"id": 1, "at": NOW, "actor": "U0MAIJA", "type": "created", "data": {}}],
        "files": [
            {
                "id": 1,
                "slack_file_id": "F1",
                "name": "kuva.png",
                "mimetype": "image/png",
                "size": 3,
                "sha256": "ab" * 32,
                "fetched_at": NOW,
            }
        ],
    }
    base.update(over)
    return threats.Snapshot(**base)


def assert_valid(msg: dict) -> None:
    assert validate_blocks(msg["blocks"], surface="message") == []
    assert msg["text"] and len(msg["text"]) < 600


def all_text(msg: dict) -> str:
    parts = [msg["text"]]
    for b in msg["blocks"]:
        for key in ("text",):
            if isinstance(b.get(key), dict):
                parts.append(b[key]["text"])
        for el in b.get("elements") or []:
            if isinstance(el.get("text"), str):
                parts.append(el["text"])
            elif isinstance(el.get("text"), dict):
                parts.append(el["text"]["text"])
    return "\n".join(parts)


# -- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_", "expected"),
    [
        ("https://www.facebook.com/a?b=1", "https://www.facebook.com/a?b=1"),
        ("http://example.fi", "http://example.fi"),
        ("www.instagram.com/p/x", "https://www.instagram.com/p/x"),
        ("facebook.com/kokkola", "https://facebook.com/kokkola"),
        ("<https://x.com/a|x.com/a>", "https://x.com/a"),
        ("", None),
        (None, None),
    ],
)
def test_links_are_normalised(given_, expected):
    assert normalise_link(given_) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "javascript:alert(1)",
        "ftp://example.com",
        "data:text/html,x",
        "not a link",
        "https://",
        "file:///etc/passwd",
        "https://localhost/x",
        "mailto:a@b.fi",
    ],
)
def test_bad_links_are_refused(bad):
    with pytest.raises(ValueError):
        normalise_link(bad)


def test_command_text_split():
    assert threats.split_command_text("https://x.com/a/status/1") == ("https://x.com/a/status/1", None)
    assert threats.split_command_text("https://x.com/a tapan sinut") == ("https://x.com/a", "tapan sinut")
    assert threats.split_command_text("tapan sinut https://x.com/a") == (None, "tapan sinut https://x.com/a")
    assert threats.split_command_text("  ") == (None, None)


def test_validate_collects_every_field_error():
    report, errors = threats.validate(
        {
            "text": "",
            "link": "ftp://x",
            "sender_name": "n" * 201,
            "posted_at": NOW + timedelta(days=1),
            "supervisor": "U0MAIJA",
            "platform": "myspace",
            "files": [{"id": "F1", "name": "a.exe", "mimetype": "application/x-msdownload"}],
        },
        reporter="U0MAIJA",
        now=NOW,
    )
    assert report is None
    assert {k: v[0] for k, v in errors.items()} == {
        "text": "required",
        "link": "bad_link",
        "sender_name": "too_long",
        "posted_at": "future",
        "supervisor": "self_supervisor",
        "platform": "bad_choice",
        "files": "not_image",
    }
    assert errors["sender_name"][1] == {"max": 200, "length": 201}


def test_validate_keeps_the_text_verbatim_and_infers_the_platform():
    text = "  Rivi 1\n\n  *rivi 2*  \n"
    report, errors = threats.validate(
        {
            "text": text,
            "link": "youtu.be/abc",
            "posted_at": int(NOW.timestamp()),
            "danger": True,
            "files": [{"id": "F1", "name": "a.PNG"}] * 2,
        },
        reporter="U0MAIJA",
        now=NOW,
    )
    assert errors == {}
    assert report.text == "  Rivi 1\n\n  *rivi 2*  "
    assert report.platform == "youtube" and report.link == "https://youtu.be/abc"
    assert report.posted_at == NOW and report.danger is True
    assert [f["id"] for f in report.files] == ["F1"]  # the same file once


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["text", "link", "sender_name", "sender_link", "target", "platform", "supervisor"]),
        st.one_of(st.none(), st.text(max_size=3500)),
    )
)
def test_validate_never_crashes_and_respects_limits(raw):
    report, errors = threats.validate(raw, reporter="U0MAIJA", now=NOW)
    assert (report is None) == bool(errors)
    if report is not None:
        assert report.text.strip() and len(report.text) <= threats.LIMITS["text"]
        for link in (report.link, report.sender_link):
            assert link is None or link.startswith(("http://", "https://"))
        assert report.platform is None or report.platform in PLATFORMS
        assert "\x00" not in report.text


def test_police_report_and_note_validation():
    today = date(2026, 11, 28)
    assert threats.validate_police_report(" 123/R/1 ", "2026-11-27", today=today) == (
        {"number": "123/R/1", "date": "2026-11-27"},
        {},
    )
    _, errors = threats.validate_police_report("", "2026-11-29", today=today)
    assert set(errors) == {"police_number", "police_date"}
    assert threats.validate_note("  ok ") == ("ok", {})
    assert threats.validate_note(" ")[1]["note"][0] == "required"
    assert threats.validate_note("x" * 1001)[1]["note"][0] == "too_long"


# -- the modal ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_report_modal_is_valid_even_with_oversized_prefill(lang):
    view = modals.report_modal(
        lang,
        text="x" * 5000,
        link="https://x.com/" + "a" * 3000,
        platform="x",
        supervisor="U0ESIMIES",
        supervisor_from_directory=True,
        source="shortcut",
        channel="C0SOME",
        attached=[{"id": f"F{i}", "name": "n" * 300} for i in range(30)],
    )
    assert validate_view(view) == []
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert len(blocks["text"]["element"]["initial_value"]) == threats.LIMITS["text"]
    assert blocks["platform"]["element"]["initial_option"]["value"] == "x"
    assert len(view["private_metadata"]) <= 3000
    assert len(modals.decode_metadata(view["private_metadata"])["files"]) == threats.MAX_FILES


def test_parse_report_reads_slack_state():
    view = modals.report_modal("fi", source="slash", channel="D0MAIJA")
    view["id"] = "V1"
    view["state"] = {
        "values": {
            "danger": {"value": {"type": "checkboxes", "selected_options": [{"value": "danger"}]}},
            "text": {"value": {"type": "plain_text_input", "value": "uhkaus"}},
            "platform": {"value": {"type": "static_select", "selected_option": {"value": "tiktok"}}},
            "posted_at": {"value": {"type": "datetimepicker", "selected_date_time": 1764320000}},
            "files": {
                "value": {"type": "file_input", "files": [{"id": "F9", "name": "a.png", "mimetype": "image/png"}]}
            },
            "supervisor": {"value": {"type": "users_select", "selected_user": "U0ESIMIES"}},
        }
    }
    raw = modals.parse_report(view)
    assert raw["danger"] is True and raw["text"] == "uhkaus" and raw["platform"] == "tiktok"
    assert raw["posted_at"] == 1764320000 and raw["supervisor"] == "U0ESIMIES"
    assert raw["files"] == [{"id": "F9", "name": "a.png", "mimetype": "image/png", "filetype": None}]
    assert raw["source"] == {"kind": "slash", "channel": "D0MAIJA"}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_action_modals_are_valid(lang):
    assert validate_view(modals.police_modal(lang, "UHKA-2026-0001", date(2026, 11, 28))) == []
    assert validate_view(modals.resolve_modal(lang, "UHKA-2026-0001")) == []


# -- messages ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("status", ["open", "acknowledged", "resolved"])
def test_responder_message(lang, status):
    s = snap(
        status=status,
        owner="U0ESIMIES" if status != "open" else None,
        acknowledged_at=NOW if status != "open" else None,
        resolved_by="U0ESIMIES" if status == "resolved" else None,
        resolved_at=NOW if status == "resolved" else None,
        resolution="ok <!here>",
    )
    msg = blocks.responder_message(lang, s, role="supervisor")
    assert_valid(msg)
    text = all_text(msg)
    assert HOSTILE[:20] not in msg["text"]  # never in the notification text
    assert "<!channel>" not in text and "<!here>" not in text and "<https://evil" not in text
    assert "&lt;!channel&gt;" in text
    action_ids = [el["action_id"] for b in msg["blocks"] if b["type"] == "actions" for el in b["elements"]]
    expected = {
        "open": ["uhka_ack", "uhka_forward", "uhka_police_open", "uhka_resolve_open"],
        "acknowledged": ["uhka_forward", "uhka_police_open", "uhka_resolve_open"],
        "resolved": ["uhka_police_open"],
    }[status]
    assert action_ids == expected


def test_long_threat_is_split_over_sections_without_losing_text():
    quoted = blocks.quote_blocks(HOSTILE)
    assert len(quoted) > 1 and all(len(b["text"]["text"]) <= 3000 for b in quoted)
    joined = "".join(b["text"]["text"].replace("> ", "").replace("\n", "") for b in quoted)
    assert joined.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("@\u200b", "@") == HOSTILE


def test_forward_button_hidden_once_the_safety_chief_knows():
    msg = blocks.responder_message("fi", snap(notified=["U0ESIMIES", "U0TYOSUOJ"]), forwarded_by="U0ESIMIES")
    assert "uhka_forward" not in str(msg["blocks"]) and "<@U0ESIMIES> välitti" in all_text(msg)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_confirmation_quotes_the_guideline_and_puts_112_first_in_danger(lang):
    passage = blocks.guideline_passage()
    assert passage == (
        "Uhkaavat viestit ohjataan esimiehelle ja tarvittaessa tiedoksi työsuojelupäällikölle ja/tai poliisille."
    )
    normal = blocks.confirmation_message(lang, snap(), {"event": "created", "missing_roles": []})
    danger = blocks.confirmation_message(lang, snap(severity="danger", level=1), {"event": "created"})
    for msg in (normal, danger):
        assert_valid(msg)
        assert passage in all_text(msg) and "Sosiaalisen median ohje" in all_text(msg)
    assert "112" not in normal["blocks"][0].get("text", {}).get("text", "")
    assert "112" in danger["blocks"][0]["text"]["text"] and "112" in danger["text"].split(".")[0]
    if lang == "sv":
        assert "finskt original" in all_text(normal)


def test_confirmation_tells_missing_configuration():
    s = snap(levels=[], level=0, notified=[])
    msg = blocks.confirmation_message("fi", s, {"event": "created", "missing_roles": ["supervisor", "safety_chief"]})
    text = all_text(msg)
    assert "Kukaan ei saanut ilmoitusta automaattisesti" in text
    assert "Esihenkilöäsi ei löytynyt" in text and "Työsuojelupäällikköä ei ole määritetty" in text


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_other_messages_are_valid(lang):
    s = snap(
        events=[
            {"id": 1, "at": NOW, "actor": "U0MAIJA", "type": "created", "data": {}},
            {"id": 2, "at": NOW, "actor": "system", "type": "escalated", "data": {"level": 1}},
            {"id": 3, "at": NOW, "actor": "U0ESIMIES", "type": "forwarded", "data": {"to": "U0TYOSUOJ"}},
            {
                "id": 4,
                "at": NOW,
                "actor": "U0ESIMIES",
                "type": "police_report",
                "data": {"number": "1", "date": "2026-11-28"},
            },
            {"id": 5, "at": NOW, "actor": "system", "type": "delivery_failed", "data": {"to": "U0X"}},
            {"id": 6, "at": NOW, "actor": "system", "type": "something_new", "data": {}},
        ]
        * 3,
        level=1,
    )
    for msg in (
        blocks.reminder_message(lang, s),
        blocks.reporter_update_message(lang, s, {"event": "acknowledged", "actor": "U0ESIMIES"}),
        blocks.reporter_update_message(lang, s, {"event": "resolved", "actor": "U0ESIMIES", "note": "<!here>"}),
        blocks.reporter_update_message(lang, s, {"event": "police_report", "number": "1", "date": "2026-11-28"}),
        blocks.admin_message(lang, s, {"reason": "missing_roles", "missing": ["supervisor"]}),
        blocks.admin_message(lang, s, {"reason": "unacknowledged"}),
        blocks.delivery_failed_message(
            lang, s, {"failed_target": "U0X", "failed_kind": "user", "error": "user_not_found"}, to_reporter=True
        ),
        blocks.status_message(lang, s),
        blocks.list_message(lang, {"own": [s], "assigned": [s]}),
        blocks.list_message(lang, {"own": [], "assigned": []}),
        blocks.usage_message(lang),
    ):
        assert_valid(msg)
        assert "<!here>" not in all_text(msg)
    assert "… 10 aiempaa tapahtumaa" in all_text(blocks.responder_message("fi", s))
