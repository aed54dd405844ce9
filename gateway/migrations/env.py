"""Alembic environment: runs on the connection the gateway hands over (see gateway/incidents/migrate.py).

From a shell: `python -m gateway.incidents.migrate` upgrades the database in GATEWAY_DATABASE_URL.
"""

from __future__ import annotations

from alembic import context

from gateway.incidents.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
