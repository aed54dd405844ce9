from __future__ import annotations

import random

import pytest

from services.action_recommender.catalog import ROOT_CAUSES, build_catalog
from services.action_recommender.features import IncidentFeatures
from services.action_recommender.recommender import Recommender
from services.action_recommender.storage import DEFAULT_CATALOG, read_yaml_documents
from services.action_recommender.training import is_held_out

EXTRA_ROOT_CAUSES = ("unknown", "cache_poisoning", "kafka_rebalance_storm", "x")


def _random_incidents(rows, count: int, seed: int) -> list[IncidentFeatures]:
    """Incidents built from shuffled pieces of real rows, often mismatched on purpose."""
    rng = random.Random(seed)
    all_lines = [line for row in rows for line in row["lines"]]
    incidents = []
    for _ in range(count):
        root_cause = rng.choice((*ROOT_CAUSES, *EXTRA_ROOT_CAUSES))
        incidents.append(
            IncidentFeatures(
                root_cause=root_cause,
                service=rng.choice(("checkout", "", "brand-new-service")),
                lines=tuple(rng.sample(all_lines, rng.randint(0, 12))),
                key_templates=tuple(rng.sample(all_lines, rng.randint(0, 2))),
                context={"platform": rng.choice(("kubernetes", "vm", "nomad")), "recent_deploy": "true"},
            )
        )
    return incidents


def test_only_catalog_actions_for_the_root_cause_are_ever_returned(catalog, trained, resolution_rows):
    recommender = Recommender(catalog)
    incidents = _random_incidents(resolution_rows, 400, seed=11)
    for features, ranking in zip(
        incidents, recommender.rank_many(trained.model, incidents, top_k=50), strict=True
    ):
        allowed = catalog.for_root_cause(features.root_cause)
        returned = [r.action for r in ranking.recommendations]
        assert set(returned) <= set(allowed)
        assert len(returned) == len(allowed)  # top_k above the allowed count returns all of them
        probabilities = [r.probability for r in ranking.recommendations]
        assert sum(probabilities) == pytest.approx(1.0)
        assert probabilities == sorted(probabilities, reverse=True)
        assert ranking.known_root_cause == (features.root_cause in ROOT_CAUSES)


def test_top_k_limits_the_answer(catalog, trained):
    ranking = Recommender(catalog).rank(trained.model, IncidentFeatures(root_cause="out_of_memory"), top_k=2)
    assert len(ranking.recommendations) == 2


def test_every_recommendation_has_a_rationale_naming_root_cause_and_history(
    catalog, trained, resolution_rows
):
    recommender = Recommender(catalog)
    for features in _random_incidents(resolution_rows, 60, seed=5):
        for recommendation in recommender.rank(trained.model, features, top_k=3).recommendations:
            assert features.root_cause in recommendation.rationale
            assert "recorded" in recommendation.rationale
            if recommendation.action.requires_approval:
                assert "needs approval" in recommendation.rationale


def test_rationale_quotes_log_terms_that_are_in_the_incident(catalog, trained):
    features = IncidentFeatures(
        root_cause="tls_certificate",
        lines=(
            "x509: certificate has expired or is not yet valid",
            "certificate checkout-tls expired 3 hours ago",
        ),
    )
    top = Recommender(catalog).rank(trained.model, features, top_k=1).recommendations[0]
    assert top.action.id == "renew_certificate"
    assert "log terms pointing to it" in top.rationale
    assert "expired" in top.rationale


def test_log_evidence_changes_the_ranking_within_one_root_cause(catalog, trained):
    recommender = Recommender(catalog)
    after_deploy = IncidentFeatures(
        root_cause="out_of_memory",
        lines=(
            "java.lang.OutOfMemoryError: Java heap space",
            "Deployed checkout version v2.3.1 (rollout revision 14)",
        ),
        context={"recent_deploy": "true"},
    )
    at_limit = IncidentFeatures(
        root_cause="out_of_memory",
        lines=(
            "container checkout exceeded memory limit 512Mi (usage 511Mi)",
            "Last State: Terminated Reason: OOMKilled",
        ),
        context={"recent_deploy": "false"},
    )
    assert (
        recommender.rank(trained.model, after_deploy, 1).recommendations[0].action.id == "rollback_deployment"
    )
    assert recommender.rank(trained.model, at_limit, 1).recommendations[0].action.id == "raise_memory_limit"


def test_model_beats_the_most_frequent_action_baseline_on_held_out_incidents(trained, resolution_rows):
    metrics = trained.metadata["metrics"]
    assert metrics["heldout_incidents"] >= 100
    assert metrics["heldout_top1"] >= metrics["baseline_top1"] + 0.2
    assert metrics["heldout_top3"] >= metrics["baseline_top3"]
    assert any(is_held_out(r["incident_id"]) for r in resolution_rows)


def test_catalog_action_the_model_never_saw_is_still_offered(trained, tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "actions:\n"
        "  - id: flush_cache\n"
        "    title: Flush the cache\n"
        "    risk: high\n"
        "    steps: ['redis-cli -h <redis_host> FLUSHDB']\n"
        "    root_causes: [upstream_timeout, cache_poisoning]\n"
    )
    catalog = build_catalog(read_yaml_documents([DEFAULT_CATALOG, extra]))
    recommender = Recommender(catalog)
    ranking = recommender.rank(trained.model, IncidentFeatures(root_cause="cache_poisoning"), top_k=3)
    [only] = ranking.recommendations
    assert only.action.id == "flush_cache" and only.probability == pytest.approx(1.0)
    assert only.action.requires_approval
    assert "no recorded resolution used it yet" in only.rationale
    mixed = recommender.rank(trained.model, IncidentFeatures(root_cause="upstream_timeout"), top_k=10)
    assert "flush_cache" in {r.action.id for r in mixed.recommendations}
