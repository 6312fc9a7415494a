"""one open incident per kind and dedupe key

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

WHERE = "status != 'resolved' AND dedupe_key IS NOT NULL"


def upgrade() -> None:
    op.create_index(
        "uq_incidents_open_dedupe", "incidents", ["kind", "dedupe_key"], unique=True,
        sqlite_where=sa.text(WHERE), postgresql_where=sa.text(WHERE),
    )


def downgrade() -> None:
    op.drop_index("uq_incidents_open_dedupe", table_name="incidents")
