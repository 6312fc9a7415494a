"""bot/inflight.py: work done after an acknowledgement waits for the other requests' answers.

The calm period is stretched to 0.2 s here, so that a slow machine pausing a few milliseconds
between two steps of a test does not look like the end of a burst."""

import asyncio
import gc
import time

import pytest

from bot import inflight as inflight_module
from bot.inflight import Inflight

CALM = 0.2


@pytest.fixture(autouse=True)
def _slow_calm(monkeypatch):
    monkeypatch.setattr(inflight_module, "CALM", CALM)
    yield
    gc.enable()  # a test's loop may end while a burst holds the collector


def test_nothing_waits_when_no_request_is_in_flight():
    async def go():
        started = time.monotonic()
        await Inflight().quiet(max_wait=1)
        return time.monotonic() - started

    assert asyncio.run(go()) < 0.1


def test_work_waits_until_requests_stop_coming_for_a_moment():
    async def go():
        inflight, went = Inflight(), []

        async def after_ack():
            await inflight.quiet(max_wait=5)
            went.append(time.monotonic())

        task = asyncio.ensure_future(after_ack())
        for _ in range(10):  # a burst: one request after another, never two at once
            with inflight:
                await asyncio.sleep(0.002)
            await asyncio.sleep(0.002)
        ended = time.monotonic()
        assert went == []
        await task
        return went[0] - ended

    assert CALM * 0.9 <= asyncio.run(go()) < CALM + 0.5


def test_waiters_go_once_the_answers_are_out_one_per_loop_turn_in_order():
    async def go():
        inflight, went = Inflight(), []

        async def after_ack(name):
            await inflight.quiet(max_wait=5)
            went.append((name, inflight.count))

        with inflight:
            tasks = [asyncio.ensure_future(after_ack(n)) for n in "abc"]
            await asyncio.sleep(0.05)
            assert went == []  # a request is still waiting for its answer
        await asyncio.sleep(0.02)
        assert went == []  # the burst may go on: not calm yet
        while not went:
            await asyncio.sleep(0)
        assert went == [("a", 0)]  # one turn, one waiter
        # A request arriving now is answered before the others go on.
        with inflight:
            await asyncio.sleep(0.05)
            assert went == [("a", 0)]
        await asyncio.gather(*tasks)
        return went

    assert asyncio.run(go()) == [("a", 0), ("b", 0), ("c", 0)]


def test_a_steady_stream_of_requests_delays_work_by_at_most_max_wait():
    async def go():
        inflight = Inflight()
        with inflight:
            started = time.monotonic()
            await inflight.quiet(max_wait=0.1)
            waited = time.monotonic() - started
            started = time.monotonic()
            await inflight.quiet_from_thread(max_wait=0.1)
            return waited, time.monotonic() - started

    for waited in asyncio.run(go()):
        assert 0.09 <= waited < 0.5


def services():
    from bot.services import Services

    return Services(settings=None, directory=None, db=None, clock=None)  # after_ack needs none of them


def test_work_after_acks_starts_in_order_once_the_burst_is_over():
    async def go():
        svc, went = services(), []

        async def work(name):
            went.append((name, svc.inflight.count))

        with svc.inflight:
            for name in "abc":
                svc.after_ack(work(name))
            await asyncio.sleep(0.05)
            assert went == [] and svc.after_ack_busy  # a request still waits for its answer
        while not went:
            await asyncio.sleep(0)
        assert went == [("a", 0)]  # one per loop turn
        with svc.inflight:  # a request arriving now is answered before the rest go on
            await asyncio.sleep(0.05)
            assert went == [("a", 0)]
        while svc.after_ack_busy:
            await asyncio.sleep(0.01)
        return went

    assert asyncio.run(go()) == [("a", 0), ("b", 0), ("c", 0)]


def test_work_after_acks_in_a_steady_stream_each_waits_at_most_max_wait(monkeypatch):
    from bot import services as services_module

    monkeypatch.setattr(services_module, "MAX_WAIT", 0.1)

    async def go():
        svc, went = services(), []

        async def work():
            went.append(time.monotonic())

        with svc.inflight:  # never calm while the work waits
            started = time.monotonic()
            for _ in range(5):
                svc.after_ack(work())
            while len(went) < 5:
                await asyncio.sleep(0.01)
        return [t - started for t in went]

    waited = asyncio.run(go())
    assert all(0.09 <= w < 0.3 for w in waited), waited  # not 0.1 s more for each one queued before


def test_a_failing_piece_of_work_is_logged_by_type_only_and_the_rest_runs(caplog):
    async def go():
        svc, went = services(), []

        async def fails():
            raise ValueError("Tiedän missä asut")  # what a user wrote may end up in an error

        async def works():
            went.append("ok")

        svc.after_ack(fails())
        svc.after_ack(works())
        while svc.after_ack_busy:
            await asyncio.sleep(0.01)
        return went

    assert asyncio.run(go()) == ["ok"]
    assert "ValueError" in caplog.text and "Tiedän" not in caplog.text


def test_no_garbage_collection_while_requests_wait_for_their_answer():
    async def go():
        inflight, seen = Inflight(), []
        for _ in range(3):  # a burst
            with inflight:
                seen.append(gc.isenabled())
                await asyncio.sleep(0.002)
            seen.append(gc.isenabled())  # between two requests of the burst: still held
        await asyncio.sleep(CALM * 1.5)
        return seen, gc.isenabled()

    assert gc.isenabled()
    seen, after = asyncio.run(go())
    assert seen == [False] * 6 and after  # collected once the burst is over


def test_a_steady_stream_of_requests_holds_the_collector_at_most_gc_max_hold(monkeypatch):
    monkeypatch.setattr(inflight_module, "GC_MAX_HOLD", 0.1)

    async def go():
        inflight, enabled_at = Inflight(), []
        started = time.monotonic()
        while time.monotonic() - started < 0.35:  # never calm
            with inflight:
                if gc.isenabled():
                    enabled_at.append(time.monotonic() - started)
                await asyncio.sleep(0.005)
        return enabled_at

    enabled_at = asyncio.run(go())
    assert 2 <= len(enabled_at) <= 4 and all(t >= 0.1 for t in enabled_at)  # about every 0.1 s


def test_a_collector_someone_else_turned_off_stays_off():
    async def go():
        inflight = Inflight()
        with inflight:
            await asyncio.sleep(0.001)
        await asyncio.sleep(CALM * 1.5)
        return gc.isenabled()

    gc.disable()
    assert asyncio.run(go()) is False
