"""/uhka in Teams, end to end: the real server with a Teams-only configuration (people by their Entra
object ids), the Teams stand-in, activities signed like Teams signs them. The report dialog, a
screenshot sent in the chat, escalation on timeout, acknowledge, forward, police report, close;
an outsider refused; a supervisor without the app (403) escalates at once."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

pytest.importorskip("microsoft_teams.apps")

from escalation.models import EvidenceFile, Incident, IncidentEvent, Notification  # noqa: E402
from standin.teams import ADAPTIVE_CARD, run_teams_standin  # noqa: E402
from tests.teams_e2e import TeamsHarness  # noqa: E402
from tests.teams_world import AAD, teams_directory  # noqa: E402

THREAT = "Tiedän missä asut. Tulen huomenna kirjastolle ja sinä kadut."
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture(scope="module")
def teams_server():
    with run_teams_standin() as standin:
        yield standin


@pytest.fixture
def teams_app(tmp_path, clock, teams_server):
    teams_server.reset()
    harness = TeamsHarness(tmp_path, clock, teams_server, directory=teams_directory())
    yield harness
    harness.close()
    assert teams_server.violations() == []


def card_of(message: dict) -> dict:
    [attachment] = message["activity"]["attachments"]
    assert attachment["contentType"] == ADAPTIVE_CARD
    return attachment["content"]


def texts(node) -> str:
    if isinstance(node, dict):
        own = node.get("text", "") if node.get("type") in ("TextBlock", "TextRun") else ""
        return own + " " + " ".join(texts(v) for v in node.values())
    if isinstance(node, list):
        return " ".join(texts(v) for v in node)
    return ""


def inputs(card: dict) -> dict[str, dict]:
    return {e["id"]: e for e in card["body"] if e.get("type", "").startswith("Input.")}


def action(card: dict, title: str) -> dict:
    return next(a for a in card["actions"] if a["title"] == title)


def dialog_card(r) -> dict:
    assert r.status_code == 200, r.text
    task = r.json["task"]
    assert task["type"] == "continue", task
    return task["value"]["card"]["content"]


def report(app, person="maija", **values) -> str:
    """uhka -> the card's button -> the dialog -> submit. Returns the stored report's ref."""
    app.driver.message(person, "uhka")
    start = card_of(app.teams.personal_messages(person)[-1])
    button = start["actions"][0]
    assert button["type"] == "Action.Submit" and button["data"]["msteams"] == {"type": "task/fetch"}
    form = dialog_card(app.driver.task_fetch(person, button["data"]))
    submit = form["actions"][0]
    r = app.driver.task_submit(person, {**submit["data"], "text": THREAT, **values})
    assert r.status_code == 200 and r.json["task"]["type"] == "message", r.text
    with app.db.reading() as s:
        return s.execute(select(Incident.ref).order_by(Incident.id.desc())).scalars().first()


def test_the_dialog_has_the_modals_fields_and_errors_come_back_in_it(teams_app):
    teams_app.driver.message("maija", "uhka")
    button = card_of(teams_app.teams.personal_messages("maija")[0])["actions"][0]
    form = dialog_card(teams_app.driver.task_fetch("maija", button["data"]))
    fields = inputs(form)
    assert {
        "danger",
        "text",
        "platform",
        "link",
        "sender_name",
        "sender_link",
        "posted_date",
        "posted_time",
        "target",
        "supervisor",
    } <= set(fields)
    assert fields["text"]["label"] == "Viestin teksti sanasta sanaan" and fields["text"]["isRequired"]
    assert (fields["posted_date"]["type"], fields["posted_time"]["type"]) == ("Input.Date", "Input.Time")
    assert all(f.get("label") for f in fields.values())
    # The directory's supervisor is proposed, by Entra object id; the reporter is not a choice.
    assert fields["supervisor"]["value"] == AAD["esimies"]
    assert AAD["maija"] not in {c["value"] for c in fields["supervisor"]["choices"]}
    submit = form["actions"][0]
    again = dialog_card(teams_app.driver.task_submit("maija", {**submit["data"], "text": THREAT, "link": "ei osoite"}))
    assert "Tämä ei ole verkko-osoite" in texts(again)
    assert inputs(again)["text"]["value"] == THREAT  # what was typed is kept
    with teams_app.db.reading() as s:
        assert s.execute(select(Incident)).scalars().all() == []
    # Submitted twice (a retry, a double click): one report.
    for _ in range(2):
        r = teams_app.driver.task_submit("maija", {**submit["data"], "text": THREAT})
        assert r.json["task"]["type"] == "message" and "UHKA-2026-0001" in r.json["task"]["value"]
    with teams_app.db.reading() as s:
        assert len(s.execute(select(Incident)).scalars().all()) == 1


def test_threat_story_screenshot_escalation_ack_forward_police_close(teams_app):
    app, standin = teams_app, teams_app.teams
    ref = report(app, link="https://facebook.com/kokkola/posts/1")
    app.settle()
    confirmation = texts(card_of(standin.personal_messages("maija")[-1]))
    assert ref in confirmation and "Kuvakaappaukset" in confirmation
    [notice] = standin.personal_messages("esimies")
    card = card_of(notice)
    assert THREAT in texts(card)
    titles = [a["title"] for a in card["actions"]]
    assert titles == ["Kuittaa", "Välitä työsuojelupäällikölle", "Kirjaa rikosilmoitus", "Sulje"]
    assert [a["type"] for a in card["actions"]] == [
        "Action.Execute",
        "Action.Execute",
        "Action.Submit",
        "Action.Submit",
    ]

    # A screenshot sent in the chat: recorded as evidence of the open report, downloaded, hashed.
    r = app.driver.message_with_files("maija", images=[("kuvakaappaus.png", PNG, "image/png")])
    assert r.status_code == 200
    assert "kuvakaappaus.png" in texts(card_of(standin.personal_messages("maija")[-1]))
    app.settle()
    with app.db.reading() as s:
        [ev] = s.execute(select(EvidenceFile)).scalars().all()
        assert ev.content == PNG and ev.sha256 == hashlib.sha256(PNG).hexdigest()
    assert "kuvakaappaus.png" in texts(card_of(standin.message(notice["id"])))  # updated in place

    # Nobody acknowledges in 30 minutes: the admins' level hears.
    app.clock.advance(minutes=31)
    app.settle()
    assert ref in texts(card_of(standin.personal_messages("mavi1")[-1]))

    # An outsider's press is refused, and nothing changes.
    ack = action(card, "Kuittaa")
    r = app.driver.card_action("ulko", ack["verb"], ack["data"])
    # the same answer as for an id that does not exist (no telling which reports exist)
    assert r.status_code == 200 and "ei löytynyt, tai sinulla ei ole oikeutta" in texts(r.json["value"])
    with app.db.reading() as s:
        assert s.execute(select(Incident.status)).scalar_one() == "open"

    # The supervisor acknowledges on the card: the new card comes back in the answer.
    r = app.driver.card_action("esimies", ack["verb"], ack["data"], message=notice)
    assert r.status_code == 200 and r.elapsed < 5
    assert "Kuittaa" not in [a["title"] for a in r.json["value"].get("actions", [])]
    forward = action(card, "Välitä työsuojelupäällikölle")
    r = app.driver.card_action("esimies", forward["verb"], forward["data"], message=notice)
    assert r.status_code == 200
    app.settle()
    assert ref in texts(card_of(standin.personal_messages("turva")[-1]))
    assert "Kuittaa" not in [a["title"] for a in card_of(standin.message(notice["id"])).get("actions", [])]

    # Police report and close: dialogs from the card's buttons.
    police = action(card, "Kirjaa rikosilmoitus")
    form = dialog_card(app.driver.task_fetch("esimies", police["data"]))
    r = app.driver.task_submit(
        "esimies",
        {
            **form["actions"][0]["data"],
            "police_number": "5500/R/1234/26",
            "police_date": app.clock.now().date().isoformat(),
        },
    )
    assert r.json["task"]["type"] == "message", r.text
    close = action(card, "Sulje")
    form = dialog_card(app.driver.task_fetch("esimies", close["data"]))
    r = app.driver.task_submit("esimies", {**form["actions"][0]["data"], "note": "Hoidettu, rikosilmoitus tehty."})
    assert r.json["task"]["type"] == "message", r.text
    app.settle()
    with app.db.reading() as s:
        inc = s.execute(select(Incident)).scalar_one()
        assert (inc.status, inc.owner_id, inc.resolved_by) == ("resolved", AAD["esimies"], AAD["esimies"])
        types = [e for e in s.execute(select(IncidentEvent.type).order_by(IncidentEvent.id)).scalars()]
    assert types == ["created", "escalated", "acknowledged", "forwarded", "police_report", "resolved"]
    told = texts([card_of(m) for m in standin.personal_messages("maija")])
    assert "5500/R/1234/26" in told and "Hoidettu, rikosilmoitus tehty." in told
    # Every copy was updated in place; nothing failed.
    with app.db.reading() as s:
        assert not s.execute(select(Notification).where(Notification.status == "failed")).scalars().all()


def test_a_screenshot_without_an_open_report_is_not_kept(teams_app):
    teams_app.driver.message_with_files("maija", images=[("kuva.png", PNG, "image/png")])
    assert "ei ole avointa uhkailmoitusta" in texts(card_of(teams_app.teams.personal_messages("maija")[-1]))
    with teams_app.db.reading() as s:
        assert s.execute(select(EvidenceFile)).scalars().all() == []


def test_a_supervisor_without_the_app_escalates_at_once_and_admins_are_told(teams_app):
    ref = report(teams_app, person="erik")  # erik's supervisor has not installed the app: 403
    teams_app.settle()
    with teams_app.db.reading() as s:
        inc = s.execute(select(Incident)).scalar_one()
        assert inc.level == 1
    admin = texts([card_of(m) for m in teams_app.teams.personal_messages("mavi1")])
    assert ref in admin


def test_a_restart_during_delivery_loses_nothing(tmp_path, clock, teams_server):
    """kill -9 while the worker holds the rows: a new server on the same database delivers each
    owed message once (after the dead process's attempts have surely settled)."""
    import subprocess
    import sys

    from bot import outbox

    teams_server.reset()
    first = TeamsHarness(tmp_path, clock, teams_server, directory=teams_directory())
    try:
        ref = report(first)
        claimed = first.runtime.worker._claim_due()  # the rows are taken ... and the process dies
        assert len(claimed) == 2
    finally:
        first.close()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead_owner = f"{outbox.HOST}:{dead.pid}:{outbox._started(dead.pid)}:dead00"
    dead.wait()
    with first.db.transaction() as s:  # as the killed process left them
        for row in s.execute(select(Notification)).scalars():
            row.lease_owner = dead_owner
    first.db.dispose()
    second = TeamsHarness(tmp_path, clock, teams_server, directory=teams_directory())
    try:
        clock.advance(seconds=outbox.IN_FLIGHT.total_seconds())
        second.settle()
        assert len(teams_server.personal_messages("esimies")) == 1
        assert [ref in texts(card_of(m)) for m in teams_server.personal_messages("maija")][1:] == [True]
        with second.db.reading() as s:
            assert {r.status for r in s.execute(select(Notification)).scalars()} == {"sent"}
    finally:
        second.close()
    assert teams_server.violations() == []


def test_the_message_action_opens_the_dialog_with_the_message_text(teams_app):
    app = teams_app
    said = "Tiedän missä asut &amp; <b>tulen</b> huomenna"
    value = {
        "commandId": "uhka_from_message",
        "commandContext": "message",
        "messagePayload": {"id": "1700000000000", "body": {"contentType": "html", "content": f"<p>{said}</p>"}},
        "context": {"theme": "default"},
    }
    r = app.driver.send(app.driver.personal_activity("maija", "invoke", name="composeExtension/fetchTask", value=value))
    form = dialog_card(r)
    assert inputs(form)["text"]["value"] == "Tiedän missä asut & tulen huomenna"
    data = {**form["actions"][0]["data"], "text": inputs(form)["text"]["value"]}
    r = app.driver.send(
        app.driver.personal_activity(
            "maija",
            "invoke",
            name="composeExtension/submitAction",
            value={"commandId": "uhka_from_message", "commandContext": "message", "data": data},
        )
    )
    assert r.status_code == 200 and r.json["task"]["type"] == "message", r.text
    with app.db.reading() as s:
        inc = s.execute(select(Incident)).scalar_one()
    assert inc.details["source"] == {"kind": "teams_message_action"} and inc.details["text"] == data["text"]


def test_an_ohje_answer_about_a_threat_offers_the_report_dialog(teams_app):
    teams_app.driver.message("maija", "sain uhkaavan viestin, mitä teen")
    card = card_of(teams_app.teams.personal_messages("maija")[-1])
    [button] = [a for e in card["body"] if e["type"] == "ActionSet" for a in e["actions"]]
    form = dialog_card(teams_app.driver.task_fetch("maija", button["data"]))
    assert "text" in inputs(form)


def test_user_text_in_a_report_makes_no_mention_or_link(teams_app):
    evil = "<at>Eeva Esimies</at> [avaa](https://evil.example/x) www.evil.example &lt;at&gt;x&lt;/at&gt;"
    report(teams_app, text=evil, sender_name=evil[:100], target="<at>kaikki</at>")
    teams_app.settle()
    teams_app.driver.message_with_files("maija", images=[("<at>x</at>.png", PNG, "image/png")])
    teams_app.settle()
    assert teams_app.teams.personal_messages("esimies")
    # the fixture asserts the stand-in recorded no markup violation in any card


def test_own_reports_and_status_in_the_chat(teams_app):
    ref = report(teams_app)
    teams_app.settle()
    teams_app.driver.message("maija", "uhka omat")
    assert ref in texts(card_of(teams_app.teams.personal_messages("maija")[-1]))
    teams_app.driver.message("esimies", f"uhka tila {ref}")
    assert THREAT in texts(card_of(teams_app.teams.personal_messages("esimies")[-1]))
    teams_app.driver.message("ulko", f"uhka tila {ref}")
    assert "ei löytynyt, tai sinulla ei ole oikeutta" in texts(card_of(teams_app.teams.personal_messages("ulko")[-1]))
