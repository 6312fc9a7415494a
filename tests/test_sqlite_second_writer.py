"""A second SQLite writer (another process holding the write lock for 5 s) freezes nothing
(review issue 12 #14), end to end against the real server.

While the lock is held: GET /healthz answers within 0.5 s, and requests that only read (/ohje,
opening the /uhka modal, /uhka omat) are acknowledged at once, even with submissions queued for the
lock in the thread pool. A submission that must write waits for the lock and then succeeds (the
report is stored once the other writer commits; SQLite's busy timeout is 10 s).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

import httpx
from sqlalchemy import text

from bot.sandbox import world
from standin.driver import AsyncSlackDriver
from tests.test_edge_connections import _open_modals, _submission

HOLD_S = 5.0
WRITERS = 12  # more than the default thread pool's workers on a 2-core machine (min(32, cpus + 4))

HOLDER = """
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
c.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
c.execute("COMMIT")
"""


def _stored(app) -> int:
    return app.server.call(
        app.runtime.svc.read(lambda s: s.execute(text("SELECT count(*) FROM incidents")).scalar_one())
    )


async def _timed(coro):
    started = time.monotonic()
    result = await coro
    return time.monotonic() - started, result


def test_a_second_writer_holding_the_lock_freezes_nothing(app):
    views = _open_modals(app, WRITERS)
    path = app.db_url.removeprefix("sqlite:///")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, path, str(HOLD_S)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    locked_at = time.monotonic()

    async def scenario():
        async with (
            AsyncSlackDriver(
                f"{app.url}/slack/events", world.SIGNING_SECRET, app.standin, ack_timeout=None, timeout=30
            ) as driver,
            httpx.AsyncClient(trust_env=False, timeout=30) as http,
        ):
            bodies = [_submission(driver, "U0MAIJA", v, f"Uhkaus lukon aikana {i}") for i, v in enumerate(views)]
            writes = [
                asyncio.ensure_future(_timed(driver.send(b, content_type="application/x-www-form-urlencoded")))
                for b in bodies
            ]
            await asyncio.sleep(0.5)  # the submissions are queued for the lock
            reads = {
                "healthz": await _timed(http.get(f"{app.url}/healthz")),
                "/ohje": await _timed(driver.slash("U0MAIJA", "/ohje", "saako asiattoman kommentin poistaa")),
                "/uhka": await _timed(driver.slash("U0ERIK", "/uhka")),
                "/uhka omat": await _timed(driver.slash("U0PEKKA", "/uhka", "omat")),
                "healthz again": await _timed(http.get(f"{app.url}/healthz")),
            }
            still_locked = time.monotonic() - locked_at < HOLD_S
            return reads, await asyncio.gather(*writes), still_locked

    reads, writes, still_locked = asyncio.run(scenario())
    assert holder.wait(10) == 0
    assert still_locked, "the reads took so long the lock was gone: nothing was measured"
    print(
        "\nwhile another process held the write lock: "
        + ", ".join(f"{k} {t * 1000:.0f} ms" for k, (t, _r) in reads.items())
        + f"; {WRITERS} submissions answered after {min(t for t, _ in writes):.2f}–{max(t for t, _ in writes):.2f} s"
    )
    for name, (took, r) in reads.items():
        assert r.status_code == 200, (name, r.status_code)
        assert took < 0.5, (name, took)
    for _took, r in writes:
        assert r.status_code == 200 and not r.text, (r.status_code, r.text[:200])
    app.quiesce()
    assert _stored(app) == WRITERS
