"""Property-based tests (issue 6): the escalation state machine and the modal inputs.

1. A hypothesis state machine drives the real engine (escalation/engine.py) and the real
   delivery worker's timer step (OutboxWorker._escalate_due) on a fresh SQLite database per
   example, with random policies and random sequences of opening, acknowledging, resolving,
   forwarding and time passing; after every step the invariants of issue 6 are checked.
2. Arbitrary unicode in every /uhka and /kohu field: whatever validation accepts is stored and
   every message it owes renders (through the worker's renderer) to valid Block Kit in which user
   text can neither mention nor link.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import func, select

from bot.db import Database
from bot.directory import load_directory
from bot.outbox import OutboxWorker
from bot.sandbox import world
from escalation import controversies as kohu
from escalation import engine, threats
from escalation.clock import FakeClock
from escalation.models import ACKNOWLEDGED, OPEN, RESOLVED, Incident, IncidentEvent, Notification
from escalation.policy import Level, Policy, Target
from escalation.vocabulary import PLATFORMS
from handlers.render import render
from standin.blockkit import validate_blocks
from tests.support import slack_worker

T0 = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
USERS = ("U0A", "U0B", "U0C", "U0D", "U0E")
ALLOWED = {
    (OPEN, OPEN),
    (OPEN, ACKNOWLEDGED),
    (OPEN, RESOLVED),
    (ACKNOWLEDGED, ACKNOWLEDGED),
    (ACKNOWLEDGED, RESOLVED),
    (RESOLVED, RESOLVED),
}


def _worker(db: Database, clock: FakeClock) -> OutboxWorker:
    # Only the timer step is used: Slack is never called.
    return slack_worker(db, clock)


targets = st.lists(
    st.one_of(
        st.builds(Target, st.just("user"), st.sampled_from(USERS), st.just("person")),
        st.builds(Target, st.just("channel"), st.sampled_from(("C0MAVI", "C0SOME")), st.just("channel")),
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda t: (t.kind, t.id),
)
policies = st.builds(
    lambda levels, last_wait, admins: Policy(
        tuple(Level(tuple(ts), wait) for ts, wait in levels[:-1]) + (Level(tuple(levels[-1][0]), last_wait),), admins
    ),
    st.lists(st.tuples(targets, st.sampled_from([60, 900, 1800, 3600])), min_size=1, max_size=3),
    st.sampled_from([None, None, 600, 3600]),
    st.sampled_from([(), ("U0ADMIN",), ("U0ADMIN", "U0ADMIN2")]),
)


class EscalationMachine(RuleBasedStateMachine):
    """The real engine and timers on a real database; the model is what was observed before."""

    def __init__(self):
        super().__init__()
        self.db = Database("sqlite://")  # fresh, migrated, in memory
        self.clock = FakeClock(T0)
        self.worker = _worker(self.db, self.clock)
        self.ids: list[int] = []
        self.seen: dict[int, dict] = {}  # incident id -> what the previous step saw

    def teardown(self):
        self.db.dispose()

    @initialize(policy=policies)
    def choose_policy(self, policy):
        self.policy = policy

    # -- actions -----------------------------------------------------------------------

    @rule(all_levels_now=st.booleans(), reporter=st.sampled_from(("U0R", *USERS)))
    def open(self, all_levels_now, reporter):
        with self.db.transaction() as s:
            inc, created = engine.open_incident(
                s,
                kind="threat",
                reporter=reporter,
                policy=self.policy,
                details={},
                now=self.clock.now(),
                all_levels_now=all_levels_now,
                severity="danger" if all_levels_now else "normal",
            )
            assert created
            self.ids.append(inc.id)

    def _act(self, pick, fn):
        with self.db.transaction() as s:
            inc = s.get(Incident, self.ids[pick % len(self.ids)])
            return fn(s, inc)

    @precondition(lambda self: self.ids)
    @rule(pick=st.integers(0, 50), actor=st.sampled_from(("U0ADMIN", *USERS)))
    def acknowledge(self, pick, actor):
        self._act(pick, lambda s, inc: engine.acknowledge(s, inc, actor, self.clock.now()))

    @precondition(lambda self: self.ids)
    @rule(pick=st.integers(0, 50), actor=st.sampled_from(("U0ADMIN", *USERS)))
    def resolve(self, pick, actor):
        self._act(pick, lambda s, inc: engine.resolve(s, inc, actor, self.clock.now(), note="ok"))

    @precondition(lambda self: self.ids)
    @rule(pick=st.integers(0, 50), actor=st.sampled_from(USERS), to=st.sampled_from(("U0CHIEF", *USERS)))
    def forward(self, pick, actor, to):
        self._act(
            pick, lambda s, inc: engine.forward(s, inc, actor, Target("user", to, "safety_chief"), self.clock.now())
        )

    @rule(minutes=st.integers(0, 150))
    def time_passes(self, minutes):
        self.clock.advance(minutes=minutes)
        self.worker._escalate_due()
        # No timer is left behind: nothing open is past its deadline once the step ran.
        with self.db.transaction() as s:
            assert engine.due_incidents(s, self.clock.now()) == []

    @rule(minutes=st.integers(0, 150))
    def the_timer_step_runs_twice(self, minutes):
        """A second worker (or a second round) runs the same step at the same moment: nothing more."""
        self.clock.advance(minutes=minutes)
        self.worker._escalate_due()
        before = self._counts()
        _worker(self.db, self.clock)._escalate_due()
        assert self._counts() == before

    @precondition(lambda self: self.ids)
    @rule(pick=st.integers(0, 50))
    def escalate_a_settled_incident(self, pick):
        """Escalating an acknowledged or resolved incident (a late timer) adds nothing."""
        before = self._counts()
        changed = self._act(
            pick, lambda s, inc: (inc.status != OPEN and engine.escalate(s, inc, self.clock.now()), inc.status)[1]
        )
        if changed != OPEN:
            assert self._counts() == before

    # -- invariants ------------------------------------------------------------------------

    def _counts(self):
        with self.db.transaction() as s:
            return (
                s.execute(select(func.count()).select_from(Notification)).scalar_one(),
                s.execute(select(func.count()).select_from(IncidentEvent)).scalar_one(),
                tuple(s.execute(select(Incident.level, Incident.status).order_by(Incident.id)).all()),
            )

    @invariant()
    def holds(self):
        with self.db.transaction() as s:
            incidents = list(s.execute(select(Incident).order_by(Incident.id)).scalars())
            rows = list(s.execute(select(Notification).order_by(Notification.id)).scalars())
            events = list(s.execute(select(IncidentEvent).order_by(IncidentEvent.id)).scalars())
        keys = [r.key for r in rows]
        assert len(keys) == len(set(keys))  # one row per key: nothing owed twice
        by_incident: dict[int, list] = {}
        for ev in events:
            by_incident.setdefault(ev.incident_id, []).append((ev.id, ev.type))
        last = len(self.policy.levels) - 1
        for inc in incidents:
            prev = self.seen.get(inc.id)
            timeline = by_incident.get(inc.id, [])
            # Status only moves forward; settled incidents have no timer.
            if prev is not None:
                assert (prev["status"], inc.status) in ALLOWED, (prev["status"], inc.status)
                assert inc.level >= prev["level"]  # never de-escalates
                assert timeline[: len(prev["timeline"])] == prev["timeline"]  # append-only
            assert [i for i, _ in timeline] == sorted({i for i, _ in timeline})
            assert 0 <= inc.level <= last
            if inc.status != OPEN:
                assert inc.next_escalation_at is None
            assert timeline[0][1] == "created"
            types = [t for _, t in timeline]
            assert types.count("acknowledged") <= 1 and types.count("resolved") <= 1
            assert types.count("unacknowledged") <= 1
            forwarded = set(inc.details.get("forwarded_to", []))
            mine = [r for r in rows if r.incident_id == inc.id]
            for r in mine:
                if r.kind == "threat.notify":
                    level = r.data.get("level")
                    if level is None:  # a forward
                        assert r.target_id in forwarded
                    else:  # only levels reached so far, and only their own targets
                        assert level <= inc.level
                        assert (r.target_kind, r.target_id) in {
                            (t.kind, t.id) for t in self.policy.levels[level].targets
                        }
                if r.kind == "threat.reminder":
                    assert r.data["level"] < inc.level
            admin_alarms = [r for r in mine if r.kind == "threat.admin" and r.data.get("reason") == "unacknowledged"]
            assert len(admin_alarms) == len(set(self.policy.admins)) * types.count("unacknowledged")
            # Every level reached was told; reminders never outnumber the escalation steps.
            reached = {r.data.get("level") for r in mine if r.kind == "threat.notify"} - {None}
            assert reached == set(range(inc.level + 1))
            self.seen[inc.id] = {"status": inc.status, "level": inc.level, "timeline": timeline}


EscalationMachine.TestCase.settings = settings(
    max_examples=50, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestEscalationMachine = EscalationMachine.TestCase


# -- modal inputs: arbitrary unicode never breaks a message ---------------------------------------

DIRECTORY = load_directory(world.DIRECTORY_FILE)
_DB: Database | None = None
# Every <...> in a rendered message is ours: a person, a channel, the mavi group, a date, a web link.
OURS = re.compile(r"^(@U0[A-Z0-9]+|#C0[A-Z0-9]+|!subteam\^S0[A-Z0-9]+|!date\^[^<>]*|https://[^\s<>|]+(\|[^<>|]+)?)$")


@contextmanager
def scratch():
    """A session on one shared in-memory database whose work is rolled back: examples stay apart."""
    global _DB
    if _DB is None:
        _DB = Database("sqlite://")
    s = _DB.session()
    try:
        yield s
    finally:
        s.rollback()
        s.close()


def texts(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [
            x for k, v in node.items() if k not in ("action_id", "block_id", "value", "type", "url") for x in texts(v)
        ]
    if isinstance(node, list):
        return [x for v in node for x in texts(v)]
    return []


def check_rendered(s, incident: Incident) -> int:
    rows = list(s.execute(select(Notification).where(Notification.incident_id == incident.id)).scalars())
    for row in rows:
        if row.op == "fetch_file":
            continue
        for lang in ("fi", "sv"):
            msg = render(s, row, incident, lang)
            assert msg["text"].strip() and len(msg["text"]) <= 4000
            assert validate_blocks(msg.get("blocks") or [], surface="message") == [], row.kind
            for shown in texts({"text": msg["text"], "blocks": msg.get("blocks")}):
                for token in re.findall(r"<([^<>]*)>", shown):
                    assert OURS.match(token), (row.kind, token)
                assert not re.search(r"@(channel|here|everyone)\b", shown, re.IGNORECASE)
    return len(rows)


anything = st.text(st.characters(codec="utf-8"), max_size=60)
hostile_bits = st.sampled_from(
    [
        "<!channel>",
        "<!here>",
        "@here",
        "<@U0ADMIN>",
        "<https://evil.example|x>",
        "*",
        "_",
        "~",
        "`",
        "&",
        "&amp;",
        ">",
        "\n",
        "\u2028",
        "\u200b",
        "😀",
        "ä",
        "\x00",
        "https://kokkola.fi/a",
        "www.example.com/x",
        "<",
        "|",
        " ",
    ]
)
field_text = st.one_of(
    anything,
    st.lists(hostile_bits, max_size=40).map("".join),
    st.lists(st.one_of(anything, hostile_bits), max_size=8).map("".join),
)
long_text = st.builds(lambda x, n: (x * n)[:3500], field_text, st.integers(1, 400))
some_text = st.one_of(st.none(), field_text, long_text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    raw=st.fixed_dictionaries(
        {
            "text": some_text,
            "sender_name": some_text,
            "target": some_text,
            "link": some_text,
            "sender_link": some_text,
            "platform": st.one_of(st.none(), st.sampled_from(sorted(PLATFORMS)), anything),
            "danger": st.booleans(),
            "supervisor": st.sampled_from([None, "U0ESIMIES", "U0ADMIN"]),
        }
    ),
    note=some_text,
    police=some_text,
)
def test_any_threat_report_renders_valid_inert_messages(raw, note, police):
    report, errors = threats.validate(raw, reporter="U0MAIJA", now=T0)
    if report is None:
        assert errors
        return
    with scratch() as s:
        incident, _ = threats.create_report(s, report, reporter="U0MAIJA", directory=DIRECTORY, now=T0)
        clean_note, note_errors = threats.validate_note(note)
        fields, police_errors = threats.validate_police_report(police, "2026-11-28", today=T0.date())
        if not police_errors:
            engine.add_note(s, incident, "U0ESIMIES", T0, "police_report", **fields)
        engine.acknowledge(s, incident, "U0ESIMIES", T0)
        if not note_errors:
            engine.resolve(s, incident, "U0ESIMIES", T0, note=clean_note)
        s.flush()
        assert check_rendered(s, incident) >= 2
        from handlers.uhka import blocks

        for lang in ("fi", "sv"):
            status = blocks.status_message(lang, threats.snapshot(incident))
            assert validate_blocks(status["blocks"]) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    raw=st.fixed_dictionaries(
        {
            "what": some_text,
            "links": some_text,
            "account": some_text,
            "done": some_text,
            "comments": st.one_of(st.none(), anything, st.integers(-5, 10**9).map(str)),
            "shares": st.one_of(st.none(), anything, st.integers(0, 10**6).map(str)),
            "platform": st.one_of(st.none(), st.sampled_from(sorted(PLATFORMS)), anything),
            "media": st.sampled_from([None, "yes", "no", "maybe"]),
            "own_mistake": st.sampled_from([None, "yes", "no", "unsure", "x"]),
        }
    ),
    update=some_text,
    summary=some_text,
)
def test_any_controversy_renders_valid_inert_messages(raw, update, summary):
    inp, errors = kohu.validate(raw)
    if inp is None:
        assert errors
        return
    policy, missing = DIRECTORY.resolve_policy("controversy", "U0MAIJA")
    with scratch() as s:
        result = kohu.raise_alert(
            s,
            inp,
            reporter="U0MAIJA",
            policy=policy,
            now=T0,
            missing_roles=missing,
            mavi_group=DIRECTORY.roles.mavi_group,
            timezone=DIRECTORY.timezone,
        )
        text, update_errors = kohu.validate_text(update, "text", kohu.UPDATE_MAX)
        if not update_errors:
            kohu.add_update(s, result.ref, "U0MAVI1", text, T0)
        summary_text, summary_errors = kohu.validate_text(summary, "summary", kohu.SUMMARY_MAX)
        kohu.claim(s, result.ref, "U0MAVI1", T0)
        if not summary_errors:
            kohu.resolve(s, result.ref, "U0MAVI1", summary_text, T0)
        s.flush()
        incident = kohu.get(s, result.ref)
        assert check_rendered(s, incident) >= 2
