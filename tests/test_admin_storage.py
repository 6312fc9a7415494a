"""Storage hardening from review issue 12: private SQLite files, purges that leave nothing behind,
one migration at a time on PostgreSQL."""

import os
import stat
import threading
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, select, text

from bot.db import Database
from bot.retention import run_purge
from escalation.models import Feedback, UserPref
from tests.conftest import POSTGRES_URL, fresh_postgres
from tests.test_uhka import PNG
from tests.test_uhka_export import HOSTILE, _closed_report_with_evidence


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_sqlite_folder_and_files_are_private(tmp_path):
    old = os.umask(0o022)  # a typical umask: without care, files would be world-readable
    try:
        db = Database(f"sqlite:///{tmp_path}/data/somevahti.db")
        with db.transaction() as s:
            s.execute(text("SELECT 1"))
        db_file = tmp_path / "data" / "somevahti.db"
        assert mode(tmp_path / "data") == 0o700
        for path in (db_file, f"{db_file}-wal", f"{db_file}-shm"):
            assert os.path.exists(path), path
            assert mode(path) == 0o600, path
        db.dispose()
    finally:
        os.umask(old)


def test_existing_world_readable_database_is_tightened(tmp_path):
    Database(f"sqlite:///{tmp_path}/old.db").dispose()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{tmp_path}/old.db{suffix}"):
            os.chmod(f"{tmp_path}/old.db{suffix}", 0o644)
    db = Database(f"sqlite:///{tmp_path}/old.db")
    with db.transaction() as s:
        s.execute(text("SELECT 1"))
    for suffix in ("", "-wal", "-shm"):
        assert mode(f"{tmp_path}/old.db{suffix}") == 0o600, suffix
    db.dispose()


def test_purge_leaves_no_trace_in_the_files(app):
    _closed_report_with_evidence(app)
    now = app.clock.now()
    with app.db.transaction() as s:
        s.add(Feedback(at=now, user_id="U0MAIJA", query="vanha kysymys kommenteista", passage_id=None, helpful=True))
        s.merge(UserPref(user_id="U0MAIJA", last_supervisor="U0ESIMIES", updated_at=now))
    app.clock.advance(days=40)
    with app.db.transaction() as s:
        s.add(Feedback(at=app.clock.now(), user_id="U0MATTI", query="tuore kysymys", passage_id=None, helpful=False))
        s.add(UserPref(user_id="U0MATTI", last_supervisor="U0ESIMIES", updated_at=app.clock.now()))
    marker_text = HOSTILE.encode()
    db_file = app.settings.database_url.removeprefix("sqlite:///")
    raw = open(db_file, "rb").read() + open(f"{db_file}-wal", "rb").read()
    assert marker_text in raw or PNG[8:200] in raw  # the test would prove nothing otherwise

    assert run_purge(app.settings, app.directory, days=30, clock=app.clock) == 0

    with app.db.transaction() as s:
        assert [f.query for f in s.execute(select(Feedback)).scalars()] == ["tuore kysymys"]
        assert [p.user_id for p in s.execute(select(UserPref)).scalars()] == ["U0MATTI"]
    for path in (db_file, f"{db_file}-wal"):
        data = open(path, "rb").read() if os.path.exists(path) else b""
        assert marker_text not in data, path
        assert b"Tapan sinut" not in data, path
        assert PNG[8:200] not in data, path
        assert b"vanha kysymys kommenteista" not in data, path


def test_secure_delete_is_on_for_every_connection(tmp_path):
    db = Database(f"sqlite:///{tmp_path}/x.db")
    with db.reading() as s:
        assert s.execute(text("PRAGMA secure_delete")).scalar() == 1
    db.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="SOMEVAHTI_TEST_POSTGRES not set")
def test_concurrent_migrations_on_postgres_run_once():
    url = fresh_postgres()
    n = 4
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []
    dbs: list[Database] = []

    def start():
        barrier.wait()
        try:
            dbs.append(Database(url))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    for db in dbs:
        db.dispose()
    assert errors == []
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM incidents")).scalar() == 0
    engine.dispose()


def test_purge_keeps_recent_rows_only_by_retention(app):
    # Feedback and remembered supervisor choices newer than the retention stay.
    with app.db.transaction() as s:
        s.add(
            Feedback(
                at=app.clock.now() - timedelta(days=10), user_id="U0MAIJA", query="q", passage_id=None, helpful=True
            )
        )
    assert run_purge(app.settings, app.directory, days=30, clock=app.clock) == 0
    with app.db.transaction() as s:
        assert len(list(s.execute(select(Feedback)).scalars())) == 1


def test_purge_can_delete_the_bots_own_slack_messages_about_purged_reports(tmp_path, clock):
    """`somevahti purge --delete-messages`: what the bot posted about a purged report (the
    supervisor's DM with its details, the reporter's confirmation) is deleted in Slack too; the
    messages of a report still kept stay."""
    import io

    from bot.retention import run_purge
    from tests.e2e import AppHarness
    from tests.test_uhka import THREAT, dms, report

    app = AppHarness(tmp_path, clock)
    try:
        closed_ref = report(app)
        kept_ref = report(app, text="Vielä auki")
        app.driver.press("U0ESIMIES", dms(app, "U0ESIMIES")[0], "Sulje")
        app.driver.view_submission("U0ESIMIES", values={"note": "ok"})
        app.settle()
        about_closed = [m for m in app.standin.messages() if closed_ref in (m.get("text") or "")]
        assert about_closed and any(THREAT in str(m) for m in app.standin.dm_messages("U0ESIMIES"))
        app.clock.advance(days=400)
        out = io.StringIO()
        assert run_purge(app.settings, app.directory, delete_messages=True, clock=app.clock, out=out) == 0
        assert "Deleted 1 closed threat report" in out.getvalue() and "could not be deleted" in out.getvalue()
        left = [m for m in app.standin.messages() if closed_ref in (m.get("text") or "")]
        assert left == [] and not any(THREAT in str(m) for m in app.standin.messages())
        assert any(kept_ref in (m.get("text") or "") for m in app.standin.messages())  # the open one stays
    finally:
        app.close()
