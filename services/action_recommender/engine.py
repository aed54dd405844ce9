"""The action recommender's use cases, free of gRPC: recommend, record feedback, retrain, roll back.

The served model is one immutable object swapped by a single assignment, so a recommendation
in flight during a retrain finishes with the model it started with.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.action_recommender.catalog import Action, Catalog
from services.action_recommender.features import IncidentFeatures
from services.action_recommender.model import MODEL_FORMAT, ActionModel
from services.action_recommender.recommender import Recommendation, Recommender
from services.action_recommender.storage import ModelStore, OutcomeStore, read_jsonl
from services.action_recommender.training import train
from services.kit.artifacts import ArtifactError

logger = logging.getLogger("incidentmesh.action_recommender")

# Log text kept per stored recommendation for retraining; enough for the signal lines of an
# incident while bounding the store at about this many bytes times the stored-recommendation limit.
STORED_FEATURE_CHARS = 16_000
# Root causes the root-cause predictor sends when it abstains.
UNKNOWN_ROOT_CAUSES = frozenset({"unknown", "novel"})


class UnknownActionError(ValueError):
    """Feedback names an action the catalog does not offer for that root cause."""


@dataclass(frozen=True)
class ServedModel:
    version: str
    model: ActionModel
    metadata: dict[str, Any]


@dataclass(frozen=True)
class RecommendationResult:
    recommendation_id: str
    recommendations: tuple[Recommendation, ...]
    model_version: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class EngineSettings:
    resolutions_path: Path
    feedback_weight: float = 3.0
    history_weight: float = 1.0
    keep_model_versions: int = 5


class ActionEngine:
    def __init__(
        self, catalog: Catalog, outcomes: OutcomeStore, models: ModelStore, settings: EngineSettings
    ) -> None:
        self.catalog = catalog
        self._outcomes = outcomes
        self._models = models
        self._settings = settings
        self._recommender = Recommender(catalog, settings.history_weight)
        self._served: ServedModel | None = None
        self._retrain_lock = threading.Lock()

    @property
    def served(self) -> ServedModel:
        if self._served is None:
            raise RuntimeError("the model is not loaded yet")
        return self._served

    def load(self) -> ServedModel:
        """Serves the current artifact, or retrains from committed data when it is missing, corrupt
        or was built for a different catalog."""
        try:
            artifact = self._models.current()
        except ArtifactError as error:
            logger.warning(
                "no usable model artifact; retraining from committed data", extra={"reason": str(error)}
            )
            return self.retrain()[0]
        if (
            not isinstance(artifact.model, ActionModel)
            or artifact.metadata.get("model_format") != MODEL_FORMAT
        ):
            logger.warning("artifact %s was made by other code; retraining", artifact.version)
            return self.retrain()[0]
        if artifact.metadata.get("catalog_digest") != self.catalog.digest:
            logger.warning("catalog changed since artifact %s was trained; retraining", artifact.version)
            return self.retrain()[0]
        self._served = ServedModel(artifact.version, artifact.model, artifact.metadata)
        logger.info("model loaded", extra={"model_version": artifact.version})
        return self._served

    def recommend(
        self, features: IncidentFeatures, top_k: int, notes: Sequence[str] = ()
    ) -> RecommendationResult:
        served = self.served
        root_cause = features.root_cause
        ranking = self._recommender.rank(served.model, features, top_k)
        all_notes = list(notes)
        if not ranking.known_root_cause:
            label = "unknown" if root_cause in UNKNOWN_ROOT_CAUSES else f"not in the catalog ({root_cause!r})"
            all_notes.append(
                f"root cause is {label}: offering only the general fallback actions "
                f"({', '.join(a.id for a in self.catalog.fallbacks())})"
            )
        recommendation_id = self._outcomes.save_recommendation(
            features.bounded(STORED_FEATURE_CHARS), served.version
        )
        return RecommendationResult(
            recommendation_id, ranking.recommendations, served.version, tuple(all_notes)
        )

    def record_feedback(
        self,
        *,
        recommendation_id: str,
        root_cause: str,
        action_id: str,
        succeeded: bool,
        service: str,
        note: str,
    ) -> tuple[str, int]:
        """Stores one outcome; returns its id and how many outcomes the served model has not learned."""
        if action_id not in {a.id for a in self.catalog.for_root_cause(root_cause)}:
            raise UnknownActionError(
                f"action {action_id!r} is not a catalog action for root cause {root_cause!r}"
            )
        feedback_id = self._outcomes.save_feedback(
            recommendation_id=recommendation_id,
            root_cause=root_cause,
            action_id=action_id,
            succeeded=succeeded,
            service=service,
            note=note,
        )
        return feedback_id, self.pending_feedback()

    def pending_feedback(self) -> int:
        learned = int(self._served.metadata.get("feedback_count", 0)) if self._served else 0
        return max(0, self._outcomes.feedback_count() - learned)

    def retrain(self) -> tuple[ServedModel, str]:
        """Trains on committed data plus all feedback, publishes, swaps; returns (new, previous version)."""
        with self._retrain_lock:
            previous = self._served.version if self._served else ""
            trained = train(
                read_jsonl(self._settings.resolutions_path),
                self._outcomes.feedback(),
                self.catalog,
                feedback_weight=self._settings.feedback_weight,
                history_weight=self._settings.history_weight,
            )
            artifact = self._models.publish(trained.version, trained.model, trained.metadata)
            removed = self._models.prune(self._settings.keep_model_versions)
            if removed:
                logger.info("pruned old model versions", extra={"removed_versions": removed})
            self._served = ServedModel(artifact.version, trained.model, artifact.metadata)
            logger.info(
                "model trained",
                extra={
                    "model_version": artifact.version,
                    "previous_version": previous,
                    **trained.metadata["metrics"],
                },
            )
            return self._served, previous

    def rollback(self) -> tuple[ServedModel, str]:
        """Serves the previous version again; ArtifactError when there is none."""
        with self._retrain_lock:
            current = self.served.version
            artifact = self._models.rollback()
            self._served = ServedModel(artifact.version, artifact.model, artifact.metadata)
            logger.info(
                "model rolled back", extra={"model_version": artifact.version, "rolled_back_from": current}
            )
            return self._served, current

    def actions(self, root_cause: str = "") -> tuple[Action, ...]:
        return self.catalog.for_root_cause(root_cause) if root_cause else self.catalog.all()
