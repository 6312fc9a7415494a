"""escalation/threats.py against a real database (SQLite, and PostgreSQL in CI): storing a report
with its evidence and owed rows in one transaction, who may act, and the retention purge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.directory import load_directory
from bot.sandbox.world import DIRECTORY_FILE
from escalation import threats
from escalation.engine import DomainError
from escalation.models import EvidenceFile, Incident, IncidentEvent, Notification
from tests.support import outbox_rows as rows

DIRECTORY = load_directory(DIRECTORY_FILE)
ADMINS = DIRECTORY.admins


def make_report(db, clock, reporter="U0MAIJA", key=None, **raw):
    report, errors = threats.validate({"text": "uhkaus", **raw}, reporter=reporter, now=clock.now())
    assert errors == {}
    with db.transaction() as s:
        inc, created = threats.create_report(
            s, report, reporter=reporter, directory=DIRECTORY, now=clock.now(), request_key=key
        )
        return inc.ref, created


def test_report_is_stored_with_evidence_and_everything_it_owes(db, clock):
    ref, created = make_report(
        db, clock, key="view:V1", files=[{"id": "F1", "name": "a.png"}, {"id": "F2", "name": "b.jpg"}]
    )
    assert created and ref == "UHKA-2026-0001"
    assert [(r.kind, r.op, r.target_id) for r in rows(db)] == [
        ("threat.notify", "post", "U0ESIMIES"),
        ("threat.reporter", "post", "U0MAIJA"),
        ("threat.file", "fetch_file", "F1"),
        ("threat.file", "fetch_file", "F2"),
    ]
    with db.transaction() as s:
        files = list(s.execute(select(EvidenceFile).order_by(EvidenceFile.id)).scalars())
    assert [f.slack_file_id for f in files] == ["F1", "F2"]
    assert [r.data["evidence_id"] for r in rows(db, op="fetch_file")] == [f.id for f in files]
    # The same modal again: the stored report, nothing new.
    assert make_report(db, clock, key="view:V1") == (ref, False)
    assert len(rows(db)) == 4


def test_missing_roles_still_store_and_tell_admins(db, clock):
    ref, _ = make_report(db, clock, reporter="U0PEKKA")
    assert [(r.kind, r.target_id) for r in rows(db)] == [
        ("threat.notify", "U0TYOSUOJ"),
        ("threat.reporter", "U0PEKKA"),
        ("threat.admin", "U0ADMIN"),
    ]
    assert rows(db, kind="threat.admin")[0].data["missing"] == ["supervisor"]


def test_only_responders_act_and_the_reporter_only_sees(db, clock):
    ref, _ = make_report(db, clock)
    now = clock.now()
    for who, code in (
        ("U0ULKO", "not_found_or_not_allowed"),
        ("U0TYOSUOJ", "not_found_or_not_allowed"),
        ("U0MAIJA", "not_allowed"),
    ):
        with pytest.raises(DomainError) as err, db.transaction() as s:
            threats.acknowledge(s, ref, who, ADMINS, now)
        assert err.value.code == code
    with db.transaction() as s:
        assert threats.status(s, ref, "U0MAIJA", ADMINS).ref == ref
        with pytest.raises(DomainError):
            threats.status(s, ref, "U0ULKO", ADMINS)
        with pytest.raises(DomainError) as err:
            threats.status(s, "UHKA-2026-0999", "U0ADMIN", ADMINS)
        assert err.value.code == "not_found_or_not_allowed"
    with db.transaction() as s:
        assert threats.acknowledge(s, ref, "U0ADMIN", ADMINS, now)["changed"] is True
    with db.transaction() as s:
        assert threats.acknowledge(s, ref, "U0ESIMIES", ADMINS, now) == {
            "ref": ref,
            "changed": False,
            "owner": "U0ADMIN",
        }
        assert threats.forward_to_safety_chief(s, ref, "U0ESIMIES", "U0TYOSUOJ", ADMINS, now)["changed"]
    with db.transaction() as s:
        assert threats.acknowledge(s, ref, "U0TYOSUOJ", ADMINS, now)["changed"] is False  # forwarded: may act
        threats.resolve(s, ref, "U0TYOSUOJ", "ok", ADMINS, now)
    with pytest.raises(DomainError) as err, db.transaction() as s:
        threats.resolve(s, ref, "U0ESIMIES", "again", ADMINS, now)
    assert err.value.code == "already_resolved"


def test_open_reports_lists_own_and_waiting(db, clock):
    first, _ = make_report(db, clock)
    second, _ = make_report(db, clock)
    with db.transaction() as s:
        threats.resolve(s, second, "U0ESIMIES", "ok", ADMINS, clock.now())
    with db.transaction() as s:
        mine = threats.open_reports(s, "U0MAIJA", ADMINS)
        theirs = threats.open_reports(s, "U0ESIMIES", ADMINS)
    assert [x.ref for x in mine["own"]] == [first] and mine["assigned"] == []
    assert theirs["own"] == [] and [x.ref for x in theirs["assigned"]] == [first]


def test_purge_removes_only_closed_reports_past_retention(db, clock):
    old, _ = make_report(db, clock, files=[{"id": "F1", "name": "a.png"}])
    still_open, _ = make_report(db, clock)
    with db.transaction() as s:
        threats.resolve(s, old, "U0ESIMIES", "ok", ADMINS, clock.now())
    clock.advance(days=10)
    recent, _ = make_report(db, clock)
    with db.transaction() as s:
        threats.resolve(s, recent, "U0ESIMIES", "ok", ADMINS, clock.now())
    clock.advance(days=1)
    with db.transaction() as s:
        dry = threats.purge(s, clock.now(), 5, dry_run=True)
    assert dry["incidents"] == 1 and dry["files"] == 1 and dry["events"] == 2 and dry["notifications"] >= 3
    with db.transaction() as s:
        done = threats.purge(s, clock.now(), 5)
    assert {k: done[k] for k in ("incidents", "events", "files")} == {
        k: dry[k] for k in ("incidents", "events", "files")
    }
    with db.transaction() as s:
        assert sorted(s.execute(select(Incident.ref)).scalars()) == sorted([still_open, recent])
        ids = list(s.execute(select(Incident.id)).scalars())
        for model in (IncidentEvent, EvidenceFile, Notification):
            orphans = s.execute(
                select(func.count()).select_from(model).where(model.incident_id.not_in(ids))
            ).scalar_one()
            assert orphans == 0
    assert done["cutoff"] == (clock.now() - timedelta(days=5)).isoformat(timespec="seconds")
