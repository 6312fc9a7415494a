"""/kohu in Teams, end to end (Teams-only configuration): the alert dialog, the alert in the mavi
channel with the mavi tag mentioned, claim / situation update (a reply in the alert's thread) /
resolve by the mavi team's members; an outsider refused, nothing changed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

pytest.importorskip("microsoft_teams.apps")

from escalation.models import Incident, IncidentEvent  # noqa: E402
from standin.teams import run_teams_standin  # noqa: E402
from tests.teams_e2e import TeamsHarness  # noqa: E402
from tests.teams_world import AAD, MAVI_CHANNEL, teams_directory  # noqa: E402
from tests.test_teams_uhka import action, card_of, dialog_card, texts  # noqa: E402

TAG = "a1b2c3d4-0000-4000-8000-00000000fa90"
WHAT = "Kirjaston aukioloaikapäivitys kerää vihaisia kommentteja <at>Mavi</at> [tästä](https://evil.example/x)"


@pytest.fixture(scope="module")
def teams_server():
    with run_teams_standin() as standin:
        yield standin


@pytest.fixture
def teams_app(tmp_path, clock, teams_server):
    teams_server.reset()
    directory = _with_tag()
    harness = TeamsHarness(tmp_path, clock, teams_server, directory=directory)
    yield harness
    harness.close()
    assert teams_server.violations() == []


def _with_tag():
    from tests.teams_world import MAVI_TEAM

    return teams_directory(
        roles={
            "safety_chief": "turva",
            "comms_manager": "mavi2",
            "mavi_channel": {"teams": MAVI_CHANNEL},
            "mavi_team": MAVI_TEAM.id,
            "mavi_tag": {"teams": TAG},
        }
    )


def raise_alert(app, person="maija") -> str:
    app.driver.message(person, "kohu")
    button = card_of(app.teams.personal_messages(person)[-1])["actions"][0]
    form = dialog_card(app.driver.task_fetch(person, button["data"]))
    assert {e["id"] for e in form["body"] if e.get("id")} >= {"what", "links", "platform", "media", "own_mistake"}
    r = app.driver.task_submit(
        person,
        {**form["actions"][0]["data"], "what": WHAT, "links": "https://facebook.com/kokkola/posts/9", "comments": "40"},
    )
    assert r.json["task"]["type"] == "message", r.text
    with app.db.reading() as s:
        return s.execute(select(Incident.ref)).scalar_one()


def test_controversy_claimed_updated_resolved_outsider_refused(teams_app):
    app, standin = teams_app, teams_app.teams
    ref = raise_alert(app)
    app.settle()
    [alert] = standin.channel_messages("mavi", "Hälytykset")
    card = card_of(alert)
    assert ref in texts(card) and "<at>mavi</at>" in texts(card)
    assert card["msteams"]["entities"][0]["mentioned"] == {"id": TAG, "name": "mavi", "type": "tag"}
    assert [a["title"] for a in card["actions"]] == ["Otan hoitaakseni", "Lisää tilannepäivitys", "Ratkaistu"]

    claim = action(card, "Otan hoitaakseni")
    # An outsider (in no team) is refused with a message; nothing changes.
    r = app.driver.card_action("ulko", claim["verb"], claim["data"], message=alert)
    assert "Mitään ei muutettu" in texts(r.json["value"])
    with app.db.reading() as s:
        assert s.execute(select(Incident.status)).scalar_one() == "open"
    # A mavi team member claims it.
    r = app.driver.card_action("mavi1", claim["verb"], claim["data"], message=alert)
    assert r.status_code == 200 and "Otan hoitaakseni" not in [a["title"] for a in r.json["value"]["actions"]]
    app.settle()
    assert "Otan hoitaakseni" not in [a["title"] for a in card_of(standin.message(alert["id"]))["actions"]]

    # A situation update: a reply in the alert's thread.
    update = action(card, "Lisää tilannepäivitys")
    refused = dialog_card(app.driver.task_fetch("ulko", update["data"]))
    assert "Mitään ei muutettu" in texts(refused)
    form = dialog_card(app.driver.task_fetch("mavi2", update["data"]))
    r = app.driver.task_submit("mavi2", {**form["actions"][0]["data"], "text": "Vastattu kommentteihin."})
    assert r.json["task"]["type"] == "message", r.text
    app.settle()
    thread = standin.thread(alert["id"])
    assert any("Vastattu kommentteihin." in texts(card_of(m)) for m in thread if m["id"] != alert["id"])

    # Resolved by the one who claimed it.
    resolve = action(card, "Ratkaistu")
    form = dialog_card(app.driver.task_fetch("mavi1", resolve["data"]))
    r = app.driver.task_submit("mavi1", {**form["actions"][0]["data"], "summary": "Pahoittelimme, rauhoittui."})
    assert r.json["task"]["type"] == "message", r.text
    app.settle()
    with app.db.reading() as s:
        inc = s.execute(select(Incident)).scalar_one()
        assert (inc.status, inc.owner_id, inc.resolved_by) == ("resolved", AAD["mavi1"], AAD["mavi1"])
        types = list(s.execute(select(IncidentEvent.type).order_by(IncidentEvent.id)).scalars())
    assert types == ["created", "acknowledged", "update", "resolved"]
    told = texts([card_of(m) for m in standin.personal_messages("maija")])
    assert "Pahoittelimme, rauhoittui." in told
