"""Hands the action-recommender to the shared kit: settings, servicer, load and close."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import grpc
from prometheus_client import CollectorRegistry, Counter, Histogram

from incidentmesh.actions.v1 import action_recommender_pb2, action_recommender_pb2_grpc
from services.action_recommender.catalog import build_catalog
from services.action_recommender.engine import ActionEngine, EngineSettings
from services.action_recommender.servicer import ActionRecommenderServicer, Limits
from services.action_recommender.storage import (
    DEFAULT_CATALOG,
    DEFAULT_RESOLUTIONS,
    ModelStore,
    OutcomeStore,
    read_yaml_documents,
)
from services.kit import Env, ServerSettings

COMPONENT = "action-recommender"
PREFIX = "ACTION_RECOMMENDER"
DEFAULT_PORT = 50054
DEFAULT_METRICS_PORT = 9104
# Recommendation latency is dominated by one sparse matrix product and one SQLite insert.
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)

logger = logging.getLogger("incidentmesh.action_recommender")


@dataclass(frozen=True)
class RecommenderSettings:
    catalog_path: Path
    extra_catalog_path: Path | None
    resolutions_path: Path
    database_url: str | None
    limits: Limits
    feedback_weight: float
    history_weight: float
    retrain_after_feedback: int
    max_stored_recommendations: int
    keep_model_versions: int

    @classmethod
    def from_env(cls, env: Env) -> RecommenderSettings:
        default_top_k = env.int(f"{PREFIX}_DEFAULT_TOP_K", 3, minimum=1, maximum=50)
        return cls(
            catalog_path=env.path(f"{PREFIX}_CATALOG", DEFAULT_CATALOG),
            extra_catalog_path=(
                Path(extra) if (extra := env.optional_str(f"{PREFIX}_EXTRA_CATALOG")) else None
            ),
            resolutions_path=env.path(f"{PREFIX}_RESOLUTIONS", DEFAULT_RESOLUTIONS),
            database_url=env.optional_str(f"{PREFIX}_DATABASE_URL"),
            limits=Limits(
                default_top_k=default_top_k,
                max_top_k=env.int(f"{PREFIX}_MAX_TOP_K", 20, minimum=default_top_k, maximum=100),
                max_lines=env.int(f"{PREFIX}_MAX_LINES", 1000, minimum=1, maximum=100_000),
            ),
            feedback_weight=env.float(f"{PREFIX}_FEEDBACK_WEIGHT", 3.0, minimum=0.1, maximum=100.0),
            history_weight=env.float(f"{PREFIX}_HISTORY_WEIGHT", 1.0, minimum=0.0, maximum=5.0),
            retrain_after_feedback=env.int(f"{PREFIX}_RETRAIN_AFTER_FEEDBACK", 25, minimum=0),
            max_stored_recommendations=env.int(
                f"{PREFIX}_MAX_STORED_RECOMMENDATIONS", 50_000, minimum=100, maximum=10_000_000
            ),
            keep_model_versions=env.int(f"{PREFIX}_KEEP_MODEL_VERSIONS", 5, minimum=2, maximum=1000),
        )


class RecommenderMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.recommendations = Counter(
            "action_recommendations_total",
            "Actions returned in recommendations, by catalog action id.",
            ["action"],
            registry=registry,
        )
        self.latency = Histogram(
            "action_recommendation_seconds",
            "Time to rank actions for one request (model, catalog restriction, storing the recommendation).",
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.feedback = Counter(
            "action_recommender_feedback_total",
            "Feedback records stored, by outcome.",
            ["outcome"],
            registry=registry,
        )
        self.retrains = Counter(
            "action_recommender_retrains_total",
            "Model retrains, by trigger and result.",
            ["trigger", "result"],
            registry=registry,
        )


class ActionRecommenderComponent:
    service_names: Sequence[str] = (
        action_recommender_pb2.DESCRIPTOR.services_by_name["ActionRecommenderService"].full_name,
    )

    def __init__(self, settings: ServerSettings, recommender: RecommenderSettings) -> None:
        self._settings = settings
        self._recommender = recommender
        self._servicer: ActionRecommenderServicer | None = None
        self._metrics: RecommenderMetrics | None = None
        self._outcomes: OutcomeStore | None = None
        self._background_retrain: asyncio.Task[None] | None = None
        self.engine: ActionEngine | None = None

    def register(self, server: grpc.aio.Server, registry: CollectorRegistry) -> None:
        self._metrics = RecommenderMetrics(registry)
        self._servicer = ActionRecommenderServicer(
            self._engine, self._metrics, self._recommender.limits, self._after_feedback
        )
        action_recommender_pb2_grpc.add_ActionRecommenderServiceServicer_to_server(self._servicer, server)

    def _engine(self) -> ActionEngine:
        if self.engine is None:
            raise RuntimeError("the action recommender is not loaded yet")
        return self.engine

    async def load(self) -> None:
        self.engine = await asyncio.to_thread(self._load_engine)

    def _load_engine(self) -> ActionEngine:
        settings = self._recommender
        paths = [settings.catalog_path]
        if settings.extra_catalog_path is not None:
            paths.append(settings.extra_catalog_path)
        catalog = build_catalog(read_yaml_documents(paths))
        data_dir = self._settings.data_dir
        if settings.database_url:
            outcomes = OutcomeStore(
                settings.database_url, max_recommendations=settings.max_stored_recommendations
            )
        else:
            outcomes = OutcomeStore.sqlite_in(
                data_dir, max_recommendations=settings.max_stored_recommendations
            )
        self._outcomes = outcomes
        engine = ActionEngine(
            catalog,
            outcomes,
            ModelStore(data_dir / "models"),
            EngineSettings(
                settings.resolutions_path,
                settings.feedback_weight,
                settings.history_weight,
                settings.keep_model_versions,
            ),
        )
        served = engine.load()
        logger.info(
            "action recommender ready",
            extra={
                "model_version": served.version,
                "catalog_actions": len(catalog),
                "catalog": [str(p) for p in paths],
            },
        )
        return engine

    def _after_feedback(self, pending: int) -> None:
        """Starts a background retrain once enough feedback has piled up (0 disables this)."""
        threshold = self._recommender.retrain_after_feedback
        if threshold <= 0 or pending < threshold or self.engine is None:
            return
        if self._background_retrain is not None and not self._background_retrain.done():
            return
        self._background_retrain = asyncio.get_running_loop().create_task(self._retrain_in_background())

    async def _retrain_in_background(self) -> None:
        assert self.engine is not None and self._metrics is not None
        try:
            await asyncio.to_thread(self.engine.retrain)
            self._metrics.retrains.labels("feedback", "ok").inc()
        except Exception:
            self._metrics.retrains.labels("feedback", "error").inc()
            logger.exception("background retrain failed; the previous model keeps serving")

    async def close(self) -> None:
        if self._background_retrain is not None:
            # A retrain runs in a thread and cannot be cancelled; let it publish, then close the store.
            await asyncio.wait({self._background_retrain}, timeout=60)
        if self._outcomes is not None:
            self._outcomes.close()


def build(env: Env) -> tuple[ActionRecommenderComponent, ServerSettings]:
    settings = ServerSettings.from_env(
        env, component=COMPONENT, default_port=DEFAULT_PORT, default_metrics_port=DEFAULT_METRICS_PORT
    )
    return ActionRecommenderComponent(settings, RecommenderSettings.from_env(env)), settings
