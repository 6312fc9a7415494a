"""The Teams transport through the real delivery worker against the Teams stand-in: a proactive
post and an update in place land once; connector errors map to Transient/Permanent; the token
provider caches and fails loudly."""

from __future__ import annotations

import asyncio
import base64

import pytest
from sqlalchemy import select

pytest.importorskip("microsoft_teams.apps")

from escalation import engine  # noqa: E402
from escalation.delivery import Transient  # noqa: E402
from escalation.models import FAILED, SENT, Notification  # noqa: E402
from escalation.policy import Target  # noqa: E402
from standin.teams import ADAPTIVE_CARD, run_teams_standin  # noqa: E402
from teams.cards.common import card, message, plain  # noqa: E402
from teams.config import TeamsConfig  # noqa: E402
from teams.connector import Connector  # noqa: E402
from teams.token import ClientCredentials, TokenError  # noqa: E402
from teams.transport import TeamsTransport  # noqa: E402

MAVI_CHANNEL = "19:mavi-halytykset-standin@thread.tacv2"


@pytest.fixture(scope="module")
def teams_server():
    with run_teams_standin() as standin:
        yield standin


@pytest.fixture
def teams(teams_server):
    teams_server.reset()
    yield teams_server
    assert [v for v in teams_server.violations() if v.kind != "card"] == []


def config_of(teams, **overrides) -> TeamsConfig:
    return TeamsConfig(
        **{
            "client_id": teams.bot.client_id,
            "client_secret": teams.bot.client_secret,
            "tenant_id": teams.tenant.id,
            "service_url": teams.service_url,
            "login_endpoint": teams.login_endpoint,
            "openid_metadata_url": teams.openid_metadata_url,
            **overrides,
        }
    )


def render_test(session, row, incident, lang):
    """A test renderer: the row's data as a card (and how many times it was rendered)."""
    return message(card([plain(f"{row.data['text']} ({lang})")]), row.data["text"])


@pytest.fixture
def transport(teams, db, clock):
    return TeamsTransport(
        config_of(teams), Connector(ClientCredentials(config_of(teams))), db, clock, renderers={"test": render_test}
    )


def owe(db, clock, key, target, **kw):
    with db.transaction() as s:
        return engine.owe(s, None, key, "test.note", target, clock.now(), **kw)


def row(db, nid) -> Notification:
    with db.reading() as s:
        return s.get(Notification, nid)


def drain(db, clock, transport):
    from bot.outbox import OutboxWorker

    worker = OutboxWorker(db, clock, {"teams": transport})

    async def go():
        async with worker.connected():
            await worker.drain()

    asyncio.run(go())


def test_proactive_post_and_update_in_place_land_once(teams, db, clock, transport):
    aad = teams.person("turva").aad_object_id
    first = owe(db, clock, "t1", Target("user", aad, platform="teams"), data={"text": "Uusi ilmoitus"})
    drain(db, clock, transport)
    sent = row(db, first)
    assert sent.status == SENT and sent.channel_id == teams.personal_conversation_id("turva")
    [msg] = teams.personal_messages("turva")
    assert msg["id"] == sent.ts and msg["activity"]["attachments"][0]["contentType"] == ADAPTIVE_CARD
    assert len(teams.calls("conversations.create")) == 1

    with db.transaction() as s:
        s.get(Notification, first).data = {"text": "Kuitattu"}
    owe(db, clock, "t1:update", Target("user", aad, platform="teams"), op="update", parent_id=first)
    drain(db, clock, transport)
    [msg] = teams.personal_messages("turva")
    assert "Kuitattu (fi)" in str(msg["activity"]) and len(msg["versions"]) == 2
    # A second post to the same person reuses the remembered chat.
    owe(db, clock, "t2", Target("user", aad, platform="teams"), data={"text": "Toinen"})
    drain(db, clock, transport)
    assert len(teams.personal_messages("turva")) == 2 and len(teams.calls("conversations.create")) == 1


def test_channel_post_and_thread_reply(teams, db, clock, transport):
    root = owe(db, clock, "c1", Target("channel", MAVI_CHANNEL, platform="teams"), data={"text": "Kohu"})
    owe(
        db,
        clock,
        "c1:reply",
        Target("channel", MAVI_CHANNEL, platform="teams"),
        data={"text": "Tilanne"},
        thread_key="c1",
    )
    drain(db, clock, transport)
    clock.advance(seconds=2)  # the reply waited for its parent (retry in 1 s)
    drain(db, clock, transport)
    parent = row(db, root)
    [reply] = teams.thread(parent.ts)
    assert "Tilanne" in str(reply["activity"])


def test_rate_limit_waits_for_retry_after(teams, db, clock, transport):
    teams.faults.add("activities.send", "rate_limited", retry_after=7)
    nid = owe(db, clock, "r1", Target("channel", MAVI_CHANNEL, platform="teams"), data={"text": "x"})
    drain(db, clock, transport)
    r = row(db, nid)
    assert r.status == "pending" and r.last_error.startswith("http_429")
    assert (r.next_attempt_at - clock.now()).total_seconds() == pytest.approx(7)
    clock.advance(seconds=8)
    drain(db, clock, transport)
    assert row(db, nid).status == SENT and len(teams.channel_messages("mavi", "Hälytykset")) == 1


@pytest.mark.parametrize("error", ["PreconditionFailed", "BadGateway", "GatewayTimeout", "ServiceUnavailable"])
def test_retryable_errors_are_transient(teams, transport, error):
    teams.faults.add("activities.send", "error", error=error)
    with pytest.raises(Transient):
        asyncio.run(transport.post(None, MAVI_CHANNEL, message(card([plain("x")]), "x"), None))


def test_server_error_and_timeout_are_transient(teams, transport):
    teams.faults.add("activities.send", "server_error")
    with pytest.raises(Transient, match="http_500"):
        asyncio.run(transport.post(None, MAVI_CHANNEL, message(card([plain("x")]), "x"), None))
    teams.faults.add("activities.send", "drop")
    with pytest.raises(Transient):
        asyncio.run(transport.post(None, MAVI_CHANNEL, message(card([plain("x")]), "x"), None))


def test_app_not_installed_is_permanent(teams, db, clock, transport):
    nid = owe(
        db, clock, "n1", Target("user", teams.person("eiappia").aad_object_id, platform="teams"), data={"text": "x"}
    )
    drain(db, clock, transport)
    r = row(db, nid)
    assert r.status == FAILED and r.last_error.startswith("http_403")


def test_a_kind_without_a_teams_renderer_fails_cleanly(teams, db, clock, transport):
    with db.transaction() as s:
        nid = engine.owe(s, None, "k1", "threat.new", Target("channel", MAVI_CHANNEL, platform="teams"), clock.now())
    drain(db, clock, transport)
    assert row(db, nid).last_error == "no_teams_renderer:threat.new" and row(db, nid).status == FAILED


def test_team_roster_is_paged(teams, transport):
    rows = Notification(target_kind="usergroup", target_id="19:mavi-general-standin@thread.tacv2")
    transport_members = asyncio.run(transport.members(rows))
    assert sorted(transport_members) == sorted(teams.person(k).aad_object_id for k in ("mavi1", "mavi2", "turva"))


def test_token_provider_caches_and_fails_loudly(teams):
    provider = ClientCredentials(config_of(teams))

    async def run():
        first = await provider()
        assert await provider("https://api.botframework.com/.default", "botframework.com") == first
        assert provider.requests == 1
        provider.forget()
        await provider()
        assert provider.requests == 2

    asyncio.run(run())
    wrong = ClientCredentials(config_of(teams, client_secret="wrong"))
    with pytest.raises(TokenError, match="401") as refused:
        asyncio.run(wrong())
    assert "wrong" not in str(refused.value)  # the secret never appears in the error
    teams.faults.add("token", "server_error")
    with pytest.raises(TokenError, match="500"):
        asyncio.run(ClientCredentials(config_of(teams))())


def test_token_is_renewed_near_expiry(teams):
    now = [1000.0]
    provider = ClientCredentials(config_of(teams), clock=lambda: now[0])
    asyncio.run(provider())
    now[0] += 3599 - 301
    asyncio.run(provider())
    assert provider.requests == 1
    now[0] += 2
    asyncio.run(provider())
    assert provider.requests == 2


def test_token_failure_is_transient_for_the_worker(teams, transport):
    teams.faults.add("token", "error", error="BadArgument")
    with pytest.raises(Transient, match="token"):
        asyncio.run(transport.post(None, MAVI_CHANNEL, message(card([plain("x")]), "x"), None))


def test_find_posted_cannot_look(transport):
    assert asyncio.run(transport.find_posted(None, MAVI_CHANNEL, None)) is None


def test_duplicate_check_is_absent_after_a_lost_answer(teams, db, clock, transport):
    """Documents the one case a Teams message can arrive twice (DEVELOPERS.md): the connector
    stored the post but its answer was lost; the retry cannot look it up, and posts again."""
    teams.faults.add("activities.send", "drop_after")
    nid = owe(db, clock, "d1", Target("channel", MAVI_CHANNEL, platform="teams"), data={"text": "x"})
    drain(db, clock, transport)
    clock.advance(seconds=60)
    drain(db, clock, transport)
    assert row(db, nid).status == SENT
    assert len(teams.channel_messages("mavi", "Hälytykset")) == 2
    with db.reading() as s:
        assert s.execute(select(Notification).where(Notification.status != SENT)).scalars().all() == []


def test_an_uploaded_image_is_shown_inline_in_a_channel(teams, db, clock):
    """The weekly chart in Teams: no bot file upload outside the 1:1 consent flow, so the image
    goes inline in a card (a data URI), once."""
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)

    def render_chart(session, row, incident, lang):
        return {"text": "Viikkokuva", "file": {"filename": "viikko.png", "title": "Viikkokuva", "content": png}}

    transport = TeamsTransport(
        config_of(teams), Connector(ClientCredentials(config_of(teams))), db, clock, renderers={"test": render_chart}
    )
    owe(db, clock, "chart", Target("channel", MAVI_CHANNEL, platform="teams"), op="upload")
    drain(db, clock, transport)
    [posted] = [m for m in teams.messages(MAVI_CHANNEL)]
    images = [el for att in posted["activity"]["attachments"] for el in att["content"]["body"] if el["type"] == "Image"]
    assert [i["url"] for i in images] == ["data:image/png;base64," + base64.b64encode(png).decode()]
