"""notifications.platform: each owed message names the chat platform that delivers it

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("platform", sa.String(length=16), nullable=False, server_default="slack"))


def downgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("platform")
