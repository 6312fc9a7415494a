"""Teams people in the incidents: room for Entra object ids (36 characters) wherever a person's id is kept

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_COLUMNS = {
    "incidents": (("reporter_id", False), ("owner_id", True), ("resolved_by", True)),
    "incident_events": (("actor", False),),
    "user_prefs": (("user_id", False), ("last_supervisor", True)),
}


def _alter(old: int, new: int) -> None:
    for table, columns in _COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for name, nullable in columns:
                batch.alter_column(name, type_=sa.String(length=new), existing_type=sa.String(length=old),
                                   existing_nullable=nullable)


def upgrade() -> None:
    _alter(32, 64)


def downgrade() -> None:
    _alter(64, 32)
