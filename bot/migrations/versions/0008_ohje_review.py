"""/ohje learning loop: questions kept for review (no user id) and taught aliases

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ohje_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("shown", sa.JSON(), nullable=False),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_ohje_review_at"), "ohje_review", ["at"])
    op.create_index(op.f("ix_ohje_review_key"), "ohje_review", ["key"])
    op.create_table(
        "ohje_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("passage_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key", "passage_id", name="uq_ohje_alias"),
    )


def downgrade() -> None:
    op.drop_table("ohje_aliases")
    op.drop_index(op.f("ix_ohje_review_key"), table_name="ohje_review")
    op.drop_index(op.f("ix_ohje_review_at"), table_name="ohje_review")
    op.drop_table("ohje_review")
