"""Incident store: deliveries, incidents, alerts, timeline.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "deliveries",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("received_at", TZ, nullable=False),
        sa.Column("alert_count", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("group_key", sa.String(512), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("title", sa.String(512), nullable=False),
        sa.Column("severity", sa.String(32), nullable=False),
        sa.Column("service", sa.String(128), nullable=False),
        sa.Column("environment", sa.String(128), nullable=False),
        sa.Column("grouping_reason", sa.Text, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("resolved_at", TZ),
        sa.Column("evidence_version", sa.Integer, nullable=False),
        sa.Column("analyzed_version", sa.Integer, nullable=False),
        sa.Column("analysis", sa.JSON),
        sa.Column("root_cause", sa.String(64)),
        sa.Column("confidence", sa.Float),
        sa.Column("ticket", sa.JSON),
        sa.Column("analysis_ms", sa.Float),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", TZ, nullable=False),
        sa.Column("lease_owner", sa.String(64)),
        sa.Column("lease_until", TZ),
        sa.Column("last_error", sa.Text),
    )
    op.create_index(
        "one_open_incident_per_group",
        "incidents",
        ["group_key"],
        unique=True,
        sqlite_where=sa.text("status = 'open'"),
        postgresql_where=sa.text("status = 'open'"),
    )
    op.create_index("incidents_by_work", "incidents", ["analyzed_version", "next_attempt_at"])
    op.create_index("incidents_by_created", "incidents", ["created_at"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("incident_id", sa.String(32), sa.ForeignKey("incidents.id"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("labels", sa.JSON, nullable=False),
        sa.Column("annotations", sa.JSON, nullable=False),
        sa.Column("starts_at", TZ),
        sa.Column("ends_at", TZ),
        sa.Column("generator_url", sa.Text, nullable=False),
        sa.Column("first_seen", TZ, nullable=False),
        sa.Column("last_seen", TZ, nullable=False),
        sa.UniqueConstraint("source", "fingerprint", name="one_alert_per_fingerprint"),
    )
    op.create_index("alerts_by_incident", "alerts", ["incident_id"])
    op.create_table(
        "timeline",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(32), sa.ForeignKey("incidents.id"), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("timeline_by_incident", "timeline", ["incident_id", "at"])


def downgrade() -> None:
    op.drop_table("timeline")
    op.drop_table("alerts")
    op.drop_table("incidents")
    op.drop_table("deliveries")
