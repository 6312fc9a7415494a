"""The Teams stand-in: every endpoint and fault, card checks, and compatibility with the real SDK.

The SDK tests run `microsoft_teams.apps.App` (microsoft-teams-apps 2.1) against the stand-in: its
JWT validation must accept what the driver signs and refuse spoiled tokens, and its outbound calls
must land on the fake connector. Authentication stays on (no unauthenticated-requests switch).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import jwt
import pytest

pytest.importorskip("microsoft_teams.apps")

from microsoft_teams.api import (  # noqa: E402
    Account,
    AdaptiveCardActionMessageResponse,
    CreateConversationParams,
    MessageActivityInput,
    TaskModuleMessageResponse,
    TaskModuleResponse,
)
from microsoft_teams.apps import App  # noqa: E402
from microsoft_teams.cards import AdaptiveCard, ExecuteAction, TextBlock, TextInput  # noqa: E402
from starlette.applications import Starlette  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import JSONResponse, Response  # noqa: E402

from standin.runner import run_app  # noqa: E402
from standin.teams import (  # noqa: E402
    ADAPTIVE_CARD,
    BAD_TOKENS,
    FILE_DOWNLOAD_INFO,
    AsyncTeamsDriver,
    StandInClientCredentials,
    TeamsDriver,
    TeamsStandIn,
    app_options,
    check_card,
    run_teams_standin,
)
from standin.teams.sdk_wiring import TokenRequestError  # noqa: E402

SCOPE = "https://api.botframework.com/.default"
MAVI = "19:mavi-general-standin@thread.tacv2"


# --- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Any:
    with run_teams_standin(file_url_ttl=60) as standin:
        yield standin


@pytest.fixture
def teams(server: TeamsStandIn) -> TeamsStandIn:
    server.reset()
    return server


def _token(teams: TeamsStandIn, **form: str) -> httpx.Response:
    data = {
        "grant_type": "client_credentials",
        "client_id": teams.bot.client_id,
        "client_secret": teams.bot.client_secret,
        "scope": SCOPE,
        **form,
    }
    return httpx.post(teams.token_url, data=data, trust_env=False)


@pytest.fixture
def api(teams: TeamsStandIn) -> Any:
    """An httpx client on the service URL carrying a token from the stand-in's token endpoint."""
    token = _token(teams).json()["access_token"]
    with httpx.Client(
        base_url=teams.service_url, headers={"Authorization": f"Bearer {token}"}, trust_env=False, timeout=10
    ) as client:
        yield client


def _card(*body: dict, actions: list[dict] | None = None, version: str = "1.5") -> dict:
    card = {"type": "AdaptiveCard", "version": version, "body": list(body)}
    if actions is not None:
        card["actions"] = actions
    return {"type": "message", "attachments": [{"contentType": ADAPTIVE_CARD, "content": card}]}


def _dm(api: httpx.Client, teams: TeamsStandIn, person: str = "maija") -> str:
    r = api.post(
        "v3/conversations", json={"members": [{"id": teams.person(person).aad_object_id}], "tenantId": teams.tenant.id}
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


# --- identity provider and token endpoint -----------------------------------------------------------


def test_openid_metadata_and_jwks_verify_the_driver_tokens(teams: TeamsStandIn) -> None:
    meta = httpx.get(teams.openid_metadata_url, trust_env=False).json()
    assert meta["issuer"] == "https://api.botframework.com"
    assert meta["id_token_signing_alg_values_supported"] == ["RS256"]
    keys = httpx.get(meta["jwks_uri"], trust_env=False).json()["keys"]
    assert [k["endorsements"] for k in keys] == [["msteams"]]
    token = teams.identity.activity_token(teams.service_url)
    key = jwt.PyJWK(keys[0]).key
    claims = jwt.decode(
        token, key, algorithms=["RS256"], audience=teams.bot.client_id, issuer="https://api.botframework.com"
    )
    assert claims["serviceurl"] == teams.service_url and claims["nbf"] < time.time() < claims["exp"]
    assert jwt.get_unverified_header(token)["kid"] == keys[0]["kid"]
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(
            teams.identity.activity_token(teams.service_url, bad="wrong_key"),
            key,
            algorithms=["RS256"],
            audience=teams.bot.client_id,
        )


def test_token_endpoint_issues_and_records_tokens(teams: TeamsStandIn) -> None:
    before = len(teams.tokens_issued())
    r = _token(teams)
    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3599
    assert jwt.decode(body["access_token"], options={"verify_signature": False})["appid"] == teams.bot.client_id
    assert [t.access_token for t in teams.tokens_issued()[before:]] == [body["access_token"]]
    [call] = teams.calls("token")
    assert call.args["body"]["client_secret"] == "***"  # secrets are not kept in the record


@pytest.mark.parametrize(
    ("form", "status", "error"),
    [
        ({"client_secret": "wrong"}, 401, "invalid_client"),
        ({"client_id": "00000000-0000-0000-0000-000000000000"}, 400, "unauthorized_client"),
        ({"grant_type": "password"}, 400, "unsupported_grant_type"),
        ({"scope": "https://graph.microsoft.com/.default"}, 400, "invalid_scope"),
    ],
)
def test_token_endpoint_refuses_like_aad(teams: TeamsStandIn, form: dict, status: int, error: str) -> None:
    r = _token(teams, **form)
    assert (r.status_code, r.json()["error"]) == (status, error)
    assert r.json()["error_description"].startswith("AADSTS") and r.json()["error_codes"]


def test_token_endpoint_refuses_an_unknown_tenant(teams: TeamsStandIn) -> None:
    r = httpx.post(
        teams.token_url.replace(teams.tenant.id, "someone-else"),
        trust_env=False,
        data={
            "grant_type": "client_credentials",
            "client_id": teams.bot.client_id,
            "client_secret": teams.bot.client_secret,
            "scope": SCOPE,
        },
    )
    assert r.status_code == 400


# --- connector: auth, conversations, activities ----------------------------------------------------


@pytest.mark.parametrize(("header", "reason"), [(None, "missing_token"), ("Bearer forged", "unknown_token")])
def test_connector_requires_an_issued_token(teams: TeamsStandIn, header: str | None, reason: str) -> None:
    headers = {"Authorization": header} if header else {}
    r = httpx.get(teams.service_url + f"v3/conversations/{MAVI}/members", headers=headers, trust_env=False)
    assert r.status_code == 401 and r.json()["reason"] == reason


def test_connector_refuses_an_expired_token() -> None:
    with run_teams_standin(token_ttl=1) as teams:
        token = _token(teams).json()["access_token"]
        time.sleep(1.1)
        r = httpx.get(
            teams.service_url + f"v3/conversations/{MAVI}/members",
            trust_env=False,
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status_code == 401 and r.json()["reason"] == "expired_token"


def test_create_personal_conversation(api: httpx.Client, teams: TeamsStandIn) -> None:
    by_aad = _dm(api, teams, "esimies")
    by_29 = api.post(
        "v3/conversations", json={"members": [{"id": teams.person("esimies").user_id}], "tenantId": teams.tenant.id}
    ).json()["id"]
    assert by_aad == by_29 == teams.personal_conversation_id("esimies")  # Teams gives the same 1:1 back
    r = api.post(
        "v3/conversations",
        json={
            "members": [{"id": teams.person("turva").aad_object_id}],
            "tenantId": teams.tenant.id,
            "activity": {"type": "message", "text": "Uhka-ilmoitus"},
        },
    )
    assert r.status_code == 201 and r.json()["activityId"]
    assert [m["activity"]["text"] for m in teams.personal_messages("turva")] == ["Uhka-ilmoitus"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"members": [{"id": "eiappia"}], "tenantId": "T"}, 403),  # tenant mismatch
        ({"members": [{"id": "eiappia"}]}, 400),  # no tenant id
        ({"members": [{"id": "29:nobody"}], "tenantId": None}, 404),  # unknown user
        ({"members": [], "tenantId": None}, 400),
    ],
)
def test_create_conversation_errors(api: httpx.Client, teams: TeamsStandIn, body: dict, status: int) -> None:
    if body.get("tenantId", "") is None:
        body["tenantId"] = teams.tenant.id
    assert api.post("v3/conversations", json=body).status_code == status


def test_app_not_installed_gives_403(api: httpx.Client, teams: TeamsStandIn) -> None:
    r = api.post(
        "v3/conversations",
        json={"members": [{"id": teams.person("eiappia").aad_object_id}], "tenantId": teams.tenant.id},
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "Forbidden"
    cid = teams.personal_conversation_id("eiappia")
    assert api.post(f"v3/conversations/{cid}/activities", json={"type": "message", "text": "x"}).status_code == 403


def test_send_update_delete_keep_versions(api: httpx.Client, teams: TeamsStandIn) -> None:
    cid = _dm(api, teams)
    aid = api.post(f"v3/conversations/{cid}/activities", json={"type": "message", "text": "v1"}).json()["id"]
    assert api.put(f"v3/conversations/{cid}/activities/{aid}", json={"type": "message", "text": "v2"}).json() == {
        "id": aid
    }
    msg = teams.message(aid)
    assert msg["activity"]["text"] == "v2" and [v["text"] for v in msg["versions"]] == ["v1", "v2"]
    assert msg["activity"]["from"]["id"] == teams.bot.id
    assert api.delete(f"v3/conversations/{cid}/activities/{aid}").status_code == 200
    assert teams.personal_messages("maija") == []
    assert teams.personal_messages("maija", include_deleted=True)[0]["deleted"] is True
    assert api.put(f"v3/conversations/{cid}/activities/{aid}", json={"text": "v3"}).status_code == 404
    assert api.delete(f"v3/conversations/{cid}/activities/{aid}").status_code == 404
    assert api.post("v3/conversations/a:nope/activities", json={"text": "x"}).status_code == 404
    assert api.post(f"v3/conversations/{cid}/activities", json={"type": "message"}).status_code == 400


def test_channel_posts_and_thread_replies(api: httpx.Client, teams: TeamsStandIn) -> None:
    ch = teams.channel("mavi", "Hälytykset").id
    root = api.post(f"v3/conversations/{ch}/activities", json={"type": "message", "text": "Hälytys"}).json()["id"]
    by_conv_id = api.post(
        f"v3/conversations/{ch};messageid={root}/activities", json={"type": "message", "text": "kuitattu"}
    )
    by_path = api.post(f"v3/conversations/{ch}/activities/{root}", json={"type": "message", "text": "selvä"})
    by_reply_to = api.post(
        f"v3/conversations/{ch}/activities", json={"type": "message", "text": "ok", "replyToId": root}
    )
    assert {by_conv_id.status_code, by_path.status_code, by_reply_to.status_code} == {201}
    assert [m["activity"]["text"] for m in teams.thread(root)] == ["kuitattu", "selvä", "ok"]
    assert len(teams.channel_messages("mavi", "Hälytykset")) == 4
    assert api.post(f"v3/conversations/{ch}/activities/999", json={"text": "x"}).status_code == 404
    private = teams.channel("mavi", "Luottamuksellinen").id
    assert api.post(f"v3/conversations/{private}/activities", json={"text": "x"}).status_code == 403


def test_members_and_paged_members(api: httpx.Client, teams: TeamsStandIn) -> None:
    members = api.get(f"v3/conversations/{MAVI}/members").json()
    assert [m["name"] for m in members] == ["Minna Mavi", "Mikael Mavinen", "Tuomas Turvallisuus"]
    assert {"aadObjectId", "email", "userPrincipalName", "id"} <= set(members[0])
    one = api.get(f"v3/conversations/{MAVI}/members/{members[0]['id']}")
    assert one.json()["aadObjectId"] == teams.person("mavi1").aad_object_id
    assert api.get(f"v3/conversations/{MAVI}/members/{teams.person('ulko').user_id}").status_code == 404
    pages, token = [], None
    for path in ("pagedmembers", "pagedMembers"):  # documented spelling and the SDK's
        page = api.get(
            f"v3/conversations/{MAVI}/{path}", params={"pageSize": 2, **({"continuationToken": token} if token else {})}
        ).json()
        pages.append([m["name"] for m in page["members"]])
        token = page.get("continuationToken")
    assert pages == [["Minna Mavi", "Mikael Mavinen"], ["Tuomas Turvallisuus"]] and token is None
    assert api.get(f"v3/conversations/{MAVI}/pagedmembers", params={"continuationToken": "!!"}).status_code == 400
    assert api.get("v3/conversations/19:nope/members").status_code == 404


# --- files ------------------------------------------------------------------------------------------


def test_download_url_expires(teams: TeamsStandIn) -> None:
    fid = teams.add_file("kuvakaappaus.pdf", b"%PDF-1.7", "application/pdf")["id"]
    att = teams.file_attachment(fid, ttl=0.3)
    assert att["contentType"] == FILE_DOWNLOAD_INFO
    url = att["content"]["downloadUrl"]
    r = httpx.get(url, trust_env=False)  # no token needed: the link is pre-authenticated
    assert (r.status_code, r.content) == (200, b"%PDF-1.7")
    time.sleep(0.4)
    assert httpx.get(url, trust_env=False).status_code == 403
    assert httpx.get(url.split("?")[0] + "?sig=forged", trust_env=False).status_code == 403
    assert httpx.get(teams.base_url + "files/nope?sig=x", trust_env=False).status_code == 404


def test_content_url_needs_the_bot_token(api: httpx.Client, teams: TeamsStandIn) -> None:
    fid = teams.add_file("liitetty.png", b"\x89PNG", "image/png")["id"]
    url = teams.content_url(fid)
    assert httpx.get(url, trust_env=False).status_code == 401
    r = api.get(url)
    assert (r.status_code, r.content, r.headers["content-type"]) == (200, b"\x89PNG", "image/png")


# --- faults -----------------------------------------------------------------------------------------


def _send(api: httpx.Client, cid: str, text: str = "hei") -> httpx.Response:
    return api.post(f"v3/conversations/{cid}/activities", json={"type": "message", "text": text})


@pytest.mark.parametrize(
    ("kind", "status", "stored"),
    [
        ("rate_limited", 429, False),
        ("server_error", 500, False),
        ("server_error_after", 500, True),
    ],
)
def test_http_faults(api: httpx.Client, teams: TeamsStandIn, kind: str, status: int, stored: bool) -> None:
    cid = _dm(api, teams)
    teams.faults.add("activities.send", kind, retry_after=7)
    r = _send(api, cid)
    assert r.status_code == status
    if kind == "rate_limited":
        assert r.headers["Retry-After"] == "7"
    assert bool(teams.personal_messages("maija")) is stored
    assert _send(api, cid).status_code == 201  # times=1: the next call goes through
    assert teams.calls("activities.send")[0].fault == kind


@pytest.mark.parametrize(("kind", "stored"), [("drop", False), ("drop_after", True)])
def test_dropped_connections(api: httpx.Client, teams: TeamsStandIn, kind: str, stored: bool) -> None:
    cid = _dm(api, teams)
    teams.faults.add("activities.send", kind)
    with pytest.raises(httpx.TransportError):
        _send(api, cid)
    assert bool(teams.personal_messages("maija")) is stored


def test_slow_response_still_succeeds(api: httpx.Client, teams: TeamsStandIn) -> None:
    cid = _dm(api, teams)
    teams.faults.add("activities.send", "slow", delay=1.0)
    started = time.monotonic()
    assert _send(api, cid).status_code == 201
    assert time.monotonic() - started >= 1.0
    assert len(teams.personal_messages("maija")) == 1


@pytest.mark.parametrize(
    ("code", "status"), [("PreconditionFailed", 412), ("BadGateway", 502), ("GatewayTimeout", 504), ("Forbidden", 403)]
)
def test_error_faults_use_bot_framework_codes(api: httpx.Client, teams: TeamsStandIn, code: str, status: int) -> None:
    teams.faults.add("*", "error", error=code)
    r = api.get(f"v3/conversations/{MAVI}/members")
    assert (r.status_code, r.json()["error"]["code"]) == (status, code)


def test_token_endpoint_faults_and_stats(teams: TeamsStandIn) -> None:
    teams.faults.add("token", "server_error")
    assert _token(teams).status_code == 500
    assert _token(teams).status_code == 200
    assert teams.stats()["faults"]["by_method"] == {"token": {"server_error": 1}}


# --- card and markup checks -------------------------------------------------------------------------

GOOD_INPUT = {"type": "Input.Text", "id": "what", "label": "Mitä tapahtui?", "isMultiline": True}


@pytest.mark.parametrize(
    ("card", "problem"),
    [
        (_card(GOOD_INPUT, actions=[{"type": "Action.Execute", "title": "OK", "verb": "send"}]), None),
        (_card({"type": "TextBlock", "text": "x"}, version="1.6"), "above 1.5"),
        (_card({"type": "Input.Text", "id": "what"}), "has no label"),
        (_card(actions=[{"type": "Action.Execute", "title": "OK"}]), "has no verb"),
        (_card({"type": "Carousel"}), "unknown element type"),
        (
            _card(
                {
                    "type": "ColumnSet",
                    "columns": [{"type": "Column", "items": [{"type": "Input.Toggle", "id": "t", "title": "x"}]}],
                }
            ),
            "has no label",
        ),
        (
            _card(
                actions=[
                    {
                        "type": "Action.ShowCard",
                        "title": "Lisää",
                        "card": {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "Input.Date", "id": "d"}]},
                    }
                ]
            ),
            "has no label",
        ),
        (_card(GOOD_INPUT, GOOD_INPUT), "duplicate input ids"),
        (_card(actions=[{"type": "Action.Popup"}]), "unknown action type"),
    ],
)
def test_check_card(card: dict, problem: str | None) -> None:
    errors = check_card(card["attachments"][0]["content"])
    assert (errors == []) if problem is None else any(problem in e for e in errors), errors


def test_refused_card_gives_400_and_a_violation(api: httpx.Client, teams: TeamsStandIn) -> None:
    cid = _dm(api, teams)
    r = api.post(f"v3/conversations/{cid}/activities", json=_card({"type": "Input.Text", "id": "what"}))
    assert r.status_code == 400 and r.json()["error"]["code"] == "BadArgument"
    assert [v.kind for v in teams.violations()] == ["card"]
    [bad] = teams.invalid_calls()
    assert "has no label" in bad.errors[0]
    assert teams.personal_messages("maija") == []
    assert api.post(f"v3/conversations/{cid}/activities", json=_card(GOOD_INPUT)).status_code == 201
    assert len(teams.violations()) == 1


def test_update_is_checked_too(api: httpx.Client, teams: TeamsStandIn) -> None:
    cid = _dm(api, teams)
    aid = _send(api, cid).json()["id"]
    assert api.put(f"v3/conversations/{cid}/activities/{aid}", json=_card(version="2.0")).status_code == 400
    assert teams.message(aid)["activity"]["text"] == "hei"


def test_oversized_activity_gives_413(api: httpx.Client, teams: TeamsStandIn) -> None:
    cid = _dm(api, teams)
    r = api.post(f"v3/conversations/{cid}/activities", json=_card({"type": "TextBlock", "text": "x" * 110_000}))
    assert r.status_code == 413 and r.json()["error"]["code"] == "MessageSizeTooBig"
    assert [v.kind for v in teams.violations()] == ["size"]


def test_mention_markup_needs_its_entity(api: httpx.Client, teams: TeamsStandIn) -> None:
    cid = _dm(api, teams)
    assert _send(api, cid, "Katso <at>Mavi</at>").status_code == 201  # Teams accepts it; we flag it
    [v] = teams.violations("markup")
    assert "<at>Mavi</at>" in v.detail
    ok = {
        "type": "message",
        "text": "<at>Mavi</at> huom",
        "entities": [{"type": "mention", "text": "<at>Mavi</at>", "mentioned": {"id": "tag-1", "type": "tag"}}],
    }
    assert api.post(f"v3/conversations/{cid}/activities", json=ok).status_code == 201
    card = _card({"type": "TextBlock", "text": "<at>Esimies</at>"})
    assert api.post(f"v3/conversations/{cid}/activities", json=card).status_code == 201
    assert len(teams.violations("markup")) == 2


def test_user_link_markup_echoed_back_is_flagged(api: httpx.Client, teams: TeamsStandIn) -> None:
    teams.note_user_text("uhkaus [klikkaa](https://evil.example/x) tänään")
    cid = _dm(api, teams)
    _send(api, cid, "Kiitos ilmoituksesta: uhkaus [klikkaa](https://evil.example/x) tänään")
    _send(api, cid, "Kiitos ilmoituksesta: uhkaus \\[klikkaa\\](https://evil.example/x) tänään")  # escaped
    assert [v.kind for v in teams.violations()] == ["markup"]


# --- the real SDK against the stand-in --------------------------------------------------------------


class StarletteAdapter:
    """The SDK's HttpServerAdapter on a plain Starlette app (how Somevahti's own server can own the route)."""

    def __init__(self) -> None:
        self.app = Starlette()

    def register_route(self, method: str, path: str, handler: Any) -> None:
        async def endpoint(request: Request) -> Response:
            answer = await handler({"body": await request.json(), "headers": dict(request.headers)})
            if answer["body"] is None:
                return Response(status_code=answer["status"])
            return JSONResponse(answer["body"], answer["status"])

        self.app.add_route(path, endpoint, methods=[method])

    def serve_static(self, path: str, directory: str) -> None:
        pass

    async def start(self, port: int) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        pass


def _sdk_app(teams: TeamsStandIn) -> tuple[App, StarletteAdapter]:
    adapter = StarletteAdapter()
    return App(**app_options(teams), http_server_adapter=adapter), adapter


@pytest.fixture(scope="module")
def bot(server: TeamsStandIn) -> Any:
    """A tiny SDK bot served in a thread; `seen` collects the activities its handlers got."""
    app, adapter = _sdk_app(server)
    seen: list[Any] = []

    @app.on_message
    async def on_message(ctx: Any) -> None:
        seen.append(ctx.activity)
        await ctx.send(f"kaiku: {ctx.activity.text}")

    @app.on_dialog_open("uhka")
    async def on_open(ctx: Any) -> TaskModuleResponse:
        seen.append(ctx.activity)
        return TaskModuleResponse(task=TaskModuleMessageResponse(value="avattu"))

    @app.on_dialog_submit
    async def on_submit(ctx: Any) -> TaskModuleResponse:
        seen.append(ctx.activity)
        return TaskModuleResponse(task=TaskModuleMessageResponse(value="kiitos"))

    @app.on_card_action_execute("ack")
    async def on_ack(ctx: Any) -> AdaptiveCardActionMessageResponse:
        seen.append(ctx.activity)
        return AdaptiveCardActionMessageResponse(value="kuitattu")

    @app.on_install_add
    async def on_install(ctx: Any) -> None:
        seen.append(ctx.activity)

    @app.on_conversation_update
    async def on_update(ctx: Any) -> None:
        seen.append(ctx.activity)

    asyncio.run(app.initialize())
    with run_app(adapter.app) as url, TeamsDriver(url + "api/messages", server) as driver:
        yield driver, seen


def test_sdk_accepts_a_driver_message_and_replies_on_the_connector(teams: TeamsStandIn, bot: Any) -> None:
    driver, seen = bot
    seen.clear()
    r = driver.message("erik", "hej")
    assert r.status_code == 200, r.text
    [activity] = seen
    assert (activity.from_.aad_object_id, activity.locale) == (teams.person("erik").aad_object_id, "sv-SE")
    assert activity.conversation.tenant_id == teams.tenant.id and activity.channel_id == "msteams"
    assert [m["text"] for m in driver.sent_to("erik")] == ["kaiku: hej"]
    assert teams.calls("token") or teams.tokens_issued()  # the reply went out with a token we issued


@pytest.mark.parametrize("bad", BAD_TOKENS)
def test_sdk_rejects_spoiled_tokens(teams: TeamsStandIn, bot: Any, bad: str) -> None:
    driver, seen = bot
    seen.clear()
    assert driver.message("maija", "hei", bad_token=bad).status_code == 401
    assert seen == [] and driver.sent_to("maija") == []


def test_sdk_rejects_a_missing_token(teams: TeamsStandIn, bot: Any) -> None:
    driver, _ = bot
    assert driver.message("maija", "hei", no_token=True).status_code == 401


def test_sdk_parses_files_dialogs_card_actions_and_updates(teams: TeamsStandIn, bot: Any) -> None:
    driver, seen = bot
    seen.clear()
    r = driver.message_with_files(
        "maija", files=[("uhkaus.pdf", b"%PDF", "application/pdf")], images=[("kuva.png", b"\x89PNG", "image/png")]
    )
    assert r.status_code == 200
    file_att, image_att = seen[-1].attachments[:2]
    assert file_att.content_type == FILE_DOWNLOAD_INFO and image_att.content_type == "image/png"
    assert httpx.get(file_att.content["downloadUrl"], trust_env=False).content == b"%PDF"

    r = driver.task_fetch("maija", dialog_id="uhka")
    assert r.status_code == 200 and r.json["task"] == {"type": "message", "value": "avattu"}
    r = driver.task_submit("maija", {"what": "uhkaus", "when": "2026-11-28"}, dialog_id="uhka")
    assert r.json["task"]["value"] == "kiitos" and seen[-1].value.data["what"] == "uhkaus"
    # SDK quirk: on_card_action_execute("ack") matches data["action"], not the Action.Execute verb.
    before = len(seen)
    assert "kuitattu" not in driver.card_action("esimies", "ack", {"threat": 7}).text
    assert len(seen) == before
    r = driver.card_action("esimies", "ack", {"action": "ack", "threat": 7})
    assert r.status_code == 200 and "kuitattu" in r.text
    assert (seen[-1].value.action.verb, seen[-1].value.action.data) == ("ack", {"action": "ack", "threat": 7})

    assert driver.installation_update("maija").status_code == 200
    assert seen[-1].type == "installationUpdate" and seen[-1].action == "add"
    assert driver.members_added("turva", "mavi", ["bot", "mavi2"]).status_code == 200
    assert [m.id for m in seen[-1].members_added] == [teams.bot.id, teams.person("mavi2").user_id]
    assert driver.installation_update("turva", team="mavi").status_code == 200

    assert driver.channel_message("mavi1", "mavi", "tilanne?", channel="Hälytykset").status_code == 200
    assert seen[-1].conversation.conversation_type == "channel"
    assert seen[-1].entities[-1].mentioned.id == teams.bot.id
    # The SDK answered in the channel thread the user started.
    [reply] = driver.sent_to_channel("mavi", "Hälytykset")
    assert reply["text"].startswith("kaiku:")


def test_sdk_proactive_calls_land_on_the_connector(teams: TeamsStandIn) -> None:
    app, _ = _sdk_app(teams)

    async def run() -> tuple[str, str]:
        await app.initialize()
        conv = await app.api.conversations.create(
            CreateConversationParams(
                members=[Account(id=teams.person("turva").aad_object_id)], tenant_id=teams.tenant.id
            )
        )
        card = AdaptiveCard(
            body=[TextBlock(text="Uusi uhka-ilmoitus")], actions=[ExecuteAction(title="Kuittaa", verb="ack")]
        )
        sent = await app.send(conv.id, card)
        conversations = app.api.conversations
        await conversations.update_activity(conv.id, sent.id, MessageActivityInput(text="Kuitattu"))
        await conversations.reply_to_activity(conv.id, sent.id, MessageActivityInput(text="vastaus"))
        gone = await app.send(conv.id, "poistetaan")
        await conversations.delete_activity(conv.id, gone.id)
        page = await conversations.get_paged_members(MAVI, page_size=2)
        assert len(page.members) == 2 and page.continuation_token
        with pytest.raises(httpx.HTTPStatusError) as refused:
            await app.api.conversations.create(
                CreateConversationParams(
                    members=[Account(id=teams.person("eiappia").aad_object_id)], tenant_id=teams.tenant.id
                )
            )
        assert refused.value.response.status_code == 403
        with pytest.raises(httpx.HTTPStatusError) as bad_card:  # the SDK's TextInput has no label by default
            await app.send(conv.id, AdaptiveCard(body=[TextInput(id="what")]))
        assert bad_card.value.response.status_code == 400
        return conv.id, sent.id

    cid, aid = asyncio.run(run())
    assert cid == teams.personal_conversation_id("turva")
    msgs = teams.personal_messages("turva")
    assert [m["activity"].get("text") for m in msgs] == ["Kuitattu", "vastaus"]
    assert msgs[0]["versions"][0]["attachments"][0]["contentType"] == ADAPTIVE_CARD
    assert msgs[1]["thread_id"] == aid
    assert [v.kind for v in teams.violations()] == ["card"]


def test_client_credentials_provider_caches_and_fails_loudly(teams: TeamsStandIn) -> None:
    provider = StandInClientCredentials.for_standin(teams)

    async def run() -> None:
        first = await provider(SCOPE, "botframework.com")
        assert await provider(SCOPE, teams.tenant.id) == first
        assert provider.requests == 1
        wrong = StandInClientCredentials(teams.login_endpoint, teams.bot.client_id, "wrong", teams.tenant.id)
        with pytest.raises(TokenRequestError, match="401"):
            await wrong(SCOPE, None)

    asyncio.run(run())


def test_async_driver(teams: TeamsStandIn, bot: Any) -> None:
    sync_driver, seen = bot

    async def run() -> int:
        driver = AsyncTeamsDriver(sync_driver.app_url, teams)
        try:
            return (await driver.message("maija", "async")).status_code
        finally:
            await driver.aclose()

    assert asyncio.run(run()) == 200
    assert teams.wait_for_personal("maija")[0]["activity"]["text"] == "kaiku: async"
