"""/kampanja end to end: the notice in mavi's channel, "Nähty", the results reminder when the
campaign has ended (the fake clock moves there) and the results stored."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from escalation.models import Incident
from tests.support import visible_text as text_of
from tests.test_kohu import MAVI, buttons, no_invalid_calls, replies, timeline

PAID = (
    "Maksullisen markkinoinnin päätökset tekee yksikön johtaja. "
    "Maksullisesta markkinointikampanjasta tulee ilmoittaa mavi-tiimiin."
)
MEASURE = "Sosiaaliselle medialle asetettujen tavoitteiden saavuttamista täytyy seurata ja mitata."
FORM = {
    "unit": "Kaupunginkirjasto",
    "channels": ["facebook", "instagram"],
    "start": "2026-11-30",
    "end": "2026-12-13",
    "budget": "300 €",
    "audience": "15–25-vuotiaat Kokkolassa",
    "decided_by": "U0ESIMIES",
}


def notices(app) -> list[dict]:
    return [m for m in app.standin.messages(MAVI, include_replies=False) if "KAMP-" in m["text"]]


def notify(app, user="U0MAIJA", values=None):
    r = app.driver.slash(user, "/kampanja", "Kaupunginkirjasto")
    assert r.status_code == 200
    form = app.standin.open_view(user)
    assert form["callback_id"] == "kampanja_report"
    done = app.driver.view_submission(user, values=values or FORM)
    app.settle()
    return form, done


def test_campaign_noticed_seen_and_results_collected(app):
    form, done = notify(app)
    # The form quotes the guideline verbatim.
    assert PAID in text_of({"blocks": form["blocks"]})
    assert done.status_code == 200 and done.view is None
    [notice] = notices(app)
    seen = text_of(notice)
    for expected in (
        "KAMP-2026-0001",
        "Kaupunginkirjasto",
        "Facebook, Instagram",
        "30.11.2026–13.12.2026",
        "300 €",
        "15–25-vuotiaat Kokkolassa",
        "<@U0ESIMIES>",
        "<@U0MAIJA>",
        "Ei vielä merkitty nähdyksi",
        "14.12.2026",
    ):
        assert expected in seen, expected
    assert buttons(notice) == ["kampanja_seen"]
    [confirmation] = app.standin.dm_messages("U0MAIJA")
    assert "KAMP-2026-0001" in text_of(confirmation) and PAID in text_of(confirmation)

    # Someone outside mavi cannot mark it seen; a mavi member can, once.
    app.driver.press("U0ERIK", notice, "kampanja_seen")
    app.settle()
    assert "Ei vielä merkitty nähdyksi" in text_of(app.standin.message(MAVI, notice["ts"]))
    app.driver.press("U0MAVI1", notice, "kampanja_seen")
    app.driver.press("U0MAVI1", notice, "kampanja_seen")
    app.settle()
    assert "👀 Nähty: <@U0MAVI1>" in text_of(app.standin.message(MAVI, notice["ts"]))
    told = [m for m in app.standin.dm_messages("U0MAIJA") if "nähdyksi" in text_of(m)]
    assert len(told) == 1 and "<@U0MAVI1>" in text_of(told[0])

    # Nothing before the campaign has ended; the morning after its last day the reporter is asked.
    app.clock.advance(days=16)  # 14.12.2026 at 12.00 Helsinki
    app.settle()
    reminders = [m for m in app.standin.dm_messages("U0MAIJA") if buttons(m) == ["kampanja_results"]]
    assert len(reminders) == 1
    assert MEASURE in text_of(reminders[0])
    app.advance(days=3)
    assert len([m for m in app.standin.dm_messages("U0MAIJA") if buttons(m) == ["kampanja_results"]]) == 1

    # The results: a link or figures (neither is refused), stored, in the notice's thread.
    app.driver.press("U0MAIJA", reminders[0], "kampanja_results")
    assert app.standin.open_view("U0MAIJA")["callback_id"] == "kampanja_results_submit"
    empty = app.driver.view_submission("U0MAIJA", values={})
    assert "figures" in (empty.errors or {})
    app.driver.view_submission(
        "U0MAIJA", values={"link": "https://example.com/raportti", "figures": "Kattavuus 12 000, klikkauksia 340"}
    )
    app.settle()
    final = app.standin.message(MAVI, notice["ts"])
    assert "Kattavuus 12 000, klikkauksia 340" in text_of(final) and buttons(final) == []
    [reply] = replies(app, notice)
    assert "https://example.com/raportti" in text_of(reply)
    reminder_now = app.standin.message(reminders[0]["channel"], reminders[0]["ts"])
    assert buttons(reminder_now) == [] and "on jaettu" in text_of(reminder_now)
    with app.db.transaction() as s:
        inc = s.execute(select(Incident).where(Incident.ref == "KAMP-2026-0001")).scalar_one()
        assert inc.status == "resolved"
        assert inc.details["results"]["link"] == "https://example.com/raportti"
    assert timeline(app, "KAMP-2026-0001") == ["created", "seen", "results_requested", "resolved"]
    no_invalid_calls(app)


def test_campaign_form_errors_and_resubmission(app):
    app.driver.slash("U0MAIJA", "/kampanja")
    app.standin.open_view("U0MAIJA")
    bad = app.driver.view_submission("U0MAIJA", values={**FORM, "end": "2026-11-01", "budget": " "}, force=True)
    assert set(bad.errors) == {"end", "budget"}
    assert "ennen alkamispäivää" in bad.errors["end"]
    app.driver.view_submission("U0MAIJA", values=FORM)
    app.settle()
    assert len(notices(app)) == 1


def test_kampanja_list_is_for_mavi(app):
    notify(app)
    r = app.driver.slash("U0MAVI1", "/kampanja", "lista")
    assert "KAMP-2026-0001" in text_of(r.json) and "Kaupunginkirjasto" in text_of(r.json)
    refused = app.driver.slash("U0ERIK", "/kampanja", "lista")
    assert "KAMP-" not in text_of(refused.json)


def test_end_date_in_the_past_asks_for_results_at_once(app):
    notify(app, values={**FORM, "start": "2026-11-01", "end": "2026-11-20"})
    assert app.clock.now() == datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
    assert [m for m in app.standin.dm_messages("U0MAIJA") if buttons(m) == ["kampanja_results"]]
