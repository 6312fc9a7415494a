"""Storage: migrations build exactly the models' schema, and an upgrade keeps incident data."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

import escalation.models  # noqa: F401  (every table is on its metadata)
from bot.db import MIGRATIONS, Database
from escalation.models import Base


def test_migrations_match_the_models(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_upgrade_keeps_incidents(db_url):
    engine = create_engine(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(
            text(
                "INSERT INTO incidents (ref, kind, status, severity, reporter_id, created_at, updated_at, policy, "
                "level, details, version) VALUES ('UHKA-2026-0001', 'threat', 'open', 'normal', 'U0MAIJA', "
                "'2026-11-28 10:00:00', '2026-11-28 10:00:00', '{\"levels\": []}', 0, '{\"text\": \"x\"}', 1)"
            )
        )
    engine.dispose()
    upgraded = Database(db_url)  # start-up migrates to the newest version
    with upgraded.transaction() as s:
        assert s.execute(text("SELECT ref FROM incidents")).scalars().all() == ["UHKA-2026-0001"]
    upgraded.dispose()
    Database(db_url).dispose()  # and running it again is harmless
