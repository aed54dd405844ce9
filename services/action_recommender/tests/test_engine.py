from __future__ import annotations

import logging
from pathlib import Path

import pytest

from services.action_recommender.catalog import build_catalog
from services.action_recommender.engine import ActionEngine, EngineSettings, UnknownActionError
from services.action_recommender.features import IncidentFeatures
from services.action_recommender.storage import DEFAULT_CATALOG, ModelStore, OutcomeStore, read_yaml_documents
from services.kit.artifacts import ArtifactError

QUERY = IncidentFeatures(
    root_cause="disk_full",
    service="search",
    lines=("OSError: [Errno 28] No space left on device", "df: / 97% used"),
)


@pytest.fixture
def make_engine(tmp_path, catalog, small_resolutions):
    stores = []

    def make(data_dir: Path = tmp_path / "data", resolutions: Path = small_resolutions) -> ActionEngine:
        outcomes = OutcomeStore.sqlite_in(data_dir)
        stores.append(outcomes)
        return ActionEngine(catalog, outcomes, ModelStore(data_dir / "models"), EngineSettings(resolutions))

    yield make
    for store in stores:
        store.close()


def test_first_load_trains_and_publishes_then_reloads_the_artifact(make_engine, tmp_path):
    first = make_engine().load()
    assert first.metadata["feedback_count"] == 0
    again = make_engine().load()
    assert again.version == first.version


def test_feedback_then_retrain_serves_a_new_version_with_a_changed_ranking(make_engine):
    engine = make_engine()
    before = engine.load()
    ranked = engine.recommend(QUERY, top_k=3)
    top, runner_up = ranked.recommendations[0].action.id, ranked.recommendations[1].action.id
    for _ in range(12):
        engine.record_feedback(
            recommendation_id=ranked.recommendation_id,
            root_cause="disk_full",
            action_id=runner_up,
            succeeded=True,
            service="search",
            note="",
        )
        engine.record_feedback(
            recommendation_id=ranked.recommendation_id,
            root_cause="disk_full",
            action_id=top,
            succeeded=False,
            service="search",
            note="did not help",
        )
    assert engine.pending_feedback() == 24

    after, previous = engine.retrain()
    assert previous == before.version and after.version != before.version
    assert after.metadata["feedback_count"] == 24 and engine.pending_feedback() == 0
    reranked = engine.recommend(QUERY, top_k=3)
    assert reranked.model_version == after.version
    assert reranked.recommendations[0].action.id == runner_up
    history = after.model.success("disk_full", top)
    assert history.attempts >= 12 and history.rate < before.model.success("disk_full", top).rate


def test_rollback_serves_the_previous_version(make_engine):
    engine = make_engine()
    first = engine.load()
    second, _ = engine.retrain()
    served, rolled_back_from = engine.rollback()
    assert rolled_back_from == second.version
    assert served.version == first.version == engine.served.version
    assert engine.recommend(QUERY, top_k=1).model_version == first.version


def test_rollback_without_a_previous_version_raises(make_engine):
    engine = make_engine()
    engine.load()
    with pytest.raises(ArtifactError, match="no previous version"):
        engine.rollback()


def test_corrupt_artifact_falls_back_to_retraining_and_says_so(make_engine, tmp_path, caplog):
    first = make_engine().load()
    model_file = tmp_path / "data" / "models" / "versions" / first.version / "model.pkl"
    model_file.write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING, logger="incidentmesh.action_recommender"):
        reloaded = make_engine().load()
    assert reloaded.version != first.version
    assert any("retraining from committed data" in r.getMessage() for r in caplog.records)
    assert any("checksum" in str(getattr(r, "reason", "")) for r in caplog.records)


def test_feedback_for_an_action_that_does_not_apply_is_refused(make_engine):
    engine = make_engine()
    engine.load()
    with pytest.raises(UnknownActionError, match="failover_database"):
        engine.record_feedback(
            recommendation_id="",
            root_cause="disk_full",
            action_id="failover_database",
            succeeded=True,
            service="",
            note="",
        )


def test_feedback_without_a_known_recommendation_still_counts(make_engine):
    engine = make_engine()
    engine.load()
    feedback_id, pending = engine.record_feedback(
        recommendation_id="never-issued",
        root_cause="unknown",
        action_id="escalate_to_owner",
        succeeded=True,
        service="billing",
        note="",
    )
    assert feedback_id and pending == 1
    retrained, _ = engine.retrain()
    assert retrained.model.success("unknown", "escalate_to_owner").successes == 1


def test_unknown_root_cause_is_answered_with_fallbacks_and_a_note(make_engine):
    engine = make_engine()
    engine.load()
    result = engine.recommend(IncidentFeatures(root_cause="unknown"), top_k=5)
    assert {r.action.id for r in result.recommendations} == {"capture_diagnostics", "escalate_to_owner"}
    assert any("fallback" in note for note in result.notes)


def test_changed_catalog_triggers_a_retrain_at_load(make_engine, tmp_path, small_resolutions):
    first = make_engine().load()
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "actions:\n"
        "  - id: flush_cache\n"
        "    title: Flush the cache\n"
        "    risk: medium\n"
        "    steps: ['redis-cli -h <redis_host> FLUSHDB']\n"
        "    root_causes: [cache_poisoning]\n"
    )
    extended = build_catalog(read_yaml_documents([DEFAULT_CATALOG, extra]))
    outcomes = OutcomeStore.sqlite_in(tmp_path / "data")
    try:
        engine = ActionEngine(
            extended, outcomes, ModelStore(tmp_path / "data" / "models"), EngineSettings(small_resolutions)
        )
        reloaded = engine.load()
        assert reloaded.version != first.version
        assert reloaded.metadata["catalog_digest"] == extended.digest
        answer = engine.recommend(IncidentFeatures(root_cause="cache_poisoning"), top_k=3)
        assert [r.action.id for r in answer.recommendations] == ["flush_cache"]
    finally:
        outcomes.close()
