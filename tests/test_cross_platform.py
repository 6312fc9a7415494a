"""Slack and Teams at once, one database: a report made in Slack reaches a supervisor who is only
in Teams; the acknowledgement pressed in Teams updates the card there and tells the reporter in
Slack; the same person is recognised on either platform."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

pytest.importorskip("microsoft_teams.apps")

from bot.config import Settings  # noqa: E402
from bot.directory import Directory  # noqa: E402
from bot.sandbox import world  # noqa: E402
from bot.sandbox.runner import ServerThread, tasks_now, wait_for_tasks  # noqa: E402
from bot.server import build_runtime  # noqa: E402
from escalation.models import Incident  # noqa: E402
from standin.driver import SlackDriver  # noqa: E402
from standin.teams import TeamsDriver, run_teams_standin  # noqa: E402
from standin.webapi import SlackStandIn, run_standin  # noqa: E402
from tests.test_teams_uhka import action, card_of, texts  # noqa: E402

THREAT = "Tiedän missä asut. Tulen huomenna kirjastolle ja sinä kadut."


def directory() -> Directory:
    data = yaml.safe_load(Path(world.DIRECTORY_FILE).read_text(encoding="utf-8"))
    data["people"]["eero"] = {"teams": data["people"]["eero"]["teams"], "name": "Eero Esihenkilö"}  # Teams only
    return Directory.model_validate(data)


@pytest.fixture
def both(tmp_path, clock):
    with (
        run_standin(SlackStandIn(world.workspace(), clock=lambda: clock.now().timestamp())) as slack,
        run_teams_standin() as teams,
    ):
        settings = Settings(
            slack_bot_token=world.BOT_TOKEN,
            slack_signing_secret=world.SIGNING_SECRET,
            slack_api_url=slack.base_url,
            teams_client_id=teams.bot.client_id,
            teams_client_secret=teams.bot.client_secret,
            teams_tenant_id=teams.tenant.id,
            teams_service_url=teams.service_url,
            teams_login_endpoint=teams.login_endpoint,
            teams_openid_metadata_url=teams.openid_metadata_url,
            database_url=f"sqlite:///{tmp_path}/both.db",
            somevahti_directory=world.DIRECTORY_FILE,
            _env_file=None,
        )
        runtime = build_runtime(settings, directory(), clock=clock)
        server = ServerThread(runtime, run_worker=False)
        server.start()
        url = f"http://127.0.0.1:{server.port}"
        baseline = server.call(tasks_now())

        class World:
            pass

        w = World()
        w.slack, w.teams, w.runtime, w.server = slack, teams, runtime, server
        w.slack_driver = SlackDriver(f"{url}/slack/events", world.SIGNING_SECRET, slack)
        w.teams_driver = TeamsDriver(f"{url}/api/messages", teams)
        w.quiesce = lambda: server.call(wait_for_tasks(baseline, 20), timeout=25)
        w.settle = lambda: server.call(runtime.worker.drain())
        try:
            yield w
        finally:
            w.teams_driver.close()
            server.stop()
            runtime.svc.db.dispose()
        assert teams.violations() == []


def test_a_slack_report_is_acknowledged_in_teams_and_both_sides_hear(both):
    assert both.slack_driver.slash("U0MAIJA", "/uhka").ok
    both.quiesce()
    resp = both.slack_driver.view_submission("U0MAIJA", values={"text": THREAT})
    assert resp.ok and resp.view is None, resp.text
    both.quiesce()
    both.settle()
    with both.runtime.svc.db.reading() as s:
        inc = s.execute(select(Incident)).scalar_one()
        ref = inc.ref
    [notice] = both.teams.personal_messages("esimies")  # Eero has no Slack id: he hears in Teams
    card = card_of(notice)
    assert THREAT in texts(card) and "maija" in texts(card)  # no name: in people: the key
    ack = action(card, "Kuittaa")
    r = both.teams_driver.card_action("esimies", ack["verb"], ack["data"], message=notice)
    assert r.status_code == 200 and "Kuittaa" not in [a["title"] for a in r.json["value"]["actions"]]
    both.settle()
    told = [m["text"] for m in both.slack.dm_messages("U0MAIJA")]
    assert any(ref in t and "kuittas" in t.lower() for t in told), told
    # In Slack, the Teams-only supervisor is shown by name, never by his Entra object id.
    shown = json.dumps(both.slack.dm_messages("U0MAIJA"), ensure_ascii=False)
    assert "Eero Esihenkilö" in shown and both.teams.person("esimies").aad_object_id not in shown
    with both.runtime.svc.db.reading() as s:
        inc = s.execute(select(Incident)).scalar_one()
    assert (inc.status, inc.owner_id) == ("acknowledged", both.teams.person("esimies").aad_object_id)
    # Maija, the same person in Teams, sees her own report there too.
    both.teams_driver.message("maija", "uhka omat")
    assert ref in texts(card_of(both.teams.personal_messages("maija")[-1]))


def test_teams_people_in_slack_messages_are_mentions_or_names():
    from handlers.render import with_people

    d = directory()
    eero, maija = d.teams_id("eero"), d.teams_id("maija")
    msg = {
        "text": f"<@{eero}> kuittasi",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": f"<@{maija}> ja <@{eero}>"}},
            {"type": "actions", "elements": [{"value": eero}]},
        ],
    }

    def slack_of(uid: str) -> str | None:
        return d.native_id(uid, "slack") if d.ids_of(uid) - {uid} else None

    out = with_people(msg, slack_of, d.display_name)
    assert out["text"] == "Eero Esihenkilö kuittasi"
    assert out["blocks"][0]["text"]["text"] == "<@U0MAIJA> ja Eero Esihenkilö"
    assert out["blocks"][1]["elements"][0]["value"] == eero  # ids in values stay
    # An id someone typed (a report's text) is not a mention: it stays text, pinging nobody.
    typed = with_people({"text": f"viesti: {maija}"}, slack_of, d.display_name)
    assert typed["text"] == f"viesti: {maija}"
