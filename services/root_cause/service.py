"""Hands the root-cause predictor to the shared kit: settings, servicer, load and close."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import grpc
from prometheus_client import CollectorRegistry

from incidentmesh.rootcause.v1 import root_cause_pb2, root_cause_pb2_grpc
from services.kit import Env, ServerSettings
from services.root_cause.metrics import RootCauseMetrics
from services.root_cause.predictor import PredictorSettings, RootCausePredictor
from services.root_cause.servicer import RootCauseServicer
from services.root_cause.storage import (
    DEFAULT_CODE_KEYWORDS_PATH,
    DEFAULT_CORPUS_PATH,
    DEFAULT_CUE_PHRASES_PATH,
    FeedbackStore,
    ModelStore,
    read_code_keywords,
    read_cue_phrases,
)

COMPONENT = "root-cause"
DEFAULT_PORT = 50052
DEFAULT_METRICS_PORT = 9102


@dataclass(frozen=True)
class RootCauseSettings:
    """Everything beyond the kit's server settings (all from ROOT_CAUSE_* variables)."""

    database_url: str
    database_schema: str | None
    corpus_path: Path
    code_keywords_path: Path
    cue_phrases_path: Path
    predictor: PredictorSettings


class RootCauseComponent:
    service_names: Sequence[str] = (root_cause_pb2.DESCRIPTOR.services_by_name["RootCauseService"].full_name,)

    def __init__(self, settings: ServerSettings, options: RootCauseSettings) -> None:
        self._settings = settings
        self._options = options
        self._feedback: FeedbackStore | None = None
        self.predictor: RootCausePredictor | None = None

    def register(self, server: grpc.aio.Server, registry: CollectorRegistry) -> None:
        servicer = RootCauseServicer(self._loaded_predictor, RootCauseMetrics(registry))
        root_cause_pb2_grpc.add_RootCauseServiceServicer_to_server(servicer, server)

    def _loaded_predictor(self) -> RootCausePredictor:
        if self.predictor is None:
            raise RuntimeError("predictor used before load() finished")
        return self.predictor

    async def load(self) -> None:
        # Training (when there is no usable artifact) takes seconds: keep it off the event loop
        # so health keeps answering NOT_SERVING meanwhile.
        self.predictor = await asyncio.to_thread(self._build_predictor)

    def _build_predictor(self) -> RootCausePredictor:
        options = self._options
        self._feedback = FeedbackStore(options.database_url, options.database_schema)
        predictor = RootCausePredictor(
            ModelStore(self._settings.data_dir / "models"),
            self._feedback,
            options.corpus_path,
            read_code_keywords(options.code_keywords_path),
            options.predictor,
            read_cue_phrases(options.cue_phrases_path),
        )
        predictor.load_or_train()
        return predictor

    async def close(self) -> None:
        if self._feedback is not None:
            self._feedback.close()


def build(env: Env) -> tuple[RootCauseComponent, ServerSettings]:
    settings = ServerSettings.from_env(
        env, component=COMPONENT, default_port=DEFAULT_PORT, default_metrics_port=DEFAULT_METRICS_PORT
    )
    predictor = PredictorSettings(
        max_lines=env.int("ROOT_CAUSE_MAX_LINES", 2000, minimum=1, maximum=100_000),
        default_top_k=env.int("ROOT_CAUSE_DEFAULT_TOP_K", 3, minimum=1, maximum=50),
        feedback_weight=env.float("ROOT_CAUSE_FEEDBACK_WEIGHT", 3.0, minimum=0.1, maximum=100.0),
        prediction_cache_size=env.int(
            "ROOT_CAUSE_PREDICTION_CACHE_SIZE", 10_000, minimum=0, maximum=1_000_000
        ),
        line_cache_size=env.int("ROOT_CAUSE_LINE_CACHE_SIZE", 10_000, minimum=0, maximum=1_000_000),
    )
    options = RootCauseSettings(
        database_url=env.str("ROOT_CAUSE_DATABASE_URL", f"sqlite:///{settings.data_dir / 'feedback.db'}"),
        database_schema=env.optional_str("ROOT_CAUSE_DATABASE_SCHEMA"),
        corpus_path=env.path("ROOT_CAUSE_CORPUS_PATH", DEFAULT_CORPUS_PATH),
        code_keywords_path=env.path("ROOT_CAUSE_CODE_KEYWORDS_FILE", DEFAULT_CODE_KEYWORDS_PATH),
        cue_phrases_path=env.path("ROOT_CAUSE_CUE_PHRASES_FILE", DEFAULT_CUE_PHRASES_PATH),
        predictor=predictor,
    )
    return RootCauseComponent(settings, options), settings
