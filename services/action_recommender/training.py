"""Deterministic training from the example resolutions plus feedback, with held-out evaluation.

The held-out split is by incident (a stable hash of its id), so every attempt of one incident
lands on the same side. Metrics are measured on a model fitted to the training side; the served
model is then refitted on everything, so feedback and the held-out incidents are not wasted.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from services.action_recommender.catalog import Catalog
from services.action_recommender.features import IncidentFeatures
from services.action_recommender.model import MODEL_FORMAT, SEED, ActionModel, Outcome, fit
from services.action_recommender.recommender import Recommender
from services.action_recommender.storage import FeedbackRecord
from services.kit.artifacts import library_versions, sha256_of

HELD_OUT_SHARE = 5  # one incident in five


@dataclass(frozen=True)
class Example:
    incident_id: str
    outcome: Outcome


@dataclass(frozen=True)
class TrainedModel:
    version: str
    model: ActionModel
    metadata: dict[str, Any]


def examples_from_resolutions(rows: Iterable[Mapping[str, Any]]) -> list[Example]:
    return [
        Example(
            incident_id=str(row["incident_id"]),
            outcome=Outcome(IncidentFeatures.from_record(row), str(row["action"]), bool(row["succeeded"])),
        )
        for row in rows
    ]


def outcomes_from_feedback(records: Iterable[FeedbackRecord], weight: float) -> list[Outcome]:
    """Feedback counts `weight` times a committed example: it is this organisation's real outcome."""
    outcomes = []
    for record in records:
        features = record.features or IncidentFeatures(root_cause=record.root_cause, service=record.service)
        # The operator's confirmed root cause wins over the one the recommendation was made for.
        features = IncidentFeatures(
            root_cause=record.root_cause,
            service=record.service or features.service,
            lines=features.lines,
            key_templates=features.key_templates,
            context=features.context,
        )
        outcomes.append(Outcome(features, record.action_id, record.succeeded, weight))
    return outcomes


def is_held_out(incident_id: str) -> bool:
    return int(hashlib.sha256(incident_id.encode()).hexdigest(), 16) % HELD_OUT_SHARE == 0


def split(examples: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    train = [e for e in examples if not is_held_out(e.incident_id)]
    test = [e for e in examples if is_held_out(e.incident_id)]
    return train, test


def allowed_by(catalog: Catalog, outcomes: Iterable[Outcome]) -> tuple[list[Outcome], int]:
    """Drops outcomes whose action the catalog no longer allows for their root cause."""
    kept, dropped = [], 0
    for outcome in outcomes:
        allowed = {a.id for a in catalog.for_root_cause(outcome.features.root_cause)}
        if outcome.action in allowed:
            kept.append(outcome)
        else:
            dropped += 1
    return kept, dropped


def top_k_accuracy(rankings: Sequence[Sequence[str]], truths: Sequence[str], k: int) -> float:
    if not truths:
        return 0.0
    return sum(truth in ranking[:k] for ranking, truth in zip(rankings, truths, strict=True)) / len(truths)


def frequency_baseline(train: Iterable[Outcome]) -> dict[str, list[str]]:
    """Per root cause, actions ordered by how often they resolved it in training."""
    counts: dict[str, Counter[str]] = {}
    for outcome in train:
        if outcome.succeeded:
            counts.setdefault(outcome.features.root_cause, Counter())[outcome.action] += 1
    return {
        rc: [a for a, _ in sorted(c.items(), key=lambda item: (-item[1], item[0]))]
        for rc, c in counts.items()
    }


def evaluate(
    recommender: Recommender, model: ActionModel, train: Sequence[Outcome], test: Sequence[Outcome]
) -> dict[str, float]:
    """Top-1/top-3 of the model and of the frequency baseline on each test incident's resolving action."""
    resolved = [o for o in test if o.succeeded]
    truths = [o.action for o in resolved]
    rankings = [
        [r.action.id for r in ranking.recommendations]
        for ranking in recommender.rank_many(model, [o.features for o in resolved], top_k=3)
    ]
    baseline = frequency_baseline(train)
    baseline_rankings = [baseline.get(o.features.root_cause, []) for o in resolved]
    return {
        "heldout_top1": top_k_accuracy(rankings, truths, 1),
        "heldout_top3": top_k_accuracy(rankings, truths, 3),
        "baseline_top1": top_k_accuracy(baseline_rankings, truths, 1),
        "baseline_top3": top_k_accuracy(baseline_rankings, truths, 3),
        "heldout_incidents": float(len(resolved)),
    }


def train(
    resolution_rows: Sequence[Mapping[str, Any]],
    feedback: Sequence[FeedbackRecord],
    catalog: Catalog,
    *,
    feedback_weight: float = 3.0,
    history_weight: float = 1.0,
    seed: int = SEED,
) -> TrainedModel:
    examples = examples_from_resolutions(resolution_rows)
    train_examples, test_examples = split(examples)
    feedback_outcomes = outcomes_from_feedback(feedback, feedback_weight)
    train_outcomes, dropped_train = allowed_by(
        catalog, [e.outcome for e in train_examples] + feedback_outcomes
    )
    test_outcomes, dropped_test = allowed_by(catalog, [e.outcome for e in test_examples])
    recommender = Recommender(catalog, history_weight)
    metrics = evaluate(recommender, fit(train_outcomes, seed), train_outcomes, test_outcomes)
    model = fit([*train_outcomes, *test_outcomes], seed)
    data_hash = sha256_of(
        json.dumps([dict(r) for r in resolution_rows], sort_keys=True)
        + "".join(f"{f.feedback_id}:{f.action_id}:{f.succeeded}" for f in feedback)
        + catalog.digest
    )
    version = f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{data_hash[:8]}"
    metadata = {
        "data_hash": data_hash,
        "model_format": MODEL_FORMAT,
        "catalog_digest": catalog.digest,
        "trained_at": datetime.now(UTC).isoformat(),
        "library_versions": library_versions("scikit-learn", "numpy", "scipy"),
        "parameters": {
            "classifier": "LogisticRegression(C=5.0, solver=newton-cg)",
            "features": "tfidf word 1-2 grams + one-hot root cause, service, context",
            "feedback_weight": str(feedback_weight),
            "history_weight": str(history_weight),
            "seed": str(seed),
        },
        "metrics": {
            **metrics,
            "training_outcomes": float(len(train_outcomes) + len(test_outcomes)),
            "feedback_outcomes": float(len(feedback_outcomes)),
            "dropped_outcomes": float(dropped_train + dropped_test),
        },
        "feedback_count": len(feedback),
        "labels": list(model.actions),
    }
    return TrainedModel(version, model, metadata)
