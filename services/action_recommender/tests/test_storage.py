from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from services.action_recommender.features import IncidentFeatures
from services.action_recommender.storage import ModelStore, OutcomeStore

FEATURES = IncidentFeatures(
    root_cause="queue_backlog",
    service="orders",
    lines=("consumer lag 9000 messages on topic orders",),
    key_templates=("consumer lag <*> messages on topic orders",),
    context={"platform": "kubernetes"},
)


def _exercise(store: OutcomeStore) -> None:
    recommendation_id = store.save_recommendation(FEATURES, "v1")
    assert store.recommendation(recommendation_id) == FEATURES
    store.save_feedback(
        recommendation_id=recommendation_id,
        root_cause="queue_backlog",
        action_id="scale_consumers",
        succeeded=True,
        service="orders",
        note="lag gone in 5 min",
    )
    store.save_feedback(
        recommendation_id="unknown-id",
        root_cause="queue_backlog",
        action_id="restart_pods",
        succeeded=False,
        service="orders",
        note="",
    )
    first, second = store.feedback()
    assert (first.action_id, first.succeeded, first.features) == ("scale_consumers", True, FEATURES)
    assert (second.action_id, second.succeeded, second.features) == ("restart_pods", False, None)
    assert store.feedback_count() == 2


def test_sqlite_store_round_trips_recommendations_and_feedback(tmp_path):
    store = OutcomeStore.sqlite_in(tmp_path)
    try:
        _exercise(store)
    finally:
        store.close()


def test_oldest_recommendations_are_pruned_beyond_the_limit(tmp_path):
    store = OutcomeStore.sqlite_in(tmp_path, max_recommendations=3)
    try:
        ids = [store.save_recommendation(FEATURES, "v1") for _ in range(5)]
        assert [store.recommendation(i) is not None for i in ids] == [False, False, True, True, True]
    finally:
        store.close()


def test_postgres_store_in_an_isolated_schema():
    url = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    schema = f"action_recommender_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {url}: {error.orig}")
    store = OutcomeStore(url, schema=schema)
    try:
        _exercise(store)
    finally:
        store.close()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_features_are_bounded_before_storing_keeping_templates_and_latest_lines():
    features = IncidentFeatures(
        root_cause="disk_full",
        lines=tuple(f"line {i:03d} " + "x" * 90 for i in range(500)),
        key_templates=("No space left on device",),
    )
    bounded = features.bounded(1000)
    assert bounded.key_templates == features.key_templates
    assert 0 < sum(map(len, bounded.lines)) <= 1000 - len(features.key_templates[0])
    assert bounded.lines[-1] == features.lines[-1]
    assert bounded.lines == features.lines[-len(bounded.lines) :]


def test_model_store_prunes_old_versions_but_rollback_still_works(tmp_path):
    store = ModelStore(tmp_path / "models")
    for number in range(1, 6):
        store.publish(f"v{number}", {"weights": number}, {})
    assert store.prune(keep=2) == ["v1", "v2", "v3"]
    assert sorted(p.name for p in (tmp_path / "models" / "versions").iterdir()) == ["v4", "v5"]
    assert store.rollback().version == "v4"
    assert store.current().model == {"weights": 4}
    assert store.prune(keep=2) == []
    with pytest.raises(ValueError, match="at least two"):
        store.prune(keep=1)
