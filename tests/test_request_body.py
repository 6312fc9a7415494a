"""bot/request_body.py parses every body into exactly what Bolt's own parser gives, only faster."""

import json
from urllib.parse import parse_qsl, quote, unquote_plus, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from slack_bolt.async_app import AsyncBoltRequest
from slack_bolt.request.internals import parse_body as bolt_parse_body

from bot import request_body

# Characters that make percent-decoding interesting: escapes, what the codec trick must keep
# literal (backslashes and what could follow one), the form's own separators, non-ASCII.
TRICKY = st.text(alphabet="%+\\xXuUN{}&=;0123456789abcdefABCDEFgz äö€\n\"'", max_size=60)
ANY_TEXT = st.text(max_size=40)
JSON = st.recursive(st.none() | st.booleans() | st.integers() | ANY_TEXT,
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(ANY_TEXT, children, max_size=4),
                    max_leaves=12)


def outcome(parse, *args):
    """The result, or the kind of error: both parsers must fail alike on a body they cannot parse."""
    try:
        return ("ok", parse(*args))
    except Exception as exc:  # noqa: BLE001
        return ("error", type(exc))


# Written out: a malformed escape, a backslash before an escape, a half UTF-8 character, ...
EDGES = ["", "%", "%4", "%zz", "\\x41%41", "\\N{BULLET}%41", "%%41", "%C3%A4", "%C3", "%ff%fe", "+%2B+",
         "ä%41", "\\%u0041", "a=1&a=2", "&&=&a", "payload", "x=%zz&payload=%7B%7D", "payload=%7B%22a%22%3A1%7D"]


@pytest.mark.parametrize("value", EDGES)
def test_unquote_plus_and_parse_form_on_edge_cases(value):
    assert request_body.unquote_plus(value) == unquote_plus(value)
    assert request_body.parse_form(value) == dict(parse_qsl(value, keep_blank_values=True))


@given(TRICKY | ANY_TEXT)
@settings(max_examples=600, deadline=None)
def test_unquote_plus_is_urllibs(value):
    assert request_body.unquote_plus(value) == unquote_plus(value)


@given(TRICKY | ANY_TEXT)
@settings(max_examples=600, deadline=None)
def test_parse_form_is_parse_qsl(body):
    assert request_body.parse_form(body) == dict(parse_qsl(body, keep_blank_values=True))


@given(st.dictionaries(ANY_TEXT, ANY_TEXT, max_size=5), st.sampled_from([None, "application/x-www-form-urlencoded"]))
@settings(max_examples=300, deadline=None)
def test_parse_body_of_a_form_is_bolts(fields, content_type):
    body = urlencode(fields)
    assert outcome(request_body.parse_body, body, content_type) == outcome(bolt_parse_body, body, content_type)


@given(JSON, st.sampled_from([None, "application/x-www-form-urlencoded"]), st.booleans())
@settings(max_examples=300, deadline=None)
def test_parse_body_of_a_payload_is_bolts(payload, content_type, safe_chars):
    # Slack's interactive requests: payload=<JSON, percent-encoded> (spaces as + or %20).
    encoded = json.dumps(payload, ensure_ascii=False)
    body = "payload=" + (quote(encoded, safe="{}:,") if safe_chars else urlencode({"": encoded})[1:])
    parsed = outcome(request_body.parse_body, body, content_type)
    assert parsed == outcome(bolt_parse_body, body, content_type)
    assert parsed == ("ok", payload) or not isinstance(payload, dict)


@given(TRICKY | ANY_TEXT, st.sampled_from([None, "application/json", "application/x-www-form-urlencoded"]))
@settings(max_examples=600, deadline=None)
def test_parse_body_of_anything_is_bolts_or_fails_alike(body, content_type):
    assert outcome(request_body.parse_body, body, content_type) == outcome(bolt_parse_body, body, content_type)


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "application/json",
                                          "application/x-www-form-urlencoded; charset=utf-8", None])
def test_the_request_is_the_one_bolt_builds(content_type):
    payload = {"type": "view_submission", "team": {"id": "T0KOKKOLA"},
               "user": {"id": "U0MAIJA", "team_id": "T0KOKKOLA"},
               "api_app_id": "A0SOMEVAHTI", "view": {"callback_id": "uhka_report", "state": {"values": {}}},
               "response_urls": [], "trigger_id": "1.2.abc"}
    raw = json.dumps(payload) if content_type == "application/json" else urlencode({"payload": json.dumps(payload)})
    headers = {"x-slack-signature": "v0=abc", "x-slack-request-timestamp": "1764000000"}
    if content_type:
        headers["content-type"] = content_type
    ours = request_body.bolt_request(raw, "a=1", headers)
    bolts = AsyncBoltRequest(body=raw, query="a=1", headers=headers)
    assert ours.body == bolts.body == payload
    # What Bolt checks the signature against, and what listeners are told about the request.
    assert (ours.raw_body, ours.mode, ours.query, ours.headers, ours.content_type) == \
        (bolts.raw_body, bolts.mode, bolts.query, bolts.headers, bolts.content_type)
    assert dict(ours.context) == dict(bolts.context)
