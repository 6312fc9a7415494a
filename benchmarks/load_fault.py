#!/usr/bin/env python3
"""Load and fault benchmark: the real server on loopback, 20 % of Slack Web API calls failing, one kill -9.

    .venv/bin/python benchmarks/load_fault.py            # full: 50 page updaters, 3 rounds, concurrency 50
    .venv/bin/python benchmarks/load_fault.py --quick    # CI: 10 updaters, 2 rounds (20 submissions)
    .venv/bin/python benchmarks/load_fault.py --postgres postgresql+psycopg://u:p@127.0.0.1/db  # EMPTIES it

What runs, every process on 127.0.0.1:
- the Slack stand-in (`python -m standin`) with a generated workspace (page updaters, each mapped to
  a supervisor in a generated directory YAML) and random faults on every Web API method: 429 with
  Retry-After, 500, dropped connections, and 500/dropped *after* the call took effect;
- `somevahti serve` in HTTP mode on a temporary SQLite database (or --postgres);
- benchmarks/bare_bolt_app.py: a bare Bolt AsyncApp under uvicorn that only acknowledges, signed
  the same way: the baseline every latency is compared with, measured side by side.

Each round every user sends `/ohje <question>`, then `/uhka`; once the report modal is open in the
stand-in (a user whose modal does not open runs /uhka again) the users submit it together. The
same signed requests go to the bare app in a burst of their own, alternating which goes first.
In the middle round, after half of its submissions were answered, the server gets `kill -9` and is
started again on the same database; submissions that got no answer are submitted again (same view,
so the same idempotency key), as a user pressing Submit again would.

At the end it waits (bounded) for the outbox to drain and checks, from the database and the
stand-in: every report confirmed to a user (modal closed) is stored, no report is stored twice,
every notification row owed was posted exactly once (stand-in messages carrying the row's metadata
key). Exit code 1 if anything was lost or duplicated (or the run broke); latency and memory targets
are PASS/FAIL lines that decide the exit code only with --strict.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import math
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent

BOT_TOKEN = "xoxb-loadfault-token"
SIGNING_SECRET = "loadfault-signing-secret"
METADATA_TYPE = "somevahti_notification"  # bot/outbox.py
FAULT_KINDS = ["rate_limited", "server_error", "drop", "server_error_after", "drop_after"]
ACK_TIMEOUT = 3.0  # Slack gives up on an acknowledgement after 3 s
MAX_SUBMIT_ATTEMPTS = 6  # a user presses Submit at most this often
MAX_OPEN_ATTEMPTS = 5  # ... and runs /uhka at most this often per report
REOPEN_AFTER_S = 3.0  # no modal this long after /uhka: the user tries again
REQUEST_TIMEOUT = 10.0  # the client gives up on an answer (Slack already did after 3 s)
# "Slow Slack + kill -9" (--slow-slack; also a section of the full run): each chat.postMessage takes
# this long and still takes effect; the server is killed this long after the first delivery started.
SLOW_SLACK_S = 5.5
SLOW_SLACK_KILL_AFTER_S = 1.0
TARGET_P99_S = 0.300  # 10 % of Slack's 3 s; the ratio to bare Bolt is reported, not judged
TARGET_RSS_MB = 150.0

QUESTIONS = [
    "saako asiattoman kommentin poistaa",
    "mitä teen jos joku uhkaa minua somessa",
    "saanko käyttää kuvaa jonka joku muu on ottanut",
    "kuka vastaa kaupungin somekanavista",
    "miten toimin kun somekohu alkaa",
    "voiko kommentoijan estää",
    "får jag ta bort en olämplig kommentar",
    "miten vastaan asiakkaan valitukseen",
    "saako somessa kertoa henkilön nimen",
    "mitä teen jos tein virheen julkaisussa",
]
PLATFORMS = ["facebook", "instagram", "x", "tiktok", "youtube", "linkedin", "whatsapp", "other"]
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


# -- the generated world (also imported by the stand-in process: keep this part light) -------------


def _people(n: int) -> tuple[list[str], dict[str, str]]:
    updaters = [f"U0UPD{i:03d}" for i in range(1, n + 1)]
    supervisors = [f"U0SUP{j:02d}" for j in range(1, max(1, n // 5) + 1)]
    return updaters, {u: supervisors[i % len(supervisors)] for i, u in enumerate(updaters)}


def _n_updaters() -> int:
    return int(os.environ.get("LOAD_FAULT_UPDATERS", "50"))


def workspace():
    """`python -m standin --workspace load_fault:workspace`: page updaters, supervisors, the roles."""
    from standin.workspace import Channel, User, Usergroup, Workspace

    updaters, sup_of = _people(_n_updaters())
    users = [
        User(u, f"paivittaja{i + 1}", f"Päivittäjä {i + 1}", locale="sv-SE" if i % 5 == 4 else "fi-FI")
        for i, u in enumerate(updaters)
    ]
    users += [User(s, f"esihenkilo{s[-2:]}", f"Esihenkilö {s[-2:]}") for s in sorted(set(sup_of.values()))]
    users += [
        User("U0TYOSUOJ", "tuula", "Tuula Työsuojelu"),
        User("U0VIESTPAA", "ville", "Ville Viestintä"),
        User("U0MAVI1", "mira", "Mira Mavi"),
        User("U0ADMIN", "anna", "Anna Admin", is_admin=True),
    ]
    return Workspace(
        bot_token=BOT_TOKEN,
        users=users,
        channels=[
            Channel("C0MAVI", "mavi-tiimi", members=["U0MAVI1", "U0VIESTPAA", "U0ADMIN"]),
            Channel("C0SOME", "somepaivittajat"),
        ],
        usergroups=[Usergroup("S0MAVI", "mavi", ["U0MAVI1", "U0VIESTPAA"], "Mavi-tiimi")],
    )


def directory_yaml(n: int) -> str:
    _, sup_of = _people(n)
    lines = [
        "timezone: Europe/Helsinki",
        "admins: [U0ADMIN]",
        "roles:",
        "  mavi_channel: C0MAVI",
        "  mavi_group: S0MAVI",
        "  comms_manager: U0VIESTPAA",
        "  safety_chief: U0TYOSUOJ",
        "supervisors:",
    ]
    lines += [f"  {u}: {s}" for u, s in sup_of.items()]
    lines += [
        "policies:",
        "  threat:",
        "    - notify: [supervisor]",
        "      ack_within: 30m",
        "    - notify: [safety_chief]",
        "      ack_within: 60m",
        "  controversy:",
        "    - notify: [mavi_channel]",
        "      ack_within: 15m",
        "    - notify: [comms_manager]",
    ]
    return "\n".join(lines) + "\n"


# -- processes ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vmhwm_mb(pid: int) -> float | None:
    """Peak resident set size of a live process (VmHWM), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time a live process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Proc:
    """A child process with its output in a log file; stopped by its own pid only."""

    def __init__(self, name: str, argv: list[str], env: dict, cwd: Path, log: Path):
        self.name, self.argv, self.env, self.cwd, self.log_path = name, argv, env, cwd, log
        self.log = open(log, "ab")  # noqa: SIM115  (closed in stop())
        self.popen = subprocess.Popen(
            argv, env=env, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        self.pid = self.popen.pid
        self.peak_mb: float | None = None
        self.cpu_s: float | None = None

    def wait_ready(self, url: str, timeout: float = 30.0) -> float:
        import httpx

        started = time.monotonic()
        with httpx.Client(timeout=2.0, trust_env=False) as http:
            while time.monotonic() - started < timeout:
                if self.popen.poll() is not None:
                    raise RuntimeError(f"{self.name} exited with {self.popen.returncode}:\n{self.tail()}")
                try:
                    if http.get(url).status_code == 200:
                        return time.monotonic() - started
                except httpx.HTTPError:
                    pass
                time.sleep(0.05)
        raise RuntimeError(f"{self.name} not ready at {url} within {timeout:.0f} s:\n{self.tail()}")

    def sample_rss(self) -> None:
        mb = vmhwm_mb(self.pid)
        if mb is not None:
            self.peak_mb = max(self.peak_mb or 0.0, mb)
        cpu = cpu_seconds(self.pid)
        if cpu is not None:
            self.cpu_s = cpu

    def freeze(self) -> bool:
        """SIGSTOP, and wait (briefly) until the process is stopped."""
        os.kill(self.pid, signal.SIGSTOP)
        for _ in range(200):
            try:
                state = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                return False
            if state in ("T", "t"):
                return True
            time.sleep(0.0005)
        self.thaw()
        return False

    def thaw(self) -> None:
        os.kill(self.pid, signal.SIGCONT)

    def kill9(self) -> None:
        self.sample_rss()
        os.kill(self.pid, signal.SIGKILL)
        self.popen.wait(timeout=10)
        self.log.close()

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.sample_rss()
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.popen.wait(timeout=10)
        if not self.log.closed:
            self.log.close()

    def tail(self, n: int = 30) -> str:
        self.log.flush()
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


# -- measuring ---------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int | None  # None: no HTTP answer at all (connection refused/reset, read timeout)
    text: str
    elapsed: float
    error: str | None = None
    sent_at: float = 0.0  # wall clock (the stand-in's records are stamped with it too)
    # Read after this client stopped to kill the server: its stopwatch ran on while the client
    # itself was busy (kill, wait, database reads), so its latency is not the server's.
    read_after_kill: bool = False

    @property
    def answered(self) -> bool:
        return self.status == 200 and self.elapsed <= ACK_TIMEOUT


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def ms(v: float | None) -> str:
    return "–" if v is None else f"{v * 1000:.0f}"


@dataclass
class Report:
    """One report (one modal) a user files: its view, how often Submit was pressed, the outcome."""

    user: str
    nonce: str
    values: dict
    view_id: str | None = None
    open_attempts: int = 0
    submits: int = 0
    confirmed: bool = False
    outcomes: list[str] = field(default_factory=list)


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.quick = args.quick
        self.n_users = args.users
        self.rounds = args.rounds
        self.tmp = Path(tempfile.mkdtemp(prefix="somevahti-loadfault-"))
        self.db_url = args.postgres or f"sqlite:///{self.tmp}/loadfault.db"
        self.run_id = secrets.token_hex(3).upper()
        self.lat: dict[str, list[float]] = defaultdict(list)  # "ours:ohje", "bare:slash", ...
        self.sent: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()  # "ours:submit:conn_error", ...
        self.examples: dict[str, str] = {}  # an answer body of each kind of unexpected answer
        self.ohje_later = 0  # /ohje answers sent through response_url after an empty ack
        self.read_after_kill = 0  # submissions answered while this client was killing the server
        self.reports: list[Report] = []
        self.servers: list[Proc] = []
        self.procs: list[Proc] = []
        self.kill_info: dict = {}
        self.events: list[str] = []
        self.t0 = time.monotonic()
        self.problems: list[str] = []  # the run itself broke (not a verdict on the app)

    def note(self, text: str) -> None:
        self.events.append(f"[{time.monotonic() - self.t0:6.1f} s] {text}")
        if self.args.verbose:
            print(self.events[-1], file=sys.stderr, flush=True)

    # -- set-up ---------------------------------------------------------------------------------

    def start(self) -> None:
        if self.args.postgres:
            self._empty_postgres()
        directory = self.tmp / "directory.yaml"
        directory.write_text(directory_yaml(self.n_users))
        base_env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("SLACK_", "SOMEVAHTI_", "DATABASE_URL", "PORT", "LOG_LEVEL"))
        }
        base_env["PYTHONUNBUFFERED"] = "1"
        # Stand-in, server and bare app start side by side.
        self.standin_port, self.bare_port, self.port = free_port(), free_port(), free_port()
        self.standin_url = f"http://127.0.0.1:{self.standin_port}/"
        standin_env = {
            **base_env,
            "LOAD_FAULT_UPDATERS": str(self.n_users),
            "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT), base_env.get("PYTHONPATH", "")]),
        }
        self.standin = Proc(
            "stand-in",
            [
                sys.executable,
                "-m",
                "standin",
                "--port",
                str(self.standin_port),
                "--workspace",
                "load_fault:workspace",
                "--token",
                BOT_TOKEN,
            ],
            standin_env,
            ROOT,
            self.tmp / "standin.log",
        )
        self.procs.append(self.standin)
        self.server_env = {
            **base_env,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": f"{self.standin_url}api/",
            "DATABASE_URL": self.db_url,
            "SOMEVAHTI_DIRECTORY": str(directory),
            "PORT": str(self.port),
            "LOG_LEVEL": "WARNING",
        }
        self.bare = Proc(
            "bare Bolt app",
            [
                sys.executable,
                str(HERE / "bare_bolt_app.py"),
                "--port",
                str(self.bare_port),
                "--adapter",
                self.args.bare_adapter,
            ]
            + (["--poll"] if self.args.bare_poll else []),
            {**base_env, "SLACK_SIGNING_SECRET": SIGNING_SECRET},
            ROOT,
            self.tmp / "bare.log",
        )
        self.procs.append(self.bare)
        self.standin.wait_ready(f"{self.standin_url}_standin/stats")
        self._start_server()
        self.bare.wait_ready(f"http://127.0.0.1:{self.bare_port}/healthz")
        from standin.remote import RemoteStandIn

        self.remote = RemoteStandIn(self.standin_url, bot_token=BOT_TOKEN, timeout=30)
        self.remote.faults.set_random(
            rate=self.args.fault_rate, kinds=self.args.fault_kinds, seed=self.args.seed, methods=self.args.fault_methods
        )
        self._leased()  # opens the benchmark's own (read-only) database connection before the load
        self.note(f"stand-in, server and bare app up; faults on ({self.args.fault_rate:.0%})")

    def _server_cmd(self) -> list[str]:
        exe = Path(sys.executable).with_name("somevahti")
        return [str(exe), "serve"] if exe.exists() else [sys.executable, "-m", "bot.cli", "serve"]

    def _start_server(self) -> float:
        n = len(self.servers) + 1
        # cwd is the temporary folder, so no .env of the checkout is read.
        proc = Proc(f"server #{n}", self._server_cmd(), self.server_env, self.tmp, self.tmp / f"server{n}.log")
        self.servers.append(proc)
        self.procs.append(proc)
        return proc.wait_ready(f"http://127.0.0.1:{self.port}/healthz")

    def _empty_postgres(self) -> None:
        from sqlalchemy import create_engine, text

        engine = create_engine(self.args.postgres)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()

    def stop(self) -> None:
        for p in reversed(self.procs):
            try:
                p.stop()
            except Exception as exc:  # noqa: BLE001
                print(f"could not stop {p.name} (pid {p.pid}): {exc}", file=sys.stderr)
        if hasattr(self, "remote"):
            self.remote.close()
        if self.args.keep:
            print(f"kept: {self.tmp}", file=sys.stderr)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    # -- database (read only) -------------------------------------------------------------------

    def _engine(self):
        if not hasattr(self, "_eng"):
            from sqlalchemy import create_engine

            kw = {"connect_args": {"timeout": 30}} if self.db_url.startswith("sqlite") else {}
            self._eng = create_engine(self.db_url, **kw)
        return self._eng

    def sql(self, query: str) -> list[tuple]:
        from sqlalchemy import text

        with self._engine().connect() as conn:
            return [tuple(r) for r in conn.execute(text(query))]

    # -- requests -------------------------------------------------------------------------------

    def _new_driver(self) -> None:
        from standin.driver import AsyncSlackDriver

        # Builds and signs the requests exactly as Slack would (and tells the stand-in about their
        # trigger ids); sending is done by _send.
        self.driver = AsyncSlackDriver(f"http://127.0.0.1:{self.port}/slack/events", SIGNING_SECRET, self.remote)
        self.bare_url = f"http://127.0.0.1:{self.bare_port}/slack/events"

    async def _send(self, url: str, req) -> Answer:
        """POST one signed request on a fresh connection and read the whole answer.

        A bare HTTP/1.1 client on asyncio streams: at 50 concurrent requests httpx's own overhead
        on these two cores (~100-200 ms at p99) would be larger than what is measured.
        """
        parts = urlsplit(url)
        body = req.body.encode()
        head = (
            f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n" + "".join(f"{k}: {v}\r\n" for k, v in req.headers.items()) + "\r\n"
        )
        started, sent_at = time.monotonic(), time.time()
        writer = None
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
                writer.write(head.encode() + body)
                await writer.drain()
                raw = await reader.read()
            elapsed = time.monotonic() - started
        except (OSError, TimeoutError) as exc:
            return Answer(None, "", time.monotonic() - started, type(exc).__name__, sent_at)
        finally:
            if writer is not None:
                writer.close()
        header, _, content = raw.partition(b"\r\n\r\n")
        try:
            status = int(header.split(b" ", 2)[1])
        except (IndexError, ValueError):
            return Answer(None, "", elapsed, "BadResponse" if raw else "EmptyResponse", sent_at)
        return Answer(status, content.decode("utf-8", "replace"), elapsed, sent_at=sent_at)

    def _prep_slash(self, user: str, command: str, text: str = ""):
        op = self.driver._op_slash(user, command, text, None, {})
        req = next(op)
        op.close()
        return req

    def _prep_submit(self, report: Report):
        op = self.driver._op_view_submission(report.user, report.view_id, report.values, False, {})
        req = next(op)
        op.close()
        return req

    def _example(self, key: str, a: Answer) -> None:
        if not key.endswith(":ok") and key not in self.examples:
            self.examples[key] = (a.text.strip() or a.error or "")[:90]

    def _classify(self, kind: str, a: Answer) -> str:
        if a.status is None:
            return f"no_answer:{a.error}"
        if a.status != 200:
            return f"http_{a.status}"
        if a.elapsed > ACK_TIMEOUT:
            return "late_ack"
        body = a.text.strip()
        if kind == "ohje":
            try:
                j = json.loads(body)
            except ValueError:
                return "error_body" if body else "empty"
            return "ok" if isinstance(j, dict) and (j.get("blocks") or j.get("text")) else "error_body"
        if not body:
            return "ok"
        try:
            j = json.loads(body)
        except ValueError:
            return "error_body"  # e.g. Bolt's "please reinstall this app" text
        if isinstance(j, dict) and j.get("response_action") == "errors":
            return "field_errors"
        return "unexpected_json"

    async def burst(self, kind: str, reqs: list, *, bare_kind: str, order_bare_first: bool) -> list[Answer]:
        """Send the same signed requests to the bare app and to ours, one burst each; ours' answers."""

        async def run(target: str) -> list[Answer]:
            await self._settle()
            # This client's own garbage collection would pause every request in flight and count
            # against the server: it runs before the burst, not during it.
            gc.collect()
            gc.disable()
            try:
                answers = await asyncio.gather(
                    *(self._send(self.bare_url if target == "bare" else r.url, r) for r in reqs)
                )
            finally:
                gc.enable()
            name = bare_kind if target == "bare" else kind
            self.sent[f"{target}:{name}"] += len(reqs)
            took = [a.elapsed for a in answers if a.status == 200]
            self.note(
                f"burst {target} {name}: p50 {ms(pct(took, 50))} p99 {ms(pct(took, 99))} ms, "
                f"{len(took)}/{len(answers)} answered 200"
            )
            later = await self._answered_later(reqs, answers) if (target, kind) == ("ours", "ohje") else {}
            for i, a in enumerate(answers):
                outcome = "ok" if i in later else self._classify(kind if target == "ours" else "ack", a)
                self._example(f"{target}:{name}:{outcome}", a)
                self.outcomes[f"{target}:{name}:{outcome}"] += 1
                if a.status == 200:
                    self.lat[f"{target}:{name}"].append(a.elapsed)
            return answers

        if order_bare_first:
            await run("bare")
            return await run("ours")
        ours = await run("ours")
        await run("bare")
        return ours

    async def _answered_later(self, reqs: list, answers: list[Answer]) -> dict[int, float]:
        """/ohje in a burst acknowledges with an empty body and sends the answer through the
        command's response_url right after (handlers/ohje). Which did, and when the answer was
        shown (seconds from sending the command); every answer's shown time goes to ohje_shown."""
        waiting = {
            i: parse_qs(r.body)["response_url"][0]
            for i, (r, a) in enumerate(zip(reqs, answers, strict=True))
            if a.status == 200 and not a.text.strip()
        }
        later: dict[int, float] = {}
        deadline = time.monotonic() + 5
        while len(later) < len(waiting) and time.monotonic() < deadline:
            posts = {
                p["response_url"]: p
                for p in await asyncio.to_thread(self.remote.response_url_posts)
                if p["ok"] and p.get("blocks")
            }
            for i, url in waiting.items():
                if i not in later and url in posts:
                    later[i] = posts[url]["at"] - answers[i].sent_at
            await asyncio.sleep(0.05)
        for i, a in enumerate(answers):
            if i in later:
                self.lat["ours:ohje_shown"].append(later[i])
            elif self._classify("ohje", a) == "ok":
                self.lat["ours:ohje_shown"].append(a.elapsed)
        self.ohje_later += len(later)
        return later

    # -- the flow -------------------------------------------------------------------------------

    async def run(self) -> None:
        self._new_driver()
        updaters, _ = _people(self.n_users)
        files = {}
        total = self.n_users * self.rounds
        kill_round = self.rounds // 2
        for rnd in range(self.rounds):
            bare_first = rnd % 2 == 0
            # 1. /ohje <question>
            reqs = [self._prep_slash(u, "/ohje", QUESTIONS[(i + rnd) % len(QUESTIONS)]) for i, u in enumerate(updaters)]
            await self.burst("ohje", reqs, bare_kind="slash", order_bare_first=bare_first)
            # 2. /uhka opens the report modal
            reports = []
            for i, u in enumerate(updaters):
                n = rnd * self.n_users + i + 1
                values = {
                    "text": f"[{self.run_id}-{n:04d}] Tiedän missä asut. Odota vaan. Tämä ei jää tähän.",
                    "platform": PLATFORMS[n % len(PLATFORMS)],
                    "link": f"https://www.facebook.com/kokkola/posts/{n}",
                    "sender_name": f"Lähettäjä {n}",
                    "posted_at": int(time.time()) - 3600,
                    "target": "Kaupungin Facebook-sivun kommentit",
                }
                if n % 10 == 3:
                    values["danger"] = ["danger"]  # immediate danger: every level hears at once
                if n % 10 == 7:
                    if u not in files:
                        files[u] = self.remote.add_file(u, "kuvakaappaus.png", "image/png", PNG)["id"]
                    values["files"] = [files[u]]
                reports.append(Report(u, f"{self.run_id}-{n:04d}", values))
            self.reports += reports
            await self.open_modals(reports, bare_first)
            # 3. everybody submits at once; the kill -9 comes in the middle round
            kill_after = None
            if rnd == kill_round and self.args.kill:
                # Full run: after half of the round's submissions were answered. --quick: at the
                # first answer after which no delivery holds a lease (see _kill_unless_leased).
                kill_after = 1 if self.quick else self.n_users // 2
            await self.submit_all(reports, bare_first, kill_after=kill_after)
            done = sum(r.confirmed for r in self.reports)
            self.note(f"round {rnd + 1}/{self.rounds}: {done}/{len(self.reports)} of {total} reports confirmed")
        await self.driver.aclose()
        if self.args.kill and not self.kill_info:
            self.problems.append("the server was never killed")
        if not any(r.submits for r in self.reports):
            self.problems.append("no report was ever submitted")

    async def run_slow_slack(self) -> None:
        """The "slow Slack + kill -9" scenario (review issue 12 #13): every chat.postMessage takes
        SLOW_SLACK_S seconds and still takes effect if the caller has gone (the stand-in's `slow`
        fault); the server is killed ~1 s into the burst of deliveries its reports owe, and
        restarted at once. The restarted worker must wait until the dead process's posts have ended
        at Slack (bot/outbox.py IN_FLIGHT) before looking for them: nothing posted twice."""
        self._new_driver()
        self.remote.faults.add("chat.postMessage", "slow", times=None, delay=SLOW_SLACK_S)
        updaters, _ = _people(self.n_users)
        reports = []
        for i, u in enumerate(updaters):
            n = i + 1
            values = {
                "text": f"[{self.run_id}-{n:04d}] Tiedän missä asut. Odota vaan. Tämä ei jää tähän.",
                "platform": PLATFORMS[n % len(PLATFORMS)],
                "link": f"https://www.facebook.com/kokkola/posts/{n}",
                "sender_name": f"Lähettäjä {n}",
                "posted_at": int(time.time()) - 3600,
                "target": "Kaupungin Facebook-sivun kommentit",
            }
            if n % 3 == 0:
                values["danger"] = ["danger"]  # immediate danger: every level hears at once
            reports.append(Report(u, f"{self.run_id}-{n:04d}", values))
        self.reports += reports
        await self.open_modals(reports, False)
        ready = [r for r in reports if r.view_id]
        self._in_flight = set()
        for r in ready:
            r.submits += 1
        answers = await asyncio.gather(*(self._send(q.url, q) for q in [self._prep_submit(r) for r in ready]))
        self.sent["ours:submit"] += len(ready)
        self._apply(ready, answers)
        self.note(
            f"slow Slack: {sum(r.confirmed for r in ready)}/{len(reports)} reports confirmed; "
            f"every chat.postMessage takes {SLOW_SLACK_S:g} s"
        )
        # The kill: ~1 s after the first delivery started (a row leased and posting).
        deadline = time.monotonic() + 20
        while not await asyncio.to_thread(self._leased) and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        first_post = time.monotonic()
        await asyncio.sleep(SLOW_SLACK_KILL_AFTER_S)
        self._kill([], sum(r.confirmed for r in ready))
        self.kill_info["after_first_post_s"] = time.monotonic() - first_post
        await self._restart()
        # Whoever got no answer presses Submit again (none expected: all were answered before the kill).
        again = [r for r in ready if not r.confirmed and self.remote.is_view_open(r.view_id)]
        if again:
            answers = await asyncio.gather(*(self._send(q.url, q) for q in [self._prep_submit(r) for r in again]))
            self._apply(again, answers)
        await self.driver.aclose()
        if not self.kill_info:
            self.problems.append("the server was never killed")

    async def open_modals(self, reports: list[Report], bare_first: bool) -> None:
        reqs = [self._prep_slash(r.user, "/uhka") for r in reports]
        for r in reports:
            r.open_attempts = 1
        await self.burst("uhka", reqs, bare_kind="slash", order_bare_first=bare_first)
        asked = {r.user: time.monotonic() for r in reports}
        used = {r.view_id for r in self.reports if r.view_id}
        waiting = list(reports)
        deadline = time.monotonic() + REOPEN_AFTER_S * (MAX_OPEN_ATTEMPTS + 1)
        while waiting and time.monotonic() < deadline:
            for r in list(waiting):
                v = self.remote.open_view(r.user)
                if v and v.get("callback_id") == "uhka_report" and v["id"] not in used:
                    r.view_id = v["id"]
                    used.add(v["id"])
                    waiting.remove(r)
            again = [
                r
                for r in waiting
                if time.monotonic() - asked[r.user] > REOPEN_AFTER_S and r.open_attempts < MAX_OPEN_ATTEMPTS
            ]
            if again:  # the modal did not open: the user runs /uhka again
                for r in again:
                    r.open_attempts += 1
                    asked[r.user] = time.monotonic()
                answers = await asyncio.gather(
                    *(self._send(q.url, q) for q in [self._prep_slash(r.user, "/uhka") for r in again])
                )
                self.sent["ours:uhka"] += len(again)
                self.sent["ours:uhka_again"] += len(again)
                for a in answers:
                    outcome = self._classify("uhka", a)
                    self.outcomes[f"ours:uhka:{outcome}"] += 1
                    self._example(f"ours:uhka:{outcome}", a)
                    if a.status == 200:
                        self.lat["ours:uhka"].append(a.elapsed)
            if waiting:
                await asyncio.sleep(0.2)
        for r in waiting:
            r.outcomes.append("modal_never_opened")

    async def submit_all(self, reports: list[Report], bare_first: bool, *, kill_after: int | None) -> None:
        ready = [r for r in reports if r.view_id]
        reqs = [self._prep_submit(r) for r in ready]
        for r in ready:
            r.submits += 1
        if bare_first:
            await self._settle()
            await self._bare_submit_burst(reqs)
        await self._settle()
        answers = await self._submit_burst(ready, reqs, kill_after)
        if not bare_first:
            await self._settle()
            await self._bare_submit_burst(reqs)
        self._apply(ready, answers)
        # Whoever got no answer presses Submit again (the same view: the same idempotency key).
        for _attempt in range(MAX_SUBMIT_ATTEMPTS - 1):
            again = [r for r in ready if not r.confirmed and self.remote.is_view_open(r.view_id)]
            if not again:
                break
            await asyncio.sleep(0.5)
            reqs = [self._prep_submit(r) for r in again]
            for r in again:
                r.submits += 1
            self.sent["ours:resubmit"] += len(again)
            answers = await self._submit_burst(again, reqs, None)
            self._apply(again, answers)

    async def _bare_submit_burst(self, reqs: list) -> None:
        answers = await asyncio.gather(*(self._send(self.bare_url, r) for r in reqs))
        self.sent["bare:submit"] += len(reqs)
        for a in answers:
            self.outcomes[f"bare:submit:{self._classify('submit', a)}"] += 1
            if a.status == 200:
                self.lat["bare:submit"].append(a.elapsed)

    async def _submit_burst(self, reports: list[Report], reqs: list, kill_after: int | None) -> list[Answer]:
        answered = 0
        self._in_flight = {r.view_id for r in reports}
        tasks: list[asyncio.Task] = []

        killed_here = False

        def maybe_kill() -> None:
            # Synchronously, from the callback of the answer that reached the mark: the other
            # submissions are still in flight when the process dies.
            nonlocal killed_here
            if self.kill_info or kill_after is None or answered < kill_after or self.quick:
                return
            self._kill(tasks, answered)
            killed_here = True

        async def one(report: Report, req) -> Answer:
            nonlocal answered
            a = await self._send(req.url, req)
            a.read_after_kill = killed_here
            answered += 1
            self._in_flight.discard(report.view_id)
            maybe_kill()
            return a

        async def quick_killer() -> None:
            # --quick: once something was answered, at the first moment no outbox row is leased
            # (see _kill_unless_leased), with submissions still in flight.
            while not self.kill_info and answered < len(tasks):
                if answered >= kill_after and await asyncio.to_thread(self._kill_unless_leased, tasks, answered):
                    return
                await asyncio.sleep(0.002)

        tasks = [asyncio.create_task(one(rep, r)) for rep, r in zip(reports, reqs, strict=True)]
        self.sent["ours:submit"] += len(reqs)
        killer = asyncio.create_task(quick_killer()) if kill_after is not None and self.quick else None
        answers = list(await asyncio.gather(*tasks))
        took = [a.elapsed for a in answers if a.status == 200 and not a.read_after_kill]
        self.note(
            f"burst ours submit: p50 {ms(pct(took, 50))} p99 {ms(pct(took, 99))} ms, "
            f"{len(took)}/{len(answers)} answered 200"
        )
        if killer is not None:
            await killer
        if kill_after is not None:
            deadline = time.monotonic() + 10
            while not self.kill_info and time.monotonic() < deadline:  # --quick, all answered first
                if not await asyncio.to_thread(self._kill_unless_leased, tasks, answered):
                    await asyncio.sleep(0.002)
            if not self.kill_info:
                self._kill(tasks, answered)
            await self._restart()
        for a in answers:
            outcome = self._classify("submit", a)
            self.outcomes[f"ours:submit:{outcome}"] += 1
            self._example(f"ours:submit:{outcome}", a)
            if a.status == 200 and not a.read_after_kill:
                self.lat["ours:submit"].append(a.elapsed)
            self.read_after_kill += a.read_after_kill
        return answers

    def _busy(self) -> int:
        """Outbox rows being delivered or due now."""
        from datetime import UTC, datetime

        from sqlalchemy import func, or_, select

        from escalation.models import Notification

        now = datetime.now(UTC)
        with self._engine().connect() as conn:
            return conn.execute(
                select(func.count())
                .select_from(Notification)
                .where(
                    Notification.status == "pending",
                    or_(Notification.next_attempt_at <= now, Notification.lease_owner.is_not(None)),
                )
            ).scalar_one()

    async def _settle(self, budget: float = 15.0, still: float = 0.2) -> None:
        """Before each measured burst: the server idle (no outbox row due or being delivered, and no
        Web API call for `still` s: the work after the previous burst's acknowledgements is done;
        at most `budget` s), then a moment for the machine, so that each burst, ours and the bare
        app's alike, starts without the other's leftovers on the same two cores."""
        deadline = time.monotonic() + budget
        calls = None
        while time.monotonic() < deadline:
            now = await asyncio.to_thread(lambda: self.remote.stats()["calls"])
            if now == calls and not await asyncio.to_thread(self._busy):
                break
            calls = now
            await asyncio.sleep(still)
        await asyncio.sleep(0.2)

    def _leased(self) -> int:
        return self.sql("SELECT count(*) FROM notifications WHERE lease_owner IS NOT NULL")[0][0]

    def _kill(self, tasks: list, answered: int, leased: int | None = None) -> None:
        leased = self._leased() if leased is None else leased
        victim = self.servers[-1]
        unanswered = list(self._in_flight)  # before the kill: its connection errors end them at once
        victim.kill9()
        self.kill_info = {
            "at": time.monotonic() - self.t0,
            "in_flight": len(unanswered),
            "answered": len(tasks) - len(unanswered),
            "leased": leased,
        }
        # Committed before its answer: stored whole (the modal closes only after the commit).
        stored = {k for (k,) in self.sql("SELECT request_key FROM incidents WHERE request_key IS NOT NULL")}
        self.kill_info["stored_unanswered"] = sum(1 for v in unanswered if f"view:{v}" in stored)
        self.note(
            f"kill -9 server (pid {victim.pid}): {self.kill_info['in_flight']} submissions in flight, "
            f"{leased} outbox rows being delivered"
        )

    async def _restart(self) -> None:
        started = time.monotonic()
        await asyncio.to_thread(self._start_server)
        self.kill_info["restart_s"] = time.monotonic() - started
        self.note(f"server restarted in {self.kill_info['restart_s']:.1f} s")

    def _kill_unless_leased(self, tasks: list, answered: int) -> bool:
        """--quick only: kill -9 at a moment no outbox row is leased; False if one is.

        A row claimed by the killed process waits out its 60 s lease (bot/outbox.py LEASE) before
        anyone retries it, which does not fit the CI time budget (the full run kills regardless and
        waits). The server is frozen (SIGSTOP) while the database is read, so what the check sees is
        what the dead process leaves behind: a claim it had not committed never will be.
        """
        victim = self.servers[-1]
        if not victim.freeze():
            return False
        if self._leased():
            victim.thaw()
            return False
        self._kill(tasks, answered, leased=0)
        return True

    def _apply(self, reports: list[Report], answers: list[Answer]) -> None:
        for r, a in zip(reports, answers, strict=True):
            outcome = self._classify("submit", a)
            r.outcomes.append(outcome)
            if outcome == "ok":
                r.confirmed = True  # the modal closed: the user saw it confirmed
                self.remote.apply_view_ack(r.user, r.view_id, None)

    # -- the end --------------------------------------------------------------------------------

    def drain(self) -> tuple[bool, float]:
        started = time.monotonic()
        while time.monotonic() - started < self.args.drain_timeout:
            pending = self.sql("SELECT count(*) FROM notifications WHERE status = 'pending'")[0][0]
            if not pending:
                return True, time.monotonic() - started
            time.sleep(0.25)
        return False, time.monotonic() - started


def verify(bench: Bench) -> dict:
    """Compare what users saw with the database and what the stand-in received."""
    rows = bench.sql("SELECT request_key, details FROM incidents WHERE kind = 'threat'")
    stored_keys: Counter[str] = Counter()
    by_nonce: Counter[str] = Counter()
    for key, details in rows:
        stored_keys[key] += 1
        d = json.loads(details) if isinstance(details, str) else details
        text = (d or {}).get("text") or ""
        if text.startswith("[") and "]" in text:
            by_nonce[text[1 : text.index("]")]] += 1
    confirmed = [r for r in bench.reports if r.confirmed]
    lost_incidents = [r for r in confirmed if stored_keys[f"view:{r.view_id}"] == 0]
    twice = {n: c for n, c in by_nonce.items() if c > 1}
    submitted = [r for r in bench.reports if r.submits]
    unconfirmed_stored = [r for r in submitted if not r.confirmed and stored_keys[f"view:{r.view_id}"]]

    notes = bench.sql("SELECT key, op, target_kind, status, attempts, last_error FROM notifications")
    messages = bench.remote.messages()
    delivered: Counter[str] = Counter()
    for m in messages:
        meta = m.get("metadata") or {}
        if meta.get("event_type") == METADATA_TYPE:
            delivered[(meta.get("event_payload") or {}).get("key")] += 1
    posts = [n for n in notes if n[1] == "post" and n[2] in ("user", "channel")]
    keys = {n[0] for n in notes}
    lost_rows = [n for n in posts if delivered[n[0]] == 0]
    dup_rows = [n for n in posts if delivered[n[0]] > 1]
    unknown = [k for k in delivered if k not in keys]
    files = [n for n in notes if n[1] == "fetch_file"]
    return {
        "stored": len(rows),
        "confirmed": len(confirmed),
        "lost_incidents": lost_incidents,
        "twice": twice,
        "unconfirmed_stored": unconfirmed_stored,
        "submitted": len(submitted),
        "owed": len(posts),
        "delivered": sum(1 for n in posts if delivered[n[0]] >= 1),
        "lost_rows": lost_rows,
        "dup_rows": dup_rows,
        "unknown_keys": unknown,
        "messages_total": sum(delivered.values()),
        "status": Counter(n[3] for n in notes),
        "failed": [n for n in notes if n[3] == "failed"],
        "pending": [n for n in notes if n[3] == "pending"],
        "files": (sum(1 for n in files if n[3] == "sent"), len(files)),
        "attempts": Counter(min(n[4], 6) for n in notes),
        "rows_total": len(notes),
        "delivered_by_key": dict(delivered),
    }


def scan_logs(bench: Bench) -> dict:
    errors: Counter[str] = Counter()
    tracebacks = 0
    leaked = 0
    nonces = [r.nonce for r in bench.reports]
    for p in bench.servers:
        text = p.log_path.read_text(errors="replace") if p.log_path.exists() else ""
        tracebacks += text.count("Traceback (most recent call last)")
        for line in text.splitlines():
            if " ERROR " in line or " CRITICAL " in line:
                parts = line.split(" ERROR ", 1) if " ERROR " in line else line.split(" CRITICAL ", 1)
                msg = parts[1]
                for digit in "0123456789":
                    msg = msg.replace(digit, "#")
                errors[msg[:110]] += 1
        leaked += sum(text.count(n) for n in nonces) + text.count("Tiedän missä asut")
    return {"errors": errors, "tracebacks": tracebacks, "leaked": leaked}


def print_report(bench: Bench, v: dict, logs: dict, drained: bool, drain_s: float, stats: dict) -> int:
    a = bench.args
    out = print
    mode = "quick" if a.quick else "full"
    db = "PostgreSQL" if a.postgres else "SQLite"
    out(f"== Somevahti load & fault benchmark ({mode}) — {time.strftime('%Y-%m-%d %H:%M:%S')}")
    out(
        f"setup: {a.users} page updaters, {a.rounds} rounds, concurrency {a.users}; {db}; bare Bolt AsyncApp "
        f"({a.bare_adapter} adapter, "
        f"{'ack() polled every 10 ms' if a.bare_poll else 'answer when the listener returns'})"
        f" side by side; faults on {a.fault_rate:.0%} of Web API calls "
        f"({', '.join(a.fault_kinds)}"
        + (f" on {', '.join(a.fault_methods)} only" if a.fault_methods else "")
        + f"), seed {a.seed}; {os.cpu_count()} CPUs"
    )
    s = bench.sent
    ours_total = s["ours:ohje"] + s["ours:uhka"] + s["ours:submit"]
    bare_total = s["bare:slash"] + s["bare:submit"]
    out(
        f"requests sent: {ours_total + bare_total} — ours {ours_total} (/ohje {s['ours:ohje']}, /uhka "
        f"{s['ours:uhka']} of which {s['ours:uhka_again']} again because no modal opened, view_submission "
        f"{s['ours:submit']} of which {s['ours:resubmit']} resubmitted), bare Bolt {bare_total} (slash "
        f"{s['bare:slash']}, view_submission {s['bare:submit']})"
    )
    out("ack latency, client side (ms)      p50    p99      n | bare   p50    p99      n | p99 ours/bare")
    p99s = {}
    for label, ours, bare in (
        ("/ohje <question>", "ours:ohje", "bare:slash"),
        ("/uhka", "ours:uhka", "bare:slash"),
        ("view_submission (/uhka modal)", "ours:submit", "bare:submit"),
    ):
        lo, lb = bench.lat[ours], bench.lat[bare]
        p99o, p99b = pct(lo, 99), pct(lb, 99)
        ratio = p99o / p99b if p99o and p99b else None
        p99s[label] = p99o
        out(
            f"  {label:<30} {ms(pct(lo, 50)):>6} {ms(p99o):>6} {len(lo):>6} |      {ms(pct(lb, 50)):>6} "
            f"{ms(p99b):>6} {len(lb):>6} | {'–' if ratio is None else f'{ratio:.2f}×'}"
        )
    if bench.read_after_kill:
        out(
            f"  (view_submission latency leaves out the {bench.read_after_kill} answers read while this client was "
            "killing the server: its stopwatch ran on meanwhile)"
        )
    shown = bench.lat["ours:ohje_shown"]
    out(
        f"/ohje answer shown to the user (ms): p50 {ms(pct(shown, 50))}, p99 {ms(pct(shown, 99))}; "
        f"{len(shown) - bench.ohje_later} in the acknowledgement, {bench.ohje_later} through response_url "
        f"right after it (a burst: acknowledgements first), {s['ours:ohje'] - len(shown)} never"
    )
    bad = Counter()
    for k, n in bench.outcomes.items():
        target, kind, outcome = k.split(":", 2)
        if outcome != "ok":
            bad[f"{target} {kind}: {outcome}"] += n
    out(
        "answers that were not a plain acknowledgement: "
        + (", ".join(f"{k} ×{n}" for k, n in sorted(bad.items())) or "none")
    )
    for k, text in sorted(bench.examples.items()):
        if text and not k.split(":")[2].startswith("no_answer"):
            out(f"  e.g. {k}: {text!r}")
    ki = bench.kill_info
    if ki:
        out(
            f"kill -9: at {ki['at']:.1f} s, after {ki['answered']} of the middle round's submissions were "
            f"answered; {ki['in_flight']} submissions in flight ({ki['stored_unanswered']} of them already "
            f"committed), {ki['leased']} outbox rows mid-delivery; "
            f"restarted on the same database in {ki['restart_s']:.1f} s"
        )
    else:
        out("kill -9: none (--no-kill)")
    never = sum(1 for r in bench.reports if "modal_never_opened" in r.outcomes)
    gave_up = sum(1 for r in bench.reports if r.submits and not r.confirmed)
    out(
        f"reports: {len(bench.reports)} wanted, {v['submitted']} submitted, {v['confirmed']} confirmed to users "
        f"(modal closed); {never} modals never opened, {gave_up} users gave up after {MAX_SUBMIT_ATTEMPTS} "
        f"presses of Submit"
    )
    out(
        f"incidents: {v['confirmed']} confirmed, {v['stored']} stored, {len(v['lost_incidents'])} lost "
        f"(confirmed but not stored), {len(v['unconfirmed_stored'])} stored without a confirmation, "
        f"{len(v['twice'])} created twice"
    )
    out(
        f"notifications: {v['owed']} owed (post rows), {v['delivered']} delivered, {len(v['lost_rows'])} lost "
        f"(0 messages), {len(v['dup_rows'])} duplicated (>1 message), {len(v['unknown_keys'])} messages with an "
        f"unknown key; {len(v['failed'])} failed permanently, {len(v['pending'])} still pending; rows by status "
        f"{dict(v['status'])}; evidence files fetched {v['files'][0]}/{v['files'][1]}"
    )
    for label, rows in (("lost", v["lost_rows"]), ("duplicated", v["dup_rows"]), ("failed", v["failed"])):
        for key, op, target_kind, status, attempts, last_error in rows[:10]:
            out(
                f"  {label}: {key} ({op} to {target_kind}, {status}, {attempts} attempts, last error {last_error}) "
                f"→ {v['delivered_by_key'].get(key, 0)} messages"
            )
    out(
        f"outbox: {'drained' if drained else 'NOT drained'} {drain_s:.1f} s after the load ended (faults "
        f"{'off' if a.quick else 'still on'} meanwhile); delivery "
        f"attempts per row {dict(sorted(v['attempts'].items()))} (6 = 6 or more)"
    )
    fs = stats.get("faults") or {}
    kinds: Counter[str] = Counter()
    for per in (fs.get("by_method") or {}).values():
        kinds.update(per)
    out(
        f"faults injected: {fs.get('total', 0)} of {stats.get('calls', 0)} Web API calls ("
        + ", ".join(f"{k} {kinds[k]}" for k in a.fault_kinds)
        + ")"
    )
    by = stats.get("by_method") or {}
    out("Web API calls by method: " + ", ".join(f"{m} {n}" for m, n in sorted(by.items(), key=lambda x: -x[1])))
    peaks = [p.peak_mb for p in bench.servers if p.peak_mb]
    peak = max(peaks) if peaks else None
    out(
        "server peak RSS (VmHWM): "
        + (f"{peak:.1f} MB" if peak else "?")
        + " (per process: "
        + ", ".join(f"{p:.1f}" for p in peaks)
        + f" MB); bare Bolt app {bench.bare.peak_mb or 0:.1f} MB"
    )
    out(
        "CPU time: servers " + " + ".join(f"{p.cpu_s or 0:.1f}" for p in bench.servers) + " s, bare Bolt app "
        f"{bench.bare.cpu_s or 0:.1f} s, stand-in {bench.standin.cpu_s or 0:.1f} s, this load client "
        f"{time.process_time():.1f} s"
    )
    errs = logs["errors"]
    out(
        f"server log: {sum(errs.values())} ERROR lines, {logs['tracebacks']} tracebacks, threat text in logs: "
        f"{logs['leaked']}"
    )
    for msg, n in errs.most_common(8):
        out(f"  ×{n} {msg}")
    for e in bench.events:
        out(f"  {e}")

    lost = len(v["lost_incidents"]) + len(v["lost_rows"]) + len(v["unknown_keys"])
    dup = len(v["twice"]) + len(v["dup_rows"])
    checks = [
        (
            "lost",
            lost == 0 and drained,
            f"{lost} lost (incidents {len(v['lost_incidents'])}, notifications {len(v['lost_rows'])}"
            + ("" if drained else ", outbox not drained")
            + ")",
        ),
        (
            "duplicated",
            dup == 0,
            f"{dup} duplicated (incidents created twice {len(v['twice'])}, messages {len(v['dup_rows'])})",
        ),
    ]
    soft = []
    for label, p99 in p99s.items():
        soft.append(
            (
                "latency",
                p99 is not None and p99 <= TARGET_P99_S,
                f"p99 ack {label} under {TARGET_P99_S * 1000:.0f} ms: {ms(p99)} ms",
            )
        )
    soft.append(
        (
            "rss",
            peak is not None and peak <= TARGET_RSS_MB,
            f"server peak RSS ≤ {TARGET_RSS_MB:.0f} MB: " + (f"{peak:.1f} MB" if peak else "?"),
        )
    )
    unanswered = s["ours:ohje"] - len(shown)
    checks.append(("ohje", unanswered == 0, f"every /ohje answered: {unanswered} never"))
    if bench.problems:
        checks.append(("run", False, "run problems: " + "; ".join(bench.problems)))
    for _, ok, text in checks + soft:
        out(f"{'PASS' if ok else 'FAIL'} {text}")
    failed = [c for c in checks if not c[1]] + ([c for c in soft if not c[1]] if a.strict else [])
    out(
        f"result: {'OK' if not failed else 'FAILED'}"
        + ("" if a.strict else " (latency/RSS targets reported only; --strict makes them count)")
    )
    return 1 if failed else 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Load and fault benchmark of the real server on loopback (see benchmarks/README.md)."
    )
    p.add_argument("--quick", action="store_true", help="reduced run for CI: 10 users, 2 rounds, one kill")
    p.add_argument("--users", type=int, help="page updaters = concurrency (default 50, quick 10; at most 200)")
    p.add_argument("--rounds", type=int, help="reports per user (default 3, quick 2)")
    p.add_argument("--fault-rate", type=float, default=0.2, help="share of Web API calls that fail (default 0.2)")
    p.add_argument("--seed", type=int, default=6, help="seed of the stand-in's random faults")
    p.add_argument(
        "--fault-methods",
        type=lambda v: v.split(","),
        metavar="M1,M2",
        help="only these Web API methods fail (default: every method)",
    )
    p.add_argument(
        "--fault-kinds",
        type=lambda v: v.split(","),
        default=FAULT_KINDS,
        metavar="K1,K2",
        help=f"fault kinds (default: {','.join(FAULT_KINDS)})",
    )
    p.add_argument(
        "--slow-slack",
        action="store_true",
        help="only the 'slow Slack + kill -9' scenario (chat.postMessage 5.5 s, kill -9 1 s into the "
        "deliveries; ~45 s); the full run includes it as its own section",
    )
    p.add_argument("--slow-users", type=int, default=6, help="reports in the slow-Slack scenario (default 6)")
    p.add_argument("--no-kill", dest="kill", action="store_false", help="no kill -9 in the middle round")
    p.add_argument("--postgres", metavar="URL", help="use this PostgreSQL database; its public schema is EMPTIED")
    p.add_argument("--drain-timeout", type=float, help="seconds to wait for the outbox (default 120, quick 35)")
    p.add_argument(
        "--bare-adapter",
        choices=("asgi", "starlette"),
        default="asgi",
        help="how the bare Bolt app is served (default asgi, the fastest)",
    )
    p.add_argument(
        "--bare-poll",
        action="store_true",
        help="the bare app in Bolt's default answering mode (ack() checked every 10 ms; slower)",
    )
    p.add_argument("--strict", action="store_true", help="latency and RSS targets decide the exit code too")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, database)")
    p.add_argument("-v", "--verbose", action="store_true", help="progress on stderr")
    a = p.parse_args(argv)
    a.users = a.users or (10 if a.quick else 50)
    a.rounds = a.rounds or (2 if a.quick else 3)
    a.drain_timeout = a.drain_timeout or (35.0 if a.quick else 120.0)
    if not 1 <= a.users <= 200 or not 1 <= a.rounds <= 20 or not 0 <= a.fault_rate < 1:
        p.error("--users 1..200, --rounds 1..20, --fault-rate 0..<1")
    if a.postgres and a.postgres.startswith(("postgres://", "postgresql://")):
        a.postgres = "postgresql+psycopg://" + a.postgres.split("://", 1)[1]
    return a


def slow_slack_main(args: argparse.Namespace) -> int:
    """The "slow Slack + kill -9" scenario on its own stand-in, server and database; prints its section."""
    sargs = argparse.Namespace(
        **{
            **vars(args),
            "users": args.slow_users,
            "rounds": 1,
            "fault_rate": 0.0,
            "quick": False,
            "drain_timeout": max(args.drain_timeout, 90.0),
        }
    )
    bench = Bench(sargs)
    started = time.monotonic()
    try:
        bench.start()
        asyncio.run(bench.run_slow_slack())
        bench.note("reports in; waiting for the outbox to drain (Slack still slow)")
        drained, drain_s = bench.drain()
        v = verify(bench)
        slowed = bench.remote.faults.stats()["by_method"].get("chat.postMessage", {}).get("slow", 0)
        for p in bench.servers + [bench.bare]:
            p.stop()
        logs = scan_logs(bench)
    except Exception:
        for p in bench.procs:
            print(f"--- {p.name} log (tail)\n{p.tail()}", file=sys.stderr)
        raise
    finally:
        bench.stop()
    k = bench.kill_info
    lost_n, dup_n = len(v["lost_rows"]), len(v["dup_rows"])
    print()
    print(
        f"== slow Slack + kill -9: chat.postMessage takes {SLOW_SLACK_S:g} s (and takes effect even when the caller "
        f"is gone); kill -9 {SLOW_SLACK_KILL_AFTER_S:g} s into the deliveries =="
    )
    print(f"reports: {v['confirmed']} confirmed, {v['stored']} stored ({len(bench.reports)} submitted)")
    if k:
        print(
            f"kill -9: {k.get('after_first_post_s', 0):.1f} s after the first delivery started, {k['leased']} outbox "
            f"rows being delivered; restarted in {k.get('restart_s', 0):.1f} s on the same database"
        )
    print(
        f"notifications: {v['owed']} owed, {v['delivered']} delivered, {lost_n} lost, {dup_n} duplicated, "
        f"{len(v['pending'])} pending, {len(v['failed'])} failed; outbox "
        f"{'drained' if drained else 'NOT drained'} in {drain_s:.1f} s; {slowed} slow chat.postMessage calls"
    )
    for line in bench.events:
        print(f"  {line}")
    ok_lost = not v["lost_incidents"] and not lost_n
    ok_dup = not v["twice"] and not dup_n and not v["unknown_keys"]
    print(
        f"{'PASS' if ok_lost else 'FAIL'} slow Slack + kill -9: 0 lost (incidents {len(v['lost_incidents'])}, "
        f"notifications {lost_n})"
    )
    print(
        f"{'PASS' if ok_dup else 'FAIL'} slow Slack + kill -9: 0 duplicated (incidents created twice "
        f"{len(v['twice'])}, messages {dup_n})"
    )
    if logs["leaked"]:
        print(f"FAIL slow Slack + kill -9: report text in the server log {logs['leaked']}x")
    print(f"slow Slack duration: {time.monotonic() - started:.1f} s")
    broken = bench.problems or not drained or not k or v["confirmed"] == 0
    for problem in bench.problems:
        print(f"FAIL slow Slack run: {problem}")
    return 0 if ok_lost and ok_dup and not broken and not logs["leaked"] else 1


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.slow_slack:
        return slow_slack_main(args)
    bench = Bench(args)
    started = time.monotonic()
    try:
        bench.start()
        asyncio.run(bench.run())
        if args.quick:
            # CI: the retries already scheduled still run their backoff, but no new faults stretch
            # the tail (the full run keeps the faults on until the outbox is drained).
            bench.remote.faults.clear()
        bench.note(
            "load done; waiting for the outbox to drain" + (" (faults off)" if args.quick else " (faults still on)")
        )
        drained, drain_s = bench.drain()
        bench.note(f"outbox {'drained' if drained else 'not drained'}")
        for p in bench.servers + [bench.bare, bench.standin]:
            p.sample_rss()
        v = verify(bench)
        stats = bench.remote.stats()
        for p in bench.servers + [bench.bare]:
            p.stop()
        logs = scan_logs(bench)
        code = print_report(bench, v, logs, drained, drain_s, stats)
        print(f"duration: {time.monotonic() - started:.1f} s")
        if not args.quick and args.kill:  # the full run: the slow-Slack scenario as its own section
            bench.stop()
            code = max(code, slow_slack_main(args))
        return code
    except Exception:
        for p in bench.procs:
            print(f"--- {p.name} log (tail)\n{p.tail()}", file=sys.stderr)
        raise
    finally:
        bench.stop()


if __name__ == "__main__":
    sys.exit(main())
