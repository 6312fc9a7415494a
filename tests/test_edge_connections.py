"""Hostile connections at the HTTP edge, end to end against the real server (review issue 12 #6, #11).

- Slow bodies: connections that send headers and half a body, then stall, hold nothing: signed
  /uhka submissions running meanwhile are answered as fast as without them, and the stalled ones
  get 408 once the body deadline (`bot.server.BODY_DEADLINE_S`, lowered here) has passed.
- Deeply nested JSON: refused before parsing when unsigned (401), 400 when signed; never a 500,
  never a traceback in the log.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import socket
import time
from urllib.parse import urlencode

import httpx
import pytest
from sqlalchemy import text

import bot.server
from bot.sandbox import world
from standin.driver import AsyncSlackDriver, build_state

STALLED = 20
SUBMISSIONS = 20
DEADLINE_S = 2.0


def _stall(port: int, body: bytes) -> socket.socket:
    """Headers and half of `body`, then nothing."""
    s = socket.create_connection(("127.0.0.1", port))
    head = (
        f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nX-Slack-Request-Timestamp: {int(time.time())}\r\n"
        f"X-Slack-Signature: v0={'0' * 64}\r\n\r\n"
    ).encode()
    s.sendall(head + body[: len(body) // 2])
    return s


def _answer(s: socket.socket, timeout: float) -> tuple[str, float]:
    """The status line the server sent (or "closed"), and when it came."""
    s.settimeout(timeout)
    try:
        data = s.recv(4096)
    except TimeoutError:
        return "no answer", time.monotonic()
    except OSError:
        return "closed", time.monotonic()
    return (data.split(b"\r\n", 1)[0].decode() if data else "closed"), time.monotonic()


def _submission(driver, user_id: str, view: dict, text: str) -> str:
    """The view_submission Slack sends for `view` (as the driver builds it). Twenty modals of one
    person cannot all be on top of the stand-in's stack at once, so they are submitted as sent."""
    state = build_state(view.get("blocks") or [], {"text": text})
    payload = {
        "type": "view_submission",
        "team": driver._team(),
        "user": driver._user(user_id),
        "api_app_id": driver.api_app_id,
        "token": driver.verification_token,
        "trigger_id": driver.standin.new_trigger(user_id, view_id=view["id"]),
        "view": {**view, "state": {"values": state}},
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }
    return urlencode({"payload": json.dumps(payload)})


async def _submit_all(app, views: list[dict]) -> list[tuple[float, object]]:
    async with AsyncSlackDriver(f"{app.url}/slack/events", world.SIGNING_SECRET, app.standin) as driver:
        bodies = [_submission(driver, "U0MAIJA", v, f"Uhkaus numero {i}") for i, v in enumerate(views)]

        async def one(body):
            started = time.monotonic()
            r = await driver.send(body, content_type="application/x-www-form-urlencoded")
            return time.monotonic() - started, r

        return await asyncio.gather(*(one(b) for b in bodies))


def _open_modals(app, n: int) -> list[dict]:
    views = []
    for _ in range(n):
        assert app.driver.slash("U0MAIJA", "/uhka").ok
        views.append(app.standin.open_view("U0MAIJA"))
    assert len({v["id"] for v in views}) == n
    return views


def _stored(app) -> int:
    return app.server.call(
        app.runtime.svc.read(lambda s: s.execute(text("SELECT count(*) FROM incidents")).scalar_one())
    )


def test_stalled_half_bodies_hold_nothing_and_get_408_after_the_deadline(app, monkeypatch):
    monkeypatch.setattr(bot.server, "BODY_DEADLINE_S", DEADLINE_S)
    port = app.server.port
    # Without stalled connections, for comparison.
    started = time.monotonic()
    baseline = asyncio.run(_submit_all(app, _open_modals(app, SUBMISSIONS)))
    baseline_wall = time.monotonic() - started
    assert all(r.status_code == 200 and not r.text for _t, r in baseline), [r.status_code for _t, r in baseline]

    views = _open_modals(app, SUBMISSIONS)
    body = ("command=%2Fuhka&user_id=U0MAIJA&text=" + "x" * 2000).encode()
    stalled_at = time.monotonic()
    stalled = [_stall(port, body) for _ in range(STALLED)]
    try:
        started = time.monotonic()
        results = asyncio.run(_submit_all(app, views))
        wall = time.monotonic() - started
        assert all(r.status_code == 200 and not r.text for _t, r in results), [r.status_code for _t, r in results]
        slowest = max(t for t, _r in results)
        print(
            f"\n{SUBMISSIONS} submissions: {baseline_wall:.2f} s alone, {wall:.2f} s beside {STALLED} stalled "
            f"connections (slowest {slowest:.2f} s)"
        )
        assert wall < 2.0, wall
        answers = [_answer(s, DEADLINE_S + 5) for s in stalled]
    finally:
        for s in stalled:
            s.close()
    for status, at in answers:
        assert status.startswith("HTTP/1.1 408") or status == "closed", status
        assert DEADLINE_S - 0.5 <= at - stalled_at <= DEADLINE_S + 3, at - stalled_at
    app.quiesce()
    assert _stored(app) == 2 * SUBMISSIONS


# 100 000 levels; an object that deep is over the 256 kB body limit (refused unread, 413), so it is
# sent 50 000 deep (250 kB), still far beyond any parser's recursion limit.
NESTED = {"list": b"[" * 100_000, "object": b'{"a":' * 50_000}


@pytest.mark.parametrize("shape", sorted(NESTED))
@pytest.mark.parametrize("as_payload", [False, True], ids=["json", "form-payload"])
def test_deeply_nested_json_is_refused_without_a_traceback(app, caplog, shape, as_payload):
    caplog.set_level(logging.DEBUG)
    nested = NESTED[shape]
    body, ctype = (
        (b"payload=" + nested, "application/x-www-form-urlencoded") if as_payload else (nested, "application/json")
    )
    for signed in (False, True):
        ts = str(int(time.time()))
        digest = hmac.new(world.SIGNING_SECRET.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
        headers = {
            "Content-Type": ctype,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": "v0=" + (digest if signed else "0" * 64),
        }
        r = httpx.post(f"{app.url}/slack/events", content=body, headers=headers, trust_env=False, timeout=30)
        assert r.status_code == (400 if signed else 401), (shape, signed, r.status_code, r.text[:200])
    bad = [rec for rec in caplog.records if rec.levelno >= logging.ERROR or rec.exc_info]
    assert not bad, [(rec.name, rec.getMessage()[:200]) for rec in bad]
    assert "Traceback" not in caplog.text
    # The server is still serving.
    assert app.driver.slash("U0MAIJA", "/some").ok


def test_unsigned_nested_json_is_never_parsed(app, monkeypatch):
    """The signature is checked before anything parses the body: a parser that would fail on this
    body is never reached for an unsigned request."""

    parsed = []
    real_loads = json.loads

    def watching_loads(s, *a, **kw):
        parsed.append(len(s))
        return real_loads(s, *a, **kw)

    monkeypatch.setattr(json, "loads", watching_loads)
    r = httpx.post(
        f"{app.url}/slack/events",
        content=NESTED["list"],
        trust_env=False,
        headers={
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": str(int(time.time())),
            "X-Slack-Signature": "v0=" + "0" * 64,
        },
    )
    assert r.status_code == 401
    assert not [n for n in parsed if n >= 100_000]
    r = httpx.post(
        f"{app.url}/slack/events",
        content=b'{"a":' * 100_000,
        trust_env=False,
        headers={
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": str(int(time.time())),
            "X-Slack-Signature": "v0=" + "0" * 64,
        },
    )
    assert r.status_code == 413  # 500 kB: refused unread
