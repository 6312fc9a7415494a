"""one vocabulary for both flows: platform "muu" -> "other", a controversy's "tz" -> "timezone"

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

incidents = sa.table("incidents", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                     sa.column("details", sa.JSON))


def _rewrite(change) -> None:
    """Apply `change(details) -> details | None` to every incident's details (None: unchanged)."""
    conn = op.get_bind()
    for row in conn.execute(sa.select(incidents.c.id, incidents.c.kind, incidents.c.details)).all():
        new = change(row.kind, dict(row.details or {}))
        if new is not None:
            conn.execute(incidents.update().where(incidents.c.id == row.id).values(details=new))


def _upgrade(kind: str, details: dict) -> dict | None:
    if kind == "threat" and details.get("platform") == "muu":
        return {**details, "platform": "other"}
    if kind == "controversy" and "tz" in details:
        tz = details.pop("tz")
        return {**details, "timezone": details.get("timezone") or tz}
    return None


def _downgrade(kind: str, details: dict) -> dict | None:
    if kind == "threat" and details.get("platform") == "other":
        return {**details, "platform": "muu"}
    if kind == "controversy" and "timezone" in details:
        return {**{k: v for k, v in details.items() if k != "timezone"}, "tz": details["timezone"]}
    return None


def upgrade() -> None:
    _rewrite(_upgrade)


def downgrade() -> None:
    _rewrite(_downgrade)
