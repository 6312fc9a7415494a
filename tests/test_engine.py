"""The escalation engine against a real database: levels, deadlines, ack != resolve, idempotency."""

import pytest
from sqlalchemy import select

from escalation import engine
from escalation.models import ACKNOWLEDGED, OPEN, RESOLVED, Incident, IncidentEvent
from escalation.policy import Level, Policy, Target
from tests.support import outbox_rows as rows

POLICY = Policy(
    (
        Level((Target("user", "U0ESIMIES", "supervisor"),), 1800),
        Level((Target("user", "U0TYOSUOJ", "safety_chief"),), 3600),
    ),
    admins=("U0ADMIN",),
)


def open_threat(db, clock, **kw):
    with db.transaction() as s:
        inc, created = engine.open_incident(
            s, kind="threat", reporter="U0MAIJA", policy=POLICY, details={"text": "x"}, now=clock.now(), **kw
        )
        return inc.id, inc.ref, created


def escalate_due(db, clock):
    with db.transaction() as s:
        for iid in engine.due_incidents(s, clock.now()):
            engine.escalate(s, s.get(Incident, iid), clock.now())


def test_refs_are_sequential_per_kind_and_year(db, clock):
    refs = [open_threat(db, clock)[1] for _ in range(3)]
    year = clock.now().year
    assert refs == [f"UHKA-{year}-0001", f"UHKA-{year}-0002", f"UHKA-{year}-0003"]


def test_open_notifies_first_level_and_reporter_only(db, clock):
    open_threat(db, clock)
    assert [(r.kind, r.target_id) for r in rows(db)] == [
        ("threat.notify", "U0ESIMIES"),
        ("threat.reporter", "U0MAIJA"),
    ]


def test_missed_deadline_escalates_and_reminds(db, clock):
    iid, ref, _ = open_threat(db, clock)
    clock.advance(minutes=29)
    escalate_due(db, clock)
    assert len(rows(db)) == 2  # not yet due
    clock.advance(minutes=2)
    escalate_due(db, clock)
    kinds = [(r.kind, r.target_id) for r in rows(db)]
    assert ("threat.notify", "U0TYOSUOJ") in kinds
    assert ("threat.reminder", "U0ESIMIES") in kinds
    # Last level missed too: admins hear once, and nothing further is scheduled.
    clock.advance(hours=2)
    escalate_due(db, clock)
    escalate_due(db, clock)
    admin_rows = rows(db, kind="threat.admin")
    assert [r.target_id for r in admin_rows] == ["U0ADMIN"]
    with db.transaction() as s:
        assert s.get(Incident, iid).next_escalation_at is None


def test_acknowledge_stops_escalation_but_is_not_resolve(db, clock):
    iid, _, _ = open_threat(db, clock)
    with db.transaction() as s:
        assert engine.acknowledge(s, s.get(Incident, iid), "U0ESIMIES", clock.now())
        assert not engine.acknowledge(s, s.get(Incident, iid), "U0ESIMIES", clock.now())
    clock.advance(hours=5)
    escalate_due(db, clock)
    assert not rows(db, target_id="U0TYOSUOJ")
    with db.transaction() as s:
        inc = s.get(Incident, iid)
        assert inc.status == ACKNOWLEDGED and inc.owner_id == "U0ESIMIES"
        engine.resolve(s, inc, "U0ESIMIES", clock.now(), note="poliisi hoitaa")
    with db.transaction() as s:
        inc = s.get(Incident, iid)
        assert inc.status == RESOLVED and inc.resolution == "poliisi hoitaa"
        types = [e.type for e in s.execute(select(IncidentEvent).where(IncidentEvent.incident_id == iid)).scalars()]
    assert types == ["created", "acknowledged", "resolved"]
    # The supervisor's message is refreshed in place after each change.
    assert len(rows(db, op="update")) == 2


def test_all_levels_now_notifies_everyone_at_once(db, clock):
    iid, _, _ = open_threat(db, clock, all_levels_now=True, severity="danger")
    targets = {r.target_id for r in rows(db, kind="threat.notify")}
    assert targets == {"U0ESIMIES", "U0TYOSUOJ"}
    with db.transaction() as s:
        assert s.get(Incident, iid).status == OPEN


def test_repeated_request_key_creates_nothing_new(db, clock):
    first = open_threat(db, clock, request_key="V123:h1")
    again = open_threat(db, clock, request_key="V123:h1")
    assert again[0] == first[0] and again[2] is False
    assert len(rows(db)) == 2


def test_policy_is_frozen_into_the_incident(db, clock):
    iid, _, _ = open_threat(db, clock)
    with db.transaction() as s:
        stored = Policy.from_json(s.get(Incident, iid).policy)
    assert stored == POLICY


def test_participants(db, clock):
    iid, _, _ = open_threat(db, clock)
    with db.transaction() as s:
        inc = s.get(Incident, iid)
        assert engine.is_participant(inc, "U0MAIJA", [])
        assert engine.is_participant(inc, "U0ESIMIES", [])
        assert not engine.is_participant(inc, "U0TYOSUOJ", [])  # level 1 not reached yet
        assert engine.is_participant(inc, "U0ADMIN", ["U0ADMIN"])
        assert not engine.is_participant(inc, "U0OUTSIDER", ["U0ADMIN"])
        engine.forward(s, inc, "U0ESIMIES", Target("user", "U0TYOSUOJ", "safety_chief"), clock.now())
        assert engine.is_participant(inc, "U0TYOSUOJ", [])


@pytest.mark.parametrize("minutes", [0, 30])
def test_escalation_timer_survives_a_new_database_handle(db_url, clock, minutes):
    from bot.db import Database

    url = db_url
    db1 = Database(url)
    open_threat(db1, clock)
    db1.dispose()
    db2 = Database(url)  # as after a restart: the deadline lives in the database
    clock.advance(minutes=minutes, seconds=1)
    escalate_due(db2, clock)
    assert bool(rows(db2, target_id="U0TYOSUOJ")) == (minutes == 30)
