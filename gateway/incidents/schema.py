"""The incident store's tables (SQLAlchemy Core). Changes go through a migration in gateway/migrations."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

deliveries = sa.Table(
    "deliveries",
    metadata,
    # Idempotency key: a retried or HA-duplicated delivery maps to the same key and is stored once.
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("source", sa.String(32), nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("alert_count", sa.Integer, nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
)

incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("group_key", sa.String(512), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("title", sa.String(512), nullable=False),
    sa.Column("severity", sa.String(32), nullable=False),
    sa.Column("service", sa.String(128), nullable=False),
    sa.Column("environment", sa.String(128), nullable=False),
    sa.Column("grouping_reason", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("resolved_at", sa.DateTime(timezone=True)),
    # Bumped whenever new evidence arrives; the worker analyzes while analyzed < evidence.
    sa.Column("evidence_version", sa.Integer, nullable=False),
    sa.Column("analyzed_version", sa.Integer, nullable=False),
    sa.Column("analysis", sa.JSON),
    sa.Column("root_cause", sa.String(64)),
    sa.Column("confidence", sa.Float),
    sa.Column("ticket", sa.JSON),
    sa.Column("analysis_ms", sa.Float),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("lease_owner", sa.String(64)),
    sa.Column("lease_until", sa.DateTime(timezone=True)),
    sa.Column("last_error", sa.Text),
    # At most one open incident per group: concurrent deliveries cannot open two.
    sa.Index(
        "one_open_incident_per_group",
        "group_key",
        unique=True,
        sqlite_where=sa.text("status = 'open'"),
        postgresql_where=sa.text("status = 'open'"),
    ),
    sa.Index("incidents_by_work", "analyzed_version", "next_attempt_at"),
    sa.Index("incidents_by_created", "created_at"),
)

alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(32), nullable=False),
    sa.Column("fingerprint", sa.String(128), nullable=False),
    sa.Column("incident_id", sa.String(32), sa.ForeignKey("incidents.id"), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("labels", sa.JSON, nullable=False),
    sa.Column("annotations", sa.JSON, nullable=False),
    sa.Column("starts_at", sa.DateTime(timezone=True)),
    sa.Column("ends_at", sa.DateTime(timezone=True)),
    sa.Column("generator_url", sa.Text, nullable=False),
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("source", "fingerprint", name="one_alert_per_fingerprint"),
    sa.Index("alerts_by_incident", "incident_id"),
)

timeline = sa.Table(
    "timeline",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.String(32), sa.ForeignKey("incidents.id"), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Index("timeline_by_incident", "incident_id", "at"),
)
