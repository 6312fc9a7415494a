"""Database engine, sessions and schema migrations (Alembic, applied at start-up)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

import escalation.models  # noqa: F401  (every table is on its metadata)
from bot.errors import ConfigError

MIGRATIONS = Path(__file__).with_name("migrations")
READ_ONLY = "somevahti_read_only"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # Let SQLAlchemy's "begin" event below start transactions, not the sqlite3 module.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # WAL lets readers run beside the one writer; busy_timeout waits instead of failing
    # when concurrent requests commit at once; foreign keys make purges cascade.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    # A database error's message carries the statement's parameters (a report's text, names,
    # links), and errors are logged: hide_parameters keeps them out of every log line.
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"DATABASE_URL '{url}' is not a database URL") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        # BEGIN IMMEDIATE takes the write lock up front: a transaction that reads and then writes
        # (check a request key, then insert) can never fail half-way because another writer
        # committed in between; concurrent requests wait their turn (busy_timeout) instead.
        # Read-only work (Database.reading) begins deferred: readers never queue behind writers.
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(
            "BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE"))
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, hide_parameters=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest version; safe to run at every start."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except OperationalError as exc:
        raise ConfigError(f"DATABASE_URL: cannot open or migrate the database: {exc.orig}") from None


class Database:
    """Owns the engine and hands out transactional sessions."""

    def __init__(self, url: str, *, run_migrations: bool = True):
        self.url = url
        self.engine = make_engine(url)
        if run_migrations:
            migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite has one writer at a time; threads of this process queue for it here, woken at
        # once, rather than in SQLite's busy handler, which polls in sleeps of up to 100 ms.
        self._write_turn = threading.RLock() if self.engine.dialect.name == "sqlite" else nullcontext()
        self._read_sessions = sessionmaker(self.engine.execution_options(**{READ_ONLY: True}),
                                           expire_on_commit=False)

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error."""
        with self._write_turn, self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads: on SQLite it does not take the write lock."""
        with self._read_sessions() as session, session.begin():
            yield session

    def session(self) -> Session:
        """A bare session, for callers that manage the transaction themselves (tests of races)."""
        return self._sessions()

    def dispose(self) -> None:
        self.engine.dispose()
