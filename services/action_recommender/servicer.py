"""gRPC <-> domain translation for the action-recommender; validation and limits, no domain logic."""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from incidentmesh.actions.v1 import action_recommender_pb2 as pb
from incidentmesh.actions.v1 import action_recommender_pb2_grpc
from incidentmesh.common.v1 import common_pb2
from services.action_recommender.catalog import ID_PATTERN, Action
from services.action_recommender.engine import ActionEngine, ServedModel, UnknownActionError
from services.action_recommender.features import IncidentFeatures
from services.kit.artifacts import ArtifactError

if TYPE_CHECKING:
    from services.action_recommender.service import RecommenderMetrics

RISK_TIERS = {"low": pb.RISK_TIER_LOW, "medium": pb.RISK_TIER_MEDIUM, "high": pb.RISK_TIER_HIGH}
MAX_LINE_CHARS = 2000
MAX_TEMPLATES = 200
MAX_CONTEXT_ENTRIES = 32
MAX_CONTEXT_KEY_CHARS = 64
MAX_CONTEXT_VALUE_CHARS = 256
MAX_SERVICE_CHARS = 128
MAX_ID_CHARS = 64
MAX_NOTE_CHARS = 4000
LOW_CONFIDENCE = 0.5
_CONTEXT_KEY = re.compile(r"^[A-Za-z0-9_.\-]+$")


@dataclass(frozen=True)
class Limits:
    default_top_k: int = 3
    max_top_k: int = 20
    max_lines: int = 1000


class ActionRecommenderServicer(action_recommender_pb2_grpc.ActionRecommenderServiceServicer):
    def __init__(
        self,
        engine: Callable[[], ActionEngine],
        metrics: RecommenderMetrics,
        limits: Limits,
        after_feedback: Callable[[int], None] = lambda pending: None,
    ) -> None:
        self._engine = engine
        self._metrics = metrics
        self._limits = limits
        self._after_feedback = after_feedback

    async def RecommendActions(self, request: pb.RecommendActionsRequest, context: grpc.aio.ServicerContext):
        root_cause = await _root_cause(request.root_cause, context)
        confidence = request.root_cause_confidence
        if math.isnan(confidence) or not 0.0 <= confidence <= 1.0:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                "root_cause_confidence must be between 0 and 1 (0 = not given)",
            )
        top_k = request.top_k or self._limits.default_top_k
        if not 1 <= top_k <= self._limits.max_top_k:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                f"top_k must be between 1 and {self._limits.max_top_k} "
                f"(0 = default {self._limits.default_top_k})",
            )
        if len(request.service) > MAX_SERVICE_CHARS:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT, f"service must be at most {MAX_SERVICE_CHARS} chars"
            )
        await _check_context(request.context, context)
        notes = []
        lines = [line.text[:MAX_LINE_CHARS] for line in request.lines]
        if len(lines) > self._limits.max_lines:
            notes.append(f"used the last {self._limits.max_lines} of {len(lines)} lines")
            lines = lines[-self._limits.max_lines :]
        templates = [template[:MAX_LINE_CHARS] for template in request.key_templates]
        if len(templates) > MAX_TEMPLATES:
            notes.append(f"used the first {MAX_TEMPLATES} of {len(templates)} key_templates")
            templates = templates[:MAX_TEMPLATES]
        if 0.0 < confidence < LOW_CONFIDENCE:
            notes.append(
                f"root cause confidence {confidence:.2f} is low: confirm the root cause before "
                "running anything that needs approval"
            )
        # Callers that tag lines but not the request still name the service.
        service = request.service.strip() or next((ln.service for ln in request.lines if ln.service), "")
        features = IncidentFeatures(
            root_cause=root_cause,
            service=service,
            lines=tuple(lines),
            key_templates=tuple(templates),
            context=dict(request.context),
        )
        started = time.perf_counter()
        result = await asyncio.to_thread(self._engine().recommend, features, top_k, notes)
        self._metrics.latency.observe(time.perf_counter() - started)
        placeholders = {**dict(request.context), **({"service": service} if service else {})}
        for recommendation in result.recommendations:
            self._metrics.recommendations.labels(recommendation.action.id).inc()
        return pb.RecommendActionsResponse(
            recommendation_id=result.recommendation_id,
            model_version=result.model_version,
            notes=result.notes,
            actions=[
                pb.RecommendedAction(
                    action=action_message(r.action, placeholders),
                    probability=r.probability,
                    rationale=r.rationale,
                    historical_success_rate=r.history.rate,
                    historical_outcomes=r.history.attempts,
                )
                for r in result.recommendations
            ],
        )

    async def RecordFeedback(self, request: pb.RecordFeedbackRequest, context: grpc.aio.ServicerContext):
        root_cause = await _root_cause(request.root_cause, context)
        action_id = request.action_id.strip()
        if not action_id:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "action_id must not be empty")
        engine = self._engine()
        if action_id not in engine.catalog:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT, f"action_id {action_id!r} is not in the catalog"
            )
        if len(request.recommendation_id) > MAX_ID_CHARS:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT, f"recommendation_id must be at most {MAX_ID_CHARS} chars"
            )
        if len(request.service) > MAX_SERVICE_CHARS:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT, f"service must be at most {MAX_SERVICE_CHARS} chars"
            )
        if len(request.note) > MAX_NOTE_CHARS:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT, f"note must be at most {MAX_NOTE_CHARS} chars"
            )
        try:
            feedback_id, pending = await asyncio.to_thread(
                engine.record_feedback,
                recommendation_id=request.recommendation_id.strip(),
                root_cause=root_cause,
                action_id=action_id,
                succeeded=request.succeeded,
                service=request.service.strip(),
                note=request.note,
            )
        except UnknownActionError as error:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(error))
        self._metrics.feedback.labels("succeeded" if request.succeeded else "failed").inc()
        self._after_feedback(pending)
        return pb.RecordFeedbackResponse(feedback_id=feedback_id, pending_feedback_count=pending)

    async def ListActions(self, request: pb.ListActionsRequest, context: grpc.aio.ServicerContext):
        root_cause = request.root_cause.strip().lower()
        if root_cause and not ID_PATTERN.match(root_cause):
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "root_cause must be lower_snake_case")
        return pb.ListActionsResponse(
            actions=[action_message(a, {}) for a in self._engine().actions(root_cause)]
        )

    async def Retrain(self, request: pb.RetrainRequest, context: grpc.aio.ServicerContext):
        try:
            served, previous = await asyncio.to_thread(self._engine().retrain)
        except Exception:
            self._metrics.retrains.labels("rpc", "error").inc()
            raise
        self._metrics.retrains.labels("rpc", "ok").inc()
        return pb.RetrainResponse(model=model_info(served), previous_version=previous)

    async def Rollback(self, request: pb.RollbackRequest, context: grpc.aio.ServicerContext):
        try:
            served, rolled_back_from = await asyncio.to_thread(self._engine().rollback)
        except ArtifactError as error:
            await context.abort(grpc.StatusCode.FAILED_PRECONDITION, f"cannot roll back: {error}")
        return pb.RollbackResponse(model=model_info(served), rolled_back_from=rolled_back_from)

    async def GetModelInfo(self, request: common_pb2.GetModelInfoRequest, context: grpc.aio.ServicerContext):
        return model_info(self._engine().served)


async def _root_cause(raw: str, context: grpc.aio.ServicerContext) -> str:
    root_cause = raw.strip().lower()
    if not root_cause:
        await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "root_cause must not be empty")
    if not ID_PATTERN.match(root_cause):
        await context.abort(
            grpc.StatusCode.INVALID_ARGUMENT,
            "root_cause must be lower_snake_case (letters, digits, underscores; at most 64 chars)",
        )
    return root_cause


async def _check_context(entries: Any, context: grpc.aio.ServicerContext) -> None:
    if len(entries) > MAX_CONTEXT_ENTRIES:
        await context.abort(
            grpc.StatusCode.INVALID_ARGUMENT, f"context must have at most {MAX_CONTEXT_ENTRIES} entries"
        )
    for key, value in entries.items():
        if len(key) > MAX_CONTEXT_KEY_CHARS or not _CONTEXT_KEY.match(key):
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                f"context key {key[:MAX_CONTEXT_KEY_CHARS]!r} must be 1-{MAX_CONTEXT_KEY_CHARS} "
                "chars of [A-Za-z0-9_.-]",
            )
        if len(value) > MAX_CONTEXT_VALUE_CHARS:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                f"context[{key!r}] must be at most {MAX_CONTEXT_VALUE_CHARS} chars",
            )


def action_message(action: Action, placeholders: dict[str, str]) -> pb.Action:
    return pb.Action(
        id=action.id,
        title=action.title,
        steps=action.rendered_steps(placeholders),
        risk_tier=RISK_TIERS[action.risk],
        requires_approval=action.requires_approval,
        preconditions=action.preconditions,
        root_causes=action.root_causes,
    )


def model_info(served: ServedModel) -> common_pb2.ModelInfo:
    metadata = served.metadata
    trained_at = Timestamp()
    if "trained_at" in metadata:
        trained_at.FromDatetime(datetime.fromisoformat(metadata["trained_at"]))
    return common_pb2.ModelInfo(
        version=served.version,
        trained_at=trained_at,
        data_hash=str(metadata.get("data_hash", "")),
        metrics={k: float(v) for k, v in metadata.get("metrics", {}).items()},
        parameters={k: str(v) for k, v in metadata.get("parameters", {}).items()},
        library_versions={k: str(v) for k, v in metadata.get("library_versions", {}).items()},
        labels=list(metadata.get("labels", [])),
    )
