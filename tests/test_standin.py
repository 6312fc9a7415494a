"""The Slack stand-in itself: Web API behaviour through the real slack_sdk clients, faults,
Block Kit validation, and the driver's requests (signatures, payload shapes) against a real Bolt app."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl

import httpx
import pytest
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from standin import (
    EMPTY,
    AsyncSlackDriver,
    Channel,
    ClientValidationError,
    RemoteStandIn,
    SlackDriver,
    User,
    Usergroup,
    Workspace,
    build_state,
    run_app,
    run_standin,
)
from standin.blockkit import validate_blocks, validate_view

TOKEN = "xoxb-test-token"
SECRET = "test-signing-secret"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pt(text):
    return {"type": "plain_text", "text": text}


def section(text, **kw):
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **kw}


def workspace():
    return Workspace(
        bot_token=TOKEN,
        users=[
            User(id="U0MAIJA", name="maija", real_name="Maija Meikäläinen", locale="fi-FI"),
            User(id="U0ERIK", name="erik", real_name="Erik Svensson", locale="sv-SE"),
        ],
        channels=[
            Channel(id="C0SOME", name="somepaivittajat"),
            Channel(id="C0MAVI", name="mavi", members=["U0ERIK"]),
            Channel(id="C0OUT", name="outside", bot_is_member=False),
        ],
        usergroups=[Usergroup(id="S0MAVI", handle="mavi", users=["U0ERIK"])],
    )


@pytest.fixture(scope="module")
def server():
    with run_standin(workspace()) as s:
        yield s


@pytest.fixture
def standin(server):
    server.reset()
    yield server
    server.reset()


@pytest.fixture
def client(standin):
    # No retry handlers: each test decides what a failure looks like.
    return WebClient(token=TOKEN, base_url=standin.base_url, retry_handlers=[])


def aclient(standin, **kw):
    kw.setdefault("retry_handlers", [])
    return AsyncWebClient(token=TOKEN, base_url=standin.base_url, **kw)


# --------------------------------------------------------------------------- Web API


def test_post_message_is_stored_and_returned_like_slack(standin, client):
    r = client.chat_postMessage(channel="C0SOME", text="Hei", blocks=[section("*Hei*")])
    assert r["ok"] and r["channel"] == "C0SOME"
    assert r["message"]["bot_id"] == standin.bot.bot_id and r["message"]["ts"] == r["ts"]
    [m] = standin.messages("C0SOME")
    assert m["text"] == "Hei" and m["blocks"][0]["block_id"]  # Slack fills in block_id
    r2 = client.chat_postMessage(channel="C0SOME", text="Toinen")
    assert float(r2["ts"]) > float(r["ts"])
    assert [c.method for c in standin.calls()] == ["chat.postMessage", "chat.postMessage"]
    assert standin.invalid_calls() == []


def test_async_client_dm_via_user_id_and_conversations_open(standin):
    async def go():
        c = aclient(standin)
        opened = await c.conversations_open(users="U0MAIJA")
        r = await c.chat_postMessage(channel=opened["channel"]["id"], text="DM")
        again = await c.conversations_open(users="U0MAIJA")
        by_user = await c.chat_postMessage(channel="U0MAIJA", text="DM 2")
        return opened, r, again, by_user

    opened, r, again, by_user = asyncio.run(go())
    assert opened["channel"]["id"].startswith("D") and again["channel"]["id"] == opened["channel"]["id"]
    assert by_user["channel"] == opened["channel"]["id"]
    assert [m["text"] for m in standin.dm_messages("U0MAIJA")] == ["DM", "DM 2"]


def test_errors_match_slack(standin, client):
    def err(**kw):
        with pytest.raises(SlackApiError) as e:
            client.api_call(kw.pop("method", "chat.postMessage"), json=kw)
        return e.value.response["error"]

    assert err(channel="C0NOPE", text="x") == "channel_not_found"
    assert err(channel="C0OUT", text="x") == "not_in_channel"
    assert err(channel="C0SOME") == "no_text"
    assert err(channel="C0SOME", text="x" * 40001) == "msg_too_long"
    assert err(method="chat.update", channel="C0SOME", ts="1.000001", text="x") == "message_not_found"
    assert err(method="users.info", user="U0NOBODY") == "user_not_found"
    assert err(method="chat.postEphemeral", channel="C0MAVI", user="U0MAIJA", text="x") == "user_not_in_channel"
    assert err(method="views.open", trigger_id="nope", view={"type": "modal"}) == "invalid_trigger_id"
    assert err(method="admin.users.list") == "unknown_method"
    assert standin.messages() == []


def test_token_check(standin):
    with pytest.raises(SlackApiError) as e:
        WebClient(token="xoxb-wrong", base_url=standin.base_url).auth_test()
    assert e.value.response["error"] == "invalid_auth"
    r = httpx.post(standin.base_url + "auth.test", trust_env=False)
    assert r.json() == {"ok": False, "error": "not_authed"}
    ok = WebClient(token=TOKEN, base_url=standin.base_url).auth_test()
    assert ok["user_id"] == standin.bot.user_id and ok["team_id"] == "T0KOKKOLA"


def test_form_encoded_bodies_with_json_string_fields(standin):
    blocks = json.dumps([section("lomake")])
    r = httpx.post(
        standin.base_url + "chat.postMessage",
        trust_env=False,
        data={
            "channel": "C0SOME",
            "blocks": blocks,
            "text": "t",
            "metadata": json.dumps({"event_type": "e", "event_payload": {"k": 1}}),
        },
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert r.json()["ok"], r.json()
    [m] = standin.messages("C0SOME")
    assert m["blocks"][0]["text"]["text"] == "lomake" and m["metadata"]["event_payload"] == {"k": 1}


def test_invalid_blocks_are_rejected_and_recorded(standin, client):
    bad = [
        [{"type": "header", "text": pt("x" * 151)}],
        [{"type": "divider"}] * 51,
        [{"type": "actions", "elements": [{"type": "button", "text": pt("x" * 76), "action_id": "a"}]}],
        [{"type": "input", "label": pt("l"), "element": {"type": "plain_text_input", "max_length": 3001}}],
        [section("a", block_id="same"), section("b", block_id="same")],
        [{"type": "section", "text": {"type": "mrkdwn", "text": "x"}, "unknown_key": 1}],
        [{"type": "context", "elements": [{"type": "mrkdwn", "text": "x"}] * 11}],
    ]
    for blocks in bad:
        with pytest.raises(SlackApiError) as e:
            client.chat_postMessage(channel="C0SOME", text="t", blocks=blocks)
        assert e.value.response["error"] == "invalid_blocks"
        assert e.value.response["errors"], blocks
    assert len(standin.invalid_calls()) == len(bad)
    assert standin.messages() == []


def test_validator_limits():
    assert validate_blocks([section("x" * 3000)]) == []
    assert validate_blocks([section("x" * 3001)])
    assert validate_blocks([{"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11}])
    assert validate_blocks(
        [
            {
                "type": "actions",
                "elements": [{"type": "button", "text": pt("b"), "action_id": f"a{i}"} for i in range(26)],
            }
        ]
    )
    assert validate_blocks(
        [{"type": "actions", "elements": [{"type": "button", "text": pt("b"), "action_id": "a", "value": "v" * 2001}]}]
    )
    assert validate_blocks(
        [
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "static_select",
                        "action_id": "s",
                        "options": [{"text": pt(str(i)), "value": str(i)} for i in range(101)],
                    }
                ],
            }
        ]
    )
    assert validate_blocks([section("x", block_id="b" * 256)])
    modal = {
        "type": "modal",
        "title": pt("Otsikko"),
        "submit": pt("OK"),
        "blocks": [
            {
                "type": "input",
                "block_id": "t",
                "label": pt("T"),
                "element": {"type": "plain_text_input", "action_id": "v", "max_length": 3000},
            }
        ],
    }
    assert validate_view(modal) == []
    assert validate_view({**modal, "title": pt("x" * 25)})
    assert validate_view({**modal, "submit": None})  # input blocks need a submit button
    assert validate_view({**modal, "private_metadata": "x" * 3001})
    assert validate_view({**modal, "callback_id": "c" * 256})
    assert validate_view({**modal, "blocks": [section("x", block_id=str(i)) for i in range(101)]})
    assert validate_view({"type": "home", "blocks": [section("x", block_id=str(i)) for i in range(100)]}) == []


def test_update_delete_permalink_and_edit_history(standin, client):
    r = client.chat_postMessage(channel="C0SOME", text="v1")
    client.chat_update(channel="C0SOME", ts=r["ts"], text="v2", blocks=[section("v2")])
    m = standin.message("C0SOME", r["ts"])
    assert m["text"] == "v2" and m["edited"]["user"] == standin.bot.user_id
    assert [e["text"] for e in standin.edits("C0SOME", r["ts"])] == ["v1"]
    link = client.chat_getPermalink(channel="C0SOME", message_ts=r["ts"])["permalink"]
    assert link.endswith("/archives/C0SOME/p" + r["ts"].replace(".", ""))
    client.chat_delete(channel="C0SOME", ts=r["ts"])
    assert standin.messages("C0SOME") == [] and standin.deleted_messages()[0]["text"] == "v2"


def test_history_metadata_paging_and_replies(standin, client):
    first = client.chat_postMessage(
        channel="C0SOME", text="a", metadata={"event_type": "incident", "event_payload": {"key": "inc-1"}}
    )
    client.chat_postMessage(channel="C0SOME", text="reply", thread_ts=first["ts"])
    for t in ("b", "c"):
        client.chat_postMessage(channel="C0SOME", text=t)
    plain = client.conversations_history(channel="C0SOME")
    assert [m["text"] for m in plain["messages"]] == ["c", "b", "a"]  # newest first, no replies
    assert all("metadata" not in m for m in plain["messages"])
    with_md = client.conversations_history(channel="C0SOME", include_all_metadata=True)
    assert with_md["messages"][-1]["metadata"] == {"event_type": "incident", "event_payload": {"key": "inc-1"}}
    assert with_md["messages"][-1]["reply_count"] == 1
    page = client.conversations_history(channel="C0SOME", limit=2)
    assert page["has_more"] and len(page["messages"]) == 2
    rest = client.conversations_history(channel="C0SOME", limit=2, cursor=page["response_metadata"]["next_cursor"])
    assert [m["text"] for m in rest["messages"]] == ["a"] and not rest["has_more"]
    newer = client.conversations_history(channel="C0SOME", oldest=first["ts"])
    assert [m["text"] for m in newer["messages"]] == ["c", "b"]
    replies = client.conversations_replies(channel="C0SOME", ts=first["ts"])
    assert [m["text"] for m in replies["messages"]] == ["a", "reply"]
    assert [m["text"] for m in standin.messages_with_metadata("key", "inc-1")] == ["a"]


def test_members_info_usergroups_users(standin, client):
    assert set(client.conversations_members(channel="C0MAVI")["members"]) == {"U0ERIK", standin.bot.user_id}
    assert client.conversations_info(channel="C0SOME")["channel"]["name"] == "somepaivittajat"
    assert client.usergroups_users_list(usergroup="S0MAVI")["users"] == ["U0ERIK"]
    u = client.users_info(user="U0ERIK", include_locale=True)["user"]
    assert u["locale"] == "sv-SE" and u["tz"] == "Europe/Helsinki" and u["real_name"] == "Erik Svensson"
    assert "locale" not in client.users_info(user="U0ERIK")["user"]


def test_ephemeral(standin, client):
    r = client.chat_postEphemeral(channel="C0SOME", user="U0MAIJA", text="vain sinulle")
    [e] = standin.ephemerals("U0MAIJA")
    assert e["message_ts"] == r["message_ts"] and e["text"] == "vain sinulle" and e["channel"] == "C0SOME"


def test_files_info_and_download_needs_bearer(standin, client):
    f = standin.add_file("U0MAIJA", "kuva.png", "image/png", b"\x89PNG data")
    info = client.files_info(file=f["id"])["file"]
    assert info["name"] == "kuva.png" and info["size"] == 9
    url = info["url_private_download"]
    assert httpx.get(url, trust_env=False).status_code == 403
    ok = httpx.get(url, headers={"Authorization": f"Bearer {TOKEN}"}, trust_env=False)
    assert ok.status_code == 200 and ok.content == b"\x89PNG data"
    with pytest.raises(SlackApiError):
        client.files_info(file="F0NOPE")


def modal(**kw):
    return {
        "type": "modal",
        "callback_id": "report",
        "title": pt("Ilmoitus"),
        "submit": pt("Lähetä"),
        "blocks": [
            {
                "type": "input",
                "block_id": "what",
                "label": pt("Mitä"),
                "element": {"type": "plain_text_input", "action_id": "v", "max_length": 100},
            }
        ],
        **kw,
    }


def test_views_open_update_push_publish(standin, client):
    trig = standin.new_trigger("U0MAIJA")
    v = client.views_open(trigger_id=trig, view=modal())["view"]
    assert v["id"].startswith("V") and v["hash"] and v["callback_id"] == "report"
    with pytest.raises(SlackApiError) as e:
        client.views_open(trigger_id=trig, view=modal())
    assert e.value.response["error"] == "exchanged_trigger_id"
    with pytest.raises(SlackApiError) as e:
        client.views_update(view_id=v["id"], hash="stale", view=modal())
    assert e.value.response["error"] == "hash_conflict"
    v2 = client.views_update(view_id=v["id"], hash=v["hash"], view=modal(private_metadata="x"))["view"]
    assert v2["id"] == v["id"] and v2["hash"] != v["hash"]
    pushed = client.views_push(
        trigger_id=standin.new_trigger("U0MAIJA", view_id=v["id"]), view=modal(callback_id="second")
    )["view"]
    assert pushed["previous_view_id"] == v["id"] and pushed["root_view_id"] == v["id"]
    assert [x["callback_id"] for x in standin.open_views("U0MAIJA")] == ["report", "second"]
    with pytest.raises(SlackApiError) as e:
        client.views_open(trigger_id=standin.new_trigger("U0MAIJA"), view=modal(title=pt("x" * 25)))
    assert e.value.response["error"] == "invalid_arguments"
    assert standin.invalid_calls()[0].method == "views.open"
    home = {"type": "home", "blocks": [section("Koti")]}
    h = client.views_publish(user_id="U0ERIK", view=home)["view"]
    assert standin.home_view("U0ERIK")["id"] == h["id"] == standin.last_view("U0ERIK")["id"]
    h2 = client.views_publish(user_id="U0ERIK", view=home, hash=h["hash"])["view"]
    assert h2["id"] == h["id"]
    standin.close_view("U0MAIJA", v["id"])
    with pytest.raises(SlackApiError) as e:
        client.views_update(view_id=v["id"], view=modal())
    assert e.value.response["error"] == "not_found"


def test_trigger_expiry_is_configurable(standin, client):
    standin.trigger_ttl = 0.0
    try:
        trig = standin.new_trigger("U0MAIJA")
        with pytest.raises(SlackApiError) as e:
            client.views_open(trigger_id=trig, view=modal())
        assert e.value.response["error"] == "expired_trigger_id"
    finally:
        standin.trigger_ttl = None


# --------------------------------------------------------------------------- faults


def test_rate_limited_shows_retry_after(standin, client):
    standin.faults.add("chat.postMessage", "rate_limited", retry_after=7)
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="C0SOME", text="x")
    assert e.value.response.status_code == 429 and e.value.response.headers["Retry-After"] == "7"
    assert e.value.response["error"] == "ratelimited"
    assert client.chat_postMessage(channel="C0SOME", text="x")["ok"]  # one-shot
    assert standin.faults.stats()["by_method"] == {"chat.postMessage": {"rate_limited": 1}}


def test_async_client_retries_rate_limit_after_waiting(standin):
    from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler

    standin.faults.add("chat.postMessage", "rate_limited", retry_after=0)
    r = asyncio.run(
        aclient(standin, retry_handlers=[AsyncRateLimitErrorRetryHandler()]).chat_postMessage(
            channel="C0SOME", text="x"
        )
    )
    assert r["ok"] and len(standin.messages("C0SOME")) == 1
    assert [c.status for c in standin.calls("chat.postMessage")] == [429, 200]


def test_server_error_and_error(standin, client):
    standin.faults.add("chat.postMessage", "server_error")
    standin.faults.add("chat.postMessage", "error", error="fatal_error")
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="C0SOME", text="x")
    assert e.value.response.status_code == 500
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="C0SOME", text="x")
    assert e.value.response.status_code == 200 and e.value.response["error"] == "fatal_error"
    assert standin.messages() == []


def test_drop_closes_connection_without_response(standin):
    import aiohttp

    standin.faults.add("chat.postMessage", "drop")
    with pytest.raises(aiohttp.ServerDisconnectedError):
        asyncio.run(aclient(standin).chat_postMessage(channel="C0SOME", text="x"))
    assert standin.messages() == [] and standin.calls()[0].fault == "drop"


def test_after_variants_take_effect_but_client_fails(standin, client):
    import aiohttp

    standin.faults.add("chat.postMessage", "server_error_after")
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C0SOME", text="posted-500")
    standin.faults.add("chat.postMessage", "drop_after")
    with pytest.raises(aiohttp.ServerDisconnectedError):
        asyncio.run(
            aclient(standin).chat_postMessage(
                channel="C0SOME", text="posted-drop", metadata={"event_type": "n", "event_payload": {"id": "x1"}}
            )
        )
    assert [m["text"] for m in standin.messages("C0SOME")] == ["posted-500", "posted-drop"]
    assert len(standin.messages_with_metadata("id", "x1")) == 1
    assert [c.fault for c in standin.calls()] == ["server_error_after", "drop_after"]


def test_random_faults_are_seeded_and_counted(standin, client):
    standin.faults.set_random(rate=0.5, kinds=["server_error", "rate_limited"], seed=7)
    outcomes = []
    for _ in range(20):
        try:
            client.auth_test()
            outcomes.append("ok")
        except SlackApiError as e:
            outcomes.append(e.response.status_code)
    standin.faults.set_random(rate=0)
    assert "ok" in outcomes and 500 in outcomes and 429 in outcomes
    assert standin.faults.stats()["total"] == sum(1 for o in outcomes if o != "ok")


def test_rate_limit_tier(standin, client):
    standin.faults.limit("chat.postMessage", per_minute=60, burst=2)
    client.chat_postMessage(channel="C0SOME", text="1")
    client.chat_postMessage(channel="C0SOME", text="2")
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="C0SOME", text="3")
    assert e.value.response.status_code == 429 and e.value.response.headers["Retry-After"] == "1"
    assert client.auth_test()["ok"]  # other methods are not limited


def test_control_api(standin, client):
    base = standin.url
    client.chat_postMessage(channel="C0SOME", text="x")
    assert httpx.post(
        base + "_standin/faults", json={"method": "auth.test", "kind": "server_error"}, trust_env=False
    ).json()["ok"]
    with pytest.raises(SlackApiError):
        client.auth_test()
    calls = httpx.get(base + "_standin/calls", params={"method": "chat.postMessage"}, trust_env=False).json()
    assert len(calls) == 1 and calls[0]["args"]["text"] == "x"
    assert httpx.get(base + "_standin/messages", trust_env=False).json()[0]["text"] == "x"
    stats = httpx.get(base + "_standin/stats", trust_env=False).json()
    assert stats["by_method"] == {"chat.postMessage": 1, "auth.test": 1} and stats["faults"]["total"] == 1
    assert httpx.post(base + "_standin/faults", json={"rate": 0.1, "seed": 1}, trust_env=False).json()["ok"]
    httpx.post(base + "_standin/reset", trust_env=False)
    assert standin.calls() == [] and standin.faults.stats()["total"] == 0


def test_response_url_posts_are_recorded_and_applied(standin, client):
    r = client.chat_postMessage(channel="C0SOME", text="orig", blocks=[section("orig")])
    url = standin.new_response_url(user="U0MAIJA", channel="C0SOME", message_ts=r["ts"])
    assert httpx.post(url, json={"replace_original": True, "text": "new"}, trust_env=False).text == "ok"
    assert standin.message("C0SOME", r["ts"])["text"] == "new"
    httpx.post(url, json={"text": "only you"}, trust_env=False)
    assert standin.ephemerals("U0MAIJA")[0]["text"] == "only you"
    httpx.post(url, json={"response_type": "in_channel", "text": "all"}, trust_env=False)
    httpx.post(url, json={"delete_original": True}, trust_env=False)
    assert [m["text"] for m in standin.messages("C0SOME")] == ["all"]
    posts = standin.response_url_posts()
    assert [p["replace_original"] for p in posts] == [True, False, False, False] and posts[3]["delete_original"]


# --------------------------------------------------------------------------- driver

STATE_VIEW = {
    "type": "modal",
    "callback_id": "all",
    "title": pt("Kaikki"),
    "submit": pt("OK"),
    "blocks": [
        {
            "type": "input",
            "block_id": "txt",
            "label": pt("T"),
            "element": {"type": "plain_text_input", "action_id": "v", "max_length": 10},
        },
        {
            "type": "input",
            "block_id": "num",
            "label": pt("N"),
            "optional": True,
            "element": {"type": "number_input", "action_id": "v", "is_decimal_allowed": False},
        },
        {
            "type": "input",
            "block_id": "sel",
            "label": pt("S"),
            "element": {
                "type": "static_select",
                "action_id": "v",
                "options": [{"text": pt("Punainen"), "value": "red"}, {"text": pt("Sininen"), "value": "blue"}],
            },
        },
        {
            "type": "input",
            "block_id": "chk",
            "label": pt("C"),
            "optional": True,
            "element": {
                "type": "checkboxes",
                "action_id": "v",
                "options": [{"text": pt("A"), "value": "a"}, {"text": pt("B"), "value": "b"}],
            },
        },
        {
            "type": "input",
            "block_id": "rad",
            "label": pt("R"),
            "optional": True,
            "element": {
                "type": "radio_buttons",
                "action_id": "v",
                "options": [{"text": pt("X"), "value": "x"}],
                "initial_option": {"text": pt("X"), "value": "x"},
            },
        },
        {
            "type": "input",
            "block_id": "day",
            "label": pt("D"),
            "optional": True,
            "element": {"type": "datepicker", "action_id": "v"},
        },
        {
            "type": "input",
            "block_id": "tim",
            "label": pt("T"),
            "optional": True,
            "element": {"type": "timepicker", "action_id": "v"},
        },
        {
            "type": "input",
            "block_id": "dtm",
            "label": pt("DT"),
            "optional": True,
            "element": {"type": "datetimepicker", "action_id": "v"},
        },
        {
            "type": "input",
            "block_id": "usr",
            "label": pt("U"),
            "optional": True,
            "element": {"type": "users_select", "action_id": "v"},
        },
        {
            "type": "input",
            "block_id": "cnv",
            "label": pt("C"),
            "optional": True,
            "element": {"type": "conversations_select", "action_id": "v"},
        },
        {
            "type": "input",
            "block_id": "chn",
            "label": pt("C"),
            "optional": True,
            "element": {"type": "channels_select", "action_id": "v"},
        },
        {
            "type": "input",
            "block_id": "fil",
            "label": pt("F"),
            "optional": True,
            "element": {"type": "file_input", "action_id": "v"},
        },
        {
            "type": "input",
            "block_id": "url",
            "label": pt("U"),
            "optional": True,
            "element": {"type": "url_text_input", "action_id": "v"},
        },
    ],
}


def test_build_state_shapes(standin):
    assert validate_view(STATE_VIEW) == []
    f = standin.add_file("U0MAIJA", "a.pdf", "application/pdf", b"%PDF")
    st = build_state(
        STATE_VIEW["blocks"],
        {
            "txt": "hei",
            "num": 3,
            "sel": "Sininen",
            "chk": ["a", "b"],
            "day": "2026-11-28",
            "tim": "13:30",
            "dtm": 1700000000,
            "usr": "U0ERIK",
            "cnv": "C0SOME",
            "chn": "C0SOME",
            "fil": [f["id"]],
        },
        files=standin.file,
        check=True,
    )
    assert st["txt"]["v"] == {"type": "plain_text_input", "value": "hei"}
    assert st["num"]["v"] == {"type": "number_input", "value": "3"}
    assert st["sel"]["v"]["selected_option"]["value"] == "blue"
    assert [o["value"] for o in st["chk"]["v"]["selected_options"]] == ["a", "b"]
    assert st["rad"]["v"]["selected_option"]["value"] == "x"  # untouched: the initial option
    assert st["day"]["v"] == {"type": "datepicker", "selected_date": "2026-11-28"}
    assert st["tim"]["v"] == {"type": "timepicker", "selected_time": "13:30"}
    assert st["dtm"]["v"] == {"type": "datetimepicker", "selected_date_time": 1700000000}
    assert st["usr"]["v"] == {"type": "users_select", "selected_user": "U0ERIK"}
    assert st["cnv"]["v"] == {"type": "conversations_select", "selected_conversation": "C0SOME"}
    assert st["chn"]["v"] == {"type": "channels_select", "selected_channel": "C0SOME"}
    assert st["fil"]["v"]["files"][0]["id"] == f["id"]
    assert st["url"]["v"] == {"type": "url_text_input", "value": None}
    empty = build_state(STATE_VIEW["blocks"], {"txt": "x", "sel": "red", "rad": EMPTY})
    assert empty["rad"]["v"] == {"type": "radio_buttons", "selected_option": None}
    assert empty["chk"]["v"] == {"type": "checkboxes", "selected_options": []}
    with pytest.raises(ClientValidationError) as e:
        build_state(STATE_VIEW["blocks"], {"txt": "x" * 11}, check=True)
    assert set(e.value.errors) == {"txt", "sel"}  # too long; required but empty
    with pytest.raises(KeyError):
        build_state(STATE_VIEW["blocks"], {"typo": "x"})


class Recorder:
    """A tiny app that records signed requests and answers with queued acks."""

    def __init__(self):
        self.requests = []
        self.acks = []

    async def handle(self, request: Request):
        body = await request.body()
        self.requests.append((dict(request.headers), body.decode()))
        ack = self.acks.pop(0) if self.acks else None
        return JSONResponse(ack) if ack is not None else Response(b"")


@pytest.fixture(scope="module")
def recorder():
    rec = Recorder()
    with run_app(Starlette(routes=[Route("/slack/events", rec.handle, methods=["POST"])])) as url:
        rec.url = url + "slack/events"
        yield rec


def test_driver_signature_verifies_and_bad_ones_do_not(standin, recorder):
    d = SlackDriver(recorder.url, SECRET, standin)
    verifier = SignatureVerifier(SECRET)
    d.slash("U0MAIJA", "/ohje", "some hashtag", retry_num=1, retry_reason="http_timeout")
    d.slash("U0MAIJA", "/ohje", "x", bad_signature=True)
    d.slash("U0MAIJA", "/ohje", "x", old_timestamp=True)
    (h1, b1), (h2, b2), (h3, b3) = recorder.requests[-3:]
    assert verifier.is_valid_request(b1, h1)
    assert not verifier.is_valid_request(b2, h2) and not verifier.is_valid_request(b3, h3)
    assert h1["x-slack-retry-num"] == "1" and h1["x-slack-retry-reason"] == "http_timeout"
    form = dict(parse_qsl(b1))
    assert form["command"] == "/ohje" and form["text"] == "some hashtag" and form["user_name"] == "maija"
    assert form["channel_id"].startswith("D") and form["channel_name"] == "directmessage"
    assert form["response_url"].startswith(standin.url) and form["trigger_id"]
    assert h1["content-type"] == "application/x-www-form-urlencoded"


def test_driver_view_submission_and_ack_handling(standin, recorder):
    d = SlackDriver(recorder.url, SECRET, standin)
    v = WebClient(token=TOKEN, base_url=standin.base_url).views_open(
        trigger_id=standin.new_trigger("U0MAIJA"), view=STATE_VIEW
    )["view"]
    recorder.acks.append({"response_action": "errors", "errors": {"txt": "Liian lyhyt"}})
    r = d.view_submission("U0MAIJA", v, {"txt": "a", "sel": "red"})
    assert r.response_action == "errors" and r.errors == {"txt": "Liian lyhyt"} and r.view["id"] == v["id"]
    payload = json.loads(dict(parse_qsl(recorder.requests[-1][1]))["payload"])
    assert payload["type"] == "view_submission" and payload["view"]["id"] == v["id"]
    assert payload["view"]["state"]["values"]["txt"]["v"]["value"] == "a"
    assert payload["user"]["id"] == "U0MAIJA" and payload["response_urls"] == []
    recorder.acks.append({"response_action": "update", "view": modal(callback_id="thanks")})
    r = d.view_submission("U0MAIJA", None, {"txt": "ok", "sel": "red"})
    assert r.view["callback_id"] == "thanks" and r.view["id"] == v["id"]
    recorder.acks.append({"response_action": "push", "view": modal(callback_id="more")})
    r = d.view_submission("U0MAIJA", None, {"what": "x"})
    assert [x["callback_id"] for x in standin.open_views("U0MAIJA")] == ["thanks", "more"]
    r = d.view_submission("U0MAIJA", None, {"what": "y"})  # empty ack: only the top view closes
    assert r.view["callback_id"] == "thanks"
    recorder.acks.append({"response_action": "clear"})
    assert d.view_submission("U0MAIJA", None, {"what": "z"}).view is None
    assert standin.open_view("U0MAIJA") is None
    recorder.acks.append({"response_action": "update", "view": {"type": "modal", "title": pt("x" * 30), "blocks": []}})
    v = WebClient(token=TOKEN, base_url=standin.base_url).views_open(
        trigger_id=standin.new_trigger("U0MAIJA"), view=modal()
    )["view"]
    d.view_submission("U0MAIJA", v, {"what": "x"})
    assert [c.method for c in standin.invalid_calls()] == ["view_submission.ack"]


def test_driver_block_action_press_and_shortcuts(standin, recorder):
    d = SlackDriver(recorder.url, SECRET, standin)
    WebClient(token=TOKEN, base_url=standin.base_url).chat_postMessage(
        channel="C0SOME",
        text="t",
        metadata={"event_type": "incident", "event_payload": {"id": 5}},
        blocks=[
            section("Uhka"),
            {
                "type": "actions",
                "block_id": "acts",
                "elements": [{"type": "button", "text": pt("Kuittaa"), "action_id": "ack", "value": "inc-5"}],
            },
        ],
    )
    [m] = standin.messages("C0SOME")
    r = d.press("U0ERIK", m, "Kuittaa")
    assert r.ok and r.response_url
    p = json.loads(dict(parse_qsl(recorder.requests[-1][1]))["payload"])
    assert p["type"] == "block_actions" and p["container"] == {
        "type": "message",
        "message_ts": m["ts"],
        "channel_id": "C0SOME",
        "is_ephemeral": False,
    }
    assert p["actions"][0]["value"] == "inc-5" and p["actions"][0]["block_id"] == "acts"
    assert p["message"]["metadata"]["event_payload"] == {"id": 5} and p["channel"]["name"] == "somepaivittajat"
    d.message_shortcut("U0MAIJA", "report_message", standin.post_user_message("C0SOME", "U0ERIK", "ilkeä"))
    p = json.loads(dict(parse_qsl(recorder.requests[-1][1]))["payload"])
    assert p["type"] == "message_action" and p["message"]["text"] == "ilkeä" and p["callback_id"] == "report_message"
    d.global_shortcut("U0MAIJA", "new_report")
    p = json.loads(dict(parse_qsl(recorder.requests[-1][1]))["payload"])
    assert p["type"] == "shortcut" and p["trigger_id"]
    d.app_home_opened("U0MAIJA")
    h, body = recorder.requests[-1]
    env = json.loads(body)
    assert env["type"] == "event_callback" and env["event"]["type"] == "app_home_opened"
    assert h["content-type"] == "application/json"
    with pytest.raises(LookupError):
        d.press("U0ERIK", m, "No such button")


# --------------------------------------------------------------------------- a real Bolt app


def bolt_app(standin):
    app = AsyncApp(signing_secret=SECRET, client=AsyncWebClient(token=TOKEN, base_url=standin.base_url))

    @app.command("/ilmoita")
    async def command(ack, body, client):
        await ack()
        await client.views_open(trigger_id=body["trigger_id"], view=modal())

    @app.view("report")
    async def submitted(ack, view, body, client):
        text = view["state"]["values"]["what"]["v"]["value"]
        if len(text) < 3:
            await ack(response_action="errors", errors={"what": "Liian lyhyt"})
            return
        await ack()
        await client.chat_postMessage(
            channel="C0SOME",
            text=f"Ilmoitus: {text}",
            blocks=[
                section(f"Ilmoitus: {text}"),
                {
                    "type": "actions",
                    "elements": [{"type": "button", "text": pt("Kuittaa"), "action_id": "ack", "value": text}],
                },
            ],
        )

    @app.action("ack")
    async def acked(ack, body, respond):
        await ack()
        await respond(replace_original=True, text=f"Kuitattu: {body['actions'][0]['value']}")

    @app.event("app_home_opened")
    async def home(event, client):
        await client.views_publish(user_id=event["user"], view={"type": "home", "blocks": [section("Koti")]})

    @app.command("/kaiku")
    async def echo(ack, command):
        await ack(f"Kaiku: {command['text']}")

    return app


def test_real_bolt_app_end_to_end(standin):
    app = bolt_app(standin)
    handler = AsyncSlackRequestHandler(app)

    async def endpoint(req: Request):
        return await handler.handle(req)

    with run_app(Starlette(routes=[Route("/slack/events", endpoint, methods=["POST"])])) as url:
        d = SlackDriver(url + "slack/events", SECRET, standin)
        assert d.url_verification("abc").body == {"challenge": "abc"}
        assert d.slash("U0MAIJA", "/kaiku", "hei", bad_signature=True).status_code == 401
        echo = d.slash("U0MAIJA", "/kaiku", "hei")
        assert echo.body == "Kaiku: hei" and not echo.timed_out  # Bolt acks a bare string as text

        assert d.slash("U0MAIJA", "/ilmoita").ok
        view = standin.wait_for(lambda: standin.open_view("U0MAIJA"))
        r = d.view_submission("U0MAIJA", view, {"what": "no"})
        assert r.errors == {"what": "Liian lyhyt"} and r.view is not None
        with pytest.raises(ClientValidationError):
            d.view_submission("U0MAIJA", view, {"what": "x" * 101})  # beyond max_length: client refuses
        r = d.view_submission("U0MAIJA", view, {"what": "uhkaava viesti"})
        assert r.ok and r.view is None
        [msg] = standin.wait_for_messages("C0SOME")

        d.press("U0ERIK", msg, "Kuittaa")
        standin.wait_for(lambda: standin.message("C0SOME", msg["ts"])["text"].startswith("Kuitattu"))
        assert standin.response_url_posts()[0]["replace_original"]

        d.app_home_opened("U0ERIK")
        standin.wait_for(lambda: standin.home_view("U0ERIK"))
        assert standin.invalid_calls() == []
        assert {c.method for c in standin.calls()} >= {
            "auth.test",
            "views.open",
            "chat.postMessage",
            "views.publish",
            "response_url",
        }


def test_async_driver_in_process_with_asgi_transport(standin):
    app = bolt_app(standin)
    handler = AsyncSlackRequestHandler(app)

    async def endpoint(req: Request):
        return await handler.handle(req)

    asgi = Starlette(routes=[Route("/slack/events", endpoint, methods=["POST"])])

    async def go():
        async with AsyncSlackDriver(
            "http://app/slack/events", SECRET, standin, transport=httpx.ASGITransport(app=asgi)
        ) as d:
            r = await d.slash("U0ERIK", "/kaiku", "hej")
            await d.slash("U0ERIK", "/ilmoita")
            view = await standin.async_wait_for(lambda: standin.open_view("U0ERIK"))
            done = await d.view_submission("U0ERIK", view, {"what": "asynkron"})
            return r, done

    r, done = asyncio.run(go())
    assert r.text == "Kaiku: hej" and done.view is None
    assert standin.messages("C0SOME")[0]["text"] == "Ilmoitus: asynkron"


def test_clock_drives_message_ts(standin, client):
    now = [1_900_000_000.0]
    standin.clock = lambda: now[0]
    try:
        a = client.chat_postMessage(channel="C0SOME", text="a")["ts"]
        now[0] += 1800
        b = client.chat_postMessage(channel="C0SOME", text="b")["ts"]
    finally:
        standin.clock = time.time
    assert a == "1900000000.000000" and b == "1900001800.000000"


def test_standalone_process_and_remote_control(recorder):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "standin", "--port", str(port), "--token", TOKEN],
        cwd=Path(__file__).resolve().parents[1],
        stdout=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 10
        while True:
            try:
                httpx.get(url + "_standin/stats", trust_env=False)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "standalone stand-in did not start"
                time.sleep(0.05)
        remote = RemoteStandIn(url)
        remote.faults.add("chat.postMessage", "server_error")
        client = WebClient(token=TOKEN, base_url=remote.base_url, retry_handlers=[])
        with pytest.raises(SlackApiError):
            client.chat_postMessage(channel="C0YLEINEN", text="x")
        client.chat_postMessage(channel="C0YLEINEN", text="x")
        assert [m["text"] for m in remote.messages("C0YLEINEN")] == ["x"]
        assert remote.stats()["faults"]["total"] == 1
        d = SlackDriver(recorder.url, SECRET, remote)
        d.slash("U0MAIJA", "/ohje")
        form = dict(parse_qsl(recorder.requests[-1][1]))
        assert form["user_name"] == "maija" and form["response_url"].startswith(url)
        v = client.views_open(trigger_id=form["trigger_id"], view=modal())["view"]
        assert d.view_submission("U0MAIJA", None, {"what": "etänä"}).view is None
        assert remote.view(v["id"])["id"] == v["id"] and remote.open_view("U0MAIJA") is None
        remote.reset()
        assert remote.calls() == []
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def test_driver_view_closed_ephemeral_press_home_press_and_dm(standin, recorder):
    d = SlackDriver(recorder.url, SECRET, standin)
    web = WebClient(token=TOKEN, base_url=standin.base_url)
    v = web.views_open(trigger_id=standin.new_trigger("U0MAIJA"), view=modal())["view"]
    assert d.view_closed("U0MAIJA", v) is None  # notify_on_close not set: the app hears nothing
    assert standin.open_view("U0MAIJA") is None
    with pytest.raises(LookupError):
        d.view_submission("U0MAIJA", v, {"what": "late"})
    v = web.views_open(trigger_id=standin.new_trigger("U0MAIJA"), view=modal(notify_on_close=True))["view"]
    r = d.view_closed("U0MAIJA")
    p = json.loads(dict(parse_qsl(recorder.requests[-1][1]))["payload"])
    assert r.ok and p["type"] == "view_closed" and p["view"]["id"] == v["id"] and p["is_cleared"] is False

    buttons = [{"type": "actions", "elements": [{"type": "button", "text": pt("Peru"), "action_id": "cancel"}]}]
    web.chat_postEphemeral(channel="C0SOME", user="U0MAIJA", text="t", blocks=buttons)
    [eph] = standin.ephemerals("U0MAIJA")
    r = d.press("U0MAIJA", eph, "cancel")
    p = json.loads(dict(parse_qsl(recorder.requests[-1][1]))["payload"])
    assert p["container"]["is_ephemeral"] and "message" not in p
    httpx.post(r.response_url, json={"delete_original": True}, trust_env=False)
    assert standin.ephemerals("U0MAIJA")[0]["deleted"]

    home = web.views_publish(user_id="U0ERIK", view={"type": "home", "blocks": buttons})["view"]
    d.press("U0ERIK", standin.home_view("U0ERIK"), "Peru")
    p = json.loads(dict(parse_qsl(recorder.requests[-1][1]))["payload"])
    assert p["container"] == {"type": "view", "view_id": home["id"]} and p["view"]["type"] == "home"
    assert "response_url" not in p

    d.dm("U0ERIK", "hei botti")
    env = json.loads(recorder.requests[-1][1])
    assert env["event"]["type"] == "message" and env["event"]["channel_type"] == "im"
    assert env["event"]["text"] == "hei botti" and env["event"]["user"] == "U0ERIK"
    assert standin.dm_messages("U0ERIK")[0]["text"] == "hei botti"
