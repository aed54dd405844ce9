from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

from gateway.incidents.store import create_engine_for, normalize_url

POSTGRES_URL = normalize_url(os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"))


@pytest.fixture
def postgres_engine():
    """A real PostgreSQL (TEST_POSTGRES_URL or the local server), isolated in a schema of its own."""
    schema = f"mesh_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine_for(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine = sa.create_engine(
        POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"}, pool_pre_ping=True
    )
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
