"""The document store on PostgreSQL, in a schema of its own that is dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy
from sqlalchemy.exc import OperationalError

from services.knowledge_base.embedding import HashingEmbedder
from services.knowledge_base.knowledge_base import KnowledgeBase
from services.knowledge_base.storage import DocumentStore, IndexFiles
from services.knowledge_base.tests.conftest import incident, runbook

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    schema = f"kb_test_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(POSTGRES_URL)
    try:
        with admin.begin() as connection:
            connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: {error.orig}")
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_knowledge_base_on_postgres_survives_restart_and_verifies_its_index(postgres_url, tmp_path):
    first = KnowledgeBase(DocumentStore(postgres_url), IndexFiles(tmp_path), HashingEmbedder())
    first.open()
    first.upsert_many(
        [
            incident("PG-1", "Disk full", "No space left on device", root_cause="disk_full"),
            incident("PG-2", "Certificate expired", "x509 expired", root_cause="tls_certificate"),
            runbook("RB-PG", "Disk runbook", [("Free space", "delete rotated logs")]),
        ]
    )
    assert first.upsert(incident("PG-1", "Disk full again", "ENOSPC")) == ("PG-1", False)
    first.close()

    second = KnowledgeBase(DocumentStore(postgres_url), IndexFiles(tmp_path), HashingEmbedder())
    # Loaded, not rebuilt: the fingerprint of the PostgreSQL rows matches the saved manifest.
    assert second.open().index_status == "loaded"
    try:
        assert second.stats().document_count == 3
        assert second.get("PG-1").title == "Disk full again"
        assert second.search("ENOSPC", 1).hits[0].document.id == "PG-1"
        assert second.delete("PG-2")
        assert [d.id for d in second.list(None, 10, "")[0]] == ["PG-1", "RB-PG"]
    finally:
        second.close()
