"""What acknowledging a Slack request costs Somevahti, next to a bare Bolt app: CPU per request.

    .venv/bin/python benchmarks/ack_cost.py [--bursts 15] [--size 50]

load_fault.py times acknowledgements end to end, on loopback, with its load client, the stand-in
and both servers sharing the machine's two cores: its p99 moves by ±30 % between runs. This measures
only what the p99 target is about, the cost of our code on the acknowledgement path. Both ASGI apps,
ours as `somevahti serve` builds it (bot/server.py) and benchmarks/bare_bolt_app.py, are called
directly in this one process with the same signed requests (/ohje <question>, /uhka, the /uhka
modal's submission), in bursts of `--size` at once (asyncio.gather), ours and bare alternating.
Per request: the process's CPU time over the burst divided by its size; reported as the median over
the bursts. What ours does after acknowledging (answers through response_url, opening modals,
storing reports; against an in-process stand-in) runs between bursts and is not counted. HTTP
parsing (uvicorn) is left out: it is the same for both apps.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import bare_bolt_app  # noqa: E402
import slack_bolt  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.directory import load_directory  # noqa: E402
from bot.sandbox import world  # noqa: E402
from bot.server import build_runtime, http_app  # noqa: E402
from standin.driver import SlackDriver  # noqa: E402
from standin.webapi import SlackStandIn, run_standin  # noqa: E402

TARGET = 1.1  # ours / bare, as for load_fault.py's p99
USER = "U0MAIJA"
QUESTIONS = ["miten vastaan asiattomaan kommenttiin?", "saako kommentin poistaa", "mitä teen somekohussa",
             "hur svarar jag på en kritisk kommentar", "kuka vastaa sivun päivittämisestä"]
THREAT = "Tiedän missä asut. Odota vaan."


async def call(app, req) -> int:
    """One request through an ASGI app, as uvicorn would hand it over; the status."""
    body = req.body.encode()
    headers = [(k.lower().encode(), v.encode()) for k, v in req.headers.items()]
    headers.append((b"content-length", str(len(body)).encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/slack/events", "raw_path": b"/slack/events", "query_string": b"",
             "root_path": "", "headers": headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 2)}
    read = False

    async def receive():
        nonlocal read
        if not read:
            read = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # the client never disconnects

    status = 0

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


class Lifespan:
    """The ASGI lifespan of ours: start-up (who the bot is, languages, ...) and shut-down."""

    def __init__(self, app):
        self.app, self.messages, self.started = app, asyncio.Queue(), asyncio.Event()
        self.task: asyncio.Task | None = None

    async def send(self, message) -> None:
        if message["type"] == "lifespan.startup.failed":
            raise SystemExit(f"start-up failed: {message.get('message')}")
        if message["type"] == "lifespan.startup.complete":
            self.started.set()

    async def __aenter__(self):
        await self.messages.put({"type": "lifespan.startup"})
        self.task = asyncio.ensure_future(self.app({"type": "lifespan", "asgi": {"version": "3.0"}},
                                                   self.messages.get, self.send))
        await self.started.wait()
        return self

    async def __aexit__(self, *_exc) -> None:
        await self.messages.put({"type": "lifespan.shutdown"})
        await self.task


class Requests:
    """Signed requests, built by the stand-in's driver as Slack would send them."""

    def __init__(self, driver: SlackDriver):
        self.driver = driver
        self.serial = 0

    def slash(self, command: str, text: str = ""):
        op = self.driver._op_slash(USER, command, text, None, {})
        req = next(op)
        op.close()
        return req

    def submissions(self, n: int) -> list:
        """n submissions of the open /uhka modal, each as if from its own modal (view id) with its own link."""
        op = self.driver._op_view_submission(USER, None, {"text": THREAT, "link": "https://www.facebook.com/kokkola/posts/1"},
                                             False, {})
        template = next(op)
        op.close()
        payload = json.loads(parse_qs(template.body)["payload"][0])
        out = []
        for _ in range(n):
            self.serial += 1
            payload["view"]["id"] = f"VACKCOST{self.serial:06d}"
            body = urlencode({"payload": json.dumps(payload, ensure_ascii=False, separators=(",", ":"))})
            # The link is in the view's state; a fresh one per report, as 50 different comments.
            body = body.replace("posts%2F1%22", f"posts%2F{self.serial}%22", 1)
            headers = {**template.headers, **self.driver.sign(body)}
            out.append(type(template)(template.url, body, template.content_type, headers))
        return out


async def settle(svc) -> None:
    """Until ours has done what it does after acknowledging (and a moment more)."""
    deadline = time.monotonic() + 10
    while svc.after_ack_busy and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.05)


async def burst(app, reqs: list) -> tuple[float, float]:
    """CPU seconds per request, and wall seconds until the last acknowledgement."""
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    statuses = await asyncio.gather(*(call(app, r) for r in reqs))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if set(statuses) != {200}:
        raise SystemExit(f"unexpected answers: {sorted(set(statuses))}")
    return cpu / len(reqs), wall


async def run(args) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="ack_cost-"))
    with run_standin(SlackStandIn(world.workspace())) as standin:
        settings = Settings(slack_bot_token=world.BOT_TOKEN, slack_signing_secret=world.SIGNING_SECRET,
                            slack_api_url=standin.base_url, database_url=f"sqlite:///{tmp}/ack_cost.db",
                            somevahti_directory=world.DIRECTORY_FILE, _env_file=None)
        runtime = build_runtime(settings, load_directory(world.DIRECTORY_FILE))
        ours = http_app(runtime, run_worker=False)
        bare = bare_bolt_app.asgi_app(bare_bolt_app.build_app(world.SIGNING_SECRET))
        make = Requests(SlackDriver("http://in-process/slack/events", world.SIGNING_SECRET, standin))
        async with Lifespan(ours):
            svc = runtime.svc
            # The report modal must be open in the stand-in for its submission to be built.
            await call(ours, make.slash("/uhka"))
            await settle(svc)

            kinds = {
                "/ohje <question>": lambda i: [make.slash("/ohje", QUESTIONS[(i + j) % len(QUESTIONS)])
                                               for j in range(args.size)],
                "/uhka": lambda i: [make.slash("/uhka") for _ in range(args.size)],
                "view_submission (/uhka modal)": lambda i: make.submissions(args.size),
            }
            results: dict[str, dict[str, list[tuple[float, float]]]] = {k: {"ours": [], "bare": []} for k in kinds}
            for kind, build in kinds.items():
                for i in range(args.warmup + args.bursts):
                    reqs = build(i)
                    order = (("ours", ours), ("bare", bare)) if i % 2 else (("bare", bare), ("ours", ours))
                    for name, app in order:
                        measured = await burst(app, reqs)
                        await settle(svc)
                        if i >= args.warmup:
                            results[kind][name].append(measured)

    print(f"== Somevahti acknowledgement cost, in process — {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(f"setup: bursts of {args.size} concurrent requests, {args.bursts} per kind and app after {args.warmup} "
          f"warm-up, ours and bare Bolt alternating; SQLite; Python {sys.version.split()[0]}, "
          f"slack-bolt {slack_bolt.version.__version__}")
    print(f"{'CPU per acknowledgement (µs, median)':38} {'ours':>6} {'bare':>6}  ours/bare | "
          f"last ack of a burst (ms): ours  bare")
    worst = 0.0
    for kind, by_app in results.items():
        cpu = {name: statistics.median(c for c, _ in runs) * 1e6 for name, runs in by_app.items()}
        wall = {name: statistics.median(w for _, w in runs) * 1e3 for name, runs in by_app.items()}
        ratio = cpu["ours"] / cpu["bare"]
        worst = max(worst, ratio)
        print(f"  {kind:36} {cpu['ours']:6.0f} {cpu['bare']:6.0f}  {ratio:8.2f}× | "
              f"{'':26}{wall['ours']:5.1f} {wall['bare']:5.1f}")
    verdict = "PASS" if worst <= TARGET else "FAIL"
    print(f"{verdict} CPU per acknowledgement within {TARGET}× bare Bolt: worst {worst:.2f}×")
    return 1 if args.strict and verdict == "FAIL" else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bursts", type=int, default=15, help="measured bursts per kind and app (default 15)")
    p.add_argument("--warmup", type=int, default=2, help="bursts per kind first, not counted (default 2)")
    p.add_argument("--size", type=int, default=50, help="requests per burst (default 50)")
    p.add_argument("--strict", action="store_true", help="exit 1 if the target is missed")
    return asyncio.run(run(p.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
