from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from services.root_cause.storage import FeedbackStore, parse_corpus, read_code_keywords

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _exercise(store: FeedbackStore) -> None:
    first = store.add("p1", "disk_full", ["No space left on device"], "seen twice")
    second = store.add("", "cache_stampede", ["stampede on key a", "stampede on key b"], "")
    records = store.all()
    assert [r.id for r in records] == [first, second]
    assert records[1].lines == ("stampede on key a", "stampede on key b")
    assert store.pending_count() == 2
    store.mark_trained([first, second], "v1")
    assert store.pending_count() == 0
    store.add("", "disk_full", ["ENOSPC"], "")
    assert store.pending_count() == 1


def test_feedback_store_on_sqlite(tmp_path):
    store = FeedbackStore(f"sqlite:///{tmp_path / 'nested' / 'feedback.db'}")
    _exercise(store)
    store.close()


@pytest.fixture
def postgres_schema():
    engine = create_engine(POSTGRES_URL)
    try:
        with engine.connect():
            pass
    except Exception as error:  # any connection failure means: no database here
        engine.dispose()
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: {error.__class__.__name__}")
    schema = f"root_cause_test_{uuid.uuid4().hex[:12]}"
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield schema
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def test_feedback_store_on_postgresql(postgres_schema):
    store = FeedbackStore(POSTGRES_URL, schema=postgres_schema)
    _exercise(store)
    store.close()


def test_code_keywords_ignore_comments_and_blank_lines(tmp_path):
    path = tmp_path / "keywords.txt"
    path.write_text("# comment\n\nNullPointerException  # trailing\n  migration \n")
    assert read_code_keywords(path) == ("nullpointerexception", "migration")
    assert read_code_keywords(tmp_path / "missing.txt") == ()


def test_malformed_corpus_line_is_reported_with_its_number():
    with pytest.raises(ValueError, match="corpus line 2"):
        parse_corpus(b'{"lines": ["a"], "label": "x", "family": "f", "split": "train"}\n{"lines": 1}\n')
