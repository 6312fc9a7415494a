"""Database engine, sessions and schema migrations (Alembic, applied at start-up)."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

import escalation.models  # noqa: F401  (every table is on its metadata)
from bot.errors import ConfigError

MIGRATIONS = Path(__file__).with_name("migrations")
READ_ONLY = "somevahti_read_only"
# pg_advisory_xact_lock key held while migrating, so processes starting at once on one
# PostgreSQL migrate one after the other ("SOMEVAHT" as a 64-bit integer).
MIGRATION_LOCK_KEY = 0x534F4D4556414854
_SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def is_memory_url(url: str) -> bool:
    """sqlite:///:memory: (or sqlite://): a database that vanishes with the process."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return False
    return parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases and in-memory SQLite)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or is_memory_url(url) or not parsed.database:
        return None
    return Path(parsed.database)


def _why(exc: BaseException) -> str:
    """A database error's cause in one line (no statement, no parameters)."""
    orig = getattr(exc, "orig", None) or exc
    return " ".join(str(orig).split()) or type(orig).__name__


def _driver_missing(url: str, exc: ImportError) -> ConfigError:
    backend = make_url(url).get_backend_name()
    hint = " (pip install 'somevahti[postgres]')" if backend == "postgresql" else ""
    return ConfigError(f"DATABASE_URL: the {backend} driver is not installed ({exc.name or exc}){hint}")


def _private_sqlite_files(db_file: Path) -> None:
    """The database and its -wal/-shm/-journal files readable by the owner only. SQLite creates
    -wal and -shm with the database file's permissions, so a private database keeps them private;
    this also tightens files an earlier version created world-readable."""
    for suffix in _SQLITE_SUFFIXES:
        path = f"{db_file}{suffix}"
        try:
            st = os.stat(path)
        except FileNotFoundError:
            continue
        if stat.S_IMODE(st.st_mode) & 0o077 and st.st_uid == os.geteuid():
            os.chmod(path, 0o600)


def _prepare_sqlite_file(db_file: Path) -> None:
    """Create the folder (0700) and an empty database file (0600) before SQLite opens it."""
    try:
        if not db_file.parent.exists():
            db_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(db_file.parent, 0o700)
        if not db_file.exists():
            os.close(os.open(db_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise ConfigError(f"DATABASE_URL: cannot create the database file '{db_file}': {exc.strerror}") from None


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
    # Deleted content (purged reports, screenshots) is overwritten with zeros, not left in free pages.
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    # A database error's message carries the statement's parameters (a report's text, names,
    # links), and errors are logged: hide_parameters keeps them out of every log line.
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"DATABASE_URL '{url}' is not a database URL") from None
    if parsed.get_backend_name() == "sqlite":
        db_file = sqlite_path(url)
        if db_file is not None:
            _prepare_sqlite_file(db_file)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        if db_file is not None:
            event.listen(engine, "connect", lambda _conn, _record: _private_sqlite_files(db_file))
        # BEGIN IMMEDIATE takes the write lock up front: a transaction that reads and then writes
        # (check a request key, then insert) can never fail half-way because another writer
        # committed in between; concurrent requests wait their turn (busy_timeout) instead.
        # Read-only work (Database.reading) begins deferred: readers never queue behind writers.
        event.listen(
            engine,
            "begin",
            lambda conn: conn.exec_driver_sql(
                "BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE"
            ),
        )
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, hide_parameters=True)
    except ImportError as exc:
        raise _driver_missing(url, exc) from None


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest version; safe to run at every start.

    On PostgreSQL the migration holds a transaction-level advisory lock: processes starting at
    once wait for each other, and the later ones find the schema already at head."""
    cfg = _alembic_config()
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except DBAPIError as exc:
        raise ConfigError(f"DATABASE_URL: cannot open or migrate the database: {_why(exc)}") from None


def migration_status(url: str) -> tuple[str, list[str]]:
    """Read-only: (state, pending revisions oldest first). Changes nothing, creates no file.

    state is "missing" (an SQLite file that start-up will create), "empty" (no schema yet) or
    "current"/"behind". Raises ConfigError when the database cannot be opened or read."""
    script = ScriptDirectory.from_config(_alembic_config())
    every = [
        f"{r.revision} ({r.doc})" if r.doc else r.revision
        for r in reversed(list(script.walk_revisions("base", "heads")))
    ]
    db_file = sqlite_path(url)
    if db_file is not None:
        if not db_file.exists():
            return "missing", every
        if not db_file.is_file():
            raise ConfigError(f"DATABASE_URL: '{db_file}' is not a file")
        # Read-only and without our pragmas: journal_mode=WAL would write to the file.
        engine = create_engine(f"sqlite:///file:{db_file}?mode=ro&uri=true")
    else:
        try:
            engine = create_engine(url)
        except ImportError as exc:
            raise _driver_missing(url, exc) from None
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_heads()
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()  # reads the header
    except (SQLAlchemyError, ImportError) as exc:
        if isinstance(exc, ImportError):
            raise _driver_missing(url, exc) from None
        raise ConfigError(f"DATABASE_URL: cannot open the database: {_why(exc)}") from None
    finally:
        engine.dispose()
    if not current:
        return "empty", every
    pending = [
        f"{r.revision} ({r.doc})" if r.doc else r.revision
        for r in reversed(list(script.iterate_revisions("heads", current)))
    ]
    return ("behind" if pending else "current"), pending


def checkpoint(engine: Engine) -> bool:
    """SQLite: copy the write-ahead log into the database and truncate it to zero bytes, so
    deleted content does not linger in the -wal file. True when the log was emptied."""
    if engine.dialect.name != "sqlite":
        return True
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        busy, _, _ = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cur.close()
        return busy == 0
    finally:
        raw.close()


class Database:
    """Owns the engine and hands out transactional sessions."""

    def __init__(self, url: str, *, run_migrations: bool = True):
        self.url = url
        self.engine = make_engine(url)
        if run_migrations:
            try:
                migrate(self.engine)
            except BaseException:
                self.engine.dispose()
                raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite has one writer at a time; threads of this process queue for it here, woken at
        # once, rather than in SQLite's busy handler, which polls in sleeps of up to 100 ms.
        self._write_turn = threading.RLock() if self.engine.dialect.name == "sqlite" else nullcontext()
        self._read_sessions = sessionmaker(self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)

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
