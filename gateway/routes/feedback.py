"""Operator feedback, forwarded to every component that learns from it."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp
from litestar import Controller, Request, post
from litestar.params import JSONBody

from gateway import schemas
from gateway.auth import requires
from gateway.clients import log_lines
from gateway.errors import BackendError
from gateway.limits import InvalidInput, normalize_logs
from gateway.routes.common import backends, metrics, request_id, runtime_config, settings
from gateway.stages import call_stage
from incidentmesh.actions.v1 import action_recommender_pb2 as actions_pb2
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2 as kb_pb2
from incidentmesh.rootcause.v1 import root_cause_pb2 as rootcause_pb2


class FeedbackController(Controller):
    tags = ["feedback"]

    @post(
        "/api/v1/feedback",
        operation_id="recordFeedback",
        guards=[requires("operator")],
        status_code=200,
        summary="Confirm or correct a root cause and say which action worked",
        description=(
            "The confirmed root cause goes to the predictor's training data, the action outcome to the "
            "recommender, and the resolved incident becomes a knowledge-base document. Each target's outcome "
            "is reported separately."
        ),
    )
    async def record(self, request: Request, data: JSONBody[schemas.FeedbackRequest]) -> dict[str, str]:
        return await forward_feedback(request, data)


async def forward_feedback(request: Request, data: schemas.FeedbackRequest) -> dict[str, str]:
    """Sends the operator's verdict to every learner; each target's outcome is reported separately."""
    if not data.root_cause.strip():
        raise InvalidInput("root_cause", "root_cause must name the confirmed root cause")
    lines = normalize_logs(data.logs, settings(request).limits, required=False)
    rid = request_id(request)
    config = runtime_config(request)
    targets = backends(request)
    calls = {
        "root_cause": lambda d: targets.root_cause.record_feedback(
            rootcause_pb2.RecordFeedbackRequest(
                prediction_id=data.prediction_id,
                confirmed_label=data.root_cause,
                lines=log_lines(lines, data.service),
            ),
            d,
            rid,
        ),
    }
    if data.action_id:
        calls["action_recommender"] = lambda d: targets.action_recommender.record_feedback(
            actions_pb2.RecordFeedbackRequest(
                recommendation_id=data.recommendation_id,
                root_cause=data.root_cause,
                action_id=data.action_id,
                succeeded=data.action_succeeded,
                service=data.service,
            ),
            d,
            rid,
        )
    if data.resolution or lines:
        calls["knowledge_base"] = lambda d: targets.knowledge_base.upsert(
            kb_pb2.UpsertDocumentRequest(document=_incident_document(data, lines)), d, rid
        )

    async def forward(stage: str, call) -> str:
        method = {"knowledge_base": "UpsertDocument"}.get(stage, "RecordFeedback")
        try:
            await call_stage(metrics(request), stage, method, call, getattr(config.deadlines, stage) / 1000)
        except BackendError as error:
            return f"failed: {error.public_detail}"
        return "recorded"

    results = await asyncio.gather(*(forward(stage, call) for stage, call in calls.items()))
    return dict(zip(calls, results, strict=True))


def _incident_document(data: schemas.FeedbackRequest, lines: list[str]) -> kb_pb2.Document:
    occurred = Timestamp()
    occurred.FromDatetime(datetime.now(UTC))
    return kb_pb2.Document(
        id=f"feedback-{uuid.uuid4().hex[:12]}",
        kind=kb_pb2.DOCUMENT_KIND_INCIDENT,
        title=data.title or f"{data.root_cause} in {data.service or 'unknown service'}",
        summary=data.title or data.root_cause,
        symptoms="\n".join(lines[-40:]),
        root_cause=data.root_cause,
        resolution=data.resolution or (f"action {data.action_id} resolved it" if data.action_id else ""),
        service=data.service,
        links=data.links,
        occurred_at=occurred,
        metadata={"source": "operator feedback"},
    )
