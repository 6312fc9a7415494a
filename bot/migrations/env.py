"""Alembic environment: runs on the connection handed over by bot.db.migrate()."""

from alembic import context

import escalation.models  # noqa: F401  (every table is on its metadata)
from escalation.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
