"""/tili end to end: a new account request to the unit's head AND the communications manager;
approved by both, rejected with a reason, more information asked and answered; reminders."""

from __future__ import annotations

from sqlalchemy import select

from escalation.models import Incident
from tests.support import visible_text as text_of
from tests.test_kohu import MAVI, buttons, no_invalid_calls, timeline

HEAD, COMMS = "U0ESIMIES", "U0VIESTPAA"
DECIDES = (
    "Päätöksen uuden tilin perustamisesta tekee toimialan tai yksikön johto yhdessä "
    "markkinointi- ja viestintäpäällikön kanssa."
)
RESOURCES = (
    "Ketkä ylläpitävät valittua sosiaalisen median kanavaa? Missä roolissa ylläpitäjät toimivat "
    "sosiaalisessa mediassa? Rooli riippuu mm. työn tavoitteista:"
)
FORM = {
    "unit": "Kaupunginkirjasto",
    "platform": "instagram",
    "name": "kokkolankirjasto_nuoret",
    "purpose": "Nuorten lukuvinkit, 13–19-vuotiaat",
    "maintainer": "U0MAIJA",
    "maintainer_role": "Kirjastonhoitaja, työrooli",
    "resources": "2 h viikossa, omat kuvat, käännökset ruotsiksi",
    "why_own": "Kaupungin yhteinen tili ei tavoita nuoria",
}


def requests_in_channel(app) -> list[dict]:
    return [m for m in app.standin.messages(MAVI, include_replies=False) if "TILI-" in m["text"]]


def request(app, user="U0MAIJA", values=None):
    app.driver.slash(user, "/tili")
    form = app.standin.open_view(user)
    assert form["callback_id"] == "tili_request"
    done = app.driver.view_submission(user, values=values or FORM)
    app.settle()
    return form, done


def dm_with(app, user: str, action: str) -> dict:
    found = [m for m in app.standin.dm_messages(user) if action in buttons(m)]
    assert found, [text_of(m)[:80] for m in app.standin.dm_messages(user)]
    return found[-1]


def current(app, msg: dict) -> dict:
    return app.standin.message(msg["channel"], msg["ts"])


def test_request_approved_by_both(app):
    form, done = request(app)
    seen = text_of({"blocks": form["blocks"]})
    assert DECIDES in seen and RESOURCES in seen  # the guideline, verbatim
    assert done.status_code == 200 and done.view is None
    # Both approvers get it with the buttons; mavi's channel sees it; the requester is told.
    head_msg, comms_msg = dm_with(app, HEAD, "tili_approve"), dm_with(app, COMMS, "tili_approve")
    assert buttons(head_msg) == ["tili_approve", "tili_reject", "tili_ask"]
    for expected in (
        "TILI-2026-0001",
        "kokkolankirjasto_nuoret",
        "Instagram",
        "Kaupunginkirjasto",
        "<@U0MAIJA>",
        "Kaupungin yhteinen tili ei tavoita nuoria",
        "yksikön johtaja",
    ):
        assert expected in text_of(head_msg), expected
    [in_channel] = requests_in_channel(app)
    assert buttons(in_channel) == [] and "odottaa" in text_of(in_channel)
    assert "TILI-2026-0001" in text_of(app.standin.dm_messages("U0MAIJA")[0])

    # Someone else cannot decide.
    app.driver.press("U0ERIK", head_msg, "tili_approve")
    app.settle()
    assert "hyväksytty" not in text_of(current(app, in_channel))

    app.driver.press(HEAD, head_msg, "tili_approve")
    app.settle()
    assert "✅ <@U0ESIMIES> (yksikön johtaja): hyväksytty" in text_of(current(app, in_channel))
    assert buttons(current(app, head_msg)) == []  # decided: no more buttons for the head
    assert "tili_approve" in buttons(current(app, comms_msg))
    assert "hyväksyi tilipyyntösi" in text_of(app.standin.dm_messages("U0MAIJA")[-1])
    with app.db.transaction() as s:
        assert s.execute(select(Incident.status).where(Incident.ref == "TILI-2026-0001")).scalar_one() == "open"

    app.driver.press(COMMS, comms_msg, "tili_approve")
    app.settle()
    final = text_of(current(app, in_channel))
    assert "Hyväksytty" in final and "molemmat hyväksyivät" in final
    assert [m for m in app.standin.dm_messages("U0MAIJA") if "on hyväksytty" in text_of(m)]
    assert timeline(app, "TILI-2026-0001") == ["created", "approved", "approved", "resolved"]
    no_invalid_calls(app)


def test_request_rejected_with_a_reason(app):
    request(app)
    comms_msg = dm_with(app, COMMS, "tili_reject")
    app.driver.press(COMMS, comms_msg, "tili_reject")
    assert app.standin.open_view(COMMS)["callback_id"] == "tili_reject_submit"
    app.driver.view_submission(COMMS, values={"text": "Käyttäkää kirjaston yhteistä Instagram-tiliä."})
    app.settle()
    [told] = [text_of(m) for m in app.standin.dm_messages("U0MAIJA") if "hylättiin" in text_of(m)]
    assert "Käyttäkää kirjaston yhteistä Instagram-tiliä." in told
    [in_channel] = requests_in_channel(app)
    assert "Hylätty" in text_of(current(app, in_channel))
    assert all(buttons(m) == [] for m in app.standin.dm_messages(HEAD))  # closed for the head too
    no_invalid_calls(app)


def test_more_information_asked_and_answered(app):
    request(app)
    head_msg = dm_with(app, HEAD, "tili_ask")
    app.driver.press(HEAD, head_msg, "tili_ask")
    app.driver.view_submission(HEAD, values={"text": "Kuka sijaistaa lomien aikana?"})
    app.settle()
    question = dm_with(app, "U0MAIJA", "tili_answer")
    assert "Kuka sijaistaa lomien aikana?" in text_of(question)
    with app.db.transaction() as s:
        due = s.execute(select(Incident.next_escalation_at).where(Incident.ref == "TILI-2026-0001")).scalar_one()
        assert due is None
    # Nobody is reminded while the requester is being asked.
    app.advance(days=5)
    assert not [m for m in app.standin.dm_messages(COMMS) if "Muistutus" in text_of(m)]

    app.driver.press("U0MAIJA", question, "tili_answer")
    assert app.standin.open_view("U0MAIJA")["callback_id"] == "tili_answer_submit"
    app.driver.view_submission("U0MAIJA", values={"text": "Erik sijaistaa."})
    app.settle()
    assert "Erik sijaistaa." in text_of(app.standin.dm_messages(HEAD)[-1])
    assert buttons(current(app, question)) == [] and "Vastasit: Erik sijaistaa." in text_of(current(app, question))
    [in_channel] = requests_in_channel(app)
    assert "Kuka sijaistaa lomien aikana?" in text_of(current(app, in_channel))
    assert "Erik sijaistaa." in text_of(current(app, in_channel))
    assert timeline(app, "TILI-2026-0001") == ["created", "info_requested", "info_answered"]


def test_unanswered_request_reminds_the_approvers_in_working_time(app):
    request(app)  # Saturday: two working days run Monday and Tuesday
    app.advance(days=3)  # Tuesday 12.00 Helsinki: not yet
    assert not [m for m in app.standin.dm_messages(COMMS) if "Muistutus" in text_of(m)]
    app.driver.press(HEAD, dm_with(app, HEAD, "tili_approve"), "tili_approve")
    app.advance(hours=5)  # Tuesday 17.00: the deadline (16.00) has passed
    reminders = [m for m in app.standin.dm_messages(COMMS) if "Muistutus" in text_of(m)]
    assert len(reminders) == 1 and "tili_approve" in buttons(reminders[0])
    assert not [m for m in app.standin.dm_messages(HEAD) if "Muistutus" in text_of(m)]  # already decided


def test_tili_list_is_for_mavi_and_unknown_unit_needs_a_head(app):
    app.driver.slash("U0MAIJA", "/tili")
    app.standin.open_view("U0MAIJA")
    r = app.driver.view_submission("U0MAIJA", values={**FORM, "unit": "Nuorisopalvelut"})
    assert "head" in (r.errors or {})
    app.driver.view_submission("U0MAIJA", values={**FORM, "unit": "Nuorisopalvelut", "head": "U0ERIK"})
    app.settle()
    assert dm_with(app, "U0ERIK", "tili_approve")
    listing = app.driver.slash("U0MAVI1", "/tili", "lista")
    assert "TILI-2026-0001" in text_of(listing.json) and "odottaa päätöstä" in text_of(listing.json)
    assert "TILI-" not in text_of(app.driver.slash("U0MAIJA", "/tili", "lista").json)
