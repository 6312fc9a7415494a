"""/kohu end to end: the real server, the Slack stand-in and signed requests from the driver.

Each test asserts what people would notice in Slack: the alert in the mavi channel, its
buttons and in-place updates, thread replies, DMs, ephemeral refusals, modal errors.
The world (people, channels, the directory) is the sandbox's: bot/sandbox/world.py.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from escalation.models import Incident, IncidentEvent, Notification
from knowledge import get_guideline
from standin.workspace import Channel, Usergroup
from tests.support import is_weekly_summary
from tests.support import visible_text as text_of

MAVI = "C0MAVI"
LINK = "https://www.facebook.com/kokkolankaupunki/posts/123"
ADVICE = [
    "Jos huomaat tehneesi virheen, pahoittele ja korjaa asia. Se usein riittää.",
    "Päivittäjänä edustat Kokkolan kaupungin organisaatiota. Älä provosoidu.",
]


# -- helpers: what a person sees ------------------------------------------------------------


def buttons(msg: dict) -> list[str]:
    return [el["action_id"] for b in msg.get("blocks") or [] if b.get("type") == "actions" for el in b["elements"]]


def alerts(app) -> list[dict]:
    """Top-level alerts in the mavi channel (not reminders, thread replies or the weekly picture)."""
    return [
        m
        for m in app.standin.messages(MAVI, include_replies=False)
        if any(b.get("type") == "header" for b in m.get("blocks") or []) and not is_weekly_summary(m)
    ]


def the_alert(app) -> dict:
    found = alerts(app)
    assert len(found) == 1, [m["text"] for m in found]
    return app.standin.message(MAVI, found[0]["ts"])


def replies(app, alert: dict) -> list[dict]:
    return [m for m in app.standin.thread(MAVI, alert["ts"]) if m["ts"] != alert["ts"]]


def raise_alert(
    app, user="U0MAIJA", text="Kirjaston aukioloaikapäivitys kerää vihaisia kommentteja", values=None, **send
):
    r = app.driver.slash(user, "/kohu", text)
    assert r.status_code == 200
    view = app.standin.open_view(user)
    assert view is not None and view["callback_id"] == "kohu_report"
    result = app.driver.view_submission(user, values=values or {}, **send)
    assert result.status_code == 200
    app.settle()
    return result


def incidents(app) -> list[Incident]:
    with app.db.transaction() as s:
        return list(s.execute(select(Incident).order_by(Incident.id)).scalars())


def timeline(app, ref: str) -> list[str]:
    with app.db.transaction() as s:
        inc = s.execute(select(Incident).where(Incident.ref == ref)).scalar_one()
        return [
            e.type
            for e in s.execute(
                select(IncidentEvent).where(IncidentEvent.incident_id == inc.id).order_by(IncidentEvent.id)
            ).scalars()
        ]


def outbox_size(app) -> int:
    with app.db.transaction() as s:
        return s.execute(select(func.count()).select_from(Notification)).scalar_one()


def submit_modal(app, user: str, values: dict):
    r = app.driver.view_submission(user, values=values)
    assert r.status_code == 200
    app.settle()
    return r


def no_invalid_calls(app):
    assert app.standin.invalid_calls() == []


# -- the whole way: raise, claim, update, resolve -----------------------------------------------


def test_raise_claim_update_resolve(app):
    r = app.driver.slash("U0MAIJA", "/kohu", f"Kirjaston päivitys kerää vihaisia kommentteja {LINK}")
    assert r.status_code == 200
    form = app.standin.open_view("U0MAIJA")
    assert form["title"]["text"] == "Hälytä somekohusta"
    fields = {b["block_id"]: b["element"] for b in form["blocks"] if b["type"] == "input"}
    assert set(fields) >= {"what", "links", "platform", "account", "comments", "shares", "media", "own_mistake", "done"}
    assert fields["what"]["initial_value"].startswith("Kirjaston päivitys kerää vihaisia kommentteja")
    assert fields["links"]["initial_value"] == LINK

    done = app.driver.view_submission(
        "U0MAIJA",
        values={
            "platform": "facebook",
            "account": "Kokkolan kaupunki",
            "comments": "40",
            "shares": "5",
            "media": "no",
            "own_mistake": "unsure",
            "done": "Ei vielä vastattu kommentteihin",
        },
    )
    assert done.status_code == 200 and done.view is None  # the modal closed
    assert [i.ref for i in incidents(app)] == ["KOHU-2026-0001"]  # stored before the ack

    app.settle()
    alert = the_alert(app)
    seen = text_of(alert)
    assert "<!subteam^S0MAVI>" in alert["text"] and "<!subteam^S0MAVI>" in seen
    for expected in (
        "KOHU-2026-0001",
        "🟡 Normaali",
        "<@U0MAIJA>",
        "Facebook · Kokkolan kaupunki",
        "40 kommenttia, 5 jakoa",
        "En tiedä",
        "Avoin – ei vielä ottajaa",
        "Kirjaston päivitys kerää vihaisia kommentteja",
        LINK,
        "Ei vielä vastattu kommentteihin",
    ):
        assert expected in seen, expected
    assert buttons(alert) == ["kohu_claim", "kohu_update", "kohu_resolve"]

    # The reporter hears at once: the id and the guideline's own words.
    [confirmation] = app.standin.dm_messages("U0MAIJA")
    told = text_of(confirmation)
    assert "KOHU-2026-0001" in told and "Sosiaalisen median ohje" in told
    for sentence in ADVICE:
        assert sentence in told
    assert buttons(confirmation) == ["kohu_update"]

    # Claim: the alert shows the owner in place, the reporter is told.
    app.driver.press("U0MAVI1", alert, "kohu_claim")
    app.settle()
    claimed = app.standin.message(MAVI, alert["ts"])
    assert "Hoidossa: <@U0MAVI1>" in text_of(claimed)
    assert buttons(claimed) == ["kohu_update", "kohu_resolve"]
    assert len(app.standin.edits(MAVI, alert["ts"])) == 1
    assert "<@U0MAVI1> otti somekohun *KOHU-2026-0001* hoitaakseen" in text_of(app.standin.dm_messages("U0MAIJA")[-1])
    assert len(alerts(app)) == 1  # updated, not re-posted

    # A situation update goes to the alert's thread and to the reporter.
    app.driver.press("U0MAVI1", claimed, "kohu_update")
    assert app.standin.open_view("U0MAVI1")["callback_id"] == "kohu_update_submit"
    submit_modal(app, "U0MAVI1", {"update_text": "Julkaisu korjattu ja virheestä pahoiteltu."})
    [reply] = replies(app, alert)
    assert "Tilannepäivitys – <@U0MAVI1>" in text_of(reply)
    assert "Julkaisu korjattu ja virheestä pahoiteltu." in text_of(reply)
    assert "Julkaisu korjattu" in text_of(app.standin.dm_messages("U0MAIJA")[-1])
    assert "1 tilannepäivitys ketjussa" in text_of(app.standin.message(MAVI, alert["ts"]))

    # Resolve with a summary: shown on the alert, in the thread and to the reporter.
    app.driver.press("U0MAVI1", app.standin.message(MAVI, alert["ts"]), "kohu_resolve")
    assert app.standin.open_view("U0MAVI1")["callback_id"] == "kohu_resolve_submit"
    submit_modal(app, "U0MAVI1", {"summary": "Keskustelu rauhoittui pahoittelun jälkeen."})
    final = app.standin.message(MAVI, alert["ts"])
    assert "✅ Ratkaistu: <@U0MAVI1>" in text_of(final)
    assert "Keskustelu rauhoittui pahoittelun jälkeen." in text_of(final)
    assert buttons(final) == []
    assert "Ratkaistu – <@U0MAVI1>" in text_of(replies(app, alert)[-1])
    last = text_of(app.standin.dm_messages("U0MAIJA")[-1])
    assert "merkitty ratkaistuksi" in last and "Keskustelu rauhoittui" in last

    assert timeline(app, "KOHU-2026-0001") == ["created", "acknowledged", "update", "resolved"]
    no_invalid_calls(app)


def test_unclaimed_alert_reminds_channel_and_tells_comms_manager(app):
    raise_alert(app)
    alert = the_alert(app)
    app.advance(minutes=14)
    assert app.standin.dm_messages("U0VIESTPAA") == []
    assert len(app.standin.messages(MAVI)) == 1

    app.advance(minutes=2)  # 16 minutes: past the policy's 15
    reminders = [m for m in app.standin.messages(MAVI, include_replies=False) if m["ts"] != alert["ts"]]
    assert len(reminders) == 1
    reminder = text_of(reminders[0])
    assert "<!subteam^S0MAVI>" in reminder and "Muistutus" in reminder and "KOHU-2026-0001" in reminder
    assert "<@U0VIESTPAA>" in reminder
    [dm] = app.standin.dm_messages("U0VIESTPAA")
    assert "KOHU-2026-0001" in text_of(dm) and "määräajassa" in text_of(dm)
    assert "kohu_claim" in buttons(dm)

    # The comms manager claims from the DM: both alerts show the owner.
    app.driver.press("U0VIESTPAA", dm, "kohu_claim")
    app.settle()
    assert "Hoidossa: <@U0VIESTPAA>" in text_of(app.standin.message(MAVI, alert["ts"]))
    assert "Hoidossa: <@U0VIESTPAA>" in text_of(app.standin.message(dm["channel"], dm["ts"]))
    app.advance(hours=3)
    assert len(app.standin.dm_messages("U0VIESTPAA")) == 1  # nothing more once claimed
    no_invalid_calls(app)


def test_second_report_of_the_same_link_is_added_to_the_open_alert(app):
    raise_alert(app, text=f"Päivitys kerää vihaisia kommentteja {LINK}")
    alert = the_alert(app)
    # Erik writes the same link differently: no www, a trailing slash, tracking, a fragment.
    same = "https://facebook.com/kokkolankaupunki/posts/123/?utm_source=share&fbclid=XYZ#comments"
    raise_alert(app, user="U0ERIK", text=f"Nu delas inlägget i andra grupper {same}")

    assert [i.ref for i in incidents(app)] == ["KOHU-2026-0001"]
    assert len(alerts(app)) == 1
    [reply] = replies(app, alert)
    assert "Uusi ilmoitus samasta linkistä – <@U0ERIK>" in text_of(reply)
    assert "Nu delas inlägget i andra grupper" in text_of(reply)
    updated = text_of(app.standin.message(MAVI, alert["ts"]))
    assert "Ilmoittaneet myös" in updated and "<@U0ERIK>" in updated
    # Erik is told, in Swedish, with the existing id; the first reporter hears of it too.
    [told] = app.standin.dm_messages("U0ERIK")
    assert "KOHU-2026-0001" in text_of(told) and "redan ett öppet larm" in text_of(told)
    assert "ilmoitti saman linkin" in text_of(app.standin.dm_messages("U0MAIJA")[-1])
    assert timeline(app, "KOHU-2026-0001") == ["created", "duplicate_report"]

    # Once resolved, the same link raises a new alert.
    app.driver.press("U0MAVI1", app.standin.message(MAVI, alert["ts"]), "kohu_resolve")
    submit_modal(app, "U0MAVI1", {"summary": "Hoidettu."})
    raise_alert(app, text=f"Sama julkaisu leviää taas {LINK}")
    assert [i.ref for i in incidents(app)] == ["KOHU-2026-0001", "KOHU-2026-0002"]
    no_invalid_calls(app)


def test_reporter_adds_an_update_from_the_confirmation(app):
    raise_alert(app, values={"links": LINK})
    alert = the_alert(app)
    [confirmation] = app.standin.dm_messages("U0MAIJA")
    app.driver.press("U0MAIJA", confirmation, "Lisää tilannepäivitys")
    submit_modal(app, "U0MAIJA", {"update_text": "Yle kysyi asiasta juuri.", "update_media": ["yes"]})

    [reply] = replies(app, alert)
    assert "Tilannepäivitys – <@U0MAIJA>" in text_of(reply) and "Yle kysyi asiasta juuri." in text_of(reply)
    now = text_of(app.standin.message(MAVI, alert["ts"]))
    assert "🔴 Kiireellinen (media kysyy)" in now  # the update raised the severity
    assert len(app.standin.dm_messages("U0MAIJA")) == 1  # not told of her own update
    assert timeline(app, "KOHU-2026-0001") == ["created", "severity_raised", "update"]
    no_invalid_calls(app)


def test_user_outside_mavi_is_refused_politely_and_nothing_changes(app):
    raise_alert(app)
    alert = the_alert(app)
    rows_before = outbox_size(app)
    for action in ("kohu_claim", "kohu_resolve", "kohu_update"):
        r = app.driver.press("U0ULKO", alert, action)
        assert r.status_code == 200
    app.settle()
    refusals = [e["text"] for e in app.standin.ephemerals(user="U0ULKO")]
    assert len(refusals) == 3
    assert "markkinointi- ja viestintätiimi (mavi)" in refusals[0] and "Mitään ei muutettu" in refusals[0]
    assert "Mitään ei muutettu" in refusals[1] and "Tilannepäivityksiä voivat lisätä" in refusals[2]
    assert app.standin.open_view("U0ULKO") is None
    assert app.standin.edits(MAVI, alert["ts"]) == []
    assert outbox_size(app) == rows_before
    assert [i.status for i in incidents(app)] == ["open"]
    # The reporter is not mavi either: she may add updates, not claim.
    app.driver.press("U0MAIJA", alert, "kohu_claim")
    assert len(app.standin.ephemerals(user="U0MAIJA")) == 1
    assert [i.status for i in incidents(app)] == ["open"]
    no_invalid_calls(app)


def test_mavi_means_the_group_or_the_channel_as_slack_reports_them_and_admins(app):
    # Pekka has joined the mavi channel only, Erik the user group only (after start-up).
    app.standin.add_channel(
        Channel(id=MAVI, name="mavi-tiimi", members=["U0MAVI1", "U0VIESTPAA", "U0ADMIN", "U0PEKKA"])
    )
    app.standin.add_usergroup(Usergroup(id="S0MAVI", handle="mavi", users=["U0MAVI1", "U0VIESTPAA", "U0ERIK"]))
    raise_alert(app, text="Eka")
    raise_alert(app, text="Toka")
    raise_alert(app, text="Kolmas")
    first, second, third = alerts(app)
    app.driver.press("U0PEKKA", first, "kohu_claim")
    app.driver.press("U0ERIK", second, "kohu_claim")
    app.driver.press("U0ADMIN", third, "kohu_claim")
    app.settle()
    assert [(i.status, i.owner_id) for i in incidents(app)] == [
        ("acknowledged", "U0PEKKA"),
        ("acknowledged", "U0ERIK"),
        ("acknowledged", "U0ADMIN"),
    ]
    assert app.standin.ephemerals() == []
    # Asked once, then cached briefly.
    assert len(app.standin.calls("usergroups.users.list")) == 1
    assert len(app.standin.calls("conversations.members")) == 1


def test_someone_else_claiming_a_claimed_alert_is_told_who_has_it(app):
    raise_alert(app)
    alert = the_alert(app)
    app.driver.press("U0MAVI1", alert, "kohu_claim")
    app.driver.press("U0VIESTPAA", alert, "kohu_claim")  # a stale button, pressed a moment later
    app.settle()
    [told] = app.standin.ephemerals(user="U0VIESTPAA")
    assert "on jo hoidossa: <@U0MAVI1>" in told["text"]
    assert [(i.status, i.owner_id) for i in incidents(app)] == [("acknowledged", "U0MAVI1")]


@pytest.mark.parametrize(
    "values, reason",
    [
        ({"media": "yes"}, "media kysyy"),
        ({"comments": "250"}, "paljon kommentteja"),
        ({"shares": "50"}, "paljon jakoja"),
    ],
)
def test_media_interest_or_a_large_scale_makes_the_alert_high(app, values, reason):
    raise_alert(app, values=values)
    assert [i.severity for i in incidents(app)] == ["high"]
    assert f"🔴 Kiireellinen ({reason})" in text_of(the_alert(app))
    assert "kiireelliseksi" in text_of(app.standin.dm_messages("U0MAIJA")[0])


def test_a_small_scale_without_media_stays_normal(app):
    raise_alert(app, values={"comments": "99", "shares": "49", "media": "no"})
    assert [i.severity for i in incidents(app)] == ["normal"]


def test_bad_input_gets_field_errors_and_stores_nothing(app):
    app.driver.slash("U0MAIJA", "/kohu")
    r = app.driver.view_submission(
        "U0MAIJA",
        values={
            "what": "   ",
            "links": "https://example.com/ok\nftp://facebook.com/ei-verkkosivu",
            "account": "x" * 150,
        },
    )
    assert r.response_action == "errors"
    assert set(r.errors) == {"what", "links"}
    assert "ftp://facebook.com/ei-verkkosivu" in r.errors["links"] and "http(s)" in r.errors["links"]
    assert r.view is not None  # the modal stays open
    r = app.driver.view_submission(
        "U0MAIJA", values={"what": "Kohu", "links": "javascript:alert(1)", "comments": "-5"}, force=True
    )
    assert set(r.errors) == {"links", "comments"}
    assert incidents(app) == []
    app.settle()
    assert app.standin.messages(MAVI) == []
    no_invalid_calls(app)


def test_links_follow_the_same_rule_as_in_uhka(app):
    """A link without a scheme (as people paste from the address bar) is accepted, as /uhka accepts
    it, and stored as an https address; the platform follows from it."""
    app.driver.slash("U0MAIJA", "/kohu", "Kirjaston päivitys kerää vihaisia kommentteja")
    r = app.driver.view_submission("U0MAIJA", values={"links": "fb.com/kokkola/posts/123\nwww.kokkola.fi/uutiset"})
    assert r.ok and r.view is None
    [incident] = incidents(app)
    assert incident.details["links"] == ["https://fb.com/kokkola/posts/123", "https://www.kokkola.fi/uutiset"]
    assert incident.details["platform"] == "facebook"
    app.settle()
    assert "Facebook" in text_of(app.standin.messages(MAVI)[0])


def test_a_resubmitted_modal_or_a_slack_retry_creates_one_alert(app):
    app.driver.slash("U0MAIJA", "/kohu", "Kohu")
    first = app.driver.view_submission("U0MAIJA", values={})
    # The same submission again: a double click that got through, and Slack retrying it.
    again = urlencode({"payload": json.dumps(first.payload)})
    assert app.driver.send(again).status_code == 200
    assert app.driver.send(again, retry_num=1, retry_reason="http_timeout").status_code == 200
    app.settle()
    assert len(incidents(app)) == 1
    assert len(alerts(app)) == 1
    assert len(app.standin.dm_messages("U0MAIJA")) == 1


def test_kohu_lista_shows_open_alerts_with_owner_and_age(app):
    r = app.driver.slash("U0MAVI1", "/kohu", "lista")
    assert r.json["response_type"] == "ephemeral" and "Avoimia somekohuja ei ole" in text_of(r.json)

    raise_alert(app, text="Ensimmäinen kohu")
    app.advance(minutes=20)
    raise_alert(app, user="U0ERIK", text="Andra drevet")
    raise_alert(app, text="Kolmas, ratkaistaan heti")
    first, second, third = alerts(app)
    app.driver.press("U0MAVI1", first, "kohu_claim")
    app.driver.press("U0MAVI1", third, "kohu_resolve")
    submit_modal(app, "U0MAVI1", {"summary": "Ei kohu sittenkään."})
    app.advance(minutes=45)

    r = app.driver.slash("U0MAVI1", "/kohu", "lista")  # mavi sees every alert (others only their own)
    assert r.status_code == 200 and r.json["response_type"] == "ephemeral"
    shown = text_of(r.json)
    assert "Avoimet somekohut (2)" in shown
    assert "KOHU-2026-0001" in shown and "KOHU-2026-0002" in shown and "KOHU-2026-0003" not in shown
    assert "hoitaa <@U0MAVI1>" in shown and "ei ottajaa" in shown
    assert "1 h 5 min sitten" in shown and "45 min sitten" in shown
    assert "Ensimmäinen kohu" in shown
    assert app.standin.open_view("U0MAVI1") is None  # a list, not a form


def test_swedish_user_gets_a_swedish_form_and_messages_with_the_finnish_guideline(app):
    app.driver.slash("U0ERIK", "/kohu", "Inlägget om simhallen får arga kommentarer")
    form = app.standin.open_view("U0ERIK")
    assert form["title"]["text"] == "Larma om ett drev"
    labels = [b["label"]["text"] for b in form["blocks"] if b["type"] == "input"]
    assert "Vad händer?" in labels and "Frågar medierna om saken?" in labels
    r = app.driver.view_submission("U0ERIK", values={"links": "notalink"})
    assert "ingen http(s)-länk" in r.errors["links"]
    app.driver.view_submission("U0ERIK", values={"links": LINK})
    app.settle()
    [dm] = app.standin.dm_messages("U0ERIK")
    told = text_of(dm)
    assert "Larmet *KOHU-2026-0001* har skickats" in told
    assert "originalet på finska" in told
    for sentence in ADVICE:
        assert sentence in told  # quoted verbatim, in Finnish
    assert buttons(dm) == ["kohu_update"] and "Lägg till lägesuppdatering" in told
    assert "Uusi somekohuhälytys" in text_of(the_alert(app))  # the mavi channel stays Finnish


def test_message_shortcut_prefills_the_text_and_its_permalink(app):
    msg = app.standin.post_user_message(
        "C0SOME",
        "U0MAIJA",
        "Katsokaa tätä: <https://www.instagram.com/p/ABC/?igsh=1|instagram.com/p/ABC> &amp; kommentit",
    )
    r = app.driver.message_shortcut("U0MAIJA", "kohu_from_message", msg)
    assert r.status_code == 200
    form = app.standin.open_view("U0MAIJA")
    fields = {b["block_id"]: b["element"] for b in form["blocks"] if b["type"] == "input"}
    assert fields["what"]["initial_value"] == "Katsokaa tätä: https://www.instagram.com/p/ABC/?igsh=1 & kommentit"
    links = fields["links"]["initial_value"].splitlines()
    assert links[0] == "https://www.instagram.com/p/ABC/?igsh=1"
    assert links[1].startswith("https://kokkola.slack.com/archives/C0SOME/p")
    app.driver.view_submission("U0MAIJA", values={})
    app.settle()
    assert "https://kokkola.slack.com/archives/C0SOME/p" in text_of(the_alert(app))


def test_ohje_button_opens_the_same_form(app):
    dm = app.standin.im_channel("U0MAIJA")
    answer = {
        "channel": dm,
        "ts": "1700000000.000100",
        "text": "ohje",
        "blocks": [
            {
                "type": "actions",
                "block_id": "b1",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "kohu_open_from_ohje",
                        "text": {"type": "plain_text", "text": "Hälytä somekohusta"},
                    }
                ],
            }
        ],
    }
    r = app.driver.press("U0MAIJA", answer, "kohu_open_from_ohje")
    assert r.status_code == 200
    assert app.standin.open_view("U0MAIJA")["callback_id"] == "kohu_report"


def test_user_text_cannot_ping_or_forge_links(app):
    raise_alert(app, text="<!channel> @here katso <https://evil.example|Kokkolan kaupunki> <@U0ADMIN>")
    alert = the_alert(app)
    shown = text_of(alert)
    assert "<!channel>" not in shown and "<https://evil.example|" not in shown and "<@U0ADMIN>" not in shown
    assert "@\u200bhere" in shown
    no_invalid_calls(app)


def test_the_guideline_quotes_are_verbatim_passages_of_the_guideline(app):
    raise_alert(app)
    told = text_of(app.standin.dm_messages("U0MAIJA")[0])
    texts = {p.text for p in get_guideline().passages if p.topic == "controversy"}
    assert set(ADVICE) <= texts
    assert get_guideline().title in told


def test_shortcut_opens_the_form_even_without_a_permalink(app):
    msg = app.standin.post_user_message("C0SOME", "U0MAIJA", "Tästä nousee kohu")
    app.standin.faults.add("chat.getPermalink", "error", error="channel_not_found")
    assert app.driver.message_shortcut("U0MAIJA", "kohu_from_message", msg).status_code == 200
    fields = {b["block_id"]: b["element"] for b in app.standin.open_view("U0MAIJA")["blocks"] if b["type"] == "input"}
    assert fields["what"]["initial_value"] == "Tästä nousee kohu"
    assert "initial_value" not in fields["links"]


def test_when_slack_cannot_say_who_is_in_mavi_only_admins_may_claim(app):
    raise_alert(app, text="Eka")
    raise_alert(app, text="Toka")
    first, second = alerts(app)
    for method in ("usergroups.users.list", "conversations.members"):
        app.standin.faults.add(method, "error", times=None, error="internal_error")
    app.driver.press("U0MAVI1", first, "kohu_claim")  # fails closed: not let through unverified
    app.driver.press("U0ADMIN", second, "kohu_claim")
    app.settle()
    assert [(i.status, i.owner_id) for i in incidents(app)] == [("open", None), ("acknowledged", "U0ADMIN")]
    assert len(app.standin.ephemerals(user="U0MAVI1")) == 1
    app.standin.faults.clear()
    app.driver.press("U0MAVI1", first, "kohu_claim")  # nothing cached from the failure: asked again
    assert [i.owner_id for i in incidents(app)] == ["U0MAVI1", "U0ADMIN"]
