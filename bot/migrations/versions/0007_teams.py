"""Microsoft Teams: remembered 1:1 conversations; room for Teams ids in the outbox and feedback

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_conversations",
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("conversation_id", sa.String(length=255), nullable=False),
        sa.Column("service_url", sa.String(length=255), nullable=False),
        sa.Column("locale", sa.String(length=16), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "user_id"),
    )
    op.create_index(op.f("ix_chat_conversations_conversation_id"), "chat_conversations", ["conversation_id"])
    # Teams conversation and activity ids, and Entra object ids, are longer than Slack's.
    with op.batch_alter_table("notifications") as batch:
        batch.alter_column("channel_id", type_=sa.String(length=255), existing_type=sa.String(length=32))
        batch.alter_column("ts", type_=sa.String(length=128), existing_type=sa.String(length=32))
    with op.batch_alter_table("ohje_feedback") as batch:
        batch.alter_column("user_id", type_=sa.String(length=64), existing_type=sa.String(length=32),
                           existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("ohje_feedback") as batch:
        batch.alter_column("user_id", type_=sa.String(length=32), existing_type=sa.String(length=64),
                           existing_nullable=False)
    with op.batch_alter_table("notifications") as batch:
        batch.alter_column("ts", type_=sa.String(length=32), existing_type=sa.String(length=128))
        batch.alter_column("channel_id", type_=sa.String(length=32), existing_type=sa.String(length=255))
    op.drop_index(op.f("ix_chat_conversations_conversation_id"), table_name="chat_conversations")
    op.drop_table("chat_conversations")
